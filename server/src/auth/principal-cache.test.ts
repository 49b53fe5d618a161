import { afterAll, beforeAll, expect, it } from 'vitest';
import pg from 'pg';
import { inject } from 'vitest';
import { startServer, type TestServer } from '../../../tests/helpers/server';
import { statementsOf } from '../../../tests/helpers/statements';

/**
 * The principal cache (principal-cache.ts): a known token costs no statement, and a change
 * made anywhere — this process through the ORM, or another process straight in SQL — ends
 * the sessions it should.
 */
let s: TestServer;
beforeAll(async () => {
  s = await startServer();
});
afterAll(() => s?.close());

const me = '{ me { username } }';
/** Waits (briefly) for another process's change to arrive by NOTIFY. */
async function until(check: () => Promise<boolean>, ms = 3000) {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await check()) return true;
    await new Promise((ok) => setTimeout(ok, 25));
  }
  return false;
}

it('authenticates a known token without a statement', async () => {
  const headers = await s.signIn('pc-reader', 'ANALYST');
  await s.gql('{ __typename }', {}, headers);
  const seen = await statementsOf(() => s.gql('{ __typename }', {}, headers));
  expect(seen).toEqual([]);
});

it('ends the sessions of a user deactivated through the API at once', async () => {
  const headers = await s.signIn('pc-deactivated', 'ANALYST');
  expect((await s.gql(me, {}, headers)).data?.me.username).toBe('pc-deactivated');
  const [{ id }] = await s.sql<{ id: number }>(`select id from app_user where username = 'pc-deactivated'`);
  const u = await s.ok(`query($id: ID!) { User(id: $id) { version } }`, { id: String(id) });
  await s.ok(`mutation($id: ID!, $v: Int) { updateUser(id: $id, version: $v, active: false) { id } }`, {
    id: String(id),
    v: u.User.version,
  });
  expect((await s.gql(me, {}, headers)).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
});

it('ends the sessions changed by another process (straight SQL on another connection)', async () => {
  const headers = await s.signIn('pc-other', 'EDITOR');
  expect((await s.gql(me, {}, headers)).data?.me.username).toBe('pc-other');
  const other = new pg.Client({ connectionString: inject('databaseUrl') });
  await other.connect();
  try {
    // A password change elsewhere: the token's pwd claim no longer matches.
    await other.query(
      `update app_user set password_changed_at = now() + interval '1 second' where username = 'pc-other'`,
    );
    expect(
      await until(async () => (await s.gql(me, {}, headers)).errors?.[0]?.extensions?.code === 'UNAUTHENTICATED'),
    ).toBe(true);
    // Deletion too.
    const again = await s.signIn('pc-deleted', 'ANALYST');
    expect((await s.gql(me, {}, again)).data?.me.username).toBe('pc-deleted');
    await other.query(`delete from app_user where username = 'pc-deleted'`);
    expect(
      await until(async () => (await s.gql(me, {}, again)).errors?.[0]?.extensions?.code === 'UNAUTHENTICATED'),
    ).toBe(true);
    // A role narrowed elsewhere applies too.
    const admin = await s.signIn('pc-admin', 'ADMIN');
    expect((await s.gql('{ allUsers(perPage: 1) { id } }', {}, admin)).errors).toBeUndefined();
    await other.query(`update app_user set role = 'ANALYST' where username = 'pc-admin'`);
    expect(
      await until(
        async () =>
          (await s.gql('{ allUsers(perPage: 1) { id } }', {}, admin)).errors?.[0]?.extensions?.code === 'FORBIDDEN',
      ),
    ).toBe(true);
  } finally {
    await other.end();
  }
});

it('stops a revoked API key at once', async () => {
  const made = await s.ok(`mutation { createApiKey(name: "pc-key") { id key } }`);
  const headers = { 'x-api-key': made.createApiKey.key as string };
  expect((await s.gql('{ allGrids(perPage: 1) { id } }', {}, headers)).errors).toBeUndefined();
  expect((await s.gql('{ allGrids(perPage: 1) { id } }', {}, headers)).errors).toBeUndefined();
  await s.ok(`mutation($id: ID!) { revokeApiKey(id: $id) { id } }`, { id: made.createApiKey.id });
  expect((await s.gql('{ allGrids(perPage: 1) { id } }', {}, headers)).errors?.[0]?.extensions?.code).toBe(
    'UNAUTHENTICATED',
  );
});
