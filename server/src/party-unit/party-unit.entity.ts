import { Entity, Enum, ManyToOne, Property } from '@mikro-orm/core';
import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { VersionedRecord } from '../common/base.entity';
import { Grid } from '../grid/grid.entity';
import { Village } from '../village/village.entity';

export enum PartyUnitLevel {
  COMMITTEE = 'COMMITTEE',
  GENERAL_BRANCH = 'GENERAL_BRANCH',
  BRANCH = 'BRANCH',
  GROUP = 'GROUP',
}
registerEnumType(PartyUnitLevel, {
  name: 'PartyUnitLevel',
  valuesConfig: {
    COMMITTEE: { description: '党委 party committee' },
    GENERAL_BRANCH: { description: '党总支 general party branch' },
    BRANCH: { description: '党支部 party branch' },
    GROUP: { description: '党小组 party group' },
  },
});

export enum PartyUnitKind {
  VILLAGE = 'VILLAGE',
  COMMUNITY = 'COMMUNITY',
  GRID = 'GRID',
  BUILDING = 'BUILDING',
  NATURAL_VILLAGE = 'NATURAL_VILLAGE',
  INDUSTRY = 'INDUSTRY',
  AGENCY = 'AGENCY',
}
registerEnumType(PartyUnitKind, {
  name: 'PartyUnitKind',
  valuesConfig: {
    VILLAGE: { description: '村党组织 village' },
    COMMUNITY: { description: '社区党组织 community' },
    GRID: { description: '网格党组织 grid' },
    BUILDING: { description: '楼栋党小组 building' },
    NATURAL_VILLAGE: { description: '自然村党小组 natural village' },
    INDUSTRY: { description: '产业党组织 industry' },
    AGENCY: { description: '机关单位党组织 agency or enterprise' },
  },
});

@ObjectType({ description: '党组织: a party organisation, in a tree (community → grid branch → building group).' })
@Entity({ tableName: 'party_unit' })
export class PartyUnit extends VersionedRecord {
  @Field(() => String)
  @Property({ type: 'string', length: 200 })
  name!: string;

  @Field(() => PartyUnitLevel)
  @Enum({ items: () => PartyUnitLevel, type: 'string', length: 16 })
  level: PartyUnitLevel = PartyUnitLevel.BRANCH;

  @Field(() => PartyUnitKind)
  @Enum({ items: () => PartyUnitKind, type: 'string', length: 16 })
  kind: PartyUnitKind = PartyUnitKind.VILLAGE;

  @ManyToOne(() => PartyUnit, { nullable: true, deleteRule: 'restrict', index: 'party_unit_parent_idx' })
  parent?: PartyUnit | null;

  @ManyToOne(() => Village, { nullable: true, deleteRule: 'restrict', index: 'party_unit_village_idx' })
  village?: Village | null;

  @ManyToOne(() => Grid, { nullable: true, deleteRule: 'set null', index: 'party_unit_grid_idx' })
  grid?: Grid | null;

  @Field(() => Int, { nullable: true, description: 'Party members.' })
  @Property({ type: 'integer', nullable: true })
  members?: number | null;
}
