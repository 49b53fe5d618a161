import { Arg, Ctx, FieldResolver, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { requireAdmin } from '../auth/principal';
import type { Context } from '../common/context';
import { Coverage } from '../coverage/coverage.types';
import { coverageHistory } from './coverage-history.service';
import { CoverageHistoryPoint, CoverageScopeInput } from './coverage-history.types';

@Resolver(() => CoverageHistoryPoint)
export class CoverageHistoryResolver {
  @Query(() => [CoverageHistoryPoint], { description: 'Coverage over time: the daily (and generated monthly or quarterly) snapshots of a scope between two days.' })
  coverageHistory(
    @Arg('scope', () => CoverageScopeInput, { nullable: true }) scope: CoverageScopeInput | undefined,
    @Arg('from', () => String, { nullable: true, description: 'YYYY-MM-DD' }) from: string | undefined,
    @Arg('to', () => String, { nullable: true, description: 'YYYY-MM-DD' }) to: string | undefined,
    @Ctx() ctx: Context,
  ): Promise<CoverageHistoryPoint[]> {
    return coverageHistory.history(ctx.em, scope, from, to);
  }

  @Mutation(() => Int, { description: "Takes today's snapshot now (administrators only); replaces today's. Returns the rows written." })
  async takeCoverageSnapshot(@Ctx() ctx: Context): Promise<number> {
    requireAdmin(ctx.principal);
    return ctx.em.fork().transactional((em) => coverageHistory.snapshot(em));
  }
}

@Resolver(() => Coverage)
export class CoverageSnapshotDayResolver {
  @FieldResolver(() => String, { nullable: true, description: 'With coverage(asOf): the day of the snapshot that answered (null: live data).' })
  snapshotDay(@Root() c: Coverage & { snapshotDay?: string }): string | null {
    return c.snapshotDay ?? null;
  }
}
