import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import type { Logger } from 'pino';
import { AppError, badInput } from '../common/errors';
import { query, queryNamed } from '../common/sql';
import type { Coverage } from '../coverage/coverage.types';
import { checkDate, LOOP_MESSAGES, shanghaiDate } from '../rectification/access';
import { HISTORY_SQL, KIND_COLUMNS, SEVERITY_COLUMNS } from './coverage-history.sql';
import type { CoverageHistoryPoint, CoverageScopeInput } from './coverage-history.types';

export interface ScopeKey {
  type: 'CITY' | 'COUNTY' | 'TOWNSHIP' | 'VILLAGE';
  id: number;
}

/** The scope of a history query: at most one of county, township, unit; none is the city. */
export function scopeKey(
  scope:
    | CoverageScopeInput
    | { countyId?: string | number; townshipId?: string | number; villageId?: string | number }
    | null
    | undefined,
): ScopeKey {
  const given = (['countyId', 'townshipId', 'villageId'] as const).filter(
    (k) => scope?.[k] !== undefined && scope?.[k] !== null,
  );
  if (given.length > 1) throw badInput(LOOP_MESSAGES.badScope());
  if (!given.length) return { type: 'CITY', id: 0 };
  const k = given[0]!;
  const id = Number(scope![k]) || -1;
  return { type: k === 'countyId' ? 'COUNTY' : k === 'townshipId' ? 'TOWNSHIP' : 'VILLAGE', id };
}

export function toPoint(r: Record<string, any>): CoverageHistoryPoint {
  return {
    day: r.day_text,
    scopeType: r.scope_type,
    scopeId: r.scope_type === 'CITY' ? null : String(r.scope_id),
    units: r.units,
    fullyCovered: r.fully_covered,
    areaM2: r.area_m2,
    uncoveredM2: r.uncovered_m2,
    coveredShare: r.covered_share,
    grids: r.grids,
    workers: r.workers,
    households: r.households,
    householdsInGrids: r.households_in_grids,
    unstaffedGrids: r.f_unstaffed_grid,
    oversizedCritical: r.oversized_critical,
    findingsByKind: KIND_COLUMNS.filter(([, c]) => r[c] > 0).map(([kind, c]) => ({
      kind,
      count: r[c],
    })) as CoverageHistoryPoint['findingsByKind'],
    findingsBySeverity: SEVERITY_COLUMNS.filter(([, c]) => r[c] > 0).map(([severity, c]) => ({
      severity,
      count: r[c],
    })) as CoverageHistoryPoint['findingsBySeverity'],
    generated: r.generated,
  };
}

/**
 * Coverage over time: a snapshot of the roll-ups per unit, township, county and city,
 * taken daily by a timer in the server (once per day across processes: an advisory lock
 * and the (scope, day) key) and on demand.
 */
export class CoverageHistoryService {
  /** Takes the roll-ups of `day` (default today in Asia/Shanghai) from the live tables; replaces that day's snapshot. */
  async snapshot(em: EntityManager, day: string = shanghaiDate()): Promise<number> {
    checkDate(day, 'day');
    await query(em, HISTORY_SQL.noJit);
    const rows = await query(em, `${HISTORY_SQL.snapshot} returning 1`, [day]);
    return rows.length;
  }

  /** Today's snapshot unless another process has taken it or is taking it. Returns whether this call took it. */
  async daily(orm: MikroORM, now: Date = new Date()): Promise<boolean> {
    const day = shanghaiDate(now);
    return orm.em.fork().transactional(async (em) => {
      const [lock] = await query<{ ok: boolean }>(em, HISTORY_SQL.lock);
      if (!lock?.ok) return false;
      const [has] = await query<{ ok: boolean }>(em, HISTORY_SQL.hasDay, [day]);
      if (has?.ok) return false;
      await this.snapshot(em, day);
      return true;
    });
  }

  /** Runs daily() soon after start and then every hour; stop() ends it. */
  start(orm: MikroORM, log: Logger, everyMs = 3_600_000, firstMs = 5_000): { stop(): void } {
    const run = () =>
      this.daily(orm).then(
        (took) => took && log.info('coverage snapshot of the day taken'),
        (e) => log.warn({ err: e }, 'coverage snapshot failed'),
      );
    const first = setTimeout(run, firstMs);
    const timer = setInterval(run, everyMs);
    first.unref();
    timer.unref();
    return { stop: () => (clearTimeout(first), clearInterval(timer)) };
  }

  /** Generated monthly history from `from` up to the month before `until` (marked generated; real snapshots are kept). */
  async generate(em: EntityManager, from = '2019-01-01', until: string = shanghaiDate()): Promise<number> {
    const last = new Date(`${until.slice(0, 7)}-01T00:00:00Z`);
    last.setUTCMonth(last.getUTCMonth() - 1);
    await query(em, HISTORY_SQL.noJit);
    await query(em, HISTORY_SQL.deleteGenerated);
    const rows = await query(em, `${HISTORY_SQL.generate} returning 1`, [from, last.toISOString().slice(0, 10)]);
    return rows.length;
  }

  async history(
    em: EntityManager,
    scope: CoverageScopeInput | null | undefined,
    from?: string | null,
    to?: string | null,
  ): Promise<CoverageHistoryPoint[]> {
    const key = scopeKey(scope);
    const f = checkDate(from, 'from') ?? '1900-01-01';
    const t = checkDate(to, 'to') ?? '2999-12-31';
    if (f > t) throw badInput(LOOP_MESSAGES.badRange());
    const rows = await queryNamed<Record<string, any>>(em, HISTORY_SQL.history, {
      scopeType: key.type,
      scopeId: key.id,
      from: f,
      to: t,
    });
    return rows.map(toPoint);
  }

  /** Coverage as of a day, from the latest snapshot on or before it (NOT_FOUND when there is none). */
  async asOf(
    em: EntityManager,
    scope: { countyId?: number; townshipId?: number; villageId?: number },
    day: string,
  ): Promise<Coverage & { snapshotDay: string }> {
    checkDate(day, 'asOf');
    const key = scopeKey(scope);
    const [r] = await query<Record<string, any>>(em, HISTORY_SQL.asOf, [key.type, key.id, day]);
    if (!r) throw new AppError('NOT_FOUND', `There is no coverage snapshot of this scope on or before ${day}.`);
    const p = toPoint(r);
    return {
      ...scope,
      units: p.units,
      fullyCovered: p.fullyCovered,
      areaM2: p.areaM2,
      uncoveredM2: p.uncoveredM2,
      coveredShare: p.coveredShare,
      grids: p.grids,
      households: p.households,
      householdsInGrids: p.householdsInGrids,
      findingsByKind: p.findingsByKind,
      findingsBySeverity: p.findingsBySeverity,
      snapshotDay: p.day,
    };
  }
}

export const coverageHistory = new CoverageHistoryService();
