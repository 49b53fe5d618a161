import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUnitChain } from '../../../tests/helpers/fixture';
import { LITONG, offset, rect } from '../../../tests/helpers/geo';
import { startServer, type TestServer } from '../../../tests/helpers/server';
import { FINDING_KINDS, RULES } from './coverage.rules';

let s: TestServer;
beforeAll(async () => {
  s = await startServer();
});
afterAll(() => s.close());

const GRID = `mutation($v: ID!, $g: GeoJSON!, $name: String!, $hh: Int, $kind: GridKind, $ov: OverlapPolicy) {
  createGrid(villageId: $v, geometry: $g, name: $name, households: $hh, kind: $kind, overlaps: $ov) {
    id areaM2 findings { id kind severity } village { coverage { coveredShare uncoveredM2 gridCount } }
  }
}`;
const findings = async (villageId: string) =>
  (
    await s.ok(
      `query($v: ID!) { Village(id: $v) { findings { id kind severity gridId otherGridId areaM2 value messageZh messageEn } } }`,
      { v: villageId },
    )
  ).Village.findings as {
    id: string;
    kind: string;
    severity: string;
    gridId: string | null;
    otherGridId: string | null;
    areaM2: number | null;
    value: number | null;
    messageZh: string;
    messageEn: string;
  }[];

