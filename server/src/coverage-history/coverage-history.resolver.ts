import { Arg, Ctx, FieldResolver, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { requireAdmin } from '../auth/principal';
import { runChange } from '../changes/corridor';
import { shanghaiDate } from '../rectification/access';
import type { Context } from '../context';
import { Coverage } from '../coverage/coverage.types';
import { coverageHistory } from './coverage-history.service';
import { CoverageHistoryPoint, CoverageScopeInput } from './coverage-history.types';

@Resolver(() => CoverageHistoryPoint)
export class CoverageHistoryResolver {
  @Query(() => [CoverageHistoryPoint], {
    description:
      'Coverage over time: the daily (and generated monthly or quarterly) snapshots of a scope between two days.',
  })
  coverageHistory(
    @Arg('scope', () => CoverageScopeInput, { nullable: true }) scope: CoverageScopeInput | undefined,
    @Arg('from', () => String, { nullable: true, description: 'YYYY-MM-DD' }) from: string | undefined,
    @Arg('to', () => String, { nullable: true, description: 'YYYY-MM-DD' }) to: string | undefined,
    @Ctx() ctx: Context,
  ): Promise<CoverageHistoryPoint[]> {
    return coverageHistory.history(ctx.em, scope, from, to);
  }

  @Mutation(() => Int, {
    description: "Takes today's snapshot now (administrators only); replaces today's. Returns the rows written.",
  })
  async takeCoverageSnapshot(@Ctx() ctx: Context): Promise<number> {
    requireAdmin(ctx.principal);
    // A snapshot is derived data, but taking it by hand is a write: one change, one event (the day
    // and the rows written). The daily timer (coverageHistory.daily) stays outside the change table.
    const day = shanghaiDate();
    const { result, changeId } = await runChange(
      ctx.em,
      { coverage: ctx.services.coverage },
      { principal: ctx.principal, name: 'takeCoverageSnapshot', operation: 'snapshot', preAuthorized: true },
      async (tx) => {
        const rows = await coverageHistory.snapshot(tx.em, day);
        tx.event('CoverageSnapshot', null, null, { day, rows });
        tx.summary(`Coverage snapshot of ${day} taken (${rows} rows)`);
        return rows;
      },
    );
    ctx.changeIds?.push(changeId);
    return result;
  }
}

@Resolver(() => Coverage)
export class CoverageSnapshotDayResolver {
  @FieldResolver(() => String, {
    nullable: true,
    description: 'With coverage(asOf): the day of the snapshot that answered (null: live data).',
  })
  snapshotDay(@Root() c: Coverage & { snapshotDay?: string }): string | null {
    return c.snapshotDay ?? null;
  }
}
