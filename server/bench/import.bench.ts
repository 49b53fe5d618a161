/**
 * `npm run bench:import [-- --features 50000] [--write] [--reuse]` — imports a Shapefile of 50,000
 * grids (zipped, CGCS2000 3° GK zone 36, GBK, made here with ogr2ogr) into a scratch copy of
 * the Wuzhong dataset (database `<DATABASE_URL's name>_bench_import`, created, seeded without
 * grids and dropped here), through the same path as `npm run import`: GDAL read and
 * reprojection, every check of the dry run, the audited write, coverage of every touched unit.
 * Target: under a minute on this machine. With --write, the result goes to docs/performance.md.
 */
import 'reflect-metadata';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync, createWriteStream } from 'node:fs';
import { once } from 'node:events';
import os, { tmpdir } from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { MikroORM } from '@mikro-orm/postgresql';
import pg from 'pg';
import { query } from '../src/common/sql';
import { loadConfig } from '../src/config';
import { CoverageService } from '../src/coverage/coverage.service';
import { migrate } from '../src/db/migrate';
import { ormConfig } from '../src/db/mikro-orm.config';
import { prepareDatabase } from '../src/db/prepare';
import { applyImport, importLimits, readFile } from '../src/transfer/import.service';
import { runSeed } from '../../seeds/lib/run';

const args = process.argv.slice(2);
const N = Number(args[args.indexOf('--features') + 1] ?? 0) || 50_000;
const base = loadConfig({ ...process.env, LOG_LEVEL: 'silent' });
const u = new URL(base.databaseUrl);
u.pathname = `${u.pathname}_bench_import`;
const url = await prepareDatabase(u.toString(), () => {});
// --reuse keeps the scratch database between runs (seeding it takes a minute).
const reuse = args.includes('--reuse');
const reset = new pg.Client({ connectionString: url });
await reset.connect();
const seeded =
  reuse &&
  (await reset.query("select to_regclass('public.village') is not null as ok")).rows[0].ok &&
  Number((await reset.query('select count(*) as n from village')).rows[0].n) > 0;
