/**
 * `npm run bench:services` — the GIS services at province scale, on a seeded database
 * (DATABASE_URL; `npm run seed -- --reset --scale N` first). Prints a Markdown table for
 * docs/performance.md: vector tiles (first request, not cached) at zooms 8/12/15, full
 * coverage rebuild, single-unit recompute (rolled back), gridAt p99 over HTTP, OGC items
 * p95 for a bbox page, and the admin map's time to interactive in headless chromium (skipped
 * with --no-map, or when chromium is missing; builds admin/dist when it is stale). Writes
 * nothing to the data but a bench user and the rebuild's (identical) coverage.
 *
 *   --no-rebuild   skip the full rebuild
 *   --no-map       skip the map in chromium
 *   --old-rebuild  also time the rebuild in one transaction (as before batching; slow at scale)
 *   --tile-statements  also time, in SQL alone, the z8 and z9 grids tiles of every tile holding grids
 *                  with the properties computed per grid against read ready (alternating, same tiles)
 */
import 'reflect-metadata';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import { MikroORM } from '@mikro-orm/postgresql';
import { createApp } from '../src/app';
import { loadConfig } from '../src/config';
import { ormConfig } from '../src/db/mikro-orm.config';
import { CoverageService } from '../src/coverage/coverage.service';
import { query } from '../src/common/sql';
import { COLLECTION_BY_ID } from '../src/ogc/ogc.collections';
import { READY_BAND, TILES_SQL } from '../src/tiles/tiles.sql';

const config = loadConfig({ ...process.env, LOG_LEVEL: 'silent' });
const orm = await MikroORM.init(ormConfig(config.databaseUrl));
const coverage = new CoverageService(config);
const em = () => orm.em.fork();
const skipRebuild = process.argv.includes('--no-rebuild');
const skipMap = process.argv.includes('--no-map');
const oldRebuild = process.argv.includes('--old-rebuild');
const tileStatements = process.argv.includes('--tile-statements');

class Rollback extends Error {}
const pct = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))]!;
const f = (n: number) => `${n.toFixed(1)} ms`;
const ms = (t0: number) => performance.now() - t0;

const [size] = await query<{ grids: number; units: number; counties: number }>(
  em(),
  'select (select count(*) from grid)::int as grids, (select count(*) from village)::int as units, (select count(*) from county)::int as counties',
);
if (!size!.grids) {
  console.error(
    'The database has no grids: run `npm run seed -- --scale N` first (DATABASE_URL selects the database).',
  );
  process.exit(1);
}
const N = Math.round(size!.counties / 5);
const rows: string[] = [];
const row = (what: string, goal: string, a: string, b: string) => {
  rows.push(`| ${what} | ${goal} | ${a} | ${b} |`);
  console.log(rows[rows.length - 1]); // as it goes: a long run keeps what it measured
};

// The admin map is served by the server when admin/dist exists at its start: build it first.
const browser = skipMap ? null : await import('../../tests/browser/browser');
if (browser?.hasChromium) browser.ensureAdminBuild();

// A server of our own, signed in as a bench user (Bearer token, as the admin map).
const app = await createApp(config, { orm });
const server = app.app.listen(0, '127.0.0.1');
await once(server, 'listening');
const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
const password = 'bench-password-1';
await query(
  em(),
  `insert into app_user (username, password_hash, role, county_ids, township_ids, created_at, updated_at, password_changed_at)
  values ('bench', ?, 'ANALYST', '{}', '{}', now(), now(), now()) on conflict (username) do update set password_hash = excluded.password_hash, failed_attempts = 0, locked_until = null`,
  [await app.auth.hashPassword(password)],
);
const { token } = await app.auth.login(em(), 'bench', password);
const headers = { authorization: `Bearer ${token}` };

// Sample grids spread over the province (deterministic).
const sample = await query<{ id: number; village_id: number; lng: number; lat: number }>(
  em(),
  // The point after the limit: at N = 100 a point on every one of 388,300 grids took most of a minute.
  `select id, village_id, ST_X(p) as lng, ST_Y(p) as lat
   from (select id, village_id, geom from grid order by md5(id::text) limit 200) x, ST_PointOnSurface(x.geom) p`,
);

function tileOf(lng: number, lat: number, z: number): string {
  const n = 2 ** z;
  const φ = (lat * Math.PI) / 180;
  return `${z}/${Math.floor(((lng + 180) / 360) * n)}/${Math.floor(((1 - Math.log(Math.tan(φ) + 1 / Math.cos(φ)) / Math.PI) / 2) * n)}`;
}

