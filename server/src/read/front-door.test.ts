import { Writable } from 'node:stream';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type TestServer } from '../../../tests/helpers/server';
import { readStats } from './install';

/**
 * The front door (read/front-door.ts) answers known compiled reads before Express; everything
 * else must get Express's answer, as before. Express's answer is at hand for comparison: the
 * door takes `/graphql` spelled exactly so, and Express routes `/graphql/` to the same
 * handlers, so every request below is sent to both and the answers compared.
 */
let s: TestServer;
const lines: Record<string, unknown>[] = [];
const P = 'FD'; // names of this file's records start with it
const Q4 = `query($id: ID!) { Grid(id: $id) { id name households } }`;
let gridId: string;

beforeAll(async () => {
  // Every log line, parsed: a direct answer is logged as any request is.
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const l of chunk.toString().split('\n')) if (l) lines.push(JSON.parse(l) as Record<string, unknown>);
      done();
    },
  });
  s = await startServer({ MAX_BODY_SIZE: '2kb' }, { log: pino({ level: 'info' }, sink) });
  await s.sql(`insert into county (code, name, geom, created_at, updated_at)
    values ('649901', '${P}县', ST_Multi(ST_MakeEnvelope(106.5, 37.5, 106.6, 37.6, 4326)), now(), now())`);
  await s.sql(`insert into township (code, name, kind, county_id, geom, created_at, updated_at)
    select '649901101', '${P}镇', 'TOWN', id, geom, now(), now() from county where code = '649901'`);
  await s.sql(`insert into village (code, name, kind, township_id, households, population, villager_groups, geom, created_at, updated_at)
    select '649901101001', '${P}村', 'VILLAGE', id, 100, 300, 1, geom, now(), now() from township where code = '649901101'`);
  const [grid] = await s.sql<{
    id: number;
  }>(`insert into grid (code, name, kind, village_id, households, population, geom, created_at, updated_at)
    select '649901101001-1', '${P}格', 'VILLAGER_GROUP', id, 42, 120, geom, now(), now() from village where code = '649901101001'
    returning id`);
  gridId = String(grid!.id);
  // Apollo answers the text once through the compiled path; from then on it is a known read.
  expect((await s.gql(Q4, { id: gridId })).data).toEqual({ Grid: { id: gridId, name: `${P}格`, households: 42 } });
});
afterAll(async () => {
  await s.sql(`delete from grid where name like '${P}%'`);
  await s.sql(`delete from village where name like '${P}%'`);
  await s.sql(`delete from township where name like '${P}%'`);
  await s.sql(`delete from county where name like '${P}%'`);
  await s.close();
});

interface Answer {
  status: number;
  headers: Record<string, string>;
  text: string;
  /** Answered at the front door. */
  front: number;
  /** Log lines written for it. */
  logged: Record<string, unknown>[];
}

async function answerAt(path: string, body: string | Buffer, headers: Record<string, string>): Promise<Answer> {
  const front = readStats.front;
  const seen = lines.length;
  const r = await fetch(`${s.base}${path}`, {
    method: 'POST',
    headers,
    body: typeof body === 'string' ? body : new Uint8Array(body),
  });
  const text = await r.text();
  const h: Record<string, string> = {};
  r.headers.forEach((v, k) => {
    if (k !== 'date' && k !== 'keep-alive' && k !== 'connection') h[k] = v;
  });
  await new Promise((ok) => setImmediate(ok)); // the log line is written after the answer
  return { status: r.status, headers: h, text, front: readStats.front - front, logged: lines.slice(seen) };
}

/** What a client sees of an answer. */
const seen = (a: Answer) => ({ status: a.status, headers: a.headers, text: a.text });

/** The front door's answer and Express's. */
async function both(body: string | Buffer, headers: Record<string, string> = {}) {
  const all = { 'content-type': 'application/json', ...s.auth.headers, ...headers };
  const door = await answerAt('/graphql', body, all);
  const express = await answerAt('/graphql/', body, all);
  expect(express.front).toBe(0);
  return { door, express };
}

const q4Body = (id: unknown = gridId, extra: object = {}) => JSON.stringify({ query: Q4, variables: { id }, ...extra });

