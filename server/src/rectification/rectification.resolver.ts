import { Arg, Args, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../context';
import { ListArgs, ListMetadata } from '../common/list.inputs';
import { CoverageFinding } from '../coverage/coverage.types';
import { RectificationService } from './rectification.service';
import {
  AssignRectificationArgs,
  Rectification,
  RectificationEvent,
  RectificationFilter,
  RectificationStat,
  TownshipRectificationRank,
} from './rectification.types';

/** The services' dependencies for a request: its writes go through the corridor, their ids to the response. */
export const loopDeps = (ctx: Context) => ({
  em: ctx.em,
  principal: ctx.principal,
  corridor: { coverage: ctx.services.coverage },
  changeIds: ctx.changeIds,
  config: ctx.config,
});
/** The rectification service of a request. */
export const rectificationOf = (ctx: Context) => new RectificationService(loopDeps(ctx));

@Resolver(() => Rectification)
export class RectificationResolver {
  @Query(() => Rectification, { name: 'Rectification', nullable: true })
  one(@Arg('id', () => ID) id: string, @Ctx() ctx: Context): Promise<Rectification | null> {
    return rectificationOf(ctx).find(ctx.em, id);
  }

  @Query(() => [Rectification], {
    name: 'allRectifications',
    description: '整改台账: rectifications, filtered and sorted.',
  })
  all(
    @Args(() => ListArgs) list: ListArgs,
    @Arg('filter', () => RectificationFilter, { nullable: true }) filter: RectificationFilter | undefined,
    @Ctx() ctx: Context,
  ) {
    return rectificationOf(ctx).list(list, filter ?? undefined);
  }

  @Query(() => ListMetadata, { name: '_allRectificationsMeta' })
  async meta(
    @Args(() => ListArgs) _l: ListArgs,
    @Arg('filter', () => RectificationFilter, { nullable: true }) filter: RectificationFilter | undefined,
    @Ctx() ctx: Context,
  ) {
    return { count: await rectificationOf(ctx).count(filter ?? undefined) };
  }

  @Query(() => [RectificationStat], {
    description: 'Open, overdue, waived and closed rectifications by township and kind.',
  })
  rectificationStats(
    @Arg('countyId', () => ID, { nullable: true }) countyId: string | undefined,
    @Arg('townshipId', () => ID, { nullable: true }) townshipId: string | undefined,
    @Ctx() ctx: Context,
  ) {
    return rectificationOf(ctx).stats(countyId, townshipId);
  }

  @Query(() => [TownshipRectificationRank], {
    description: '乡镇排名: townships by open critical findings, then days overdue.',
  })
  rectificationRanking(
    @Arg('countyId', () => ID, { nullable: true }) countyId: string | undefined,
    @Ctx() ctx: Context,
  ) {
    return rectificationOf(ctx).ranking(countyId);
  }

  @Mutation(() => Rectification, {
    description: 'Assigns a finding to a township or a user, with a deadline and a note.',
  })
  async assignRectification(@Args(() => AssignRectificationArgs) args: AssignRectificationArgs, @Ctx() ctx: Context) {
    return rectificationOf(ctx).assign(args);
  }

  @Mutation(() => Rectification)
  async commentRectification(
    @Arg('id', () => ID) id: string,
    @Arg('text', () => String) text: string,
    @Ctx() ctx: Context,
  ) {
    return rectificationOf(ctx).comment(id, text);
  }

  @Mutation(() => Rectification, { description: 'Waives a finding with a reason (administrators only).' })
  async waiveRectification(
    @Arg('id', () => ID) id: string,
    @Arg('reason', () => String) reason: string,
    @Arg('version', () => Int, { nullable: true }) version: number | undefined,
    @Ctx() ctx: Context,
  ) {
    return rectificationOf(ctx).waive(id, reason, version);
  }

  @Mutation(() => Rectification, { description: 'Takes a waiver back (administrators only).' })
  async unwaiveRectification(
    @Arg('id', () => ID) id: string,
    @Arg('version', () => Int, { nullable: true }) version: number | undefined,
    @Ctx() ctx: Context,
  ) {
    return rectificationOf(ctx).unwaive(id, version);
  }

  @FieldResolver(() => [RectificationEvent], { description: 'Its history, oldest first.' })
  events(@Root() r: Rectification, @Ctx() ctx: Context): Promise<RectificationEvent[]> {
    return ctx.loaders
      .loader<RectificationEvent[]>('rectification:events', (ids) => rectificationOf(ctx).events(ids))
      .load(Number(r.id));
  }

  @FieldResolver(() => CoverageFinding, { nullable: true, description: 'The finding, while it exists.' })
  async finding(@Root() r: Rectification, @Ctx() ctx: Context): Promise<CoverageFinding | null> {
    if (r.status === 'CLOSED') return null;
    const [f] = await ctx.services.coverage.findings(ctx.em, { perPage: 1 }, { ids: [r.findingId] });
    return f ?? null;
  }
}

/** The rectification of a finding, from the finding's side. */
@Resolver(() => CoverageFinding)
export class FindingRectificationResolver {
  @FieldResolver(() => Rectification, {
    nullable: true,
    description: 'Its rectification (整改): status, assignee, deadline.',
  })
  rectification(@Root() f: CoverageFinding, @Ctx() ctx: Context): Promise<Rectification | null> {
    return ctx.loaders
      .loader<Rectification | null, string>('rectification:by-finding', async (fids) => {
        const rows = await rectificationOf(ctx).byFindingIds(fids);
        const map = new Map(rows.map((r) => [r.findingId, r]));
        return fids.map((id) => map.get(id) ?? null);
      })
      .load(f.id);
  }
}
