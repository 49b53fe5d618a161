/**
 * `npm run seed -- --scale N`: a synthetic province of N copies of Wuzhong's net, for the
 * benchmarks (docs/performance.md). Copy 0 is the seeded Wuzhong dataset; copies 1…N−1 are
 * the same counties, townships, units, grids, workers and party units, shifted on a 10-wide
 * raster of 2.6° × 2.0° steps, with distinct ids (id + k × 1,000,000) and codes (the first
 * two digits of a division code become k; grid codes get a "S<k>-" prefix). Coverage of the
 * copies is then computed as a write would, per unit, in the same transaction.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { query } from '../../server/src/common/sql';
import type { CoverageService } from '../../server/src/coverage/coverage.service';

export const ID_STEP = 1_000_000;
export const MAX_SCALE = 200;

const shift = `ST_Translate(%, (k % 10) * 2.6, (k / 10) * 2.0)`;
const at = (col: string) => shift.replace('%', col);
const code = (col: string) => `(case when k = 64 then '00' else lpad(k::text, 2, '0') end) || substr(${col}, 3)`;

/** Copy statements, each over `generate_series(1, ?) k`, of the copy-0 rows (id below ID_STEP). */
export const SCALE_SQL = {
  copies: `select count(*)::int as n from county where id >= ${ID_STEP}`,
  county: `insert into county (id, version, created_at, updated_at, code, name, geom)
    select c.id + k * ${ID_STEP}, 1, now(), now(), ${code('c.code')}, c.name || '·' || k, ${at('c.geom')}
    from county c, generate_series(1, ?) k where c.id < ${ID_STEP}`,
  township: `insert into township (id, version, created_at, updated_at, code, name, kind, county_id, geom)
    select t.id + k * ${ID_STEP}, 1, now(), now(), ${code('t.code')}, t.name, t.kind, t.county_id + k * ${ID_STEP}, ${at('t.geom')}
    from township t, generate_series(1, ?) k where t.id < ${ID_STEP}`,
  village: `insert into village (id, version, created_at, updated_at, code, name, kind, township_id, households, population, villager_groups, geom)
    select v.id + k * ${ID_STEP}, 1, now(), now(), ${code('v.code')}, v.name, v.kind, v.township_id + k * ${ID_STEP}, v.households, v.population, v.villager_groups, ${at('v.geom')}
    from village v, generate_series(1, ?) k where v.id < ${ID_STEP}`,
  grid: `insert into grid (id, version, created_at, updated_at, code, name, kind, village_id, households, population, geom)
    select g.id + k * ${ID_STEP}, 1, now(), now(), case when g.code is null then null else 'S' || k || '-' || g.code end, g.name, g.kind,
           g.village_id + k * ${ID_STEP}, g.households, g.population, ${at('g.geom')}
    from grid g, generate_series(1, ?) k where g.id < ${ID_STEP}`,
  worker: `insert into grid_worker (id, version, created_at, updated_at, name, phone, employment, source, active)
    select w.id + k * ${ID_STEP}, 1, now(), now(), w.name, w.phone, w.employment, w.source, w.active
    from grid_worker w, generate_series(1, ?) k where w.id < ${ID_STEP}`,
  workerGrids: `insert into grid_worker_grids (grid_worker_id, grid_id)
    select x.grid_worker_id + k * ${ID_STEP}, x.grid_id + k * ${ID_STEP}
    from grid_worker_grids x, generate_series(1, ?) k where x.grid_id < ${ID_STEP}`,
  partyUnit: `insert into party_unit (id, version, created_at, updated_at, name, level, kind, parent_id, village_id, grid_id, members)
    select p.id + k * ${ID_STEP}, 1, now(), now(), p.name, p.level, p.kind, p.parent_id + k * ${ID_STEP}, p.village_id + k * ${ID_STEP},
           p.grid_id + k * ${ID_STEP}, p.members
    from party_unit p, generate_series(1, ?) k where p.id < ${ID_STEP}
    order by k, p.parent_id nulls first, p.id`,
  sequences: ['county', 'township', 'village', 'grid', 'grid_worker', 'party_unit'].map(
    (t) => `select setval(pg_get_serial_sequence('${t}', 'id'), (select max(id) from ${t}))`,
  ),
  /** The copies' units by township: one recompute per batch of whole townships. */
  newUnitsByTownship: `select township_id, array_agg(id order by id) as ids from village where id >= ${ID_STEP} group by township_id order by township_id`,
  /** Each statement is bounded by its batch; the seed's transaction as a whole is not bounded. */
  liftStatementTimeout: 'set local statement_timeout = 0',
} as const;

/** Adds copies 1…n−1 of the seeded net (in the caller's transaction); returns the number of units recomputed. */
export async function scaleNet(
  em: EntityManager,
  n: number,
  coverage: CoverageService,
  say: (line: string) => void = () => undefined,
): Promise<number> {
  if (!Number.isInteger(n) || n < 1 || n > MAX_SCALE)
    throw new Error(`--scale takes a whole number from 1 to ${MAX_SCALE}, not ${n}`);
  if (n === 1) return 0;
  const [existing] = await query<{ n: number }>(em, SCALE_SQL.copies);
  if (existing!.n > 0) throw new Error('The database already holds copies of the net; run with --reset to seed again.');
  const copies = n - 1;
  for (const table of ['county', 'township', 'village', 'grid', 'worker', 'workerGrids'] as const) {
    const t0 = Date.now();
    await query(em, SCALE_SQL[table], [copies]);
    say(`  ${table}: ${copies} copies in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  }
  // One statement: its party units' references to their parents are checked at its end.
  await query(em, SCALE_SQL.partyUnit, [copies]);
  for (const s of SCALE_SQL.sequences) await query(em, s);
  await query(em, SCALE_SQL.liftStatementTimeout);
  const townships = await query<{ ids: number[] }>(em, SCALE_SQL.newUnitsByTownship);
  const t0 = Date.now();
  let units = 0;
  let batch: number[] = [];
  for (const [i, t] of townships.entries()) {
    batch.push(...t.ids.map(Number));
    if (batch.length >= 200 || i === townships.length - 1) {
      await coverage.recompute(em, batch);
      units += batch.length;
      batch = [];
    }
  }
  say(`  coverage of ${units} units in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  await query(em, 'analyze');
  return units;
}
