import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LITONG, offset } from '../helpers/geo';
import { startServer, type TestServer } from '../helpers/server';
import { gisNet } from './gis-fixture';

/** Two servers on one database, like two processes behind a load balancer: each has its own LISTEN connection. */
let a: TestServer;
let b: TestServer;
let net: Awaited<ReturnType<typeof gisNet>>;
const origin = offset(...LITONG, 70_000, -50_000);

beforeAll(async () => {
  a = await startServer();
  b = await startServer();
  net = await gisNet(a, origin);
});
afterAll(async () => {
  await a?.close();
  await b?.close();
});

interface Change {
  version: number;
  operations: string[];
  records: { type: string; id: number; operation: string }[];
  villageIds: number[];
}

/** Reads Server-Sent Events from a stream until `until` returns true or the time is up. */
async function sse(
  s: TestServer,
  query: string,
  until: (events: Change[]) => boolean,
  timeoutMs = 5000,
  headers: Record<string, string> = {},
) {
  const controller = new AbortController();
  const res = await fetch(`${s.base}/api/changes/stream${query}`, {
    headers: { ...s.auth.headers, ...headers },
    signal: controller.signal,
  });
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/text\/event-stream/);
  const events: Change[] = [];
  const ids: string[] = [];
  const reader = res.body!.getReader();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  const done = (async () => {
    let buffer = '';
    try {
      for (;;) {
        const { value, done: end } = await reader.read();
        if (end) break;
        buffer += new TextDecoder().decode(value);
        let i: number;
        while ((i = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, i);
          buffer = buffer.slice(i + 2);
          const data = /^data: (.*)$/m.exec(block)?.[1];
          const id = /^id: (.*)$/m.exec(block)?.[1];
          if (data) {
            events.push(JSON.parse(data));
            ids.push(id!);
          }
          if (until(events)) {
            controller.abort();
            return;
          }
        }
      }
    } catch (e) {
      if ((e as Error).name !== 'AbortError') throw e;
    } finally {
      clearTimeout(timer);
    }
  })();
  return { events, ids, done, opened: Date.now() };
}

const version = async (s: TestServer) =>
  Number((await s.sql<{ n: string }>('select n from data_version where id = 1'))[0]!.n);
const touchedGrid = (id: number) => (events: Change[]) =>
  events.some((e) => e.records.some((r) => r.type === 'Grid' && r.id === id));

