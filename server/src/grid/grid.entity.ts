import { Collection, Entity, Enum, Index, ManyToMany, ManyToOne, Property } from '@mikro-orm/core';
import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { VersionedRecord } from '../common/base.entity';
import type { Geometry } from '../common/geojson';
import { MultiPolygonType } from '../common/geometry.type';
import { GridWorker } from '../grid-worker/grid-worker.entity';
import { Village } from '../village/village.entity';

export enum GridKind {
  VILLAGER_GROUP = 'VILLAGER_GROUP',
  RESIDENTIAL_COMPOUND = 'RESIDENTIAL_COMPOUND',
  BUILDING = 'BUILDING',
  COMMERCIAL = 'COMMERCIAL',
  NATURAL_VILLAGE = 'NATURAL_VILLAGE',
  OTHER = 'OTHER',
}
registerEnumType(GridKind, {
  name: 'GridKind',
  valuesConfig: {
    VILLAGER_GROUP: { description: '村民小组 villager group' },
    RESIDENTIAL_COMPOUND: { description: '小区 residential compound' },
    BUILDING: { description: '楼栋 building' },
    COMMERCIAL: { description: '商贸楼宇 commercial building' },
    NATURAL_VILLAGE: { description: '自然村 natural village' },
    OTHER: { description: '其他 other' },
  },
});

@ObjectType({ description: '网格: a grid, the smallest unit of the net, staffed by grid workers.' })
@Entity({ tableName: 'grid' })
@Index({ name: 'grid_geom_gist', properties: ['geometry'], type: 'gist' })
export class Grid extends VersionedRecord {
  @Field(() => String, { nullable: true })
  @Property({ type: 'string', length: 32, nullable: true, unique: 'grid_code_unique' })
  code?: string | null;

  @Field(() => String)
  @Property({ type: 'string', length: 200 })
  name!: string;

  @Field(() => GridKind)
  @Enum({ items: () => GridKind, type: 'string', length: 32 })
  kind: GridKind = GridKind.OTHER;

  @ManyToOne(() => Village, { deleteRule: 'restrict', index: 'grid_village_idx' })
  village!: Village;

  @Field(() => Int, { nullable: true, description: '户数' })
  @Property({ type: 'integer', nullable: true })
  households?: number | null;

  @Field(() => Int, { nullable: true, description: '人口' })
  @Property({ type: 'integer', nullable: true })
  population?: number | null;

  @Property({ type: MultiPolygonType, fieldName: 'geom', lazy: true, ignoreSchemaChanges: ['type'] })
  geometry!: Geometry;

  @ManyToMany(() => GridWorker, (worker) => worker.grids)
  workers = new Collection<GridWorker>(this);

  /** 网格长: one of the grid's workers (the service keeps it so). */
  @ManyToOne(() => GridWorker, { nullable: true, deleteRule: 'set null', index: 'grid_leader_idx' })
  leader?: GridWorker | null;
}
