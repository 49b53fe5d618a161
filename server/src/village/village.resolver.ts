import { Ctx, FieldResolver, ID, Resolver, Root } from 'type-graphql';
import { createCrudResolver } from '../crud/crud.resolver';
import type { Context } from '../context';
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
}

/** Township.villages: the child adds its list to the parent. */
@Resolver(() => Township)
export class TownshipVillagesResolver {
  @FieldResolver(() => [Village], { description: 'Its villages and communities.' })
  villages(@Root() township: Township, @Ctx() ctx: Context): Promise<Village[]> {
    return ctx.loaders.children(Village, 'township', township.id, 'code');
  }
}
