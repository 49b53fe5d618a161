import { Arg, Args, Ctx, FieldResolver, Float, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { createCrudResolver } from '../crud/crud.resolver';
import type { Context } from '../context';
import { GridWorker } from '../grid-worker/grid-worker.entity';
import { PartyUnit } from '../party-unit/party-unit.entity';
import { Village } from '../village/village.entity';
import { Grid } from './grid.entity';
import {
  CreateGridArgs,
  CreateGridFromGapArgs,
  ExtendGridOverGapArgs,
  GridFilter,
  MergeGridsArgs,
  SplitGridArgs,
  UpdateGridArgs,
  UpdateGridBoundaryArgs,
} from './grid.inputs';

@Resolver(() => Grid)
export class GridResolver extends createCrudResolver({
  type: Grid,
  name: 'Grid',
  plural: 'Grids',
  filter: GridFilter,
  createArgs: CreateGridArgs,
  updateArgs: UpdateGridArgs,
  service: (ctx) => ctx.services.grid,
  geometryTable: 'grid',
}) {
  @Query(() => [Grid], {
    description: 'The grids containing a point (boundary included), smallest first: "which grid is this address in".',
  })
  gridAt(
    @Arg('lng', () => Float) lng: number,
    @Arg('lat', () => Float) lat: number,
    @Ctx() ctx: Context,
  ): Promise<Grid[]> {
    return ctx.services.grid.at(lng, lat);
  }

  @Mutation(() => [Grid], {
    description:
      'A new boundary; sibling grids sharing the moved edges follow (no gap or overlap opens). Returns every grid changed.',
  })
  async updateGridBoundary(
    @Args(() => UpdateGridBoundaryArgs) args: UpdateGridBoundaryArgs,
    @Ctx() ctx: Context,
  ): Promise<Grid[]> {
    const grids = await ctx.services.grid.updateBoundary(args);
    ctx.loaders.clear();
    return grids;
  }

  @Mutation(() => [Grid], { description: 'Cuts a grid in two along a line; returns [the original, the new one].' })
  async splitGrid(@Args(() => SplitGridArgs) args: SplitGridArgs, @Ctx() ctx: Context): Promise<Grid[]> {
    const grids = await ctx.services.grid.split(args);
    ctx.loaders.clear();
    return grids;
  }

  @Mutation(() => Grid, { description: 'Merges touching grids of one unit into the first.' })
  async mergeGrids(@Args(() => MergeGridsArgs) args: MergeGridsArgs, @Ctx() ctx: Context): Promise<Grid> {
    const grid = await ctx.services.grid.merge(args);
    ctx.loaders.clear();
    return grid;
  }

  @Mutation(() => Grid, { description: 'A new grid covering exactly the uncovered piece of land at a point.' })
  async createGridFromGap(
    @Args(() => CreateGridFromGapArgs) args: CreateGridFromGapArgs,
    @Ctx() ctx: Context,
  ): Promise<Grid> {
    const grid = await ctx.services.grid.createFromGap(args);
    ctx.loaders.clear();
    return grid;
  }

  @Mutation(() => Grid, { description: 'Extends a grid over the uncovered piece of land next to it.' })
  async extendGridOverGap(
    @Args(() => ExtendGridOverGapArgs) args: ExtendGridOverGapArgs,
    @Ctx() ctx: Context,
  ): Promise<Grid> {
    const grid = await ctx.services.grid.extendOverGap(args);
    ctx.loaders.clear();
    return grid;
  }

  @FieldResolver(() => ID)
  villageId(@Root() grid: Grid): string {
    return String(grid.village.id);
  }

  @FieldResolver(() => Village)
  async village(@Root() grid: Grid, @Ctx() ctx: Context): Promise<Village> {
    return (await ctx.loaders.entity(Village, grid.village.id))!;
  }

  @FieldResolver(() => [GridWorker], { description: 'Its grid workers (网格员).' })
  workers(@Root() grid: Grid, @Ctx() ctx: Context): Promise<GridWorker[]> {
    return ctx.loaders.linked(GridWorker, 'grid_worker_grids', 'grid_id', 'grid_worker_id', grid.id);
  }

  @FieldResolver(() => ID, { nullable: true, description: '网格长: the id of the worker who leads the grid.' })
  leaderId(@Root() grid: Grid): string | null {
    return grid.leader ? String(grid.leader.id) : null;
  }

  @FieldResolver(() => GridWorker, {
    nullable: true,
    description: '网格长: the worker who leads the grid (one of its workers).',
  })
  async leader(@Root() grid: Grid, @Ctx() ctx: Context): Promise<GridWorker | null> {
    return grid.leader ? ctx.loaders.entity(GridWorker, grid.leader.id) : null;
  }

  @FieldResolver(() => [ID])
  async workerIds(@Root() grid: Grid, @Ctx() ctx: Context): Promise<string[]> {
    return (await this.workers(grid, ctx)).map((w) => String(w.id));
  }

  @FieldResolver(() => PartyUnit, {
    nullable: true,
    description: 'The party unit built on this grid (the highest level when several).',
  })
  async partyUnit(@Root() grid: Grid, @Ctx() ctx: Context): Promise<PartyUnit | null> {
    const units = await ctx.loaders.children(PartyUnit, 'grid', grid.id);
    const rank = { COMMITTEE: 0, GENERAL_BRANCH: 1, BRANCH: 2, GROUP: 3 } as const;
    return [...units].sort((a, b) => rank[a.level] - rank[b.level] || a.id - b.id)[0] ?? null;
  }

  @FieldResolver(() => [PartyUnit], { description: 'Every party unit built on this grid.' })
  partyUnits(@Root() grid: Grid, @Ctx() ctx: Context): Promise<PartyUnit[]> {
    return ctx.loaders.children(PartyUnit, 'grid', grid.id);
  }
}

/** Village.grids: the child adds its list to the parent. */
@Resolver(() => Village)
export class VillageGridsResolver {
  @FieldResolver(() => [Grid], { description: 'Its grids.' })
  grids(@Root() village: Village, @Ctx() ctx: Context): Promise<Grid[]> {
    return ctx.loaders.children(Grid, 'village', village.id, 'code');
  }
}
