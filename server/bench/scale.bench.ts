/**
 * `npm run bench:scale -- <database URL> …` — does coverage work grow with the province, or only
 * with the units recomputed? Seed one database per N first (`npm run seed -- --reset --scale N`).
 * In every database the same work is timed: the full rebuild's batches of Wuzhong's own units
 * (copy 0, the ids below 1,000,000: 600 units in 3 batches of whole townships) and the
 * single-unit recompute after a grid edit, each rolled back. The databases take turns, batch by
 * batch, so a loaded machine weighs on each N alike. Per unit, the batches cost the same at every N
 * exactly when the full rebuild (every batch) grows linearly with the units.
 *
 *   --rounds R   turns over the databases (default 3)
 *   --full       also rebuild each database in full, once, committed (as `npm run coverage:rebuild`;
 *                the coverage it leaves is identical); slow at N = 100
 *
 * Without URLs it uses DATABASE_URL alone. Writes nothing but the --full rebuild.
 */
import 'reflect-metadata';
import os from 'node:os';
import { MikroORM } from '@mikro-orm/postgresql';
import { loadConfig } from '../src/config';
import { ormConfig } from '../src/db/mikro-orm.config';
import { CoverageService } from '../src/coverage/coverage.service';
import { query } from '../src/common/sql';
import { ID_STEP } from '../../seeds/lib/scale';

const args = process.argv.slice(2);
const flag = (name: string) => args.includes(name);
const option = (name: string, fallback: number) => {
  const i = args.indexOf(name);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const rounds = option('--rounds', 3);
const urls = args.filter((a, i) => /^postgres(ql)?:\/\//.test(a) && args[i - 1] !== '--rounds');
const config = loadConfig({ ...process.env, LOG_LEVEL: 'silent' });
if (!urls.length) urls.push(config.databaseUrl);
const coverage = new CoverageService(config);

class Rollback extends Error {}
const pct = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))]!;
const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

interface Db {
  name: string;
  orm: MikroORM;
  n: number;
  units: number;
  grids: number;
  /** Copy 0's units, in the rebuild's batches of whole townships. */
  batches: number[][];
  /** Copy 0's grids to edit, with their units. */
  edits: { id: number; village_id: number }[];
  batchMs: number[];
  batchUnits: number;
  editMs: number[];
}

const dbs: Db[] = [];
for (const url of urls) {
  const orm = await MikroORM.init(ormConfig(url));
  const em = orm.em.fork();
  const [size] = await query<{ grids: number; units: number; counties: number }>(
    em,
    'select (select count(*) from grid)::int as grids, (select count(*) from village)::int as units, (select count(*) from county)::int as counties',
  );
  const townships = await query<{ ids: number[] }>(
    em,
    `select array_agg(id order by id) as ids from village where id < ${ID_STEP} group by township_id order by township_id`,
  );
  const edits = await query<{ id: number; village_id: number }>(
    em,
    `select id, village_id from grid where id < ${ID_STEP} order by md5(id::text) limit 20`,
  );
  dbs.push({
    name: new URL(url).pathname.slice(1),
    orm,
    n: Math.round(size!.counties / 5),
    units: size!.units,
    grids: size!.grids,
    batches: regroup(townships.map((t) => t.ids.map(Number))),
    edits,
    batchMs: [],
    batchUnits: 0,
    editMs: [],
  });
}

/** Whole townships, about 200 units a batch (as CoverageService.rebuild). */
function regroup(townships: number[][]): number[][] {
  const out: number[][] = [];
  let batch: number[] = [];
  for (const ids of townships) {
    batch.push(...ids);
    if (batch.length >= 200) {
      out.push(batch);
      batch = [];
    }
  }
  if (batch.length) out.push(batch);
  return out;
}

async function rolledBack(db: Db, work: (tx: ReturnType<MikroORM['em']['fork']>) => Promise<void>): Promise<void> {
  try {
    await db.orm.em.fork().transactional(async (tx) => {
      await work(tx);
      throw new Rollback();
    });
  } catch (e) {
    if (!(e instanceof Rollback)) throw e;
  }
}

console.log(
  `load average before: ${os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')}`,
);
for (let r = 0; r < rounds; r++) {
  const maxBatches = Math.max(...dbs.map((d) => d.batches.length));
  for (let b = 0; b < maxBatches; b++) {
    for (const db of r % 2 ? [...dbs].reverse() : dbs) {
      const ids = db.batches[b];
      if (!ids) continue;
      await rolledBack(db, async (tx) => {
        await query(tx, 'set local statement_timeout = 0');
        const t0 = performance.now();
        await coverage.recompute(tx, ids);
        db.batchMs.push(performance.now() - t0);
      });
      db.batchUnits += ids.length;
    }
  }
  for (let e = 0; e < 20; e++) {
    for (const db of e % 2 ? [...dbs].reverse() : dbs) {
      const g = db.edits[e];
      if (!g) continue;
      await rolledBack(db, async (tx) => {
        await query(tx, 'update grid set geom = ST_Multi(ST_Buffer(geom, -0.00001)) where id = ?', [g.id]);
        const t0 = performance.now();
        await coverage.recompute(tx, [Number(g.village_id)], [g.id]);
        db.editMs.push(performance.now() - t0);
      });
    }
  }
}
console.log(
  `load average after: ${os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')}`,
);

const rows: string[] = [];
for (const db of dbs) {
  const perUnit = sum(db.batchMs) / db.batchUnits;
  const row = [
    `N = ${db.n} (${db.name})`,
    db.units.toLocaleString('en'),
    db.grids.toLocaleString('en'),
    `${perUnit.toFixed(2)} ms`,
    `${((perUnit * db.units) / 1000).toFixed(1)} s`,
    `${pct(db.editMs, 0.5).toFixed(1)} / ${pct(db.editMs, 0.95).toFixed(1)} ms`,
  ];
  if (flag('--full')) {
    const t0 = performance.now();
    await coverage.rebuild(db.orm.em.fork());
    row.push(`${((performance.now() - t0) / 1000).toFixed(1)} s`);
  }
  rows.push(`| ${row.join(' | ')} |`);
  console.log(rows.at(-1));
}
for (const db of dbs) await db.orm.close();

console.log(
  `\nMeasured by \`npm run bench:scale\` on ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC, ${os.cpus().length} cores, ${rounds} rounds.\n`,
);
console.log(
  `| database | units | grids | rebuild batches of copy 0, per unit | × units (projected rebuild) | one unit after a grid edit, median / p95 |${flag('--full') ? ' full rebuild, committed |' : ''}`,
);
console.log(`|---|---|---|---|---|---|${flag('--full') ? '---|' : ''}`);
console.log(rows.join('\n'));
