/**
 * `npm run seed -- --scale N`: a synthetic province of N copies of Wuzhong's net, for the
 * benchmarks (docs/performance.md). Copy 0 is the seeded Wuzhong dataset; copies 1…N−1 are
 * the same counties, townships, units, grids, workers and party units, shifted on a 10-wide
 * raster of 2.6° × 2.0° steps, with distinct ids (id + k × 1,000,000) and codes (the first
 * two digits of a division code become k; grid codes get a "S<k>-" prefix). Coverage of the
 * copies is then computed as a write would, per unit, in the same transaction.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { query, queryNamed } from '../../server/src/common/sql';
import type { CoverageService } from '../../server/src/coverage/coverage.service';

export const ID_STEP = 1_000_000;
export const MAX_SCALE = 200;

const shift = `ST_Translate(%, (k % 10) * 2.6, (k / 10) * 2.0)`;
const at = (col: string) => shift.replace('%', col);
const code = (col: string) => `(case when k = 64 then '00' else lpad(k::text, 2, '0') end) || substr(${col}, 3)`;

/** Copies per statement: a statement's work (and its tile_geom trigger's transition table) is bounded by the chunk, not by N. */
export const COPIES_PER_STATEMENT = 10;

/** Copy statements, each over `generate_series(:from, :to) k` (a chunk of copies), of the copy-0 rows (id below ID_STEP). */
export const SCALE_SQL = {
  copies: `select count(*)::int as n from county where id >= ${ID_STEP}`,
  county: `insert into county (id, version, created_at, updated_at, code, name, geom)
    select c.id + k * ${ID_STEP}, 1, now(), now(), ${code('c.code')}, c.name || '·' || k, ${at('c.geom')}
    from county c, generate_series(:from::int, :to::int) k where c.id < ${ID_STEP}`,
  township: `insert into township (id, version, created_at, updated_at, code, name, kind, county_id, geom)
    select t.id + k * ${ID_STEP}, 1, now(), now(), ${code('t.code')}, t.name, t.kind, t.county_id + k * ${ID_STEP}, ${at('t.geom')}
    from township t, generate_series(:from::int, :to::int) k where t.id < ${ID_STEP}`,
  village: `insert into village (id, version, created_at, updated_at, code, name, kind, township_id, households, population, villager_groups, geom)
    select v.id + k * ${ID_STEP}, 1, now(), now(), ${code('v.code')}, v.name, v.kind, v.township_id + k * ${ID_STEP}, v.households, v.population, v.villager_groups, ${at('v.geom')}
    from village v, generate_series(:from::int, :to::int) k where v.id < ${ID_STEP}`,
  grid: `insert into grid (id, version, created_at, updated_at, code, name, kind, village_id, households, population, geom)
    select g.id + k * ${ID_STEP}, 1, now(), now(), case when g.code is null then null else 'S' || k || '-' || g.code end, g.name, g.kind,
           g.village_id + k * ${ID_STEP}, g.households, g.population, ${at('g.geom')}
    from grid g, generate_series(:from::int, :to::int) k where g.id < ${ID_STEP}`,
  worker: `insert into grid_worker (id, version, created_at, updated_at, name, phone, employment, source, active)
    select w.id + k * ${ID_STEP}, 1, now(), now(), w.name, w.phone, w.employment, w.source, w.active
    from grid_worker w, generate_series(:from::int, :to::int) k where w.id < ${ID_STEP}`,
  workerGrids: `insert into grid_worker_grids (grid_worker_id, grid_id)
    select x.grid_worker_id + k * ${ID_STEP}, x.grid_id + k * ${ID_STEP}
    from grid_worker_grids x, generate_series(:from::int, :to::int) k where x.grid_id < ${ID_STEP}`,
  partyUnit: `insert into party_unit (id, version, created_at, updated_at, name, level, kind, parent_id, village_id, grid_id, members)
    select p.id + k * ${ID_STEP}, 1, now(), now(), p.name, p.level, p.kind, p.parent_id + k * ${ID_STEP}, p.village_id + k * ${ID_STEP},
           p.grid_id + k * ${ID_STEP}, p.members
    from party_unit p, generate_series(:from::int, :to::int) k where p.id < ${ID_STEP}
    order by k, p.parent_id nulls first, p.id`,
  sequences: ['county', 'township', 'village', 'grid', 'grid_worker', 'party_unit'].map(
    (t) => `select setval(pg_get_serial_sequence('${t}', 'id'), (select max(id) from ${t}))`,
  ),
  analyzeCopies: 'analyze county, township, village, grid, grid_worker, grid_worker_grids, party_unit',
  /** The copies' units by township: one recompute per batch of whole townships. */
  newUnitsByTownship: `select township_id, array_agg(id order by id) as ids from village where id >= ${ID_STEP} group by township_id order by township_id`,
  /**
   * A maintenance run: at N = 100 one chunk of copies or one batch of units can outlast the API's
   * statement timeout on a loaded machine (the village copy met it); the transaction is the seed's.
   */
  liftStatementTimeout: 'set local statement_timeout = 0',
} as const;

/** Adds copies 1…n−1 of the seeded net (in the caller's transaction); returns the number of units recomputed. */
export async function scaleNet(
  em: EntityManager,
  n: number,
  coverage: CoverageService,
  say: (line: string) => void = () => undefined,
  copiesPerStatement = COPIES_PER_STATEMENT,
): Promise<number> {
  if (!Number.isInteger(n) || n < 1 || n > MAX_SCALE)
    throw new Error(`--scale takes a whole number from 1 to ${MAX_SCALE}, not ${n}`);
  if (n === 1) return 0;
  const [existing] = await query<{ n: number }>(em, SCALE_SQL.copies);
  if (existing!.n > 0) throw new Error('The database already holds copies of the net; run with --reset to seed again.');
  const copies = n - 1;
  await query(em, SCALE_SQL.liftStatementTimeout);
  const chunks: { from: number; to: number }[] = [];
  for (let from = 1; from <= copies; from += copiesPerStatement)
    chunks.push({ from, to: Math.min(copies, from + copiesPerStatement - 1) });
  for (const table of ['county', 'township', 'village', 'grid', 'worker', 'workerGrids'] as const) {
    const t0 = Date.now();
    for (const chunk of chunks) await queryNamed(em, SCALE_SQL[table], chunk);
    say(`  ${table}: ${copies} copies in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  }
  // One statement per chunk: a copy's party units refer to parents of the same copy, checked at the statement's end.
  for (const chunk of chunks) await queryNamed(em, SCALE_SQL.partyUnit, chunk);
  for (const s of SCALE_SQL.sequences) await query(em, s);
  // The planner's statistics still describe copy 0 alone; the coverage statements below are planned on them.
  await query(em, SCALE_SQL.analyzeCopies);
  const townships = await query<{ ids: number[] }>(em, SCALE_SQL.newUnitsByTownship);
  const t0 = Date.now();
  const total = townships.reduce((n, t) => n + t.ids.length, 0);
  let units = 0;
  let batch: number[] = [];
  let reported = 0;
  for (const [i, t] of townships.entries()) {
    batch.push(...t.ids.map(Number));
    if (batch.length >= 200 || i === townships.length - 1) {
      await coverage.recompute(em, batch);
      units += batch.length;
      batch = [];
      // A long run says how far it is (N = 100: about 300 batches).
      if (units - reported >= 5000 || units === total) {
        reported = units;
        say(`  coverage: ${units} / ${total} units in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
      }
    }
  }
  say(`  coverage of ${units} units in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  await query(em, 'analyze');
  return units;
}
