import type { EntityManager } from '@mikro-orm/postgresql';
import type { Config } from '../config';
import { badInput, messages } from '../common/errors';
import type { Geometry } from '../common/geojson';
import type { ListArgs } from '../common/list.inputs';
import { intArray, query, queryNamed, queryTogether, textArray, Where } from '../common/sql';
import { findingMessage } from './coverage.messages';
import { FindingKind, RULES } from './coverage.rules';
import { COVERAGE_SQL, COVERAGE_WHERE, FINDING_SORT } from './coverage.sql';
import type { Coverage, CoverageFinding, CoverageFindingFilter, OverlapPiece, UnitCoverage } from './coverage.types';

export interface Scope {
  countyId?: number;
  townshipId?: number;
  villageId?: number;
}

interface FindingRow {
  id: string;
  kind: FindingKind;
  severity: string;
  village_id: number;
  other_village_id: number | null;
  grid_id: number | null;
  other_grid_id: number | null;
  subject_name: string;
  other_name: string | null;
  value: number | null;
  expected: number | null;
  area_m2: number | null;
  centroid: Geometry | null;
  computed_at: Date;
}

/** Scope of a village-level unit: a condition on alias `v` (village) with its parameter. */
function scopeWhere(where: Where, scope: Scope): Where {
  if (scope.villageId) where.add(COVERAGE_WHERE.village, scope.villageId);
  if (scope.townshipId) where.add(COVERAGE_WHERE.township, scope.townshipId);
  if (scope.countyId) where.add(COVERAGE_WHERE.county, scope.countyId);
  return where;
}

/**
 * Coverage analysis: recomputes the units a write touched inside its transaction,
 * rebuilds everything on demand, and answers roll-ups and findings.
 */
export class CoverageService {
  constructor(private readonly config: Config) {}

  /**
   * Recomputes coverage and findings of these units (in the caller's transaction).
   * Overlaps depend on grid geometry alone: given `changedGridIds` (an edit of grids),
   * only their pairs are recomputed; without it, every pair of the units' grids.
   * Three statements at most (clear, units, findings): a write pays for each statement it
   * sends and plans, and the statements within each step are independent of one another.
   */
  async recompute(em: EntityManager, villageIds: readonly number[], changedGridIds?: readonly number[]): Promise<void> {
    const { minGapM2, minOverlapM2 } = this.config;
    const overlap = {
      kind: FindingKind.OVERLAP,
      overlap: FindingKind.OVERLAP,
      severity: RULES.overlap.severity,
      minOverlapM2,
    };
    const ids = intArray(villageIds);
    const gridIds = changedGridIds?.length ? intArray(changedGridIds) : null;
    // One unit's statements stay under jit_above_cost; a few units' do not (see noJit).
    if (villageIds.length > 1 || (changedGridIds?.length ?? 0) > 1) await query(em, COVERAGE_SQL.noJit);
    type Statement = readonly [string, Record<string, unknown>];
    const clear: Statement[] = [[COVERAGE_SQL.bumpVersion, {}]];
    const find: Statement[] = [];
    if (gridIds) {
      clear.push([COVERAGE_SQL.deleteGridOverlaps, { gridIds, overlap: FindingKind.OVERLAP }]);
      find.push([COVERAGE_SQL.overlaps('grids'), { ...overlap, ids: gridIds }]);
    }
    if (!villageIds.length) {
      await queryTogether(em, clear);
      if (find.length) await queryTogether(em, find);
      return;
    }
    if (!changedGridIds) {
      clear.push([COVERAGE_SQL.deleteUnitOverlaps, { ids, overlap: FindingKind.OVERLAP }]);
      find.push([COVERAGE_SQL.overlaps('villages'), { ...overlap, ids }]);
    }
    // Overlap findings and the others are disjoint (kind = / <> overlap); coverage_unit is another table.
    clear.push(
      [COVERAGE_SQL.deleteUnits, { ids }],
      [COVERAGE_SQL.deleteFindings, { ids, overlap: FindingKind.OVERLAP }],
    );
    await queryTogether(em, clear);
    // The uncovered-land findings read these rows: a statement of its own, before them.
    await queryNamed(em, COVERAGE_SQL.insertUnits, { ids, minGapM2 });
    const r = RULES;
    find.push(
      [COVERAGE_SQL.uncovered, { ids, kind: FindingKind.UNCOVERED_LAND, ...r.uncoveredLand }],
      [COVERAGE_SQL.spills, { ids, kind: FindingKind.SPILL, severity: r.spill.severity, minOverlapM2 }],
      [COVERAGE_SQL.unstaffed, { ids, kind: FindingKind.UNSTAFFED_GRID, severity: r.unstaffedGrid.severity }],
      [
        COVERAGE_SQL.sizes,
        {
          ids,
          oversized: FindingKind.OVERSIZED_GRID,
          undersized: FindingKind.UNDERSIZED_GRID,
          maxHouseholds: r.oversizedGrid.maxHouseholds,
          oversizedSeverity: r.oversizedGrid.severity,
          criticalHouseholds: r.oversizedGrid.criticalHouseholds,
          criticalSeverity: r.oversizedGrid.criticalSeverity,
          minHouseholds: r.undersizedGrid.minHouseholds,
          undersizedSeverity: r.undersizedGrid.severity,
        },
      ],
      [COVERAGE_SQL.gridCount, { ids, kind: FindingKind.GRID_COUNT_MISMATCH, severity: r.gridCountMismatch.severity }],
      [COVERAGE_SQL.noPartyUnit, { ids, kind: FindingKind.NO_PARTY_UNIT, severity: r.noPartyUnit.severity }],
      [
        COVERAGE_SQL.noGridPartyUnit,
        { ids, kind: FindingKind.NO_GRID_PARTY_UNIT, severity: r.noGridPartyUnit.severity },
      ],
    );
    // Each finding's id names its kind: no two of these statements write the same row.
    await queryTogether(em, find);
  }

