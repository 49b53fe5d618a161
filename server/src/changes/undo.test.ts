import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUnitChain } from '../../../tests/helpers/fixture';
import { LITONG, offset, rect } from '../../../tests/helpers/geo';
import { startServer, type GqlResult, type TestServer } from '../../../tests/helpers/server';

/**
 * Undo and redo of every map operation through the API (revertChange): the unit's grids
 * (geometry at 9 decimals, attributes, workers, party links) and its coverage come back exactly.
 */
let s: TestServer;
let chain: Awaited<ReturnType<typeof createUnitChain>>;
const origin = offset(...LITONG, 10_000, -25_000);
const at = (e: number, n: number) => offset(...origin, e, n);

beforeAll(async () => {
  s = await startServer();
  chain = await createUnitChain(s, origin, 1000);
});
afterAll(() => s.close());

/** The unit as a user sees it: grids, workers, party links, coverage and findings (versions left out). */
async function state() {
  const v = Number(chain.villageId);
  const grids = await s.sql(
    `select g.id, g.name, g.code, g.kind, g.households, g.population, ST_AsGeoJSON(g.geom, 9) as geom,
            (select coalesce(array_agg(gw.grid_worker_id order by gw.grid_worker_id), '{}') from grid_worker_grids gw where gw.grid_id = g.id) as workers
     from grid g where g.village_id = ? order by g.id`,
    [v],
  );
  const units = await s.sql(`select id, name, village_id, grid_id from party_unit where village_id = ? order by id`, [
    v,
  ]);
  const workers = await s.sql(`select id, name, active from grid_worker where id = any(?::int[]) order by id`, [
    `{${workerIds.join(',')}}`,
  ]);
  const [coverage] = await s.sql(
    `select round(uncovered_m2::numeric, 1) as uncovered, grid_count from coverage_unit where village_id = ?`,
    [v],
  );
  const findings = await s.sql(`select id, kind, severity from coverage_finding where village_id = ? order by id`, [v]);
  return { grids, units, workers, coverage, findings };
}

const workerIds: number[] = [];
let party: string;

/** Runs a mutation as the administrator; returns its data and the change id from the response. */
async function run(query: string, variables: Record<string, unknown> = {}): Promise<{ data: any; changeId: string }> {
  const r = (await s.gql(query, variables)) as GqlResult & { extensions?: { changeIds?: string[] } };
  if (r.errors) throw new Error(JSON.stringify(r.errors));
  const ids = r.extensions?.changeIds ?? [];
  expect(ids).toHaveLength(1);
  return { data: r.data, changeId: ids[0]! };
}
const revert = (id: string) =>
  run(`mutation($id: ID!) { revertChange(id: $id) { id operation revertsChangeId } }`, { id });

/** The operation, then undo (back to before), then redo (back to after); returns its change id. */
async function undoRedo(query: string, variables: Record<string, unknown> = {}) {
  const before = await state();
  const done = await run(query, variables);
  const after = await state();
  expect(after).not.toEqual(before);
  const undo = await revert(done.changeId);
  expect(await state()).toEqual(before);
  const redo = await revert(undo.changeId);
  expect(redo.data.revertChange.operation).toBe('redoChange');
  expect(await state()).toEqual(after);
  return { ...done, after };
}

