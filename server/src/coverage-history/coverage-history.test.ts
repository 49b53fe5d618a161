import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUnitChain } from '../../../tests/helpers/fixture';
import { LITONG, offset, rect } from '../../../tests/helpers/geo';
import { startServer, type TestServer } from '../../../tests/helpers/server';
import { shanghaiDate } from '../rectification/access';
import { coverageHistory } from './coverage-history.service';

let s: TestServer;
beforeAll(async () => {
  s = await startServer();
});
afterAll(() => s.close());

const P =
  'day scopeType scopeId units coveredShare uncoveredM2 grids workers unstaffedGrids oversizedCritical generated findingsByKind { kind count } findingsBySeverity { severity count }';

describe('coverage over time', () => {
  const origin = offset(...LITONG, 46_000, 15_000);
  let chain: Awaited<ReturnType<typeof createUnitChain>>;
  const today = shanghaiDate();

  beforeAll(async () => {
    chain = await createUnitChain(s, origin, 1000, 'COMMUNITY');
    await s.ok(
      `mutation($v: ID!, $g: GeoJSON!) { createGrid(villageId: $v, geometry: $g, name: "大网格", households: 1200) { id } }`,
      { v: chain.villageId, g: rect(...origin, 700, 1000) },
    );
  });

  it('an on-demand snapshot holds the live roll-ups of each unit, township, county and the city', async () => {
    const n = await s.ok('mutation { takeCoverageSnapshot }');
    expect(n.takeCoverageSnapshot).toBeGreaterThan(3);
    const live = (
      await s.ok(
        `query($v: ID) { coverage(villageId: $v) { coveredShare uncoveredM2 grids findingsByKind { kind count } } }`,
        { v: chain.villageId },
      )
    ).coverage;
    const h = await s.ok(`query($v: ID) { coverageHistory(scope: { villageId: $v }) { ${P} } }`, {
      v: chain.villageId,
    });
    expect(h.coverageHistory).toHaveLength(1);
    const p = h.coverageHistory[0];
    expect(p).toMatchObject({
      day: today,
      scopeType: 'VILLAGE',
      scopeId: chain.villageId,
      grids: 1,
      workers: 0,
      unstaffedGrids: 1,
      oversizedCritical: 1,
      generated: false,
    });
    expect(p.coveredShare).toBeCloseTo(live.coveredShare, 9);
    expect(p.uncoveredM2).toBeCloseTo(live.uncoveredM2, 3);
    expect(new Set(p.findingsByKind.map((k: { kind: string }) => k.kind))).toEqual(
      new Set(live.findingsByKind.map((k: { kind: string }) => k.kind)),
    );
    const city = await s.ok(`{ coverageHistory { day units grids } coverage { units grids } }`);
    expect(city.coverageHistory.at(-1)).toEqual({ day: today, units: city.coverage.units, grids: city.coverage.grids });
    const t = (
      await s.ok(`query($t: ID) { coverageHistory(scope: { townshipId: $t }) { grids scopeType } }`, {
        t: chain.townshipId,
      })
    ).coverageHistory;
    expect(t).toEqual([{ grids: 1, scopeType: 'TOWNSHIP' }]);
  });

  it('coverage(asOf) is answered from the latest snapshot on or before the day; before any, NOT_FOUND', async () => {
    const a = await s.ok(
      `query($v: ID, $d: String) { coverage(villageId: $v, asOf: $d) { grids snapshotDay uncovered overlaps { findingId } } }`,
      { v: chain.villageId, d: '2999-01-01' },
    );
    expect(a.coverage).toEqual({ grids: 1, snapshotDay: today, uncovered: null, overlaps: [] });
    const none = await s.gql(`query($v: ID) { coverage(villageId: $v, asOf: "2001-01-01") { grids } }`, {
      v: chain.villageId,
    });
    expect(none.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const bad = await s.gql(`{ coverage(asOf: "2020-13-01") { grids } }`);
    expect(bad.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const two = await s.gql(
      `query($v: ID, $t: ID) { coverageHistory(scope: { villageId: $v, townshipId: $t }) { day } }`,
      { v: chain.villageId, t: chain.townshipId },
    );
    expect(two.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('the daily snapshot is taken once per day, also when several processes try at once', async () => {
    await s.sql(`delete from coverage_snapshot where day = ?::date`, [today]);
    const took = await Promise.all([
      coverageHistory.daily(s.app.orm),
      coverageHistory.daily(s.app.orm),
      coverageHistory.daily(s.app.orm),
    ]);
    expect(took.filter(Boolean)).toHaveLength(1);
    expect(await coverageHistory.daily(s.app.orm)).toBe(false);
    const [r] = await s.sql<{ n: string }>(
      `select count(*) as n from coverage_snapshot where day = ?::date and scope_type = 'CITY'`,
      [today],
    );
    expect(Number(r!.n)).toBe(1);
  });

  it('a generated history from 2019 tells the reform: fewer, larger, unstaffed grids and more gaps before 2020; marked generated', async () => {
    const rows = await s.app.orm.em.fork().transactional((em) => coverageHistory.generate(em, '2019-01-01', today));
    expect(rows).toBeGreaterThan(0);
    const h = (
      await s.ok(`query($v: ID) { coverageHistory(scope: { villageId: $v }, from: "2019-01-01") { ${P} } }`, {
        v: chain.villageId,
      })
    ).coverageHistory;
    expect(h[0]).toMatchObject({ day: '2019-01-01', generated: true });
    expect(h.at(-1)).toMatchObject({ day: today, generated: false });
    expect(h.filter((p: { generated: boolean }) => !p.generated)).toHaveLength(1); // the real snapshot is kept
    const first = h[0];
    const last = h.at(-1);
    expect(first.coveredShare).toBeLessThan(last.coveredShare);
    expect(first.oversizedCritical).toBeGreaterThanOrEqual(last.oversizedCritical);
    expect(first.unstaffedGrids).toBeGreaterThanOrEqual(last.unstaffedGrids);
    const months = h.filter((p: { day: string }) => p.day.startsWith('2019-'));
    expect(months.map((p: { day: string }) => p.day)).toEqual(['2019-01-01', '2019-04-01', '2019-07-01', '2019-10-01']); // units quarterly
    const city = (await s.ok(`{ coverageHistory(from: "2019-01-01", to: "2019-01-31") { coveredShare generated } }`))
      .coverageHistory;
    expect(city).toHaveLength(1);
    expect(city[0].generated).toBe(true);
    // Again: the same rows (deterministic), not more.
    const again = await s.app.orm.em.fork().transactional((em) => coverageHistory.generate(em, '2019-01-01', today));
    expect(again).toBe(rows);
  });
});
