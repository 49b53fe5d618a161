import { Entity, Enum, Index, ManyToOne, Property } from '@mikro-orm/core';
import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { VersionedRecord } from '../common/base.entity';
import type { Geometry } from '../common/geojson';
import { MultiPolygonType } from '../common/geometry.type';
import { Township } from '../township/township.entity';

export enum VillageKind {
  VILLAGE = 'VILLAGE',
  COMMUNITY = 'COMMUNITY',
}
registerEnumType(VillageKind, {
  name: 'VillageKind',
  valuesConfig: {
    VILLAGE: { description: '村 village (村委会)' },
    COMMUNITY: { description: '社区 community (社区/居委会; farm living areas 生活区 too)' },
  },
});

@ObjectType({ description: '村级单位: a village or an urban community, divided into grids.' })
@Entity({ tableName: 'village' })
@Index({ name: 'village_geom_gist', properties: ['geometry'], type: 'gist' })
export class Village extends VersionedRecord {
  @Field(() => String, { description: '12-digit division code.' })
  @Property({ type: 'string', length: 12, unique: 'village_code_unique' })
  code!: string;

  @Field(() => String)
  @Property({ type: 'string', length: 200 })
  name!: string;

  @Field(() => VillageKind)
  @Enum({ items: () => VillageKind, type: 'string', length: 16 })
  kind: VillageKind = VillageKind.VILLAGE;

  @ManyToOne(() => Township, { deleteRule: 'restrict', index: 'village_township_idx' })
  township!: Township;

  @Field(() => Int, { nullable: true, description: '户数' })
  @Property({ type: 'integer', nullable: true })
  households?: number | null;

  @Field(() => Int, { nullable: true, description: '人口' })
  @Property({ type: 'integer', nullable: true })
  population?: number | null;

  @Field(() => Int, {
    nullable: true,
    description: '村民小组 count (villages): the rule is one grid per villager group.',
  })
  @Property({ type: 'integer', nullable: true })
  villagerGroups?: number | null;

  @Property({ type: MultiPolygonType, fieldName: 'geom', lazy: true, nullable: true, ignoreSchemaChanges: ['type'] })
  geometry?: Geometry | null;
}
