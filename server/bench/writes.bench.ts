/**
 * `npm run bench:writes [-- --seconds 60 --clients 20 --village 19 --write]` — concurrent editors on a
 * seeded database (DATABASE_URL): `clients` loops create and delete small grids in one village for
 * `seconds`, over HTTP against the real server. Reports the answers by code (the target: no
 * INTERNAL_SERVER_ERROR), throughput and latency, and whether coverage equals a full rebuild
 * afterwards. With --write, records the result in docs/performance.md. Leaves no grid behind.
 */
import 'reflect-metadata';
import { once } from 'node:events';
import { readFileSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import { parseArgs } from 'node:util';
import { createApp } from '../src/app';
import { query } from '../src/common/sql';
import { loadConfig } from '../src/config';
import { churn, COVERAGE_CHECKSUM } from './churn';

const { values: args } = parseArgs({
  options: {
    seconds: { type: 'string', default: '60' },
    clients: { type: 'string', default: '20' },
    village: { type: 'string' },
    write: { type: 'boolean', default: false },
  },
});
const config = loadConfig({ ...process.env, LOG_LEVEL: 'silent' });
const app = await createApp(config);
const em = () => app.orm.em.fork();
const server = app.app.listen(0, '127.0.0.1');
await once(server, 'listening');
const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

try {
  const [village] = await query<{ id: number; lng: number; lat: number }>(
    em(),
    `
    select v.id, ST_X(p) as lng, ST_Y(p) as lat
    from village v, ST_PointOnSurface(coalesce(nullif(ST_Buffer(v.geom, -0.004), 'POLYGON EMPTY'::geometry), v.geom)) p
    where v.geom is not null and (?::int is null or v.id = ?::int) and exists (select 1 from grid g where g.village_id = v.id)
    order by v.id = 19 desc, v.id limit 1`,
    [args.village ?? null, args.village ?? null],
  );
  if (!village) throw new Error('No village with grids: run `npm run seed` first (DATABASE_URL selects the database).');

  // A bench administrator, signed in over HTTP like any client.
  const password = `bench-${Math.random().toString(36).slice(2)}-secret`;
  await query(
    em(),
    `insert into app_user (username, password_hash, role, created_at, updated_at, password_changed_at)
    values ('bench-writes', ?, 'ADMIN', now(), now(), now())
    on conflict (username) do update set password_hash = excluded.password_hash, failed_attempts = 0, locked_until = null, active = true`,
    [await app.auth.hashPassword(password)],
  );
  const login = await fetch(`${base}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      query: 'mutation($p: String!) { login(username: "bench-writes", password: $p) { token } }',
      variables: { p: password },
    }),
  });
  const token = ((await login.json()) as { data: { login: { token: string } } }).data.login.token;

  const seconds = Number(args.seconds);
  const clients = Number(args.clients);
  console.log(`${clients} clients creating and deleting grids in village ${village.id} for ${seconds} s…`);
  const r = await churn({
    base,
    headers: { authorization: `Bearer ${token}` },
    villageId: String(village.id),
    origin: [village.lng, village.lat],
    clients,
    seconds,
  });
  const leftover = await query(em(), `select id from grid where name like '并发-%'`);

  const [incremental] = await query<{ h: string }>(em(), COVERAGE_CHECKSUM);
  const t0 = performance.now();
  await app.coverage.rebuild(em());
  const rebuildMs = performance.now() - t0;
  const [rebuilt] = await query<{ h: string }>(em(), COVERAGE_CHECKSUM);
  const sorted = [...r.latencies].sort((a, b) => a - b);
  const pct = (p: number) => Math.round(sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? 0);

  const rows: [string, string][] = [
    ['requests', `${r.requests} in ${r.seconds.toFixed(1)} s (${(r.requests / r.seconds).toFixed(1)}/s)`],
    [
      'answers by code',
      Object.entries(r.codes)
        .map(([c, n]) => `${c} ${n}`)
        .join(', '),
    ],
    ['INTERNAL_SERVER_ERROR', String(r.codes.INTERNAL_SERVER_ERROR ?? 0)],
    ['retryable CONFLICT (retries exhausted)', String(r.retryable)],
    ['accepted write latency median / p95', `${pct(0.5)} ms / ${pct(0.95)} ms`],
    ['grids left behind', String(leftover.length)],
    ['coverage equal to a full rebuild', incremental!.h === rebuilt!.h ? 'yes' : 'NO'],
  ];
  const table = ['| what | measured |', '|---|---|', ...rows.map(([a, b]) => `| ${a} | ${b} |`)].join('\n');
  console.log(table);
  console.log(`(full rebuild for the comparison: ${Math.round(rebuildMs)} ms)`);

  if (args.write) {
    const path = new URL('../../docs/performance.md', import.meta.url);
    const doc = readFileSync(path, 'utf8');
    const section = [
      '## Concurrent writes (`npm run bench:writes`)',
      '',
      `${clients} clients, each creating a 20 m grid in village ${village.id} of the seeded dataset and deleting it again, for ${seconds} s, ` +
        `over HTTP against the real server. Every writer takes the same lock first (the data_version row), so writes serialise instead of ` +
        `deadlocking; deadlocks and serialisation failures that still happen are retried in the server and otherwise answered with a ` +
        `retryable CONFLICT. Measured ${new Date().toISOString().slice(0, 10)} on ${os.cpus().length} cores (load average ${os.loadavg()[0]!.toFixed(1)}, shared with other work).`,
      '',
      table,
      '',
    ].join('\n');
    const start = doc.indexOf('## Concurrent writes (`npm run bench:writes`)');
    const next = start < 0 ? -1 : doc.indexOf('\n## ', start + 1);
    const updated =
      start < 0
        ? `${doc.trimEnd()}\n\n${section}`
        : `${doc.slice(0, start)}${section}${next < 0 ? '' : doc.slice(next + 1)}`;
    writeFileSync(path, updated.endsWith('\n') ? updated : `${updated}\n`);
    console.log('recorded in docs/performance.md');
  }
  if ((r.codes.INTERNAL_SERVER_ERROR ?? 0) > 0 || incremental!.h !== rebuilt!.h || leftover.length)
    process.exitCode = 1;
} finally {
  server.close();
  await app.close();
}
