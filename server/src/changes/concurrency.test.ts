import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { churn, COVERAGE_CHECKSUM } from '../../bench/churn';
import { createUnitChain } from '../../../tests/helpers/fixture';
import { LITONG, offset, rect } from '../../../tests/helpers/geo';
import { startServer, type TestServer } from '../../../tests/helpers/server';

/** Concurrent editors: every writer takes the same lock first, so no deadlock and never a 500. */
let s: TestServer;
let chain: Awaited<ReturnType<typeof createUnitChain>>;
const origin = offset(...LITONG, 30_000, 20_000);

beforeAll(async () => {
  s = await startServer();
  chain = await createUnitChain(s, origin, 2000);
});
afterAll(() => s.close());

describe('concurrent writes', () => {
  it('same-version races: exactly one winner, one change, the other CONFLICT', async () => {
    const editor = await s.signIn('race-editor', 'EDITOR', { countyIds: [Number(chain.countyId)] });
    const ids: string[] = [];
    for (let i = 0; i < 10; i++) {
      ids.push(
        (
          await s.ok(`mutation($v: ID!, $g: GeoJSON!) { createGrid(villageId: $v, geometry: $g, name: "赛") { id } }`, {
            v: chain.villageId,
            g: rect(...offset(...origin, 100 + i * 150, 1500), 100, 100),
          })
        ).createGrid.id,
      );
    }
    const [{ n: c0 }] = await s.sql<{ n: string }>('select count(*) as n from change');
    const results = await Promise.all(
      ids.flatMap((id) =>
        [s.auth.headers, editor].map((h, k) =>
          s.gql(
            `mutation($id: ID!) { updateGrid(id: $id, version: 1, name: $n) { version } }`.replace('$n', `"赛${k}"`),
            { id },
            h,
          ),
        ),
      ),
    );
    for (let i = 0; i < ids.length; i++) {
      const pair = [results[2 * i]!, results[2 * i + 1]!];
      const codes = pair.map((r) => (r.errors ? r.errors[0]!.extensions?.code : 'OK')).sort();
      expect(codes).toEqual(['CONFLICT', 'OK']);
    }
    const versions = await s.sql<{ version: number }>('select version from grid where id = any(?::int[])', [
      `{${ids.join(',')}}`,
    ]);
    expect(versions.every((v) => v.version === 2)).toBe(true);
    expect(Number((await s.sql<{ n: string }>('select count(*) as n from change'))[0]!.n) - Number(c0)).toBe(
      ids.length,
    );
  });

  it('20 clients creating and deleting grids in one village for 10 s: no 500, coverage equal to a full rebuild', async () => {
    const r = await churn({
      base: s.base,
      headers: s.auth.headers,
      villageId: chain.villageId,
      origin: offset(...origin, 200, 200),
      clients: 20,
      seconds: 10,
    });
    console.log(`churn: ${r.requests} requests in ${r.seconds.toFixed(1)} s: ${JSON.stringify(r.codes)}`);
    expect(r.codes.INTERNAL_SERVER_ERROR ?? 0).toBe(0);
    expect(Object.keys(r.codes).filter((c) => c !== 'OK' && c !== 'CONFLICT')).toEqual([]);
    expect(r.codes.OK ?? 0).toBeGreaterThan(20);
    // Nothing left behind, and the incremental coverage equals a rebuild from scratch.
    expect(await s.sql(`select id from grid where name like '并发-%'`)).toEqual([]);
    const [incremental] = await s.sql<{ h: string }>(COVERAGE_CHECKSUM);
    await s.app.coverage.rebuild(s.app.orm.em.fork());
    const [rebuilt] = await s.sql<{ h: string }>(COVERAGE_CHECKSUM);
    expect(incremental!.h).toBe(rebuilt!.h);
  }, 120_000);
});
