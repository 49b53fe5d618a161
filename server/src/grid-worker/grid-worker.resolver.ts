import { Ctx, FieldResolver, ID, Resolver, Root } from 'type-graphql';
import { createCrudResolver } from '../crud/crud.resolver';
import type { Context } from '../context';
import { Grid } from '../grid/grid.entity';
import { GridWorker } from './grid-worker.entity';
import { CreateGridWorkerArgs, GridWorkerFilter, UpdateGridWorkerArgs } from './grid-worker.inputs';

@Resolver(() => GridWorker)
export class GridWorkerResolver extends createCrudResolver({
  type: GridWorker,
  name: 'GridWorker',
  plural: 'GridWorkers',
  filter: GridWorkerFilter,
  createArgs: CreateGridWorkerArgs,
  updateArgs: UpdateGridWorkerArgs,
  service: (ctx) => ctx.services.gridWorker,
}) {
  @FieldResolver(() => [Grid], { description: 'The grids the worker is assigned to.' })
  grids(@Root() worker: GridWorker, @Ctx() ctx: Context): Promise<Grid[]> {
    return ctx.loaders.linked(Grid, 'grid_worker_grids', 'grid_worker_id', 'grid_id', worker.id);
  }

  @FieldResolver(() => [ID])
  async gridIds(@Root() worker: GridWorker, @Ctx() ctx: Context): Promise<string[]> {
    return (await this.grids(worker, ctx)).map((g) => String(g.id));
  }
}