  /**
   * Recomputes every unit, a batch of whole townships (about [batchUnits] units) per
   * transaction: each statement's work is bounded by the batch, not by the province, so the
   * rebuild grows linearly and no statement meets the timeout (lifted for these maintenance
   * transactions all the same). Each batch takes the writers' lock first, as a write does, and
   * leaves its units exactly as a write would; a rebuild running beside writes is safe.
   * Called inside a transaction (the seed's), the batches run in that transaction: a batch of
   * its own would wait for the caller's locks.
   */
  async rebuild(
    em: EntityManager,
    options: { batchUnits?: number; onBatch?: (done: number, total: number) => void } = {},
  ): Promise<number> {
    const batchUnits = options.batchUnits ?? 200;
    const townships = await query<{ ids: number[] }>(em, COVERAGE_SQL.unitsByTownship);
    const total = townships.reduce((n, t) => n + t.ids.length, 0);
    let done = 0;
    let batch: number[] = [];
    const flush = async () => {
      if (!batch.length) return;
      const ids = batch;
      batch = [];
      const work = async (tx: EntityManager) => {
        await query(tx, COVERAGE_SQL.liftStatementTimeout);
        await this.recompute(tx, ids);
      };
      if (em.isInTransaction()) await work(em);
      else await em.fork().transactional(work);
      done += ids.length;
      options.onBatch?.(done, total);
    };
    for (const t of townships) {
      batch.push(...t.ids.map(Number));
      if (batch.length >= batchUnits) await flush();
    }
    await flush();
    return done;
  }

  /** Recomputes every unit in one transaction (kept to check the batched rebuild against; slow at province scale). */
  async rebuildInOneTransaction(em: EntityManager): Promise<number> {
    return em.transactional(async (tx) => {
      await query(tx, COVERAGE_SQL.liftStatementTimeout);
      const ids = (await query<{ id: number }>(tx, COVERAGE_SQL.allVillageIds)).map((r) => Number(r.id));
      await this.recompute(tx, ids);
      return ids.length;
    });
  }

  async dataVersion(em: EntityManager): Promise<number> {
    const [row] = await query<{ n: string }>(em, COVERAGE_SQL.version);
    return Number(row?.n ?? 0);
  }

  async rollup(em: EntityManager, scope: Scope): Promise<Coverage> {
    const where = scopeWhere(new Where(), scope);
    const [totals] = await query<Record<string, any>>(em, COVERAGE_SQL.rollupTotals(where.toSql()), where.params);
    const fw = scopeWhere(new Where(), scope);
    const counts = await query<{ kind: string; severity: string; n: number }>(
      em,
      COVERAGE_SQL.rollupCounts(fw.toSql()),
      fw.params,
    );
    const byKind = new Map<string, number>();
    const bySeverity = new Map<string, number>();
    for (const c of counts) {
      byKind.set(c.kind, (byKind.get(c.kind) ?? 0) + c.n);
      bySeverity.set(c.severity, (bySeverity.get(c.severity) ?? 0) + c.n);
    }
    const area = Number(totals!.area_m2);
    return {
      ...scope,
      units: totals!.units,
      fullyCovered: totals!.fully_covered,
      areaM2: area,
      uncoveredM2: Number(totals!.uncovered_m2),
      coveredShare: area > 0 ? 1 - Number(totals!.uncovered_m2) / area : null,
      grids: totals!.grids,
      households: totals!.households,
      householdsInGrids: totals!.households_in_grids,
      findingsByKind: [...byKind].map(([kind, count]) => ({ kind, count })) as Coverage['findingsByKind'],
      findingsBySeverity: [...bySeverity].map(([severity, count]) => ({
        severity,
        count,
      })) as Coverage['findingsBySeverity'],
    };
  }

  /** Uncovered land in the scope as one MultiPolygon, optionally simplified (tolerance in metres). */
  async uncoveredGeometry(em: EntityManager, scope: Scope, simplifyM?: number | null): Promise<Geometry | null> {
    const where = scopeWhere(new Where(), scope);
    const tol = this.toleranceDeg(simplifyM);
    const [row] = await query<{ g: Geometry | null }>(em, COVERAGE_SQL.uncoveredGeometry(where.toSql(), !!tol), [
      ...(tol ? [tol] : []),
      ...where.params,
    ]);
    return row?.g ?? null;
  }

