import { Ctx, FieldResolver, ID, Resolver, Root } from 'type-graphql';
import { createCrudResolver } from '../crud/crud.resolver';
import type { Context } from '../context';
import { County } from '../county/county.entity';
import { Village } from '../village/village.entity';
import { Township } from './township.entity';
import { CreateTownshipArgs, TownshipFilter, UpdateTownshipArgs } from './township.inputs';

@Resolver(() => Township)
export class TownshipResolver extends createCrudResolver({
  type: Township,
  name: 'Township',
  plural: 'Townships',
  filter: TownshipFilter,
  createArgs: CreateTownshipArgs,
  updateArgs: UpdateTownshipArgs,
  service: (ctx) => ctx.services.township,
  geometryTable: 'township',
}) {
  @FieldResolver(() => ID)
  countyId(@Root() township: Township): string {
    return String(township.county.id);
  }

  @FieldResolver(() => County)
  async county(@Root() township: Township, @Ctx() ctx: Context): Promise<County> {
    return (await ctx.loaders.entity(County, township.county.id))!;
  }

  @FieldResolver(() => [Village], { description: 'Its villages and communities.' })
  villages(@Root() township: Township, @Ctx() ctx: Context): Promise<Village[]> {
    return ctx.loaders.children(Village, 'township', township.id, 'code');
  }
}
