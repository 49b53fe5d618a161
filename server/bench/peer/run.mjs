#!/usr/bin/env node
/**
 * `npm run bench:peer`: Wuzhong Grid side by side with PostGraphile v4 and a raw-SQL bound on the
 * same seeded database (issue #12), and the table written into docs/performance.md with the date
 * and the commit.
 *
 *   DATABASE_URL   a database of your own; seeded with the Wuzhong dataset when empty
 *   ROUNDS DURATION CONNECTIONS WARMUP QUERIES   passed to bench.cjs (defaults 3, 15, 10, 4, all)
 *   WRITE=0        print the table without writing docs/performance.md
 *   OURS_PORT PGL_PORT RAW_PORT COUNT_PORT   the ports below, when they are taken
 *
 * Ours runs compiled (dist/, plain node) on 127.0.0.1:4603, PostGraphile on :5603, the raw bound
 * on :6603; the statement count uses a copy of ours with a counting preload (:4603, count on :4614).
 * Every process this script starts is stopped by it. The harness is its own package
 * (server/bench/peer/package.json): PostGraphile 4 needs graphql 15, the server graphql 16.
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../../..');
const require = createRequire(path.join(root, 'package.json'));
const say = (l) => console.log(`[bench:peer] ${l}`);
const DATABASE_URL = process.env.DATABASE_URL;
if (!DATABASE_URL) {
  console.error('Set DATABASE_URL to a database of your own (it is seeded when empty).');
  process.exit(2);
}
const USER = 'perfadmin';
const PASSWORD = 'perf-Secret-2026';
const children = [];
const stopAll = () => {
  for (const c of children) if (c.exitCode === null) c.kill('SIGTERM');
};
process.on('exit', stopAll);
process.on('SIGINT', () => {
  stopAll();
  process.exit(130);
});

// The harness's own dependencies (PostGraphile, autocannon), exact versions from its lock file.
if (!existsSync(path.join(here, 'node_modules/postgraphile'))) {
  say('installing the harness (npm ci in server/bench/peer)…');
  execFileSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: here, stdio: 'inherit' });
}
const { ensureBuilt } = await import(path.join(root, 'server/bin/build.mjs'));
ensureBuilt();

const pg = require('pg');
const db = new pg.Client({ connectionString: DATABASE_URL });
await db.connect();
const hasCounty = await db.query(`select to_regclass('county') is not null as t`).then((r) => r.rows[0].t);
const seeded = hasCounty && (await db.query('select count(*)::int n from county')).rows[0].n > 0;
if (!seeded) {
  say('seeding the database (npm run seed)…');
  execFileSync(process.execPath, ['--enable-source-maps', 'dist/seeds/seed.js'], {
    cwd: root,
    stdio: 'inherit',
    env: process.env,
  });
}
// The bench's administrator (bench.cjs signs in with it).
const { hash } = require('@node-rs/argon2');
await db.query(
  `insert into app_user (username, display_name, password_hash, role, created_at, updated_at, password_changed_at)
   values ($1, 'bench', $2, 'ADMIN', now(), now(), now())
   on conflict (username) do update set password_hash = excluded.password_hash, role = 'ADMIN', active = true, failed_attempts = 0, locked_until = null`,
  [USER, await hash(PASSWORD)],
);
await db.query('analyze');
const counts = (
  await db.query(
    `select (select count(*) from village)::int v, (select count(*) from grid)::int g, (select count(*) from grid_worker)::int w`,
  )
).rows[0];
await db.end();

// Ports (OURS_PORT, PGL_PORT, RAW_PORT, COUNT_PORT): the defaults, or others when several people share a machine.
const PORTS = {
  ours: process.env.OURS_PORT || '4603',
  pgl: process.env.PGL_PORT || '5603',
  raw: process.env.RAW_PORT || '6603',
  count: process.env.COUNT_PORT || '4614',
};
const URLS = {
  OURS_URL: `http://127.0.0.1:${PORTS.ours}`,
  PGL_URL: `http://127.0.0.1:${PORTS.pgl}`,
  RAW_URL: `http://127.0.0.1:${PORTS.raw}`,
};
const env = {
  ...process.env,
  ...URLS,
  PGL_PORT: PORTS.pgl,
  RAW_PORT: PORTS.raw,
  NODE_PATH: path.join(here, 'node_modules'),
  ADMIN_USERNAME: USER,
  ADMIN_PASSWORD: PASSWORD,
};
function start(name, args, extra = {}, cwd = root) {
  const c = spawn(process.execPath, args, { cwd, env: { ...env, ...extra }, stdio: ['ignore', 'ignore', 'pipe'] });
  let err = '';
  c.stderr.on('data', (d) => {
    err += d;
  });
  c.on('exit', (code) => {
    if (code && code !== 143 && !c.stopping) console.error(`${name} exited ${code}: ${err.slice(-2000)}`);
  });
  children.push(c);
  return c;
}
async function waitFor(url) {
  for (let i = 0; i < 150; i++) {
    const ok = await fetch(url).then(
      (r) => r.status < 500,
      () => false,
    );
    if (ok) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`nothing answers at ${url}`);
}
const stop = async (c) => {
  c.stopping = true;
  c.kill('SIGTERM');
  await new Promise((r) => (c.exitCode !== null ? r() : c.once('exit', r)));
};
const node = (script, extra = {}) => {
  const r = spawnSync(process.execPath, [script], {
    cwd: here,
    env: { ...env, ...extra },
    encoding: 'utf8',
    maxBuffer: 64 << 20,
  });
  if (r.status !== 0) throw new Error(`${script} failed (${r.status}):\n${r.stdout}\n${r.stderr}`);
  return r.stdout;
};

// One process, as PostGraphile and the raw bound (WORKERS=N npm run bench:peer measures a cluster).
const ours = { PORT: PORTS.ours, HOST: '127.0.0.1', SEED: '0', WORKERS: process.env.WORKERS ?? '1' };
// As npm start runs it (server/bin/run.mjs), one process.
const oursProc = start('ours', ['--enable-source-maps', '--max-semi-space-size=32', 'dist/server/src/main.js'], ours);
const pglProc = start('postgraphile', ['pgl-server.cjs'], {}, here);
const rawProc = start('raw', ['raw-server.cjs'], {}, here);
await Promise.all([
  waitFor(`${URLS.OURS_URL}/healthz`),
  waitFor(`${URLS.PGL_URL}/graphql`),
  waitFor(`${URLS.RAW_URL}/`),
]);
say(`servers up: ours :${PORTS.ours} (node dist/), PostGraphile :${PORTS.pgl}, raw :${PORTS.raw}`);

writeFileSync(path.join(here, 'fixtures.json'), node('make-fixtures.cjs'));
const check = node('check.cjs');
process.stdout.write(check);

const results = path.join(here, 'results.json');
const bench = spawnSync(process.execPath, ['bench.cjs'], {
  cwd: here,
  stdio: 'inherit',
  env: {
    ...env,
    OURS_PID: String(oursProc.pid),
    PGL_PID: String(pglProc.pid),
    RAW_PID: String(rawProc.pid),
    OUT: results,
  },
});
if (bench.status !== 0) throw new Error('bench.cjs failed');
const summary = spawnSync(process.execPath, ['summarise.cjs', results], { cwd: here, encoding: 'utf8' }).stdout.trim();
const layersOut = path.join(here, 'layers.json');
node('layers.cjs', { OUT: layersOut, N: '10' });
const layers = JSON.parse(readFileSync(layersOut, 'utf8'));

// Statements per request: ours again, with the counting preload.
await stop(oursProc);
const counting = start(
  'ours (counting)',
  ['--import', path.join(here, 'count-statements.mjs'), 'dist/server/src/main.js'],
  { ...ours, COUNT_PORT: PORTS.count },
);
await waitFor(`${URLS.OURS_URL}/healthz`);
Object.assign(process.env, URLS);
const { spec, login, once } = require(path.join(here, 'targets.cjs'));
const token = await login();
const statements = {};
for (const q of ['q1', 'q2', 'q3', 'q4', 'coverage']) {
  const s = spec('ours', q, token);
  await once(s); // the token is cached from here on
  await fetch(`http://127.0.0.1:${PORTS.count}/reset`);
  await once(s);
  statements[q] = (await (await fetch(`http://127.0.0.1:${PORTS.count}/count`)).json()).count;
}
await stop(counting);
await stop(pglProc);
await stop(rawProc);

const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: root, encoding: 'utf8' }).trim();
const dirty = execFileSync('git', ['status', '--porcelain', '--untracked-files=no'], {
  cwd: root,
  encoding: 'utf8',
}).trim()
  ? ' (with uncommitted changes)'
  : '';
const r = JSON.parse(readFileSync(results, 'utf8'));
const at = r.at.slice(0, 16).replace('T', ' ');
const layerRows = Object.entries(layers.layers)
  .map(
    ([k, v]) =>
      `| ${k} | ${v.features} | ${(v.rawBytes / 1e6).toFixed(2)} MB | ${(v.gzBytes / 1e6).toFixed(2)} MB | ${v.coldGzip} | ${v.cachedGzip} | ${v.cachedIdentity} | ${v.notModified} |`,
  )
  .join('\n');
const section = `<!-- bench:peer -->
### Side by side with PostGraphile (\`npm run bench:peer\`)

Measured ${at} UTC at commit ${commit}${dirty} on this machine (${(await import('node:os')).cpus().length} cores, shared),
${counts.v} villages, ${counts.g} grids, ${counts.w} workers; ${r.rounds} rounds × ${r.duration} s, ${r.connections} connections,
order rotated per round. Ours: \`node --max-semi-space-size=32 dist/server/src/main.js\` (one process, \`WORKERS=1\`; compiled reads, cached principals), PostGraphile 4.14.1 with the
PostGIS and connection-filter plugins, and a raw bound (one hand-written statement per query) on the same database, each with a pool
of 10. Command: \`DATABASE_URL=postgres://…/<your db> npm run bench:peer\` (the harness is server/bench/peer; \`check.cjs\` confirms
that the three return the same data before anything is timed).

${check
  .trim()
  .split('\n')
  .map((l) => `    ${l}`)
  .join('\n')}

${summary}

SQL statements per request (ours, signed-in token already cached): ${Object.entries(statements)
  .map(([q, n]) => `${q} ${n}`)
  .join(', ')}.

Map layers (whole city, ${layers.layers.grids ? 'sequential requests' : ''}, medians [min–max]):

| layer | features | raw | gzip | cold (gzip) | cached (gzip) | cached (identity) | 304 |
|---|---|---|---|---|---|---|---|
${layerRows}
<!-- /bench:peer -->`;

console.log(`\n${section}\n`);
if (process.env.WRITE !== '0') {
  const doc = path.join(root, 'docs/performance.md');
  const text = readFileSync(doc, 'utf8');
  const re = /<!-- bench:peer -->[\s\S]*?<!-- \/bench:peer -->/;
  writeFileSync(doc, re.test(text) ? text.replace(re, section) : `${text.trimEnd()}\n\n${section}\n`);
  say('written to docs/performance.md');
}
process.exit(0);