if (!seeded) await reset.query('drop schema public cascade; create schema public; create extension postgis;');
await reset.end();
const config = loadConfig({ ...process.env, DATABASE_URL: url, LOG_LEVEL: 'silent' });
const orm = await MikroORM.init(ormConfig(url));
const dir = mkdtempSync(path.join(tmpdir(), 'wz-bench-import-'));
const s = (t0: number) => (performance.now() - t0) / 1000;
try {
  await migrate(orm);
  let t0 = performance.now();
  if (!seeded) await runSeed(orm, { seed: 1, perfect: true, reset: false, config, say: () => {}, tty: false });
  const em = () => orm.em.fork();
  // The net starts empty: the file brings every grid.
  await query(
    em(),
    'truncate grid, party_unit, grid_worker_grids, coverage_finding, rectification, rectification_event, audit_event, change restart identity cascade',
  );
  console.log(`scratch dataset (villages, no grids) in ${s(t0).toFixed(1)} s`);

  // N cells tiling the villages (a square grid clipped to each village), written as GeoJSON lines.
  t0 = performance.now();
  const [{ units }] = await query<{ units: number }>(em(), 'select count(*)::int as units from village');
  const perUnit = Math.ceil((N / units) * 1.3);
  const rows = await query<{ code: string; name: string; parent: string; households: number; g: string }>(
    em(),
    `select v.code || lpad(c.n::text, 4, '0') as code, v.name || '第' || c.n || '网格' as name, v.code as parent, (c.n * 7) % 500 as households, c.g
     from village v cross join lateral (
       select row_number() over (order by ST_YMin(cell.geom), ST_XMin(cell.geom)) as n,
              ST_AsGeoJSON(ST_CollectionExtract(ST_Intersection(cell.geom, v.geom), 3), 9) as g
       from ST_SquareGrid(sqrt(ST_Area(v.geom) / ?), v.geom) cell
       where ST_Intersects(cell.geom, v.geom) and ST_Area(ST_Intersection(cell.geom, v.geom)::geography) > 2000) c
     order by v.code, c.n limit ?`,
    [perUnit, N],
  );
  const src = path.join(dir, 'cells.geojsonl');
  const ws = createWriteStream(src);
  for (const r of rows) {
    if (
      !ws.write(
        `{"type":"Feature","properties":{"WGBM":"${r.code}","WGMC":${JSON.stringify(r.name)},"CJBM":"${r.parent}","HS":${r.households}},"geometry":${r.g}}\n`,
      )
    )
      await once(ws, 'drain');
  }
  ws.end();
  await once(ws, 'finish');
  const zip = path.join(dir, 'grids.shp.zip');
  execFileSync('/usr/bin/ogr2ogr', [
    '-f',
    'ESRI Shapefile',
    zip,
    src,
    '-s_srs',
    'EPSG:4326',
    '-t_srs',
    'EPSG:4524',
    '-lco',
    'ENCODING=GBK',
    '-nln',
    'grids',
    '-nlt',
    'MULTIPOLYGON',
  ]);
  console.log(
    `fixture: ${rows.length} features, ${(statSync(zip).size / 1e6).toFixed(1)} MB zipped Shapefile (EPSG:4524, GBK) in ${s(t0).toFixed(1)} s`,
  );

  // The import, as `npm run import -- grids.shp.zip --layer grids` does it.
  const coverage = new CoverageService(config);
  const phases: Record<string, number> = {};
  const ctx = { config, coverage, phases };
  t0 = performance.now();
  const read = await readFile(zip, { target: 'grids', layer: 'grids' }, { ...importLimits(), maxFeatures: 200_000 });
  const tRead = s(t0);
  const report = await applyImport(em(), ctx, null, read, { target: 'grids', layer: 'grids', map: read.map });
  const total = s(t0);
  const [counts] = await query<{ grids: number; audit: number; units: number }>(
    em(),
    "select (select count(*) from grid)::int as grids, (select count(*) from audit_event where operation = 'import')::int as audit, (select count(*) from coverage_unit)::int as units",
  );
  console.log(`read (GDAL, reprojection, GBK): ${tRead.toFixed(1)} s`);
  for (const [phase, sec] of Object.entries(phases)) console.log(`  ${phase}: ${sec.toFixed(1)} s`);
  console.log(
    `import: ${report.counts.NEW} new, ${report.counts.REFUSED} refused; ${counts!.grids} grids, ${counts!.audit} audit events, coverage of ${counts!.units} units`,
  );
  for (const i of report.items.filter((x) => x.status === 'REFUSED').slice(0, 5))
    console.log(`  refused #${i.index}: ${i.reasons.map((m) => m.en).join('; ')}`);
  console.log(`total ${total.toFixed(1)} s for ${rows.length} features (target < 60 s)`);

  if (args.includes('--write')) {
    const doc = path.resolve(import.meta.dirname, '../../docs/performance.md');
    const text = readFileSync(doc, 'utf8');
    const block = `<!-- bench:import -->\n## Import (\`npm run bench:import\`)\n\n${new Date().toISOString().slice(0, 10)}, ${os.cpus().length} cores: a zipped Shapefile of ${rows.length.toLocaleString('en')} grids (EPSG:4524, GBK) into the Wuzhong villages with no grids, through \`readFile\` → \`applyImport\` (every check of the dry run, the write, ${counts!.audit.toLocaleString('en')} audit events, coverage of ${counts!.units} units), load average ${os.loadavg()[0]!.toFixed(1)} at the end.\n\n| step | seconds |\n|---|---|\n| GDAL read, reprojection and decoding | ${tRead.toFixed(1)} |\n${Object.entries(
      phases,
    )
      .map(([p, sec]) => `| ${p} | ${sec.toFixed(1)} |\n`)
      .join('')}| **total** (target < 60) | **${total.toFixed(1)}** |\n<!-- /bench:import -->\n`;
    const re = /<!-- bench:import -->[\s\S]*<!-- \/bench:import -->\n?/;
    writeFileSync(doc, re.test(text) ? text.replace(re, block) : `${text.trimEnd()}\n\n${block}`);
    console.log(`recorded in ${doc}`);
  }
} catch (e) {
  console.error(e);
  process.exitCode = 1;
} finally {
  await orm.close();
  rmSync(dir, { recursive: true, force: true });
  if (reuse) process.exit(process.exitCode ?? 0);
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const c = new pg.Client({ connectionString: admin.toString() });
  await c.connect();
  await c.query(`drop database if exists "${new URL(url).pathname.slice(1)}" with (force)`);
  await c.end();
}
