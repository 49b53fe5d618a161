import { Arg, Args, Ctx, Float, ID, Int, Mutation, Query, Resolver } from 'type-graphql';
import { loopDeps } from '../rectification/rectification.resolver';
import type { Context } from '../context';
import { ListArgs, ListMetadata } from '../common/list.inputs';
import { WorkOrderService } from './work-order.service';
import {
  CreateWorkOrderArgs,
  ScoreScale,
  UpdateWorkOrderArgs,
  WorkOrder,
  WorkOrderFilter,
  WorkOrderReport,
  WorkOrderRoute,
} from './work-order.types';

export const workOrdersOf = (ctx: Context) => new WorkOrderService(loopDeps(ctx));

@Resolver(() => WorkOrder)
export class WorkOrderResolver {
  @Query(() => WorkOrder, { name: 'WorkOrder', nullable: true })
  one(@Arg('id', () => ID) id: string, @Ctx() ctx: Context) {
    return workOrdersOf(ctx).find(ctx.em, id);
  }

  @Query(() => [WorkOrder], { name: 'allWorkOrders', description: '民情交办单, filtered and sorted.' })
  all(
    @Args(() => ListArgs) list: ListArgs,
    @Arg('filter', () => WorkOrderFilter, { nullable: true }) filter: WorkOrderFilter | undefined,
    @Ctx() ctx: Context,
  ) {
    return workOrdersOf(ctx).list(list, filter ?? undefined);
  }

  @Query(() => ListMetadata, { name: '_allWorkOrdersMeta' })
  async meta(
    @Args(() => ListArgs) _l: ListArgs,
    @Arg('filter', () => WorkOrderFilter, { nullable: true }) filter: WorkOrderFilter | undefined,
    @Ctx() ctx: Context,
  ) {
    return { count: await workOrdersOf(ctx).count(filter ?? undefined) };
  }

  @Query(() => WorkOrderRoute, {
    description:
      'Where a work order reported at this point would go (grid, worker, community), without writing anything.',
  })
  routeWorkOrder(@Arg('lng', () => Float) lng: number, @Arg('lat', () => Float) lat: number, @Ctx() ctx: Context) {
    return workOrdersOf(ctx).route(ctx.em, [lng, lat]);
  }

  @Query(() => WorkOrderReport, {
    description: 'Work-order figures by community and member unit: claimed, done, average score, overdue.',
  })
  workOrderFigures(
    @Arg('countyId', () => ID, { nullable: true }) countyId: string | undefined,
    @Arg('townshipId', () => ID, { nullable: true }) townshipId: string | undefined,
    @Arg('villageId', () => ID, { nullable: true }) villageId: string | undefined,
    @Ctx() ctx: Context,
  ) {
    return workOrdersOf(ctx).figuresReport(countyId, townshipId, villageId);
  }

  @Mutation(() => WorkOrder, {
    description: '居民点单: reports a problem at a point (routed by gridAt) or in a given village/community.',
  })
  createWorkOrder(@Args(() => CreateWorkOrderArgs) args: CreateWorkOrderArgs, @Ctx() ctx: Context) {
    return workOrdersOf(ctx).create(args);
  }

  @Mutation(() => WorkOrder, { description: 'Edits the text of an order not yet claimed.' })
  updateWorkOrder(@Args(() => UpdateWorkOrderArgs) args: UpdateWorkOrderArgs, @Ctx() ctx: Context) {
    return workOrdersOf(ctx).update(args);
  }

  @Mutation(() => WorkOrder, { description: 'Deletes a mistaken order (administrators only).' })
  deleteWorkOrder(@Arg('id', () => ID) id: string, @Ctx() ctx: Context) {
    return workOrdersOf(ctx).delete(id);
  }

  @Mutation(() => WorkOrder, {
    description: '社区交单: the community hands the order to a member unit, with a deadline (default 7 days).',
  })
  assignWorkOrder(
    @Arg('id', () => ID) id: string,
    @Arg('memberUnitId', () => ID) memberUnitId: string,
    @Arg('deadline', () => String, { nullable: true, description: 'YYYY-MM-DD (Asia/Shanghai)' })
    deadline: string | undefined,
    @Arg('version', () => Int, { nullable: true }) version: number | undefined,
    @Ctx() ctx: Context,
  ) {
    return workOrdersOf(ctx).assign(id, memberUnitId, deadline, version);
  }

  @Mutation(() => WorkOrder, { description: '认领: the member unit claims the order.' })
  claimWorkOrder(
    @Arg('id', () => ID) id: string,
    @Arg('version', () => Int, { nullable: true }) version: number | undefined,
    @Ctx() ctx: Context,
  ) {
    return workOrdersOf(ctx).claim(id, version);
  }

  @Mutation(() => WorkOrder, { description: '办结: the member unit reports the result.' })
  reportWorkOrder(
    @Arg('id', () => ID) id: string,
    @Arg('result', () => String) result: string,
    @Arg('version', () => Int, { nullable: true }) version: number | undefined,
    @Ctx() ctx: Context,
  ) {
    return workOrdersOf(ctx).report(id, result, version);
  }

  @Mutation(() => WorkOrder, {
    description: '考核赋分: the community scores the result (1–5 or 0–100) with a comment.',
  })
  scoreWorkOrder(
    @Arg('id', () => ID) id: string,
    @Arg('score', () => Float) score: number,
    @Arg('scale', () => ScoreScale, { nullable: true }) scale: ScoreScale | undefined,
    @Arg('comment', () => String, { nullable: true }) comment: string | undefined,
    @Arg('version', () => Int, { nullable: true }) version: number | undefined,
    @Ctx() ctx: Context,
  ) {
    return workOrdersOf(ctx).score(id, score, scale ?? ScoreScale.FIVE, comment, version);
  }

  @Mutation(() => WorkOrder, { description: 'Cancels an open order, with a reason.' })
  cancelWorkOrder(
    @Arg('id', () => ID) id: string,
    @Arg('reason', () => String) reason: string,
    @Arg('version', () => Int, { nullable: true }) version: number | undefined,
    @Ctx() ctx: Context,
  ) {
    return workOrdersOf(ctx).cancel(id, reason, version);
  }
}
