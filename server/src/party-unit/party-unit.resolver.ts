import { Ctx, FieldResolver, ID, Resolver, Root } from 'type-graphql';
import { createCrudResolver } from '../crud/crud.resolver';
import type { Context } from '../context';
import { Grid } from '../grid/grid.entity';
import { Village } from '../village/village.entity';
import { PartyUnit } from './party-unit.entity';
import { CreatePartyUnitArgs, PartyUnitFilter, UpdatePartyUnitArgs } from './party-unit.inputs';

@Resolver(() => PartyUnit)
export class PartyUnitResolver extends createCrudResolver({
  type: PartyUnit,
  name: 'PartyUnit',
  plural: 'PartyUnits',
  filter: PartyUnitFilter,
  createArgs: CreatePartyUnitArgs,
  updateArgs: UpdatePartyUnitArgs,
  service: (ctx) => ctx.services.partyUnit,
}) {
  @FieldResolver(() => ID, { nullable: true })
  parentId(@Root() unit: PartyUnit): string | null {
    return unit.parent ? String(unit.parent.id) : null;
  }

  @FieldResolver(() => PartyUnit, { nullable: true })
  parent(@Root() unit: PartyUnit, @Ctx() ctx: Context): Promise<PartyUnit | null> | null {
    return unit.parent ? ctx.loaders.entity(PartyUnit, unit.parent.id) : null;
  }

  @FieldResolver(() => [PartyUnit])
  children(@Root() unit: PartyUnit, @Ctx() ctx: Context): Promise<PartyUnit[]> {
    return ctx.loaders.children(PartyUnit, 'parent', unit.id);
  }

  @FieldResolver(() => ID, { nullable: true })
  villageId(@Root() unit: PartyUnit): string | null {
    return unit.village ? String(unit.village.id) : null;
  }

  @FieldResolver(() => Village, { nullable: true })
  village(@Root() unit: PartyUnit, @Ctx() ctx: Context): Promise<Village | null> | null {
    return unit.village ? ctx.loaders.entity(Village, unit.village.id) : null;
  }

  @FieldResolver(() => ID, { nullable: true })
  gridId(@Root() unit: PartyUnit): string | null {
    return unit.grid ? String(unit.grid.id) : null;
  }

  @FieldResolver(() => Grid, { nullable: true })
  grid(@Root() unit: PartyUnit, @Ctx() ctx: Context): Promise<Grid | null> | null {
    return unit.grid ? ctx.loaders.entity(Grid, unit.grid.id) : null;
  }
}

/** Village.partyUnits: the child adds its list to the parent. */
@Resolver(() => Village)
export class VillagePartyUnitsResolver {
  @FieldResolver(() => [PartyUnit], { description: 'Party units built on the village or community itself.' })
  partyUnits(@Root() village: Village, @Ctx() ctx: Context): Promise<PartyUnit[]> {
    return ctx.loaders.children(PartyUnit, 'village', village.id);
  }
}
