import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUnitChain } from '../../../tests/helpers/fixture';
import { LITONG, offset, rect } from '../../../tests/helpers/geo';
import { startServer, tableCounts, type TestServer } from '../../../tests/helpers/server';

let s: TestServer;
let chain: Awaited<ReturnType<typeof createUnitChain>>;
const origin = offset(...LITONG, -20_000, 12_000);

beforeAll(async () => {
  s = await startServer();
  chain = await createUnitChain(s, origin, 1000);
});
afterAll(() => s.close());

const CREATE = `mutation($v: ID!, $g: GeoJSON!, $name: String!, $clip: Boolean, $ov: OverlapPolicy, $hh: Int, $w: [ID!]) {
  createGrid(villageId: $v, geometry: $g, name: $name, clipToVillage: $clip, overlaps: $ov, households: $hh, population: 100, workerIds: $w) { id areaM2 version }
}`;
const area = async (id: string) =>
  (await s.ok(`query($id: ID!) { Grid(id: $id) { areaM2 } }`, { id })).Grid.areaM2 as number;
/** Gap and overlap (m²) among the unit's grids, measured directly in PostGIS. */
async function topology(villageId: string) {
  const [row] = await s.sql<{ gap: number; overlap: number }>(
    `select ST_Area(ST_Difference(v.geom, (select ST_Union(geom) from grid where village_id = v.id))::geography) as gap,
            coalesce((select sum(ST_Area(ST_Intersection(a.geom, b.geom)::geography)) from grid a join grid b
                      on a.village_id = v.id and b.village_id = v.id and a.id < b.id and ST_Intersects(a.geom, b.geom)), 0) as overlap
     from village v where v.id = ?`,
    [Number(villageId)],
  );
  return row!;
}

