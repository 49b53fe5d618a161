import { Entity, Index, Property } from '@mikro-orm/core';
import { Field, ObjectType } from 'type-graphql';
import { VersionedRecord } from '../common/base.entity';
import type { Geometry } from '../common/geojson';
import { MultiPolygonType } from '../common/geometry.type';

@ObjectType({ description: '县区: a county or district of Wuzhong (e.g. 640302 利通区).' })
@Entity({ tableName: 'county' })
@Index({ name: 'county_geom_gist', properties: ['geometry'], type: 'gist' })
export class County extends VersionedRecord {
  @Field(() => String, { description: '6-digit division code.' })
  @Property({ type: 'string', length: 12, unique: 'county_code_unique' })
  code!: string;

  @Field(() => String)
  @Property({ type: 'string', length: 200 })
  name!: string;

  @Property({ type: MultiPolygonType, fieldName: 'geom', lazy: true, nullable: true, ignoreSchemaChanges: ['type'] })
  geometry?: Geometry | null;
}
