import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LITONG, offset, rect } from '../helpers/geo';
import { startServer, tableCounts, type TestServer } from '../helpers/server';

let s: TestServer;
beforeAll(async () => {
  s = await startServer();
});
afterAll(() => s.close());

const origin = offset(...LITONG, -8000, -8000);
const big = rect(...origin, 5000, 5000);

describe('CRUD round trips for every type', () => {
  it('county → township → village → grid → party units → worker, and their relations both ways', async () => {
    const { createCounty: county } = await s.ok(
      `mutation($g: GeoJSON) { createCounty(code: "649901", name: "甲县", geometry: $g) { id code name version areaM2 centroid } }`,
      { g: big },
    );
    expect(county).toMatchObject({ code: '649901', name: '甲县', version: 1 });
    expect(Math.abs(county.areaM2 - 25e6) / 25e6).toBeLessThan(0.005);

    const { createTownship: township } = await s.ok(
      `mutation($c: ID!, $g: GeoJSON) { createTownship(code: "649901100", name: "甲镇", kind: TOWN, countyId: $c, geometry: $g) { id kind countyId county { code } } }`,
      { c: county.id, g: big },
    );
    expect(township).toMatchObject({ kind: 'TOWN', countyId: county.id, county: { code: '649901' } });

    const { createVillage: village } = await s.ok(
      `mutation($t: ID!, $g: GeoJSON) { createVillage(code: "649901100201", name: "甲村", kind: VILLAGE, townshipId: $t, geometry: $g,
         households: 500, population: 1800, villagerGroups: 3) { id kind households population villagerGroups township { name } } }`,
      { t: township.id, g: rect(...origin, 2000, 2000) },
    );
    expect(village).toMatchObject({
      kind: 'VILLAGE',
      households: 500,
      population: 1800,
      villagerGroups: 3,
      township: { name: '甲镇' },
    });

    const { createGridWorker: worker } = await s.ok(
      `mutation { createGridWorker(name: "王芳", phone: "13900000000", employment: FULL_TIME, source: SPECIAL_RECRUITMENT) { id active employment source } }`,
    );
    expect(worker).toMatchObject({ active: true, employment: 'FULL_TIME', source: 'SPECIAL_RECRUITMENT' });

    const { createGrid: grid } = await s.ok(
      `mutation($v: ID!, $g: GeoJSON!, $w: [ID!]) { createGrid(villageId: $v, name: "一组", kind: VILLAGER_GROUP, geometry: $g, workerIds: $w) { id workerIds workers { name } } }`,
      { v: village.id, g: rect(...origin, 1000, 1000), w: [worker.id] },
    );
    expect(grid.workerIds).toEqual([worker.id]);

    const { createPartyUnit: branch } = await s.ok(
      `mutation($v: ID!) { createPartyUnit(name: "甲村党支部", level: BRANCH, kind: VILLAGE, villageId: $v, members: 30) { id level kind members village { id } } }`,
      { v: village.id },
    );
    const { createPartyUnit: group } = await s.ok(
      `mutation($p: ID!, $g: ID!) { createPartyUnit(name: "一组党小组", level: GROUP, kind: GRID, parentId: $p, gridId: $g) { id parent { id } grid { id } } }`,
      { p: branch.id, g: grid.id },
    );
    expect(group.parent.id).toBe(branch.id);

    // Relations, the other way round.
    const back = await s.ok(
      `query($c: ID!, $v: ID!, $w: ID!, $b: ID!, $g: ID!) {
        County(id: $c) { townships { id villages { id grids { id } } } }
        Village(id: $v) { grids { id partyUnit { id } } partyUnits { id } }
        GridWorker(id: $w) { grids { id village { id } } gridIds }
        PartyUnit(id: $b) { children { id name } parentId }
        Grid(id: $g) { partyUnit { name level } workers { id } }
      }`,
      { c: county.id, v: village.id, w: worker.id, b: branch.id, g: grid.id },
    );
    expect(back.County.townships[0].villages[0].grids[0].id).toBe(grid.id);
    expect(back.Village.grids[0].partyUnit.id).toBe(group.id);
    expect(back.Village.partyUnits.map((p: { id: string }) => p.id)).toEqual([branch.id]);
    expect(back.GridWorker.grids[0].village.id).toBe(village.id);
    expect(back.PartyUnit).toEqual({ children: [{ id: group.id, name: '一组党小组' }], parentId: null });
    expect(back.Grid.partyUnit).toEqual({ name: '一组党小组', level: 'GROUP' });

    // Updates bump the version; worker assignment works from either side.
    const up = await s.ok(
      `mutation($w: ID!, $g: ID!) { updateGridWorker(id: $w, version: 1, active: false, gridIds: []) { version active gridIds } u2: updateGridWorker(id: $w, gridIds: [$g]) { version gridIds } }`,
      {
        w: worker.id,
        g: grid.id,
      },
    );
    expect(up.updateGridWorker).toEqual({ version: 2, active: false, gridIds: [] });
    expect(up.u2).toEqual({ version: 3, gridIds: [grid.id] });

    for (const [type, id] of [
      ['County', county.id],
      ['Township', township.id],
      ['Village', village.id],
    ] as const) {
      const r = await s.ok(`mutation($id: ID!) { update${type}(id: $id, version: 1, name: "改名") { name version } }`, {
        id,
      });
      expect(r[`update${type}`]).toEqual({ name: '改名', version: 2 });
    }

    // A delete that would orphan records is refused with CONFLICT, and changes nothing.
    const before = await tableCounts(s);
    for (const [type, id] of [
      ['County', county.id],
      ['Township', township.id],
      ['Village', village.id],
      ['PartyUnit', branch.id],
    ] as const) {
      const r = await s.gql(`mutation($id: ID!) { delete${type}(id: $id) { id } }`, { id });
      expect(r.errors?.[0]?.extensions?.code, type).toBe('CONFLICT');
    }
    expect(await tableCounts(s)).toEqual(before);

    // Deleting from the leaves up works; a grid's party unit stays, unlinked.
    await s.ok(`mutation($id: ID!) { deleteGrid(id: $id) { id } }`, { id: grid.id });
    const orphan = await s.ok(`query($id: ID!) { PartyUnit(id: $id) { gridId } }`, { id: group.id });
    expect(orphan.PartyUnit.gridId).toBeNull();
    for (const [type, id] of [
      ['PartyUnit', group.id],
      ['PartyUnit', branch.id],
      ['GridWorker', worker.id],
      ['Village', village.id],
      ['Township', township.id],
      ['County', county.id],
    ] as const) {
      const r = await s.ok(`mutation($id: ID!) { delete${type}(id: $id) { id } }`, { id });
      expect(r[`delete${type}`].id).toBe(id);
    }
  });

  it('refuses a village mostly outside its township, a cycle of party units, and a duplicate code', async () => {
    const { createCounty: c } = await s.ok(
      `mutation($g: GeoJSON) { createCounty(code: "649902", name: "乙县", geometry: $g) { id } }`,
      { g: big },
    );
    const { createTownship: t } = await s.ok(
      `mutation($c: ID!, $g: GeoJSON) { createTownship(code: "649902100", name: "乙镇", countyId: $c, geometry: $g) { id } }`,
      { c: c.id, g: rect(...origin, 1000, 1000) },
    );
    const before = await tableCounts(s);
    const out = await s.gql(
      `mutation($t: ID!, $g: GeoJSON) { createVillage(code: "649902100201", name: "外村", townshipId: $t, geometry: $g) { id } }`,
      { t: t.id, g: rect(...offset(...origin, 900, 0), 1000, 1000) },
    );
    expect(out.errors?.[0]?.extensions?.code).toBe('BAD_GEOMETRY');
    expect(out.errors?.[0]?.message).toMatch(/outside its township/);
    const dup = await s.gql(`mutation { createCounty(code: "649902", name: "重复") { id } }`);
    expect(dup.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    expect(await tableCounts(s)).toEqual(before);

    const { createPartyUnit: a } = await s.ok(
      `mutation { createPartyUnit(name: "A", level: COMMITTEE, kind: COMMUNITY) { id } }`,
    );
    const { createPartyUnit: b } = await s.ok(
      `mutation($p: ID!) { createPartyUnit(name: "B", level: BRANCH, kind: GRID, parentId: $p) { id } }`,
      { p: a.id },
    );
    const cycle = await s.gql(`mutation($a: ID!, $b: ID!) { updatePartyUnit(id: $a, parentId: $b) { id } }`, {
      a: a.id,
      b: b.id,
    });
    expect(cycle.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('lists every type with its filters and counts', async () => {
    for (const plural of ['Counties', 'Townships', 'Villages', 'Grids', 'PartyUnits', 'GridWorkers']) {
      const r = await s.ok(`query { all${plural}(perPage: 1000) { id } _all${plural}Meta { count } }`);
      expect(r[`all${plural}`].length).toBe(Math.min(1000, r[`_all${plural}Meta`].count));
    }
    const tooMany = await s.gql(`query { allGrids(perPage: 1001) { id } }`);
    expect(tooMany.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});
