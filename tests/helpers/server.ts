import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { inject } from 'vitest';
import { createApp } from '../../server/src/app';
import { loadConfig } from '../../server/src/config';

export interface GqlResult<T = Record<string, any>> {
  data?: T;
  errors?: { message: string; extensions?: { code?: string; [k: string]: unknown } }[];
}

export type TestServer = Awaited<ReturnType<typeof startServer>>;

/** The real app on an ephemeral port, over HTTP, against the test database. */
export async function startServer(env: Record<string, string> = {}) {
  const databaseUrl = inject('databaseUrl');
  const config = loadConfig({ ...process.env, DATABASE_URL: databaseUrl, LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent', ...env });
  const app = await createApp(config);
  const server = app.app.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  async function gql<T = Record<string, any>>(query: string, variables: Record<string, unknown> = {}): Promise<GqlResult<T>> {
    const res = await fetch(`${base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query, variables }),
    });
    return (await res.json()) as GqlResult<T>;
  }

  /** Like gql, but fails the test on any error. */
  async function ok<T = Record<string, any>>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
    const r = await gql<T>(query, variables);
    if (r.errors?.length) throw new Error(`GraphQL errors: ${JSON.stringify(r.errors)}`);
    return r.data!;
  }

  async function sql<R = Record<string, any>>(text: string, params: unknown[] = []): Promise<R[]> {
    return (await app.orm.em.fork().execute(text, params as never[])) as R[];
  }

  return {
    base, app, gql, ok, sql, config,
    async close() {
      server.close();
      await app.close();
    },
  };
}

/** Row counts of every table, to prove a refused write changed nothing. */
export async function tableCounts(s: TestServer): Promise<Record<string, number>> {
  const tables = ['county', 'township', 'village', 'grid', 'party_unit', 'grid_worker', 'grid_worker_grids'];
  const out: Record<string, number> = {};
  for (const t of tables) out[t] = Number((await s.sql<{ n: string }>(`select count(*) as n from ${t}`))[0]!.n);
  return out;
}
