import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import { inject } from 'vitest';
import { createApp } from '../../server/src/app';
import { loadConfig } from '../../server/src/config';

export interface GqlResult<T = Record<string, any>> {
  data?: T;
  errors?: { message: string; extensions?: { code?: string; [k: string]: unknown } }[];
}

export type TestServer = Awaited<ReturnType<typeof startServer>>;

/** The real app on an ephemeral port, over HTTP, against the test database. */
export async function startServer(env: Record<string, string> = {}, options: { log?: Logger } = {}) {
  const databaseUrl = inject('databaseUrl');
  const config = loadConfig({
    ...process.env,
    DATABASE_URL: databaseUrl,
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    ...env,
  });
  const app = await createApp(config, options.log ? { log: options.log } : {});
  const server = app.app.listen(0, '127.0.0.1');
  await once(server, 'listening');
  app.attachRealtime(server);
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  /** Credentials sent by default: the test administrator's token. */
  const auth: { headers: Record<string, string> } = { headers: {} };

  async function gql<T = Record<string, any>>(
    query: string,
    variables: Record<string, unknown> = {},
    headers: Record<string, string> = auth.headers,
  ): Promise<GqlResult<T>> {
    const res = await fetch(`${base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
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

  /** A user with this role (and scope), created once; returns the Authorization headers of a fresh sign-in. */
  async function signIn(
    username: string,
    role: 'ADMIN' | 'EDITOR' | 'ANALYST',
    scope: { countyIds?: number[]; townshipIds?: number[] } = {},
  ) {
    const password = `pw-${username}-secret`;
    await sql(
      `insert into app_user (username, password_hash, role, county_ids, township_ids, created_at, updated_at, password_changed_at)
       values (?, ?, ?, ?::int[], ?::int[], now(), now(), now())
       on conflict (username) do update set role = excluded.role, county_ids = excluded.county_ids, township_ids = excluded.township_ids,
         failed_attempts = 0, locked_until = null, active = true`,
      [
        username,
        await app.auth.hashPassword(password),
        role,
        `{${(scope.countyIds ?? []).join(',')}}`,
        `{${(scope.townshipIds ?? []).join(',')}}`,
      ],
    );
    const r = await gql<{ login: { token: string } }>(
      'mutation($u: String!, $p: String!) { login(username: $u, password: $p) { token } }',
      { u: username, p: password },
      {},
    );
    if (!r.data) throw new Error(`sign-in of ${username} failed: ${JSON.stringify(r.errors)}`);
    return { authorization: `Bearer ${r.data.login.token}` };
  }
  auth.headers = await signIn('test-admin', 'ADMIN');

  /** GET with the test administrator's credentials. */
  const get = (path: string, headers: Record<string, string> = {}) =>
    fetch(`${base}${path}`, { headers: { ...auth.headers, ...headers } });

  return {
    base,
    app,
    gql,
    ok,
    sql,
    config,
    signIn,
    get,
    auth,
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
