import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  freePort,
  replicaClusterUnavailable,
  startReplicaCluster,
  type ReplicaCluster,
} from '../../../tests/helpers/replica-cluster';
import { startServer, type TestServer } from '../../../tests/helpers/server';
import { ConfigError, loadConfig } from '../config';
import { setCompiledReads } from '../read/install';
import { LSN_COOKIE, LSN_HEADER, SERVED_BY_HEADER } from './read-your-writes';
import { formatLsn, parseLsn } from './replicas';

/**
 * A real streaming replica: a second PostgreSQL cluster made with `pg_basebackup -R` from the local
 * primary, on its own port (tests/helpers/replica-cluster.ts), and the app started with
 * DATABASE_REPLICA_URLS pointing at it. Shows that reads are served by the replica (its statement log,
 * by application_name), that a writer sees its write on its next read even while the replica's replay
 * is paused, and that a stopped replica fails no request. Needs root (the cluster runs as the postgres
 * user) and PostgreSQL 15's binaries; skips with the reason otherwise.
 */
const databaseUrl = new URL(inject('databaseUrl'));
const reason = replicaClusterUnavailable(databaseUrl.toString());
if (reason) console.warn(`replica.test.ts: the streaming-replica tests are skipped: ${reason}`);

const WORKERS = `query Probe($q: String) { allGridWorkers(filter: { q: $q }) { id name } }`;