  async overlapPieces(em: EntityManager, scope: Scope, simplifyM?: number | null): Promise<OverlapPiece[]> {
    const where = scopeWhere(new Where(), scope);
    const tol = this.toleranceDeg(simplifyM);
    const rows = await query<{ id: string; grid_id: number; other_grid_id: number; area_m2: number; g: Geometry }>(
      em,
      COVERAGE_SQL.overlapPieces(where.toSql(), !!tol),
      [...(tol ? [tol] : []), ...where.params],
    );
    return rows.map((r) => ({
      findingId: r.id,
      gridAId: String(r.grid_id),
      gridBId: String(r.other_grid_id),
      areaM2: r.area_m2,
      geometry: r.g,
    }));
  }

  toleranceDeg(meters?: number | null): number | null {
    if (meters === undefined || meters === null || meters === 0) return null;
    if (!(meters > 0)) throw badInput('simplify must be a positive number of metres.');
    return meters / 111_000;
  }

  findingWhere(filter: CoverageFindingFilter = {}): Where {
    const where = new Where();
    if (filter.q?.trim()) where.add(COVERAGE_WHERE.subjectLike, `%${filter.q.trim()}%`);
    if (filter.ids) where.add(COVERAGE_WHERE.ids, textArray(filter.ids));
    if (filter.kind) where.add(COVERAGE_WHERE.kind, filter.kind);
    if (filter.kinds?.length) where.add(COVERAGE_WHERE.kinds, `{${filter.kinds.join(',')}}`);
    if (filter.severity) where.add(COVERAGE_WHERE.severity, filter.severity);
    if (filter.gridId) where.add(COVERAGE_WHERE.grid, Number(filter.gridId), Number(filter.gridId));
    scopeWhere(where, {
      countyId: Number(filter.countyId) || undefined,
      townshipId: Number(filter.townshipId) || undefined,
      villageId: Number(filter.villageId) || undefined,
    });
    if (filter.bbox) {
      const [a, b, c, d] = filter.bbox;
      if (filter.bbox.length !== 4 || !(a! < c! && b! < d!)) throw badInput(messages.badBbox());
      where.add(COVERAGE_WHERE.bbox, a, b, c, d);
    }
    return where;
  }

  async findings(em: EntityManager, args: ListArgs, filter?: CoverageFindingFilter): Promise<CoverageFinding[]> {
    const perPage = args.perPage ?? 25;
    const page = args.page ?? 0;
    if (page < 0 || perPage < 1 || perPage > this.config.maxPerPage)
      throw badInput(messages.badPage(this.config.maxPerPage));
    const sortField = args.sortField ?? 'severity';
    const sort = Object.hasOwn(FINDING_SORT, sortField) ? FINDING_SORT[sortField] : undefined;
    if (!sort) throw badInput(messages.badSortField(args.sortField!, Object.keys(FINDING_SORT)));
    const order = (args.sortOrder ?? 'ASC').toUpperCase();
    if (order !== 'ASC' && order !== 'DESC') throw badInput(messages.badSortOrder(args.sortOrder!));
    const where = this.findingWhere(filter);
    const rows = await query<FindingRow>(em, COVERAGE_SQL.findings(where.toSql(), sort, order), [
      ...where.params,
      perPage,
      page * perPage,
    ]);
    return rows.map(toFinding);
  }

  async countFindings(em: EntityManager, filter?: CoverageFindingFilter): Promise<number> {
    const where = this.findingWhere(filter);
    const [row] = await query<{ n: string }>(em, COVERAGE_SQL.countFindings(where.toSql()), where.params);
    return Number(row?.n ?? 0);
  }
}

/** A coverage_unit row as GraphQL's UnitCoverage. */
export function toUnitCoverage(r: Record<string, any>): UnitCoverage {
  return {
    villageId: String(r.village_id),
    areaM2: r.area_m2,
    uncoveredM2: r.uncovered_m2,
    coveredShare: r.covered_share,
    gridCount: r.grid_count,
    householdsInGrids: r.households_in_grids,
    computedAt: new Date(r.computed_at),
  };
}

export function toFinding(r: FindingRow): CoverageFinding {
  const text = findingMessage({
    kind: r.kind,
    subjectName: r.subject_name,
    otherName: r.other_name,
    value: r.value,
    expected: r.expected,
    areaM2: r.area_m2,
  });
  return {
    id: r.id,
    kind: r.kind as CoverageFinding['kind'],
    severity: r.severity as CoverageFinding['severity'],
    villageId: String(r.village_id),
    otherVillageId: r.other_village_id ? String(r.other_village_id) : null,
    gridId: r.grid_id ? String(r.grid_id) : null,
    otherGridId: r.other_grid_id ? String(r.other_grid_id) : null,
    subjectName: r.subject_name,
    messageZh: text.zh,
    messageEn: text.en,
    areaM2: r.area_m2,
    value: r.value,
    centroid: r.centroid,
    computedAt: new Date(r.computed_at),
  };
}