// 1. Vector tiles, first request of distinct tiles (the server's cache does not help).
for (const layer of ['grids', 'villages']) {
  for (const z of [8, 9, 12, 15]) {
    const tiles = [...new Set(sample.map((g) => tileOf(g.lng, g.lat, z)))].slice(0, 40);
    const times: number[] = [];
    let bytes = 0;
    for (const t of tiles) {
      const t0 = performance.now();
      const res = await fetch(`${base}/tiles/${layer}/${t}.mvt`, { headers });
      bytes += (await res.arrayBuffer()).byteLength;
      times.push(ms(t0));
    }
    row(
      `tile ${layer} z${z} (${tiles.length} distinct tiles, avg ${Math.round(bytes / tiles.length / 1024)} KB)`,
      '≤ 50 ms (p95)',
      `${f(pct(times, 0.5))}`,
      f(pct(times, 0.95)),
    );
  }
}
// The same tile again: a cache hit, and a revalidation (304).
{
  const t = tileOf(sample[0]!.lng, sample[0]!.lat, 12);
  const first = await fetch(`${base}/tiles/grids/${t}.mvt`, { headers });
  await first.arrayBuffer();
  const hit: number[] = [];
  const revalidate: number[] = [];
  for (let i = 0; i < 30; i++) {
    let t0 = performance.now();
    await (await fetch(`${base}/tiles/grids/${t}.mvt`, { headers })).arrayBuffer();
    hit.push(ms(t0));
    t0 = performance.now();
    await (
      await fetch(`${base}/tiles/grids/${t}.mvt`, {
        headers: { ...headers, 'if-none-match': first.headers.get('etag')! },
      })
    ).arrayBuffer();
    revalidate.push(ms(t0));
  }
  row('tile grids z12, cached in the server', '', f(pct(hit, 0.5)), f(pct(hit, 0.95)));
  row('tile grids z12, revalidated (304)', '', f(pct(revalidate, 0.5)), f(pct(revalidate, 0.95)));
}

// A bulk geometry update, one statement over a Wuzhong's worth of grids (rolled back): with the
// tile triggers (tile_geom's bands and the grids' ready properties) and with no trigger at all.
{
  const bulk = async (triggers: boolean) => {
    let t = 0;
    try {
      await em().transactional(async (tx) => {
        if (!triggers) await query(tx, 'set local session_replication_role = replica');
        const t0 = performance.now();
        await query(
          tx,
          'update grid set geom = ST_Multi(ST_Translate(geom, 0.00001, 0)) where id in (select id from grid order by id limit 3883)',
        );
        t = ms(t0);
        throw new Rollback();
      });
    } catch (e) {
      if (!(e instanceof Rollback)) throw e;
    }
    return t;
  };
  const [on, off]: [number[], number[]] = [[], []];
  for (let i = 0; i < 3; i++) {
    on.push(await bulk(true));
    off.push(await bulk(false));
  }
  row(
    'bulk geometry update of 3,883 grids, one statement (3 runs, rolled back): with the tile triggers / without any trigger',
    '',
    `${f(pct(on, 0.5))} / ${f(pct(off, 0.5))}`,
    '',
  );
}

// The low-zoom grids tile in SQL alone, every tile of the province holding grids: the statement
// that computes each grid's properties against the one that reads them ready (alternating).
if (tileStatements) {
  const grids = COLLECTION_BY_ID.get('grids')!;
  for (const z of [8, 9]) {
    const tiles = await query<{ x: number; y: number }>(
      em(),
      `select distinct floor((ST_X(p) + 20037508.342789244) / (40075016.685578488 / 2 ^ ?))::int as x,
         floor((20037508.342789244 - ST_Y(p)) / (40075016.685578488 / 2 ^ ?))::int as y
       from (select ST_PointOnSurface(geom) as p from tile_geom where layer = 'grids' and band = ${READY_BAND}) s`,
      [z, z],
    );
    const times: Record<'computed' | 'ready', number[]> = { computed: [], ready: [] };
    for (const [i, { x, y }] of tiles.entries()) {
      for (const k of i % 2 ? (['computed', 'ready'] as const) : (['ready', 'computed'] as const)) {
        const t0 = performance.now();
        await query(em(), k === 'ready' ? TILES_SQL.readyTile(grids) : TILES_SQL.tile(grids, READY_BAND), [
          z,
          x,
          y,
          z,
          x,
          y,
          'grids',
        ]);
        times[k].push(ms(t0));
      }
    }
    for (const k of ['computed', 'ready'] as const)
      row(
        `tile grids z${z} in SQL, properties ${k} (${tiles.length} tiles holding grids)`,
        '',
        f(pct(times[k], 0.5)),
        f(pct(times[k], 0.95)),
      );
  }
}

// 2. One unit after a grid edit (rolled back), as the write hook does.
const recompute: number[] = [];
for (const g of sample.slice(0, 40)) {
  try {
    await em().transactional(async (tx) => {
      await query(tx, 'update grid set geom = ST_Multi(ST_Buffer(geom, -0.00001)) where id = ?', [g.id]);
      const t0 = performance.now();
      await coverage.recompute(tx, [Number(g.village_id)], [g.id]);
      recompute.push(ms(t0));
      throw new Rollback();
    });
  } catch (e) {
    if (!(e instanceof Rollback)) throw e;
  }
}
row(
  `recompute one unit after a grid edit (${recompute.length} units)`,
  '≤ 20 ms',
  f(pct(recompute, 0.5)),
  f(pct(recompute, 0.95)),
);