describe('coverage of a unit with known geometry', () => {
  const origin = offset(...LITONG, 20_000, 5_000);
  let chain: Awaited<ReturnType<typeof createUnitChain>>;
  let westId: string;

  beforeAll(async () => {
    chain = await createUnitChain(s, origin, 1000);
  });

  it('a 1 km² unit with grids covering exactly 60% has covered share 0.600 and 400,000 m² uncovered', async () => {
    const { createGrid } = await s.ok(GRID, { v: chain.villageId, g: rect(...origin, 600, 1000), name: '西片' });
    westId = createGrid.id;
    const c = createGrid.village.coverage;
    expect(c.coveredShare).toBeGreaterThan(0.599);
    expect(c.coveredShare).toBeLessThan(0.601);
    expect(Math.abs(c.uncoveredM2 - 400_000) / 400_000).toBeLessThan(0.005);
    const gap = (await findings(chain.villageId)).find((f) => f.kind === 'UNCOVERED_LAND')!;
    expect(gap.id).toBe(`UNCOVERED_LAND-v${chain.villageId}`);
    expect(gap.severity).toBe('CRITICAL'); // 40% ≥ 10%
    expect(gap.messageZh).toContain('不在任何网格内');
    expect(gap.messageEn).toMatch(/40\.0%/);
  });

  it('drawing a grid over part of the gap lowers uncovered m² by the drawn area in the same response; deleting it restores the finding with its old id', async () => {
    const before = (await findings(chain.villageId)).find((f) => f.kind === 'UNCOVERED_LAND')!;
    const { createGrid } = await s.ok(GRID, {
      v: chain.villageId,
      g: rect(...offset(...origin, 600, 0), 200, 1000),
      name: '中片',
    });
    const drawn = createGrid.areaM2 as number;
    const after = createGrid.village.coverage.uncoveredM2 as number;
    expect(Math.abs(400_000 - after - drawn) / drawn).toBeLessThan(0.005);

    await s.ok(`mutation($id: ID!) { deleteGrid(id: $id) { id } }`, { id: createGrid.id });
    const restored = (await findings(chain.villageId)).find((f) => f.kind === 'UNCOVERED_LAND')!;
    expect(restored.id).toBe(before.id);
    expect(Math.abs(restored.areaM2! - before.areaM2!)).toBeLessThan(1);
  });

  it('an edit that fills the gap removes its finding in the same transaction', async () => {
    const { createGrid } = await s.ok(GRID, {
      v: chain.villageId,
      g: rect(...offset(...origin, 600, 0), 400, 1000),
      name: '东片',
    });
    expect(createGrid.village.coverage.uncoveredM2).toBe(0);
    expect(createGrid.village.coverage.coveredShare).toBe(1);
    expect((await findings(chain.villageId)).some((f) => f.kind === 'UNCOVERED_LAND')).toBe(false);
    await s.ok(`mutation($id: ID!) { deleteGrid(id: $id) { id } }`, { id: createGrid.id });
  });

  it('finding ids are stable across a full rebuild', async () => {
    const before = (await findings(chain.villageId)).map((f) => f.id).sort();
    await s.app.coverage.rebuild(s.app.orm.em.fork());
    expect((await findings(chain.villageId)).map((f) => f.id).sort()).toEqual(before);
  });

  it('two grids overlapping by a known rectangle give one OVERLAP with that area', async () => {
    // 100 m × 50 m = 5,000 m² shared by the new grid and the western one.
    const { createGrid } = await s.ok(GRID, {
      v: chain.villageId,
      g: rect(...offset(...origin, 500, 0), 200, 50),
      name: '叠片',
      ov: 'ALLOW',
    });
    const overlap = createGrid.findings.find((f: { kind: string }) => f.kind === 'OVERLAP');
    expect(overlap).toBeDefined();
    const all = await findings(chain.villageId);
    const o = all.find((f) => f.kind === 'OVERLAP')!;
    expect(o.id).toBe(`OVERLAP-g${westId}-g${createGrid.id}`);
    expect(Math.abs(o.areaM2! - 5000) / 5000).toBeLessThan(0.005);
    const layer = await s.ok(
      `query($v: ID!) { coverage(villageId: $v) { overlaps { gridAId gridBId areaM2 geometry } } }`,
      { v: chain.villageId },
    );
    expect(layer.coverage.overlaps).toHaveLength(1);
    expect(layer.coverage.overlaps[0].geometry.type).toBe('MultiPolygon');
    await s.ok(`mutation($id: ID!) { deleteGrid(id: $id) { id } }`, { id: createGrid.id });
    expect((await findings(chain.villageId)).some((f) => f.kind === 'OVERLAP')).toBe(false);
  });

  it('a grid reaching out of its village gives a SPILL of that area', async () => {
    // 400 m × 400 m inside plus 400 m × 1.6 m outside (0.4% of the grid: allowed, but reported): 640 m².
    const g = rect(...offset(...origin, 600, -1.6), 400, 401.6);
    const { createGrid } = await s.ok(GRID, { v: chain.villageId, g, name: '越界片' });
    const spill = (await findings(chain.villageId)).find((f) => f.kind === 'SPILL' && f.gridId === createGrid.id)!;
    expect(Math.abs(spill.areaM2! - 640) / 640).toBeLessThan(0.01);
    await s.ok(`mutation($id: ID!) { deleteGrid(id: $id) { id } }`, { id: createGrid.id });
  });

  it('workers, party units and villager groups: each rule appears and disappears with the edit that fixes it', async () => {
    let all = await findings(chain.villageId);
    expect(all.find((f) => f.kind === 'UNSTAFFED_GRID' && f.gridId === westId)?.severity).toBe('CRITICAL');
    expect(all.find((f) => f.kind === 'NO_PARTY_UNIT' && f.gridId === westId)?.severity).toBe('WARNING');
    expect(all.find((f) => f.kind === 'GRID_COUNT_MISMATCH')?.messageEn).toBe(
      '测试村 has 4 villager groups but 1 grids',
    );

    const w = await s.ok(`mutation($g: ID!) { createGridWorker(name: "李强", gridIds: [$g]) { id } }`, { g: westId });
    await s.ok(
      `mutation($g: ID!) { createPartyUnit(name: "一组党小组", level: GROUP, kind: NATURAL_VILLAGE, gridId: $g) { id } }`,
      { g: westId },
    );
    await s.ok(`mutation($v: ID!) { updateVillage(id: $v, villagerGroups: 1) { id } }`, { v: chain.villageId });
    all = await findings(chain.villageId);
    expect(all.map((f) => f.kind).sort()).toEqual(['UNCOVERED_LAND']);

    // Deactivating the only worker makes the grid unstaffed again.
    await s.ok(`mutation($w: ID!) { updateGridWorker(id: $w, active: false) { id } }`, { w: w.createGridWorker.id });
    expect((await findings(chain.villageId)).some((f) => f.kind === 'UNSTAFFED_GRID')).toBe(true);
  });
});

