import { Collection, Entity, Enum, ManyToMany, Property } from '@mikro-orm/core';
import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { VersionedRecord } from '../common/base.entity';
import { Grid } from '../grid/grid.entity';

export enum Employment {
  FULL_TIME = 'FULL_TIME',
  PART_TIME = 'PART_TIME',
}
registerEnumType(Employment, {
  name: 'Employment',
  valuesConfig: { FULL_TIME: { description: '专职 full-time' }, PART_TIME: { description: '兼职 part-time' } },
});

export enum WorkerSource {
  SENT_DOWN_CADRE = 'SENT_DOWN_CADRE',
  SPECIAL_RECRUITMENT = 'SPECIAL_RECRUITMENT',
  PUBLIC_POST = 'PUBLIC_POST',
  OTHER = 'OTHER',
}
registerEnumType(WorkerSource, {
  name: 'WorkerSource',
  valuesConfig: {
    SENT_DOWN_CADRE: { description: '下派干部 cadre sent down' },
    SPECIAL_RECRUITMENT: { description: '专项招聘 special recruitment' },
    PUBLIC_POST: { description: '公岗补充 public-welfare post' },
    OTHER: { description: '其他 other' },
  },
});

@ObjectType({ description: '网格员: a grid worker, assigned to one or more grids.' })
@Entity({ tableName: 'grid_worker' })
export class GridWorker extends VersionedRecord {
  @Field(() => String)
  @Property({ type: 'string', length: 100 })
  name!: string;

  @Field(() => String, { nullable: true })
  @Property({ type: 'string', length: 32, nullable: true })
  phone?: string | null;

  @Field(() => Employment)
  @Enum({ items: () => Employment, type: 'string', length: 16 })
  employment: Employment = Employment.PART_TIME;

  @Field(() => WorkerSource)
  @Enum({ items: () => WorkerSource, type: 'string', length: 32 })
  source: WorkerSource = WorkerSource.OTHER;

  @Field(() => Boolean, { description: 'An inactive worker no longer staffs a grid.' })
  @Property({ type: 'boolean' })
  active: boolean = true;

  @ManyToMany(() => Grid, (grid) => grid.workers, {
    owner: true,
    pivotTable: 'grid_worker_grids',
    joinColumn: 'grid_worker_id',
    inverseJoinColumn: 'grid_id',
  })
  grids = new Collection<Grid>(this);
}
