import { Ctx, FieldResolver, ID, Resolver, Root } from 'type-graphql';
import { createCrudResolver } from '../crud/crud.resolver';
import type { Context } from '../context';
import { Grid } from '../grid/grid.entity';
import { PartyUnit } from '../party-unit/party-unit.entity';
import { Township } from '../township/township.entity';
import { Village } from './village.entity';
import { CreateVillageArgs, UpdateVillageArgs, VillageFilter } from './village.inputs';

@Resolver(() => Village)
export class VillageResolver extends createCrudResolver({
  type: Village,
  name: 'Village',
  plural: 'Villages',
  filter: VillageFilter,
  createArgs: CreateVillageArgs,
  updateArgs: UpdateVillageArgs,
  service: (ctx) => ctx.services.village,
  geometryTable: 'village',
}) {
  @FieldResolver(() => ID)
  townshipId(@Root() village: Village): string {
    return String(village.township.id);
  }

  @FieldResolver(() => Township)
  async township(@Root() village: Village, @Ctx() ctx: Context): Promise<Township> {
    return (await ctx.loaders.entity(Township, village.township.id))!;
  }

  @FieldResolver(() => [Grid], { description: 'Its grids.' })
  grids(@Root() village: Village, @Ctx() ctx: Context): Promise<Grid[]> {
    return ctx.loaders.children(Grid, 'village', village.id, 'code');
  }

  @FieldResolver(() => [PartyUnit], { description: 'Party units built on the village or community itself.' })
  partyUnits(@Root() village: Village, @Ctx() ctx: Context): Promise<PartyUnit[]> {
    return ctx.loaders.children(PartyUnit, 'village', village.id);
  }
}