describe.skipIf(reason !== null)('reads on a streaming replica', () => {
  let cluster: ReplicaCluster | undefined;
  let s: TestServer;
  let replica: pg.Client;
  const P = `RPL${Date.now() % 100000}`;

  /** A GraphQL request over HTTP with the test admin's token; the response's headers too. */
  async function gql(query: string, variables: Record<string, unknown>, headers: Record<string, string> = {}) {
    const res = await fetch(`${s.base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...s.auth.headers, ...headers },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await res.json()) as { data?: any; errors?: unknown[] };
    return {
      body,
      servedBy: res.headers.get(SERVED_BY_HEADER),
      lsn: res.headers.get(LSN_HEADER),
      cookie: res.headers.get('set-cookie'),
    };
  }
  const replicaStatements = (needle: string) => cluster!.statements(needle);
  const waitFor = async (what: string, ok: () => Promise<boolean>, ms = 20_000) => {
    const until = Date.now() + ms;
    while (!(await ok())) {
      if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  };

  beforeAll(async () => {
    cluster = await startReplicaCluster(databaseUrl.toString());
    replica = new pg.Client({ connectionString: cluster.url });
    await replica.connect();
    s = await startServer({
      DATABASE_REPLICA_URLS: cluster.url,
      DATABASE_REPLICA_CHECK_MS: '100',
      DATABASE_REPLICA_MAX_LAG_MS: '600000',
    });
    await waitFor('the replica to serve reads', async () => {
      const h = (await (await fetch(`${s.base}/healthz`)).json()) as { replicas?: { serving: boolean }[] };
      return h.replicas?.[0]?.serving === true;
    });
  });

  afterAll(async () => {
    setCompiledReads(true);
    await replica?.end().catch(() => undefined);
    await s?.close();
    cluster?.remove();
  });

  it('serves reads from the replica, through the compiled reads and through the ORM resolvers', async () => {
    const before = replicaStatements('grid_worker');
    for (const compiled of [true, false]) {
      setCompiledReads(compiled);
      for (let i = 0; i < 3; i++) {
        const r = await gql(WORKERS, { q: 'nobody-has-this-name' });
        expect(r.body.errors).toBeUndefined();
        expect(r.body.data.allGridWorkers).toEqual([]);
        expect(r.servedBy).toBe('replica-0');
        // A read carries no write position.
        expect(r.lsn).toBeNull();
      }
    }
    setCompiledReads(true);
    // The replica's own log: six reads of grid_worker under the app's replica application_name.
    await waitFor('the replica log', async () => replicaStatements('grid_worker') >= before + 6, 5000);
    expect(replicaStatements('grid_worker')).toBeGreaterThanOrEqual(before + 6);
  });

  it("shows a writer its write at once while the replica's replay is paused; others read the replica", async () => {
    await replica.query('select pg_wal_replay_pause()');
    try {
      const w = await gql(`mutation($n: String!) { createGridWorker(name: $n) { id name } }`, { n: `${P}员` });
      expect(w.body.errors).toBeUndefined();
      expect(w.servedBy).toBe('primary');
      const lsn = parseLsn(w.lsn);
      expect(lsn).not.toBeNull();
      expect(w.cookie).toContain(`${LSN_COOKIE}=${encodeURIComponent(w.lsn!)}`);
      const replayed = parseLsn(
        (await replica.query<{ l: string }>('select pg_last_wal_replay_lsn()::text as l')).rows[0]!.l,
      )!;
      expect(replayed).toBeLessThan(lsn!);

      // The writer (its header, or its cookie as a browser sends it back): the primary, with the write.
      const tokens: Record<string, string>[] = [
        { [LSN_HEADER]: w.lsn! },
        { cookie: `${LSN_COOKIE}=${encodeURIComponent(w.lsn!)}` },
      ];
      for (const headers of tokens) {
        const r = await gql(WORKERS, { q: P }, headers);
        expect(r.servedBy).toBe('primary');
        expect(r.body.data.allGridWorkers.map((x: { name: string }) => x.name)).toEqual([`${P}员`]);
      }
      // Someone who has not seen it: the replica, which has not replayed it (so the routing is what made the writer's read right).
      const other = await gql(WORKERS, { q: P });
      expect(other.servedBy).toBe('replica-0');
      expect(other.body.data.allGridWorkers).toEqual([]);
    } finally {
      await replica.query('select pg_wal_replay_resume()');
    }
    // Replayed: the writer's reads return to the replica, with the write.
    const lsn = (await gql(`mutation($n: String!) { createGridWorker(name: $n) { id } }`, { n: `${P}员2` })).lsn!;
    await waitFor(
      'the replica to replay the writes',
      async () => (await gql(WORKERS, { q: P }, { [LSN_HEADER]: lsn })).servedBy === 'replica-0',
    );
    const r = await gql(WORKERS, { q: P }, { [LSN_HEADER]: lsn });
    expect(r.servedBy).toBe('replica-0');
    expect(r.body.data.allGridWorkers.map((x: { name: string }) => x.name).sort()).toEqual([`${P}员`, `${P}员2`]);
  });

  it('fails no request when the replica stops: its reads go to the primary', async () => {
    expect((await gql(WORKERS, { q: P })).servedBy).toBe('replica-0');
    await replica.end().catch(() => undefined);
    cluster!.stop('fast');
    // At once (before the next health check) and after: every read answers, from the primary.
    for (const compiled of [true, false]) {
      setCompiledReads(compiled);
      for (let i = 0; i < 3; i++) {
        const r = await gql(WORKERS, { q: P });
        expect(r.body.errors).toBeUndefined();
        expect(r.body.data.allGridWorkers).toHaveLength(2);
        expect(r.servedBy).toBe('primary');
      }
    }
    setCompiledReads(true);
    const h = (await (await fetch(`${s.base}/healthz`)).json()) as { status: string; replicas: { serving: boolean }[] };
    expect(h.status).toBe('ok');
    expect(h.replicas[0]!.serving).toBe(false);
    // And writes still work.
    expect(
      (await gql(`mutation($n: String!) { createGridWorker(name: $n) { id } }`, { n: `${P}员3` })).body.errors,
    ).toBeUndefined();
  });
});

describe('replica settings and fallbacks (no replica cluster needed)', () => {
  it('validates DATABASE_REPLICA_URLS and TRUST_PROXY, naming the variable', () => {
    const c = loadConfig({
      DATABASE_REPLICA_URLS: ' postgres://u@r1:5432/wuzhong , postgresql://u:p@r2:6432/wuzhong ',
      TRUST_PROXY: '1',
    });
    expect(c.databaseReplicaUrls).toEqual(['postgres://u@r1:5432/wuzhong', 'postgresql://u:p@r2:6432/wuzhong']);
    expect(c.trustProxy).toBe(1);
    expect(loadConfig({}).databaseReplicaUrls).toEqual([]);
    for (const bad of [
      { DATABASE_REPLICA_URLS: 'mysql://r1/wuzhong' },
      { DATABASE_REPLICA_URLS: 'postgres://r1:5432' },
      { DATABASE_REPLICA_MAX_LAG_MS: '-1' },
      { TRUST_PROXY: 'everyone' },
    ]) {
      const name = Object.keys(bad)[0]!;
      expect(() => loadConfig(bad), name).toThrow(ConfigError);
      expect(() => loadConfig(bad)).toThrow(name);
    }
  });

  it('orders WAL positions as PostgreSQL does', () => {
    expect(parseLsn('0/16B3748')).toBe(0x16b3748n);
    expect(parseLsn('1/0')! > parseLsn('0/FFFFFFFF')!).toBe(true);
    expect(formatLsn(parseLsn('A/3F0010')!)).toBe('A/3F0010');
    for (const bad of ['', 'x/1', '0/1/2', '1', '123456789/0', null]) expect(parseLsn(bad)).toBeNull();
  });

  it('reads from the primary, without a failed request, when a "replica" is not a standby or does not answer', async () => {
    const closed = await freePort();
    const notStandby = databaseUrl.toString();
    const down = new URL(databaseUrl.toString());
    down.port = String(closed);
    const s = await startServer({ DATABASE_REPLICA_URLS: `${notStandby},${down}`, DATABASE_REPLICA_CHECK_MS: '100' });
    try {
      const h = (await (await fetch(`${s.base}/healthz`)).json()) as {
        status: string;
        replicas: { name: string; serving: boolean }[];
      };
      expect(h.status).toBe('ok');
      expect(h.replicas).toEqual([
        expect.objectContaining({ name: 'replica-0', serving: false }),
        expect.objectContaining({ name: 'replica-1', serving: false }),
      ]);
      for (let i = 0; i < 3; i++) {
        const res = await fetch(`${s.base}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...s.auth.headers },
          body: JSON.stringify({ query: WORKERS, variables: { q: 'x' } }),
        });
        expect(((await res.json()) as { errors?: unknown }).errors).toBeUndefined();
        expect(res.headers.get(SERVED_BY_HEADER)).toBe('primary');
      }
      // A write still says where the primary stood after it.
      const res = await fetch(`${s.base}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...s.auth.headers },
        body: JSON.stringify({ query: `mutation { createGridWorker(name: "RPL-fallback") { id } }` }),
      });
      expect(((await res.json()) as { errors?: unknown }).errors).toBeUndefined();
      expect(parseLsn(res.headers.get(LSN_HEADER))).not.toBeNull();
    } finally {
      await s.close();
    }
  });
});
