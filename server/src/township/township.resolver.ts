import { Ctx, FieldResolver, ID, Resolver, Root } from 'type-graphql';
import { createCrudResolver } from '../crud/crud.resolver';
import type { Context } from '../context';
import { County } from '../county/county.entity';
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
}

/** County.townships: the child adds its list to the parent. */
@Resolver(() => County)
export class CountyTownshipsResolver {
  @FieldResolver(() => [Township], { description: 'Its townships and streets.' })
  townships(@Root() county: County, @Ctx() ctx: Context): Promise<Township[]> {
    return ctx.loaders.children(Township, 'county', county.id, 'code');
  }
}
