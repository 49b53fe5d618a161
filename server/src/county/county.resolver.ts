import { Resolver } from 'type-graphql';
import { createCrudResolver } from '../crud/crud.resolver';
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
}) {}