describe('community rules', () => {
  const origin = offset(...LITONG, 25_000, 5_000);
  let chain: Awaited<ReturnType<typeof createUnitChain>>;

  beforeAll(async () => {
    chain = await createUnitChain(s, origin, 1000, 'COMMUNITY');
  });

  it('community grids over 500 (warning), over 1,000 (critical) and under 300 households (notice); none for 300–500', async () => {
    const sizes: [number, string | null][] = [
      [600, 'WARNING'],
      [1200, 'CRITICAL'],
      [200, 'NOTICE'],
      [400, null],
      [500, null],
      [300, null],
    ];
    for (const [i, [hh, severity]] of sizes.entries()) {
      const { createGrid } = await s.ok(GRID, {
        v: chain.villageId,
        g: rect(...offset(...origin, i * 150, 0), 150, 1000),
        name: `${hh}户`,
        hh,
        kind: 'RESIDENTIAL_COMPOUND',
      });
      const f = createGrid.findings.find((x: { kind: string }) => /SIZED_GRID/.test(x.kind));
      expect(f?.severity ?? null, `${hh} households`).toBe(severity);
      if (f) expect(f.kind).toBe(hh > 500 ? 'OVERSIZED_GRID' : 'UNDERSIZED_GRID');
    }
  });

  it("serves the rules the findings are computed by (coverageRules), and every finding has its rule's severity", async () => {
    const rules = (
      await s.ok(`query { coverageRules { communityGridMaxHouseholds communityGridCriticalHouseholds communityGridMinHouseholds
      uncoveredCriticalShare minGapM2 minOverlapM2 findings { kind severity criticalFrom criticalSeverity } } }`)
    ).coverageRules;
    expect(rules).toMatchObject({
      communityGridMaxHouseholds: RULES.oversizedGrid.maxHouseholds,
      communityGridCriticalHouseholds: RULES.oversizedGrid.criticalHouseholds,
      communityGridMinHouseholds: RULES.undersizedGrid.minHouseholds,
      uncoveredCriticalShare: RULES.uncoveredLand.criticalShare,
    });
    expect(rules.minGapM2).toBeGreaterThan(0);
    expect(rules.findings.map((f: { kind: string }) => f.kind)).toEqual(FINDING_KINDS);
    const byKind = new Map<string, { severity: string; criticalFrom: number | null; criticalSeverity: string | null }>(
      rules.findings.map((f: { kind: string }) => [f.kind, f]),
    );
    expect(byKind.get('OVERSIZED_GRID')).toEqual({
      kind: 'OVERSIZED_GRID',
      severity: 'WARNING',
      criticalFrom: 1001,
      criticalSeverity: 'CRITICAL',
    });
    const found = await findings(chain.villageId);
    expect(found.length).toBeGreaterThan(3);
    for (const f of found) {
      const rule = byKind.get(f.kind)!;
      // Rules with a second step escalate from criticalFrom on (households, uncovered share: the finding's value).
      const expected =
        rule.criticalFrom !== null && f.value! >= rule.criticalFrom ? rule.criticalSeverity : rule.severity;
      expect(f.severity, f.id).toBe(expected);
    }
  });

  it('a community with no grid-level party branch or group is found, until one is built', async () => {
    expect((await findings(chain.villageId)).some((f) => f.kind === 'NO_GRID_PARTY_UNIT')).toBe(true);
    const grid = (
      await s.ok(`query($v: ID!) { allGrids(filter: { villageId: $v }, perPage: 1) { id } }`, { v: chain.villageId })
    ).allGrids[0];
    const org = await s.ok(
      `mutation($v: ID!) { createPartyUnit(name: "社区党委", level: COMMITTEE, kind: COMMUNITY, villageId: $v) { id } }`,
      { v: chain.villageId },
    );
    await s.ok(
      `mutation($p: ID!, $g: ID!) { createPartyUnit(name: "网格党支部", level: BRANCH, kind: GRID, parentId: $p, gridId: $g) { id } }`,
      {
        p: org.createPartyUnit.id,
        g: grid.id,
      },
    );
    expect((await findings(chain.villageId)).some((f) => f.kind === 'NO_GRID_PARTY_UNIT')).toBe(false);
  });

  it('rolls up for the township, the county and the city', async () => {
    const q = `query($c: ID, $t: ID) { coverage(countyId: $c, townshipId: $t) { units fullyCovered areaM2 uncoveredM2 coveredShare grids households householdsInGrids
      findingsByKind { kind count } findingsBySeverity { severity count } uncovered(simplify: 1) } }`;
    const t = (await s.ok(q, { t: chain.townshipId })).coverage;
    expect(t.units).toBe(1);
    expect(t.fullyCovered).toBe(0); // 6 strips of 150 m cover 900 of 1,000 m
    expect(Math.abs(t.uncoveredM2 - 100_000) / 100_000).toBeLessThan(0.005);
    expect(t.grids).toBe(6);
    expect(t.householdsInGrids).toBe(600 + 1200 + 200 + 400 + 500 + 300);
    expect(
      t.findingsBySeverity.find((x: { severity: string }) => x.severity === 'CRITICAL').count,
    ).toBeGreaterThanOrEqual(1);
    expect(t.uncovered.type).toBe('MultiPolygon');
    const c = (await s.ok(q, { c: chain.countyId })).coverage;
    expect(c.units).toBe(1);
    const city = (await s.ok(q, {})).coverage;
    expect(city.units).toBeGreaterThanOrEqual(2);
    const sum = city.findingsByKind.reduce((a: number, k: { count: number }) => a + k.count, 0);
    expect((await s.ok(`query { _allCoverageFindingsMeta { count } }`))._allCoverageFindingsMeta.count).toBe(sum);
  });

  it('lists findings as a resource with filters', async () => {
    const list = await s.ok(
      `query($v: ID) { allCoverageFindings(filter: { villageId: $v, severity: CRITICAL }, perPage: 50) { id kind severity village { id } } }`,
      { v: chain.villageId },
    );
    expect(list.allCoverageFindings.length).toBeGreaterThan(0);
    expect(
      list.allCoverageFindings.every(
        (f: { severity: string; village: { id: string } }) =>
          f.severity === 'CRITICAL' && f.village.id === chain.villageId,
      ),
    ).toBe(true);
    const one = await s.ok(`query($id: ID!) { CoverageFinding(id: $id) { id } }`, {
      id: list.allCoverageFindings[0].id,
    });
    expect(one.CoverageFinding.id).toBe(list.allCoverageFindings[0].id);
    const kinds = await s.ok(
      `query($v: ID) { allCoverageFindings(filter: { villageId: $v, kind: OVERSIZED_GRID }) { kind } }`,
      { v: chain.villageId },
    );
    expect(kinds.allCoverageFindings.map((f: { kind: string }) => f.kind)).toEqual([
      'OVERSIZED_GRID',
      'OVERSIZED_GRID',
    ]);
    const shapes = await s.ok(
      `query($v: ID) { allCoverageFindings(filter: { villageId: $v }, perPage: 50) { kind geometry } }`,
      { v: chain.villageId },
    );
    for (const f of shapes.allCoverageFindings) {
      expect(f.geometry?.type ?? null, f.kind).toBe(f.kind === 'UNCOVERED_LAND' ? 'MultiPolygon' : null);
    }
  });
});