describe('the front door (known reads before Express)', () => {
  it('answers a known read itself, with the answer Express gives, in one log line', async () => {
    const { door, express } = await both(q4Body());
    expect(door.front).toBe(1);
    expect(door.status).toBe(200);
    expect(JSON.parse(door.text)).toEqual({ data: { Grid: { id: gridId, name: `${P}格`, households: 42 } } });
    expect(seen(door)).toEqual(seen(express));
    expect(door.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(door.headers.vary).toBe('Accept-Encoding');
    for (const a of [door, express]) {
      expect(a.logged).toHaveLength(1);
      expect(a.logged[0]).toMatchObject({ level: 30, msg: 'request', method: 'POST', status: 200 });
      expect(typeof a.logged[0]!.ms).toBe('number');
    }
    expect(door.logged[0]!.url).toBe('/graphql');
  });

  it('refuses what Express refuses, with the same answer and one log line', async () => {
    const known = q4Body();
    const cases: [string, string | Buffer, Record<string, string>, number][] = [
      ['over MAX_BODY_SIZE', q4Body(gridId, { extensions: { pad: 'x'.repeat(3000) } }), {}, 413],
      ['not JSON', known.slice(0, -3), {}, 400],
      ['JSON, not an object', '"{ Grid(id: 1) { id } }"', {}, 400],
      ['a batch', `[${known}]`, {}, 400],
      ['an empty body', '', {}, 400],
      ['no credentials', known, { authorization: '' }, 401],
      ['a bad token', known, { authorization: 'Bearer not-a-token' }, 401],
      ['an id that is no id', q4Body('x'), {}, 200],
      ['a variable missing', JSON.stringify({ query: Q4 }), {}, 400],
      ['another media type asked for', known, { accept: 'application/graphql-response+json' }, 200],
      // Express's parser refuses it: 415, with a reason.
      ['another charset', known, { 'content-type': 'application/json; charset=latin1' }, 415],
      ['text/plain', known, { 'content-type': 'text/plain' }, 400],
      ['another key in the body', q4Body(gridId, { extensions: {} }), {}, 200],
    ];
    for (const [name, body, headers, status] of cases) {
      const { door, express } = await both(body, headers);
      expect(door.front, name).toBe(0);
      expect(seen(door), name).toEqual(seen(express));
      expect(door.status, name).toBe(status);
      const requestLines = door.logged.filter((l) => l.msg === 'request');
      expect(requestLines, name).toHaveLength(1);
      expect(requestLines[0], name).toMatchObject({ method: 'POST', url: '/graphql', status });
    }
    // The refusals in the answers, as the API gives them.
    const code = async (body: string, headers: Record<string, string> = {}) =>
      (JSON.parse((await both(body, headers)).door.text) as { errors?: { extensions: { code: string } }[] }).errors?.[0]
        ?.extensions.code;
    expect(await code(q4Body(gridId, { extensions: { pad: 'x'.repeat(3000) } }))).toBe('PAYLOAD_TOO_LARGE');
    expect(await code(known.slice(0, -3))).toBe('BAD_REQUEST');
    expect(await code(known, { 'content-type': 'application/json; charset=latin1' })).toBe('UNSUPPORTED_MEDIA_TYPE');
    expect(await code(known, { authorization: 'Bearer not-a-token' })).toBe('UNAUTHENTICATED');
    expect(await code(known, { authorization: '' })).toBe('UNAUTHENTICATED');
  });

  it('answers a large known read as Express does, compressed for a client that asks', async () => {
    const list = JSON.stringify({
      query: `query($q: String) { allGrids(filter: { q: $q }, perPage: 100) { id name households geometry } }`,
      variables: { q: P },
    });
    await s.sql(`insert into grid (code, name, kind, village_id, households, population, geom, created_at, updated_at)
      select '649901101001-' || (i + 1), '${P}格' || i, 'BUILDING', village_id, i, 3 * i, geom, now(), now()
      from grid, generate_series(1, 30) i where id = ${Number(gridId)}`);
    await both(list); // Apollo answers it first; then it is known
    for (const encoding of ['identity', 'gzip']) {
      const { door, express } = await both(list, { 'accept-encoding': encoding });
      expect(door.front, encoding).toBe(1);
      expect(seen(door), encoding).toEqual(seen(express));
      expect(door.text.length, encoding).toBeGreaterThan(1024);
      expect(door.headers['content-encoding'], encoding).toBe(encoding === 'gzip' ? 'gzip' : undefined);
      if (encoding === 'identity') expect(door.headers['content-length']).toBe(String(Buffer.byteLength(door.text)));
    }
  });

  it('takes a body with a byte-order mark or leading white space as Express does', async () => {
    for (const body of [Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(q4Body())]), ` \n\t${q4Body()}`]) {
      const { door, express } = await both(body);
      expect(seen(door)).toEqual(seen(express));
      expect(door.front).toBe(1);
      expect(door.status).toBe(200);
      expect(JSON.parse(door.text).data.Grid.id).toBe(gridId);
    }
  });

  it('leaves a request to Express when compiled reads are off for it (read replicas, another path, GET)', async () => {
    const front = readStats.front;
    const get = await fetch(`${s.base}/graphql?query=${encodeURIComponent('{ Grid(id: 1) { id } }')}`, {
      headers: { ...s.auth.headers, 'apollo-require-preflight': '1' },
    });
    expect(get.status).toBe(200);
    const withQuery = await fetch(`${s.base}/graphql?x=1`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...s.auth.headers },
      body: q4Body(),
    });
    expect((await withQuery.json()).data.Grid.id).toBe(gridId);
    expect(readStats.front).toBe(front);
  });
});
