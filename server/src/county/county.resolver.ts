import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { createCrudResolver } from '../crud/crud.resolver';
import type { Context } from '../context';
import { Township } from '../township/township.entity';
import { County } from './county.entity';
import { CountyFilter, CreateCountyArgs, UpdateCountyArgs } from './county.inputs';

@Resolver(() => County)
export class CountyResolver extends createCrudResolver({
  type: County,
  name: 'County',
  plural: 'Counties',
  filter: CountyFilter,
  createArgs: CreateCountyArgs,
  updateArgs: UpdateCountyArgs,
  service: (ctx) => ctx.services.county,
  geometryTable: 'county',
}) {
  @FieldResolver(() => [Township], { description: 'Its townships and streets.' })
  townships(@Root() county: County, @Ctx() ctx: Context): Promise<Township[]> {
    return ctx.loaders.children(Township, 'county', county.id, 'code');
  }
}