// 3. gridAt over HTTP (GraphQL), p99 in steady state. The first requests of a query text are timed
// on their own: the first goes through Apollo (parse, validate, compile), the next ones open the
// read pool's connections and prepare the statement; a service asking all day does that once.
const gridAt: number[] = [];
const gridAtFirst: number[] = [];
const warmUp = 5;
for (const [i, g] of [...sample.slice(0, warmUp), ...sample].entries()) {
  const t0 = performance.now();
  const res = await fetch(`${base}/graphql`, {
    method: 'POST',
    headers: { ...headers, 'content-type': 'application/json' },
    body: JSON.stringify({
      query:
        'query($lng: Float!, $lat: Float!) { gridAt(lng: $lng, lat: $lat) { id name village { name } workers { name } } }',
      variables: { lng: g.lng, lat: g.lat },
    }),
  });
  const body = (await res.json()) as { data?: { gridAt: unknown[] } };
  if (!body.data?.gridAt.length) throw new Error(`gridAt found nothing at ${g.lng}, ${g.lat}`);
  (i < warmUp ? gridAtFirst : gridAt).push(ms(t0));
}
row(
  `gridAt over HTTP, the first ${warmUp} requests of the query (compiled, connections opened)`,
  '',
  gridAtFirst.map(f).join(', '),
  '',
);
row(`gridAt over HTTP (${gridAt.length} points)`, '≤ 10 ms (p99)', f(pct(gridAt, 0.5)), `p99 ${f(pct(gridAt, 0.99))}`);

// 4. OGC items: a page of 100 grids in a 0.1° bbox around a grid, with numberMatched.
const items: number[] = [];
for (const g of sample.slice(0, 60)) {
  const bbox = [g.lng - 0.05, g.lat - 0.05, g.lng + 0.05, g.lat + 0.05].map((x) => x.toFixed(5)).join(',');
  const t0 = performance.now();
  const res = await fetch(`${base}/ogc/collections/grids/items?bbox=${bbox}&limit=100`, { headers });
  await res.arrayBuffer();
  if (res.status !== 200) throw new Error(`OGC items: HTTP ${res.status}`);
  items.push(ms(t0));
}
row(
  `OGC items, a 100-grid page in a 0.1° bbox (${items.length} pages)`,
  '',
  f(pct(items, 0.5)),
  `p95 ${f(pct(items, 0.95))}`,
);

// 5. The admin map in chromium: navigation start → every layer drawn (window.__wzMapReady).
if (browser) {
  const { hasChromium, launch, signIn } = browser;
  if (!hasChromium) console.log('(map: no chromium, skipped)');
  else {
    const b = await launch();
    try {
      const login = await b.context.newPage();
      await signIn(login, base, 'bench', password);
      await login.close();
      const tti: number[] = [];
      let features = '';
      for (let i = 0; i < 3; i++) {
        const page = await b.context.newPage();
        await page.goto(`${base}/map`);
        await page.waitForFunction(() => Boolean((window as { __wzMapReady?: unknown }).__wzMapReady), undefined, {
          timeout: 180_000,
        });
        const ready = await page.evaluate(
          () => (window as unknown as { __wzMapReady: { ms: number; features: Record<string, number> } }).__wzMapReady,
        );
        tti.push(ready.ms);
        features = Object.entries(ready.features)
          .map(([k, n]) => `${n} ${k}`)
          .join(', ');
        await page.close();
      }
      row(
        `admin map time to interactive, chromium (3 loads; ${features})`,
        '≤ 1.5 s',
        f(pct(tti, 0.5)),
        `max ${f(Math.max(...tti))}`,
      );
    } catch (e) {
      // A map that does not come up is a result too; the rebuild below is still measured.
      row(
        'admin map time to interactive, chromium',
        '≤ 1.5 s',
        `not interactive: ${(e as Error).message.split('\n')[0]}`,
        '',
      );
    } finally {
      await b.close();
    }
  }
}

// 6. Full rebuild, once: in batches of whole townships (as `npm run coverage:rebuild`), and
// on request the old way, one transaction over every unit.
if (!skipRebuild) {
  let t0 = performance.now();
  let batches = 0;
  await coverage.rebuild(em(), { onBatch: () => batches++ });
  row(
    `full coverage rebuild (${size!.units} units, ${batches} batches of whole townships)`,
    'linear in N',
    f(ms(t0)),
    '',
  );
  if (oldRebuild) {
    t0 = performance.now();
    await coverage.rebuildInOneTransaction(em());
    row(`full coverage rebuild (${size!.units} units, one transaction, no statement timeout)`, '', f(ms(t0)), '');
  }
}

server.close();
await app.close();
await orm.close();

console.log(`\n### N = ${N} (${size!.counties} counties, ${size!.units} units, ${size!.grids} grids)\n`);
console.log(
  `Measured by \`npm run bench:services\` on ${new Date().toISOString().slice(0, 10)}, ${os.cpus().length} cores, PostgreSQL on the same machine.\n`,
);
console.log('| what | goal | median | p95 / p99 |\n|---|---|---|---|');
console.log(rows.join('\n'));