describe('editing grids on the server', () => {
  let west: string;
  let east: string;

  it('refuses an overlap with a sibling, naming it; trims it on request; clips to the village', async () => {
    west = (await s.ok(CREATE, { v: chain.villageId, g: rect(...origin, 500, 1000), name: '西', hh: 300 })).createGrid
      .id;
    const before = await tableCounts(s);
    const refused = await s.gql(CREATE, {
      v: chain.villageId,
      g: rect(...offset(...origin, 400, 0), 600, 1000),
      name: '东',
    });
    expect(refused.errors?.[0]?.extensions?.code).toBe('BAD_GEOMETRY');
    expect(refused.errors?.[0]?.message).toMatch(/overlaps grid 西/);
    expect(await tableCounts(s)).toEqual(before);

    // Trimmed: 600 m wide drawn from x=400 m, of which 100 m overlap the west grid → 500 m × 1000 m.
    const trimmed = (
      await s.ok(CREATE, {
        v: chain.villageId,
        g: rect(...offset(...origin, 400, 0), 600, 1000),
        name: '东',
        ov: 'TRIM',
        hh: 200,
      })
    ).createGrid;
    east = trimmed.id;
    expect(Math.abs(trimmed.areaM2 - 500_000) / 500_000).toBeLessThan(0.005);
    expect((await topology(chain.villageId)).gap).toBeLessThan(1);

    // Clipped: drawn 50% outside the village; stored only inside (here it then overlaps nothing: another unit).
    const other = await createUnitChain(s, offset(...origin, 0, 5000), 1000);
    const clipped = (
      await s.ok(CREATE, {
        v: other.villageId,
        g: rect(...offset(...origin, 500, 5000), 1000, 1000),
        name: '剪',
        clip: true,
      })
    ).createGrid;
    expect(Math.abs(clipped.areaM2 - 500_000) / 500_000).toBeLessThan(0.005);
  });

  it('moves a shared edge for both grids: no gap or overlap over 1 m² opens', async () => {
    const westArea = await area(west);
    // The west grid now reaches 700 m east instead of 500 m.
    const r = await s.ok(
      `mutation($id: ID!, $g: GeoJSON!) { updateGridBoundary(id: $id, geometry: $g) { id areaM2 version } }`,
      {
        id: west,
        g: rect(...origin, 700, 1000),
      },
    );
    const ids = r.updateGridBoundary.map((g: { id: string }) => g.id).sort();
    expect(ids).toEqual([west, east].sort());
    const t = await topology(chain.villageId);
    expect(t.gap).toBeLessThan(1);
    expect(t.overlap).toBeLessThan(1);
    expect(Math.abs((await area(west)) - westArea * 1.4) / (westArea * 1.4)).toBeLessThan(0.005);
    expect(Math.abs((await area(east)) - 300_000) / 300_000).toBeLessThan(0.005);

    // And back: the released land goes to the east grid.
    await s.ok(`mutation($id: ID!, $g: GeoJSON!) { updateGridBoundary(id: $id, geometry: $g) { id } }`, {
      id: west,
      g: rect(...origin, 500, 1000),
    });
    const t2 = await topology(chain.villageId);
    expect(t2.gap).toBeLessThan(1);
    expect(t2.overlap).toBeLessThan(1);
    expect(Math.abs((await area(east)) - 500_000) / 500_000).toBeLessThan(0.005);
    const parts = await s.sql<{ n: number; wkt: string }>(
      'select ST_NumGeometries(geom) as n, ST_AsText(geom) as wkt from grid where id = ?',
      [Number(east)],
    );
    expect(parts[0]!.n, parts[0]!.wkt).toBe(1);
  });

  it('splits a grid in two and merges it back to the original area (±0.1%)', async () => {
    const original = await area(east);
    const [x1, y1] = offset(...origin, 750, -50);
    const [x2, y2] = offset(...origin, 750, 1050);
    const split = await s.ok(
      `mutation($id: ID!, $line: GeoJSON!) { splitGrid(id: $id, line: $line, attributes: SPLIT_BY_AREA) { id name areaM2 households workers { id } } }`,
      {
        id: east,
        line: {
          type: 'LineString',
          coordinates: [
            [x1, y1],
            [x2, y2],
          ],
        },
      },
    );
    const [a, b] = split.splitGrid;
    expect(a.id).toBe(east);
    expect(b.name).toBe('东（2）');
    expect(Math.abs(a.areaM2 + b.areaM2 - original) / original).toBeLessThan(0.001);
    expect(a.households + b.households).toBe(200);

    const merged = await s.ok(`mutation($ids: [ID!]!) { mergeGrids(ids: $ids) { id areaM2 households } }`, {
      ids: [a.id, b.id],
    });
    expect(merged.mergeGrids.id).toBe(east);
    expect(Math.abs(merged.mergeGrids.areaM2 - original) / original).toBeLessThan(0.001);
    expect(merged.mergeGrids.households).toBe(200);
    expect((await s.ok(`query($id: ID!) { Grid(id: $id) { id } }`, { id: b.id })).Grid).toBeNull();
    const g = await s.ok(`query($id: ID!) { Grid(id: $id) { geometry } }`, { id: east });
    expect(g.Grid.geometry.coordinates).toHaveLength(1); // one polygon again
  });

  it('refuses a split line that does not cut the grid in two, and a merge of grids that do not touch', async () => {
    const before = await tableCounts(s);
    const [x, y] = offset(...origin, 100, 100);
    const r = await s.gql(`mutation($id: ID!, $line: GeoJSON!) { splitGrid(id: $id, line: $line) { id } }`, {
      id: west,
      line: {
        type: 'LineString',
        coordinates: [
          [x, y],
          [x + 0.0001, y + 0.0001],
        ],
      },
    });
    expect(r.errors?.[0]?.extensions?.code).toBe('BAD_GEOMETRY');
    expect(r.errors?.[0]?.message).toMatch(/exactly two parts/);
    const far = (
      await s.ok(CREATE, {
        v: chain.villageId,
        g: rect(...offset(...origin, 600, 950), 10, 10),
        name: '远',
        ov: 'ALLOW',
      })
    ).createGrid;
    const m = await s.gql(`mutation($ids: [ID!]!) { mergeGrids(ids: $ids) { id } }`, { ids: [west, far.id] });
    expect(m.errors?.[0]?.message).toMatch(/do not touch/);
    await s.ok(`mutation($id: ID!) { deleteGrid(id: $id) { id } }`, { id: far.id });
    expect(await tableCounts(s)).toEqual(before);
  });

  it('fills a gap with a new grid made from the coverage tables, or extends a neighbour over it', async () => {
    // Open a gap: shrink the east grid without moving the shared edge.
    await s.ok(
      `mutation($id: ID!, $g: GeoJSON!) { updateGridBoundary(id: $id, geometry: $g, moveSharedEdges: false) { id } }`,
      {
        id: east,
        g: rect(...offset(...origin, 500, 0), 500, 800),
      },
    );
    const gap = (await s.ok(`query($v: ID!) { Village(id: $v) { coverage { uncoveredM2 } } }`, { v: chain.villageId }))
      .Village.coverage.uncoveredM2;
    expect(Math.abs(gap - 100_000) / 100_000).toBeLessThan(0.005);

    const inGap = offset(...origin, 750, 900);
    const filled = await s.ok(
      `mutation($v: ID!, $p: [Float!]!) { createGridFromGap(villageId: $v, point: $p, name: "补") { id areaM2 village { coverage { uncoveredM2 } } } }`,
      {
        v: chain.villageId,
        p: inGap,
      },
    );
    expect(Math.abs(filled.createGridFromGap.areaM2 - gap) / gap).toBeLessThan(0.001);
    expect(filled.createGridFromGap.village.coverage.uncoveredM2).toBe(0);

    await s.ok(`mutation($id: ID!) { deleteGrid(id: $id) { id } }`, { id: filled.createGridFromGap.id });
    const extended = await s.ok(
      `mutation($id: ID!, $p: [Float!]!) { extendGridOverGap(id: $id, point: $p) { id areaM2 village { coverage { uncoveredM2 } } } }`,
      {
        id: east,
        p: inGap,
      },
    );
    expect(Math.abs(extended.extendGridOverGap.areaM2 - 500_000) / 500_000).toBeLessThan(0.005);
    expect(extended.extendGridOverGap.village.coverage.uncoveredM2).toBe(0);
    expect((await topology(chain.villageId)).overlap).toBeLessThan(1);

    const none = await s.gql(
      `mutation($v: ID!, $p: [Float!]!) { createGridFromGap(villageId: $v, point: $p, name: "x") { id } }`,
      { v: chain.villageId, p: inGap },
    );
    expect(none.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('refuses a boundary update with a stale version', async () => {
    const r = await s.gql(
      `mutation($id: ID!, $g: GeoJSON!) { updateGridBoundary(id: $id, version: 1, geometry: $g) { id } }`,
      { id: west, g: rect(...origin, 500, 1000) },
    );
    expect(r.errors?.[0]?.extensions?.code).toBe('CONFLICT');
  });
});
