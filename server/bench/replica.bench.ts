/**
 * `npm run bench:replica [-- --seconds 10 --clients 8 --write]` — read throughput with one streaming
 * replica against the primary alone, on a seeded database (DATABASE_URL, local; needs root: the
 * replica is a throwaway cluster made with `pg_basebackup -R`, tests/helpers/replica-cluster.ts).
 * For each query, `clients` loops over HTTP for `seconds`, first with every read on the primary,
 * then with DATABASE_REPLICA_URLS; then writers that read right after each write (read-your-writes:
 * every write seen, and where those reads were served). With --write, records the table in
 * docs/performance.md. Both clusters and the load generator share this machine's cores.
 */
import 'reflect-metadata';
import { once } from 'node:events';
import { readFileSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import { parseArgs } from 'node:util';
import { execFileSync } from 'node:child_process';
import { createApp } from '../src/app';
import { query } from '../src/common/sql';
import { loadConfig } from '../src/config';
import { LSN_HEADER, SERVED_BY_HEADER } from '../src/db/read-your-writes';
import { replicaClusterUnavailable, startReplicaCluster } from '../../tests/helpers/replica-cluster';

const { values: args } = parseArgs({
  options: {
    seconds: { type: 'string', default: '10' },
    clients: { type: 'string', default: '8' },
    rounds: { type: 'string', default: '2' },
    write: { type: 'boolean', default: false },
  },
});
const seconds = Number(args.seconds);
const clients = Number(args.clients);
const rounds = Number(args.rounds);
const baseConfig = loadConfig({ ...process.env, LOG_LEVEL: 'silent' });
const why = replicaClusterUnavailable(baseConfig.databaseUrl);
if (why) {
  console.error(`bench:replica cannot make a replica here: ${why}`);
  process.exit(2);
}

const QUERIES: Record<string, { text: string; vars: (i: number) => Record<string, unknown> }> = {
  'Q1 villages → grids → workers, party units (100)': {
    text: `{ allVillages(perPage: 100, sortField: "id", sortOrder: "ASC") { id name grids { id name households workers { id name } partyUnits { id name } } } }`,
    vars: () => ({}),
  },
  'Q2 gridAt (point lookup with parents)': {
    text: `query($lng: Float!, $lat: Float!) { gridAt(lng: $lng, lat: $lat) { id name village { name township { name county { name } } } workers { id name } } }`,
    vars: (i) => points[i % points.length]!,
  },
};
let points: { lng: number; lat: number }[] = [];

type Run = { requests: number; errors: number; rps: number; p50: number; p99: number; onReplica: number };

async function serve(env: Record<string, string>) {
  const config = loadConfig({ ...process.env, LOG_LEVEL: 'silent', ...env });
  const app = await createApp(config);
  const server = app.app.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const password = `bench-${Math.random().toString(36).slice(2)}-secret`;
  await query(
    app.orm.em.fork(),
    `insert into app_user (username, password_hash, role, created_at, updated_at, password_changed_at)
    values ('bench-replica', ?, 'ADMIN', now(), now(), now())
    on conflict (username) do update set password_hash = excluded.password_hash, active = true, failed_attempts = 0, locked_until = null`,
    [await app.auth.hashPassword(password)],
  );
  const login = (await (
    await fetch(`${base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query: 'mutation($u: String!, $p: String!) { login(username: $u, password: $p) { token } }',
        variables: { u: 'bench-replica', p: password },
      }),
    })
  ).json()) as { data: { login: { token: string } } };
  const headers = { 'content-type': 'application/json', authorization: `Bearer ${login.data.login.token}` };
  return {
    app,
    base,
    headers,
    close: async () => {
      server.close();
      await app.close();
    },
  };
}

async function load(
  s: Awaited<ReturnType<typeof serve>>,
  q: { text: string; vars: (i: number) => Record<string, unknown> },
): Promise<Run> {
  const times: number[] = [];
  let errors = 0;
  let onReplica = 0;
  const until = Date.now() + seconds * 1000;
  await Promise.all(
    Array.from({ length: clients }, async (_, c) => {
      for (let i = c; Date.now() < until; i += clients) {
        const t = performance.now();
        const res = await fetch(`${s.base}/graphql`, {
          method: 'POST',
          headers: s.headers,
          body: JSON.stringify({ query: q.text, variables: q.vars(i) }),
        });
        const body = (await res.json()) as { errors?: unknown };
        times.push(performance.now() - t);
        if (body.errors || !res.ok) errors++;
        if (res.headers.get(SERVED_BY_HEADER)?.startsWith('replica')) onReplica++;
      }
    }),
  );
  times.sort((a, b) => a - b);
  const at = (p: number) => Math.round(times[Math.min(times.length - 1, Math.floor(p * times.length))]! * 10) / 10;
  return {
    requests: times.length,
    errors,
    rps: Math.round((times.length / seconds) * 10) / 10,
    p50: at(0.5),
    p99: at(0.99),
    onReplica,
  };
}

const cluster = await startReplicaCluster(baseConfig.databaseUrl);
const rows: string[] = [];
let ryw: string;
try {
  const probe = await serve({});
  points = (
    await query<{ lng: number; lat: number }>(
      probe.app.orm.em.fork(),
      `select ST_X(p) as lng, ST_Y(p) as lat from grid g, ST_PointOnSurface(g.geom) p order by g.id limit 50`,
    )
  ).map((r) => ({ lng: Number(r.lng), lat: Number(r.lat) }));
  if (!points.length) throw new Error('No grid: seed the database first (npm run seed; DATABASE_URL selects it).');
  const routed = await serve({ DATABASE_REPLICA_URLS: cluster.url });
  for (
    let i = 0;
    i < 50 &&
    !((await (await fetch(`${routed.base}/healthz`)).json()) as { replicas: { serving: boolean }[] }).replicas[0]!
      .serving;
    i++
  )
    await new Promise((r) => setTimeout(r, 200));
  // Interleaved (primary, replica, primary, replica…) so that the machine's changing load hits both alike.
  const results: { round: number; name: string; primary: Run; replica: Run }[] = [];
  for (let round = 1; round <= rounds; round++) {
    for (const name of Object.keys(QUERIES)) {
      const primary = await load(probe, QUERIES[name]!);
      const replica = await load(routed, QUERIES[name]!);
      results.push({ round, name, primary, replica });
    }
  }
  await probe.close();

  // Writers reading right after each write, with the token of the write.
  let writes = 0,
    seen = 0,
    readsOnReplica = 0;
  const until = Date.now() + seconds * 1000;
  const tag = `RB${Date.now() % 100000}`;
  await Promise.all(
    Array.from({ length: 2 }, async (_, c) => {
      for (let i = 0; Date.now() < until; i++) {
        const name = `${tag}-${c}-${i}`;
        const w = await fetch(`${routed.base}/graphql`, {
          method: 'POST',
          headers: routed.headers,
          body: JSON.stringify({
            query: `mutation($n: String!) { createGridWorker(name: $n) { id } }`,
            variables: { n: name },
          }),
        });
        await w.json();
        writes++;
        const r = await fetch(`${routed.base}/graphql`, {
          method: 'POST',
          headers: { ...routed.headers, [LSN_HEADER]: w.headers.get(LSN_HEADER) ?? '' },
          body: JSON.stringify({
            query: `query($q: String) { allGridWorkers(filter: { q: $q }) { id } }`,
            variables: { q: name },
          }),
        });
        const body = (await r.json()) as { data?: { allGridWorkers: unknown[] } };
        if (body.data?.allGridWorkers.length === 1) seen++;
        if (r.headers.get(SERVED_BY_HEADER)?.startsWith('replica')) readsOnReplica++;
      }
    }),
  );
  await query(routed.app.orm.em.fork(), `delete from grid_worker where name like ?`, [`${tag}-%`]);
  await routed.close();
  ryw = `read-your-writes: ${writes} writes, each read back at once with its X-Wz-Lsn: ${seen}/${writes} seen, ${readsOnReplica} of those reads served by the replica (the rest by the primary, the replica not yet there)`;

  for (const { round, name, primary: p, replica: q } of results) {
    rows.push(
      `| ${name} | ${round} | ${p.rps} | ${p.p50} / ${p.p99} | ${q.rps} | ${q.p50} / ${q.p99} | ${Math.round((q.onReplica / Math.max(1, q.requests)) * 100)}% | ${p.errors + q.errors} | ${(q.rps / p.rps).toFixed(2)} |`,
    );
  }
} finally {
  cluster.remove();
}

const commit = (() => {
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD']).toString().trim();
  } catch {
    return '?';
  }
})();
const table = [
  `| query | round | primary only req/s | p50 / p99 ms | with 1 replica req/s | p50 / p99 ms | served by replica | errors | ratio |`,
  `|---|---|---|---|---|---|---|---|---|`,
  ...rows,
].join('\n');
const report = `${table}\n\n${ryw}\n\n(${new Date().toISOString().slice(0, 16)}Z, commit ${commit}, ${os.cpus().length} cores, load average ${os
  .loadavg()
  .map((l) => l.toFixed(1))
  .join(
    ' ',
  )}; ${clients} clients × ${seconds} s per cell; \`npm run bench:replica -- --seconds ${seconds} --clients ${clients} --rounds ${rounds}\`)`;
console.log(report);
if (args.write) {
  const file = 'docs/performance.md';
  const marker = '<!-- bench:replica -->';
  const doc = readFileSync(file, 'utf8');
  const at = doc.indexOf(marker);
  if (at >= 0) {
    const end = doc.indexOf('<!-- /bench:replica -->', at);
    writeFileSync(file, `${doc.slice(0, at + marker.length)}\n${report}\n${doc.slice(end)}`);
  } else console.log(`(no ${marker} in ${file}: not written)`);
}
process.exit(0);
