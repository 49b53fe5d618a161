import { Entity, Enum, Index, ManyToOne, Property } from '@mikro-orm/core';
import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { VersionedRecord } from '../common/base.entity';
import type { Geometry } from '../common/geojson';
import { MultiPolygonType } from '../common/geometry.type';
import { County } from '../county/county.entity';

export enum TownshipKind {
  TOWN = 'TOWN',
  TOWNSHIP = 'TOWNSHIP',
  STREET = 'STREET',
  OTHER = 'OTHER',
}
registerEnumType(TownshipKind, {
  name: 'TownshipKind',
  valuesConfig: {
    TOWN: { description: '镇 town' },
    TOWNSHIP: { description: '乡 township' },
    STREET: { description: '街道 street (sub-district)' },
    OTHER: { description: '其他 (farms, development zones)' },
  },
});

@ObjectType({ description: '乡镇/街道: a town, township or street office.' })
@Entity({ tableName: 'township' })
@Index({ name: 'township_geom_gist', properties: ['geometry'], type: 'gist' })
export class Township extends VersionedRecord {
  @Field(() => String, { description: '9-digit division code.' })
  @Property({ type: 'string', length: 12, unique: 'township_code_unique' })
  code!: string;

  @Field(() => String)
  @Property({ type: 'string', length: 200 })
  name!: string;

  @Field(() => TownshipKind)
  @Enum({ items: () => TownshipKind, type: 'string', length: 16 })
  kind: TownshipKind = TownshipKind.TOWN;

  @ManyToOne(() => County, { deleteRule: 'restrict', index: 'township_county_idx' })
  county!: County;

  @Property({ type: MultiPolygonType, fieldName: 'geom', lazy: true, nullable: true, ignoreSchemaChanges: ['type'] })
  geometry?: Geometry | null;
}