const GRID = 'id version';
describe('revertChange undoes and redoes each map operation exactly', () => {
  let a: string;
  let b: string;

  it('draw (with a worker and a party unit)', async () => {
    const w = await s.ok(`mutation { createGridWorker(name: "撤销员", phone: "13900000001") { id } }`);
    workerIds.push(Number(w.createGridWorker.id));
    party = (
      await s.ok(
        `mutation($v: ID!) { createPartyUnit(name: "撤销党支部", level: BRANCH, kind: GRID, villageId: $v) { id } }`,
        { v: chain.villageId },
      )
    ).createPartyUnit.id;
    const r = await undoRedo(
      `mutation($v: ID!, $g: GeoJSON!, $w: [ID!], $p: ID) {
      createGrid(villageId: $v, name: "甲", geometry: $g, households: 300, population: 900, workerIds: $w, partyUnitId: $p) { ${GRID} } }`,
      { v: chain.villageId, g: rect(...origin, 500, 1000), w: workerIds.map(String), p: party },
    );
    a = r.data.createGrid.id;
    b = (
      await run(
        `mutation($v: ID!, $g: GeoJSON!) { createGrid(villageId: $v, name: "乙", geometry: $g, households: 100) { ${GRID} } }`,
        { v: chain.villageId, g: rect(...at(500, 0), 500, 1000) },
      )
    ).data.createGrid.id;
  });

  it('shared-edge move (both grids at once)', async () => {
    await undoRedo(`mutation($id: ID!, $g: GeoJSON!) { updateGridBoundary(id: $id, geometry: $g) { ${GRID} } }`, {
      id: a,
      g: rect(...origin, 700, 1000),
    });
  });

  it('split, then merge (households divided by area, so merging gives them back)', async () => {
    const split = await undoRedo(
      `mutation($id: ID!, $l: GeoJSON!) { splitGrid(id: $id, line: $l) { id households } }`,
      {
        id: a,
        l: { type: 'LineString', coordinates: [at(300, -100), at(300, 1100)] },
      },
    );
    const [first, second] = split.data.splitGrid;
    expect(first.households + second.households).toBe(300);
    const merged = await undoRedo(`mutation($ids: [ID!]!) { mergeGrids(ids: $ids) { id households } }`, {
      ids: [first.id, second.id],
    });
    expect(merged.data.mergeGrids.households).toBe(300);
  });

  it('attributes and workers', async () => {
    await undoRedo(
      `mutation($id: ID!) { updateGrid(id: $id, name: "乙（改）", households: 150, workerIds: []) { ${GRID} } }`,
      { id: b },
    );
    await undoRedo(`mutation($id: ID!, $w: [ID!]) { updateGrid(id: $id, workerIds: $w) { ${GRID} } }`, {
      id: b,
      w: workerIds.map(String),
    });
  });

  it('delete, fill gap, extend over gap', async () => {
    await undoRedo(`mutation($id: ID!) { deleteGrid(id: $id) { id } }`, { id: b }); // redone: b is gone
    const gap = await undoRedo(
      `mutation($v: ID!, $p: [Float!]!) { createGridFromGap(villageId: $v, point: $p, name: "补") { ${GRID} } }`,
      {
        v: chain.villageId,
        p: at(900, 500),
      },
    );
    await run(`mutation($id: ID!) { deleteGrid(id: $id) { id } }`, { id: gap.data.createGridFromGap.id });
    await undoRedo(`mutation($id: ID!, $p: [Float!]!) { extendGridOverGap(id: $id, point: $p) { ${GRID} } }`, {
      id: a,
      p: at(900, 500),
    });
  });

  it('two steps undone, then redone, return to the same state', async () => {
    const s0 = await state();
    const one = await run(`mutation($id: ID!) { updateGrid(id: $id, households: 11) { ${GRID} } }`, { id: a });
    const s1 = await state();
    const two = await run(`mutation($id: ID!, $l: GeoJSON!) { splitGrid(id: $id, line: $l) { id } }`, {
      id: a,
      l: { type: 'LineString', coordinates: [at(500, -100), at(500, 1100)] },
    });
    const s2 = await state();
    const u2 = await revert(two.changeId);
    expect(await state()).toEqual(s1);
    const u1 = await revert(one.changeId);
    expect(await state()).toEqual(s0);
    await revert(u1.changeId);
    expect(await state()).toEqual(s1);
    await revert(u2.changeId);
    expect(await state()).toEqual(s2);
  });

  it('refuses an undo when a later change touched the same records, naming it; nothing is written', async () => {
    const first = await run(`mutation($id: ID!) { updateGrid(id: $id, name: "先") { ${GRID} } }`, { id: a });
    const later = await run(`mutation($id: ID!) { updateGrid(id: $id, name: "后") { ${GRID} } }`, { id: a });
    const before = await state();
    const [{ n: changes }] = await s.sql<{ n: string }>('select count(*) as n from change');
    const r = await s.gql(`mutation($id: ID!) { revertChange(id: $id) { id } }`, { id: first.changeId });
    expect(r.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    expect(r.errors?.[0]?.extensions?.laterChangeId).toBe(later.changeId);
    expect(r.errors?.[0]?.message).toContain(`change ${later.changeId}`);
    expect(await state()).toEqual(before);
    expect((await s.sql<{ n: string }>('select count(*) as n from change'))[0]!.n).toBe(changes);
  });

  it('refuses an undo that would put back a code another grid uses now (CONFLICT, not a server error)', async () => {
    const made = await run(
      `mutation($v: ID!, $g: GeoJSON!) { createGrid(villageId: $v, geometry: $g, name: "码", code: "UNDO-CODE-1", overlaps: ALLOW) { id } }`,
      { v: chain.villageId, g: rect(...at(50, 50), 50, 50) },
    );
    const renamed = await run(`mutation($id: ID!) { updateGrid(id: $id, code: "UNDO-CODE-2") { id } }`, {
      id: made.data.createGrid.id,
    });
    await run(
      `mutation($v: ID!, $g: GeoJSON!) { createGrid(villageId: $v, geometry: $g, name: "码二", code: "UNDO-CODE-1", overlaps: ALLOW) { id } }`,
      { v: chain.villageId, g: rect(...at(150, 50), 50, 50) },
    );
    const r = await s.gql(`mutation($id: ID!) { revertChange(id: $id) { id } }`, { id: renamed.changeId });
    expect(r.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    expect(r.errors?.[0]?.message).toMatch(/cannot be undone/);
  });

  it('lists changes by unit, record and user, with their events', async () => {
    const list = await s.ok(
      `query($v: ID!, $g: ID!) {
      byUnit: allChanges(filter: { unit: $v }, perPage: 100) { id operation villageIds eventCount events { recordType recordId changeId } }
      byRecord: allChanges(filter: { recordType: "Grid", recordId: $g }, perPage: 100) { id }
      meta: _allChangesMeta(filter: { unit: $v }) { count } }`,
      { v: chain.villageId, g: a },
    );
    expect(list.meta.count).toBe(list.byUnit.length);
    expect(list.byUnit.length).toBeGreaterThan(10);
    for (const c of list.byUnit) {
      expect(c.villageIds).toContain(chain.villageId);
      expect(c.events).toHaveLength(c.eventCount);
      for (const e of c.events) expect(e.changeId).toBe(c.id);
    }
    expect(list.byUnit.map((c: { operation: string }) => c.operation)).toEqual(
      expect.arrayContaining(['splitGrid', 'mergeGrids', 'revertChange', 'redoChange']),
    );
    expect(list.byRecord.length).toBeGreaterThan(5);
  });
});

describe('geometry is snapped to 1e-9° on write and judged after snapping (finding 18)', () => {
  it('refuses a shape that is only valid below the 9th decimal; what is read back can be written back and restored', async () => {
    const o = at(100, 1100);
    const [x0, y0] = o;
    const [x1, y1] = at(400, 1400);
    // A square with a slit 2e-10° wide: valid at full precision, self-intersecting at 9 decimals.
    const mid = (y0 + y1) / 2;
    const slit = {
      type: 'Polygon',
      coordinates: [
        [
          [x0, y0],
          [x1, y0],
          [x1, mid],
          [x0 + (x1 - x0) / 2, mid],
          [x0 + (x1 - x0) / 2, mid + 2e-10],
          [x1, mid + 2e-10],
          [x1, y1],
          [x0, y1],
          [x0, y0],
        ],
      ],
    };
    const v = await createUnitChain(s, at(0, 1000), 600);
    const refused = await s.gql(
      `mutation($v: ID!, $g: GeoJSON!) { createGrid(villageId: $v, geometry: $g, name: "缝", overlaps: ALLOW) { id } }`,
      { v: v.villageId, g: slit },
    );
    expect(refused.errors?.[0]?.extensions?.code).toBe('BAD_GEOMETRY');
    expect(refused.errors?.[0]?.message).toMatch(/self-intersection/i);

    // 15 decimals in: 9 decimals stored, and the stored shape is exactly what the API serves.
    const fine = {
      type: 'Polygon',
      coordinates: [
        [
          [x0 + 1.23456789012e-7, y0],
          [x1, y0 + 3.3e-11],
          [x1, y1],
          [x0, y1],
          [x0 + 1.23456789012e-7, y0],
        ],
      ],
    };
    const made = await run(
      `mutation($v: ID!, $g: GeoJSON!) { createGrid(villageId: $v, geometry: $g, name: "精") { id geometry } }`,
      { v: v.villageId, g: fine },
    );
    const id = made.data.createGrid.id;
    const [row] = await s.sql<{ same: boolean }>(
      `select ST_AsGeoJSON(geom, 15) = ST_AsGeoJSON(ST_GeomFromGeoJSON(ST_AsGeoJSON(geom, 9)), 15) as same from grid where id = ?`,
      [Number(id)],
    );
    expect(row!.same).toBe(true);
    await run(`mutation($id: ID!, $g: GeoJSON!) { updateGrid(id: $id, geometry: $g, name: "精（改）") { id } }`, {
      id,
      g: made.data.createGrid.geometry,
    });
    const [event] = await s.sql<{ id: string }>(
      `select id from audit_event where record_type = 'Grid' and record_id = ? order by id limit 1`,
      [Number(id)],
    );
    await run(`mutation($e: ID!) { restoreGrid(eventId: $e, state: AFTER) { id } }`, { e: event!.id });
  });
});