describe('the change feed', () => {
  it('a write through one server reaches an SSE stream on the other within a second, with the units and records it touched', async () => {
    const gridId = net.gridIds[1]!;
    const stream = await sse(b, '', touchedGrid(gridId));
    await new Promise((r) => setTimeout(r, 200)); // the stream is listening
    const wrote = Date.now();
    await a.ok('mutation($id: ID!) { updateGrid(id: $id, households: 140) { id } }', { id: String(gridId) });
    await stream.done;
    const e = stream.events.find((x) => x.records.some((r) => r.id === gridId))!;
    expect(e, 'an event for the edited grid').toBeTruthy();
    expect(Date.now() - wrote).toBeLessThan(1000);
    expect(e.villageIds).toContain(Number(net.villageId));
    expect(e.records).toContainEqual({ type: 'Grid', id: gridId, operation: expect.any(String) });
    expect(stream.ids[stream.ids.indexOf(String(e.version))]).toBe(String(e.version));
    expect(e.version).toBe(await version(a));
  });

  it('resumes from a version: the stream and GET /api/changes give what changed since', async () => {
    const before = await version(a);
    await a.ok('mutation($id: ID!) { updateGrid(id: $id, households: 141) { id } }', { id: String(net.gridIds[2]) });
    await a.ok('mutation($id: ID!) { updateGrid(id: $id, households: 142) { id } }', { id: String(net.gridIds[3]) });
    const listed = (await (await b.get(`/api/changes?since=${before}`)).json()) as {
      version: number;
      changes: Change[];
    };
    expect(listed.changes.flatMap((c) => c.records.map((r) => r.id))).toEqual([net.gridIds[2], net.gridIds[3]]);
    expect(listed.version).toBe(await version(a));
    const stream = await sse(b, `?since=${before}`, (ev) => ev.length >= 2);
    await stream.done;
    expect(stream.events.map((e) => e.records[0]!.id)).toEqual([net.gridIds[2], net.gridIds[3]]);
    // Last-Event-ID (what a reconnecting EventSource sends) wins over ?since.
    const resumed = await sse(b, `?since=${before}`, (ev) => ev.length >= 1, 1500, {
      'last-event-id': String(stream.events[0]!.version),
    });
    await resumed.done;
    expect(resumed.events[0]!.records[0]!.id).toBe(net.gridIds[3]);
  });

  it('a refused write publishes nothing; bad since is a 400; no credentials a 401', async () => {
    const before = await version(a);
    const r = await a.gql('mutation($id: ID!) { updateGrid(id: $id, households: -5) { id } }', {
      id: String(net.gridIds[0]),
    });
    expect(r.errors?.length).toBeGreaterThan(0);
    expect(await version(a)).toBe(before);
    expect(
      Number((await a.sql<{ n: string }>('select count(*) as n from change_feed where version > ?', [before]))[0]!.n),
    ).toBe(0);
    expect((await a.get('/api/changes/stream?since=abc')).status).toBe(400);
    expect((await fetch(`${a.base}/api/changes/stream`)).status).toBe(401);
  });

  it('the dataChanged subscription (graphql-ws) delivers a change made through the other server', async () => {
    const client = createClient({
      url: b.base.replace('http', 'ws') + '/graphql',
      webSocketImpl: WebSocket,
      connectionParams: { authorization: b.auth.headers.authorization },
      lazy: false,
      retryAttempts: 0,
    });
    const gridId = net.gridIds[5]!;
    try {
      const got = new Promise<Change>((resolve, reject) => {
        const off = client.subscribe<{ dataChanged: Change }>(
          { query: 'subscription { dataChanged { version operations villageIds records { type id operation } } }' },
          {
            next: (m) => {
              if (m.data?.dataChanged.records.some((r) => r.id === gridId)) {
                off();
                resolve(m.data.dataChanged);
              }
            },
            error: reject,
            complete: () => undefined,
          },
        );
      });
      await new Promise((r) => setTimeout(r, 300));
      await a.ok('mutation($id: ID!) { updateGrid(id: $id, households: 150) { id } }', { id: String(gridId) });
      const change = await Promise.race([
        got,
        new Promise<never>((_, rej) => setTimeout(() => rej(new Error('no event within 2 s')), 2000)),
      ]);
      expect(change.villageIds).toContain(Number(net.villageId));
      expect(change.version).toBe(await version(a));
    } finally {
      await client.dispose();
    }
  });

  it('the subscription refuses a connection without credentials, and queries over WebSocket', async () => {
    const anonymous = createClient({
      url: b.base.replace('http', 'ws') + '/graphql',
      webSocketImpl: WebSocket,
      retryAttempts: 0,
    });
    const refused = await new Promise<unknown>((resolve) => {
      anonymous.subscribe(
        { query: 'subscription { dataChanged { version } }' },
        { next: () => resolve('next'), error: (e) => resolve(e), complete: () => resolve('complete') },
      );
    });
    expect((refused as { code?: number }).code).toBe(4403);
    await anonymous.dispose();
    const client = createClient({
      url: b.base.replace('http', 'ws') + '/graphql',
      webSocketImpl: WebSocket,
      connectionParams: { authorization: b.auth.headers.authorization },
      retryAttempts: 0,
    });
    const result = await new Promise<unknown>((resolve) => {
      client.subscribe(
        { query: '{ allGrids { id } }' },
        { next: (m) => resolve(m), error: (e) => resolve(e), complete: () => undefined },
      );
    });
    expect(JSON.stringify(result)).toMatch(/Only subscriptions/);
    await client.dispose();
  });
});
