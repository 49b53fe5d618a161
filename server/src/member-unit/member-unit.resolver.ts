import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { loopDeps } from '../rectification/rectification.resolver';
import type { Context } from '../context';
import { ListArgs, ListMetadata } from '../common/list.inputs';
import { WorkOrderService } from '../work-order/work-order.service';
import { MemberUnitService } from './member-unit.service';
import {
  CreateMemberUnitArgs,
  MemberUnit,
  MemberUnitFilter,
  UpdateMemberUnitArgs,
  WorkOrderFigures,
} from './member-unit.types';

const deps = loopDeps;
export const memberUnitsOf = (ctx: Context) => new MemberUnitService(deps(ctx));

@Resolver(() => MemberUnit)
export class MemberUnitResolver {
  @Query(() => MemberUnit, { name: 'MemberUnit', nullable: true })
  one(@Arg('id', () => ID) id: string, @Ctx() ctx: Context) {
    return memberUnitsOf(ctx).find(ctx.em, id);
  }

  @Query(() => [MemberUnit], { name: 'allMemberUnits' })
  all(
    @Args(() => ListArgs) list: ListArgs,
    @Arg('filter', () => MemberUnitFilter, { nullable: true }) filter: MemberUnitFilter | undefined,
    @Ctx() ctx: Context,
  ) {
    return memberUnitsOf(ctx).list(list, filter ?? undefined);
  }

  @Query(() => ListMetadata, { name: '_allMemberUnitsMeta' })
  async meta(
    @Args(() => ListArgs) _l: ListArgs,
    @Arg('filter', () => MemberUnitFilter, { nullable: true }) filter: MemberUnitFilter | undefined,
    @Ctx() ctx: Context,
  ) {
    return { count: await memberUnitsOf(ctx).count(filter ?? undefined) };
  }

  @Mutation(() => MemberUnit)
  createMemberUnit(@Args(() => CreateMemberUnitArgs) args: CreateMemberUnitArgs, @Ctx() ctx: Context) {
    return memberUnitsOf(ctx).create(args);
  }

  @Mutation(() => MemberUnit)
  updateMemberUnit(@Args(() => UpdateMemberUnitArgs) args: UpdateMemberUnitArgs, @Ctx() ctx: Context) {
    return memberUnitsOf(ctx).update(args);
  }

  @Mutation(() => MemberUnit, {
    description: 'Deletes and returns the unit as it was; refused while it has open work orders.',
  })
  deleteMemberUnit(@Arg('id', () => ID) id: string, @Ctx() ctx: Context) {
    return memberUnitsOf(ctx).delete(id);
  }

  @FieldResolver(() => WorkOrderFigures, {
    description: 'Its work orders: handed, claimed, done, average score, overdue.',
  })
  figures(@Root() m: MemberUnit, @Ctx() ctx: Context): Promise<WorkOrderFigures> {
    return ctx.loaders
      .loader<WorkOrderFigures>('member-unit:figures', (ids) => new WorkOrderService(deps(ctx)).unitFigures(ids))
      .load(Number(m.id));
  }
}
