import { Writable } from 'node:stream';
import pg from 'pg';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startServer, type TestServer } from '../helpers/server';
import { databaseChecksum } from './checksum';

let s: TestServer;
let lock: pg.Client;
/** Everything the server logs, to check what it keeps out. */
const logged: string[] = [];
beforeAll(async () => {
  const sink = new Writable({
    write(chunk, _enc, done) {
      logged.push(String(chunk));
      done();
    },
  });
  s = await startServer({}, { log: pino({ level: 'info' }, sink) });
  lock = new pg.Client({ connectionString: inject('databaseUrl') });
  await lock.connect();
});
afterAll(async () => {
  await lock.end();
  await s.close();
});

const code = (r: { errors?: { extensions?: { code?: string } }[] }) => r.errors?.[0]?.extensions?.code;

/**
 * Holds an exclusive lock on `table`, starts `request`, waits until the server's statement is
 * waiting for the lock, terminates that backend (as an operator or a failover would), then
 * lets go of the lock.
 */
async function killWhileWaiting<T>(table: string, request: () => Promise<T>): Promise<{ result: T; killed: number }> {
  await lock.query('begin');
  await lock.query(`lock table ${table} in access exclusive mode`);
  const pending = request();
  let killed = 0;
  for (let i = 0; i < 400 && !killed; i++) {
    const { rows } = await lock.query(
      `select pid from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock' and pid <> pg_backend_pid()`,
    );
    for (const r of rows) {
      await lock.query('select pg_terminate_backend($1)', [r.pid]);
      killed++;
    }
    if (!killed) await new Promise((r) => setTimeout(r, 10));
  }
  await lock.query('rollback');
  return { result: await pending, killed };
}

describe('finding 19: a lost database connection', () => {
  it('a read is retried once and answers', async () => {
    const { result, killed } = await killWhileWaiting('county', () => s.gql('{ allCounties(perPage: 5) { id name } }'));
    expect(killed).toBeGreaterThan(0);
    expect(result.errors).toBeUndefined();
    expect(Array.isArray(result.data!.allCounties)).toBe(true);
  });

  it('a write is not repeated: it gets a typed, retryable UNAVAILABLE and writes nothing', async () => {
    const made = await s.ok(`mutation { createCounty(code: "649871", name: "断线县") { id version } }`);
    const before = await databaseChecksum(s);
    const { result, killed } = await killWhileWaiting('county', () =>
      s.gql(`mutation($id: ID!) { updateCounty(id: $id, name: "改名") { id name } }`, { id: made.createCounty.id }),
    );
    expect(killed).toBeGreaterThan(0);
    expect(code(result)).toBe('UNAVAILABLE');
    expect(result.errors![0]!.extensions!.retryable).toBe(true);
    expect(JSON.stringify(result.errors)).not.toMatch(/select |update "|insert into|\.ts:\d|stacktrace/i);
    expect(await databaseChecksum(s)).toBe(before);
    // The server goes on: the same write now succeeds.
    expect(
      (await s.ok(`mutation($id: ID!) { updateCounty(id: $id, name: "改名") { name } }`, { id: made.createCounty.id }))
        .updateCounty.name,
    ).toBe('改名');
    expect((await fetch(`${s.base}/healthz`)).status).toBe(200);
  });

  it('finding 20: the log names the failure without the statement or its values', () => {
    const lines = logged.join('');
    expect(lines).toMatch(/57P01/);
    expect(lines).not.toMatch(/改名|update "county"|select .* from/);
  });
});