describe('GeoJSON endpoints for other services', () => {
  it('answer with gzip and an ETag; 304 while unchanged, a new body after an edit', async () => {
    for (const path of ['uncovered', 'overlaps', 'findings']) {
      const res = await s.get(`/api/coverage/${path}.geojson?kind=UNCOVERED_LAND,OVERLAP`, {
        'accept-encoding': 'gzip',
      });
      expect(res.status, path).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/geo\+json/);
      const body = await res.json();
      expect(body.type).toBe('FeatureCollection');
    }
    const url = `/api/coverage/findings.geojson`;
    const first = await s.get(url);
    const etag = first.headers.get('etag')!;
    const fc = await first.json();
    expect(fc.features.length).toBeGreaterThan(0);
    expect(fc.features[0].properties.messageZh).toBeTruthy();
    expect((await s.get(url, { 'if-none-match': etag })).status).toBe(304);

    const village = (await s.ok(`query { allVillages(perPage: 1, sortField: "id") { id } }`)).allVillages[0];
    await s.ok(`mutation($v: ID!) { updateVillage(id: $v, population: 1234) { id } }`, { v: village.id });
    const after = await s.get(url, { 'if-none-match': etag });
    expect(after.status).toBe(200);
    expect(after.headers.get('etag')).not.toBe(etag);

    const big = await s.get(`/api/map/grids.geojson`, { 'accept-encoding': 'gzip' });
    expect(big.status).toBe(200);
    const grids = await big.json();
    expect(grids.features[0].properties).toHaveProperty('severity');
    const bad = await s.get(`/api/coverage/findings.geojson?bbox=1,2,3`);
    expect(bad.status).toBe(400);
  });

  it('filters by bbox, county and kind', async () => {
    const all = await (await s.get(`/api/coverage/findings.geojson`)).json();
    const unstaffed = await (await s.get(`/api/coverage/findings.geojson?kind=UNSTAFFED_GRID`)).json();
    expect(
      unstaffed.features.every((f: { properties: { kind: string } }) => f.properties.kind === 'UNSTAFFED_GRID'),
    ).toBe(true);
    expect(unstaffed.features.length).toBeLessThan(all.features.length);
    const far = await (await s.get(`/api/coverage/findings.geojson?bbox=100,30,100.1,30.1`)).json();
    expect(far.features).toEqual([]);
    const county = (await s.ok(`query { allCounties(perPage: 1, sortField: "id", sortOrder: "DESC") { id } }`))
      .allCounties[0].id;
    const inCounty = await (await s.get(`/api/coverage/findings.geojson?countyId=${county}`)).json();
    expect(inCounty.features.length).toBeLessThan(all.features.length);
  });
});
