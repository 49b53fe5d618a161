import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LITONG, offset, rect } from '../../../tests/helpers/geo';
import { createUnitChain } from '../../../tests/helpers/fixture';
import { startServer, tableCounts, type TestServer } from '../../../tests/helpers/server';

let s: TestServer;
let chain: Awaited<ReturnType<typeof createUnitChain>>;
const origin = offset(...LITONG, 3000, 3000);

beforeAll(async () => {
  s = await startServer();
  chain = await createUnitChain(s, origin, 1000);
});
afterAll(() => s.close());

const CREATE = `mutation($v: ID!, $g: GeoJSON!, $name: String!, $code: String) {
  createGrid(villageId: $v, geometry: $g, name: $name, code: $code, kind: VILLAGER_GROUP, households: 120, population: 400) {
    id version name areaM2 geometry centroid village { id township { id county { id } } }
  }
}`;

describe('grid', () => {
  it('creates a grid whose areaM2 is within 0.5% of the true area, and finds it by point', async () => {
    // 400 m × 250 m = 100,000 m²
    const g = rect(...offset(...origin, 100, 100), 400, 250);
    const d = await s.ok(CREATE, { v: chain.villageId, g, name: '一组', code: 'T-GRID-1' });
    const grid = d.createGrid;
    expect(grid.name).toBe('一组');
    expect(grid.version).toBe(1);
    expect(Math.abs(grid.areaM2 - 100_000) / 100_000).toBeLessThan(0.005);
    expect(grid.geometry.type).toBe('MultiPolygon');
    expect(grid.centroid.type).toBe('Point');
    expect(grid.village.id).toBe(chain.villageId);

    const [lng, lat] = offset(...origin, 300, 200);
    const at = await s.ok(
      `query($lng: Float!, $lat: Float!) { gridAt(lng: $lng, lat: $lat) { id name village { id name township { id name county { id name } } } workers { id } partyUnit { id } } }`,
      { lng, lat },
    );
    expect(at.gridAt.map((x: { id: string }) => x.id)).toContain(grid.id);
    const hit = at.gridAt.find((x: { id: string }) => x.id === grid.id);
    expect(hit.village.township.id).toBe(chain.townshipId);
    expect(hit.village.township.county.id).toBe(chain.countyId);

    const miss = await s.ok(`query($lng: Float!, $lat: Float!) { gridAt(lng: $lng, lat: $lat) { id } }`, {
      lng: lng + 1,
      lat,
    });
    expect(miss.gridAt).toEqual([]);
  });

  it('builds a party unit on a new grid in the same write', async () => {
    const { createPartyUnit } = await s.ok(
      `mutation { createPartyUnit(name: "四组党小组", level: GROUP, kind: NATURAL_VILLAGE) { id } }`,
    );
    const g = rect(...offset(...origin, 800, 100), 100, 100);
    const { createGrid } = await s.ok(
      `mutation($v: ID!, $g: GeoJSON!, $p: ID) { createGrid(villageId: $v, name: "四组", geometry: $g, partyUnitId: $p) { id partyUnit { id name } } }`,
      {
        v: chain.villageId,
        g,
        p: createPartyUnit.id,
      },
    );
    expect(createGrid.partyUnit).toEqual({ id: createPartyUnit.id, name: '四组党小组' });
    const missing = await s.gql(
      `mutation($v: ID!, $g: GeoJSON!) { createGrid(villageId: $v, name: "五组", geometry: $g, partyUnitId: "99999999") { id } }`,
      {
        v: chain.villageId,
        g: rect(...offset(...origin, 800, 300), 100, 100),
      },
    );
    expect(missing.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  it('round-trips read, update and delete, and refuses a stale version with CONFLICT', async () => {
    const g = rect(...offset(...origin, 600, 600), 100, 100);
    const { createGrid } = await s.ok(CREATE, { v: chain.villageId, g, name: '二组', code: null });
    const read = await s.ok(
      `query($id: ID!) { Grid(id: $id) { id name kind households population villageId version } }`,
      { id: createGrid.id },
    );
    expect(read.Grid).toMatchObject({
      name: '二组',
      kind: 'VILLAGER_GROUP',
      households: 120,
      population: 400,
      villageId: chain.villageId,
    });

    const up = await s.ok(
      `mutation($id: ID!) { updateGrid(id: $id, version: 1, name: "二组（新）", households: 130) { name households version } }`,
      { id: createGrid.id },
    );
    expect(up.updateGrid).toEqual({ name: '二组（新）', households: 130, version: 2 });

    const stale = await s.gql(`mutation($id: ID!) { updateGrid(id: $id, version: 1, name: "lost") { id } }`, {
      id: createGrid.id,
    });
    expect(stale.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    const after = await s.ok(`query($id: ID!) { Grid(id: $id) { name version } }`, { id: createGrid.id });
    expect(after.Grid).toEqual({ name: '二组（新）', version: 2 });

    const del = await s.ok(`mutation($id: ID!) { deleteGrid(id: $id) { id name } }`, { id: createGrid.id });
    expect(del.deleteGrid.name).toBe('二组（新）');
    expect((await s.ok(`query($id: ID!) { Grid(id: $id) { id } }`, { id: createGrid.id })).Grid).toBeNull();

    const gone = await s.gql(`mutation { updateGrid(id: "99999999", name: "x") { id } }`);
    expect(gone.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  describe('refuses bad geometry with a reason and writes nothing', () => {
    const inside = offset(...origin, 200, 700);
    const ok = rect(...inside, 50, 50);
    const [x, y] = inside;
    const cases: [string, unknown, string, RegExp][] = [
      ['not a geometry object', { foo: 1 }, 'BAD_GEOMETRY', /not a GeoJSON geometry/],
      ['a string that is no JSON', 'POLYGON((0 0))', 'BAD_GEOMETRY', /not a GeoJSON geometry/],
      [
        'wrong geometry type',
        { type: 'Point', coordinates: [x, y] },
        'BAD_GEOMETRY',
        /Point; expected Polygon or MultiPolygon/,
      ],
      [
        'unclosed ring',
        {
          type: 'Polygon',
          coordinates: [
            [
              [x, y],
              [x + 0.001, y],
              [x + 0.001, y + 0.001],
              [x, y + 0.0011],
            ],
          ],
        },
        'BAD_GEOMETRY',
        /not closed/,
      ],
      [
        'ring with fewer than 4 positions',
        {
          type: 'Polygon',
          coordinates: [
            [
              [x, y],
              [x + 0.001, y],
              [x, y],
            ],
          ],
        },
        'BAD_GEOMETRY',
        /needs at least 4/,
      ],
      [
        'non-finite number',
        {
          type: 'Polygon',
          coordinates: [
            [
              [x, y],
              [x + 0.001, y],
              ['NaN', y + 0.001],
              [x, y],
            ],
          ],
        },
        'BAD_GEOMETRY',
        /not finite/,
      ],
      [
        'coordinates out of range',
        {
          type: 'Polygon',
          coordinates: [
            [
              [x, 95],
              [x + 0.001, 95],
              [x + 0.001, 95.001],
              [x, 95],
            ],
          ],
        },
        'BAD_GEOMETRY',
        /outside longitude/,
      ],
      [
        'self-intersection',
        {
          type: 'Polygon',
          coordinates: [
            [
              [x, y],
              [x + 0.001, y + 0.001],
              [x + 0.001, y],
              [x, y + 0.001],
              [x, y],
            ],
          ],
        },
        'BAD_GEOMETRY',
        /Self-intersection/,
      ],
      ['far outside Wuzhong', rect(116.4, 39.9, 100, 100), 'BAD_GEOMETRY', /far outside Wuzhong/],
      [
        'mostly outside its village',
        rect(...offset(...origin, 900, 900), 300, 300),
        'BAD_GEOMETRY',
        /outside its village/,
      ],
    ];
    for (const [name, geometry, code, reason] of cases) {
      it(name, async () => {
        const before = await tableCounts(s);
        const r = await s.gql(CREATE, { v: chain.villageId, g: geometry, name: 'bad' });
        expect(r.errors?.[0]?.extensions?.code).toBe(code);
        expect(r.errors?.[0]?.message).toMatch(reason);
        expect(await tableCounts(s)).toEqual(before);
      });
    }

    it('an update with a bad geometry changes nothing, not even the other fields', async () => {
      const { createGrid } = await s.ok(CREATE, { v: chain.villageId, g: ok, name: '三组' });
      const r = await s.gql(
        `mutation($id: ID!, $g: GeoJSON) { updateGrid(id: $id, name: "changed", geometry: $g) { id } }`,
        {
          id: createGrid.id,
          g: rect(116.4, 39.9, 100, 100),
        },
      );
      expect(r.errors?.[0]?.extensions?.code).toBe('BAD_GEOMETRY');
      const now = await s.ok(`query($id: ID!) { Grid(id: $id) { name version areaM2 } }`, { id: createGrid.id });
      expect(now.Grid.name).toBe('三组');
      expect(now.Grid.version).toBe(1);
    });

    it('an unknown village is NOT_FOUND and a negative count BAD_USER_INPUT', async () => {
      const before = await tableCounts(s);
      const r1 = await s.gql(CREATE, { v: '99999999', g: ok, name: 'x' });
      expect(r1.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
      const r2 = await s.gql(
        `mutation($v: ID!, $g: GeoJSON!) { createGrid(villageId: $v, geometry: $g, name: "x", households: -1) { id } }`,
        {
          v: chain.villageId,
          g: ok,
        },
      );
      expect(r2.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(await tableCounts(s)).toEqual(before);
    });
  });

  it('filters by every spatial filter and the parent ids', async () => {
    const a = await s.ok(CREATE, { v: chain.villageId, g: rect(...offset(...origin, 10, 10), 50, 50), name: 'A' });
    const aId = a.createGrid.id;
    const [px, py] = offset(...origin, 35, 35);
    const list = async (filter: Record<string, unknown>) =>
      await s.ok(
        `query($f: GridFilter) { allGrids(filter: $f, perPage: 100) { id } _allGridsMeta(filter: $f) { count } }`,
        { f: filter },
      );
    const ids = async (filter: Record<string, unknown>) =>
      (await list(filter)).allGrids.map((g: { id: string }) => g.id);

    expect(await ids({ containsPoint: [px, py] })).toEqual([aId]);
    const [bx, by] = offset(...origin, 0, 0);
    const [cx, cy] = offset(...origin, 20, 20);
    expect(await ids({ bbox: [bx, by, cx, cy] })).toEqual([aId]);
    expect(
      await ids({
        intersects: {
          type: 'LineString',
          coordinates: [
            [bx, by],
            [cx, cy],
          ],
        },
      }),
    ).toEqual([aId]);
    const [fx, fy] = offset(...origin, 35, -100); // 90 m south of the grid's southern edge (y=10)
    expect(await ids({ dwithin: { point: [fx, fy], meters: 120 } })).toContain(aId);
    expect(await ids({ dwithin: { point: [fx, fy], meters: 100 } })).not.toContain(aId);
    expect(await ids({ villageId: chain.villageId, q: 'A' })).toEqual([aId]);
    expect(await ids({ countyId: chain.countyId, ids: [aId] })).toEqual([aId]);
    expect(await ids({ townshipId: chain.townshipId, ids: [aId] })).toEqual([aId]);
    expect(await ids({ hasWorker: true, ids: [aId] })).toEqual([]);
    expect(await ids({ hasWorker: false, ids: [aId] })).toEqual([aId]);
    expect((await list({ villageId: chain.villageId })).allGrids.length).toBe(
      (await list({ villageId: chain.villageId }))._allGridsMeta.count,
    );

    const badBbox = await s.gql(`query { allGrids(filter: { bbox: [1, 2, 0, 1] }) { id } }`);
    expect(badBbox.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const badSort = await s.gql(`query { allGrids(sortField: "geom; drop table grid") { id } }`);
    expect(badSort.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('sorts and pages', async () => {
    const page = async (p: number, order: string) =>
      (
        await s.ok(
          `query($p: Int, $o: String, $v: ID) { allGrids(page: $p, perPage: 2, sortField: "name", sortOrder: $o, filter: { villageId: $v }) { name } }`,
          {
            p,
            o: order,
            v: chain.villageId,
          },
        )
      ).allGrids.map((g: { name: string }) => g.name);
    const asc = [...(await page(0, 'ASC')), ...(await page(1, 'ASC'))];
    const desc = await page(0, 'DESC');
    expect([...asc].sort()).toEqual(asc);
    expect(desc[0] >= asc[asc.length - 1]).toBe(true);
  });
});
