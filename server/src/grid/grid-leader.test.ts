import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LITONG, offset, rect } from '../../../tests/helpers/geo';
import { createUnitChain } from '../../../tests/helpers/fixture';
import { startServer, type TestServer } from '../../../tests/helpers/server';

let s: TestServer;
let chain: Awaited<ReturnType<typeof createUnitChain>>;
const origin = offset(...LITONG, 9000, 3000);

beforeAll(async () => {
  s = await startServer();
  chain = await createUnitChain(s, origin, 1000);
});
afterAll(() => s.close());

const worker = async (name: string, phone: string) =>
  (
    await s.ok(`mutation($n: String!, $p: String) { createGridWorker(name: $n, phone: $p) { id } }`, {
      n: name,
      p: phone,
    })
  ).createGridWorker.id as string;

const GRID = 'id version leaderId leader { id name phone } workerIds';

describe('网格长 (grid leader)', () => {
  it('is one of the grid own workers: set, read (compiled and by resolvers), refused when not a worker, cleared when the worker leaves', async () => {
    const a = await worker('王网格长', '13900000001');
    const b = await worker('李网格员', '13900000002');
    const c = await worker('外人', '13900000003');
    const { createGrid: g } = await s.ok(
      `mutation($v: ID!, $g: GeoJSON!, $w: [ID!], $l: ID) { createGrid(villageId: $v, name: "一组", geometry: $g, workerIds: $w, leaderId: $l) { ${GRID} } }`,
      { v: chain.villageId, g: rect(...offset(...origin, 100, 100), 200, 200), w: [a, b], l: a },
    );
    expect(g.leaderId).toBe(a);
    expect(g.leader).toEqual({ id: a, name: '王网格长', phone: '13900000001' });

    // The same through the list query (the compiled read path) and gridAt ("locate me").
    const list = await s.ok(
      `query($v: ID) { allGrids(filter: { villageId: $v }) { id leaderId leader { name phone } } }`,
      { v: chain.villageId },
    );
    expect(list.allGrids.find((x: any) => x.id === g.id)).toEqual({
      id: g.id,
      leaderId: a,
      leader: { name: '王网格长', phone: '13900000001' },
    });
    const [lng, lat] = offset(...origin, 200, 200);
    const at = await s.ok(
      `query($lng: Float!, $lat: Float!) { gridAt(lng: $lng, lat: $lat) { id leader { name phone } } }`,
      { lng, lat },
    );
    expect(at.gridAt.find((x: any) => x.id === g.id).leader).toEqual({ name: '王网格长', phone: '13900000001' });

    // Someone who is not among the grid's workers is refused, whole, with a reason.
    const refused = await s.gql(`mutation($id: ID!, $l: ID) { updateGrid(id: $id, leaderId: $l) { id } }`, {
      id: g.id,
      l: c,
    });
    expect(refused.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(refused.errors?.[0]?.message).toMatch(/one of the grid's own workers/);
    const after = await s.ok(`query($id: ID!) { Grid(id: $id) { ${GRID} } }`, { id: g.id });
    expect(after.Grid.leaderId).toBe(a);
    expect(after.Grid.version).toBe(g.version);

    // Another worker may lead; none (null) is allowed.
    const changed = await s.ok(`mutation($id: ID!, $l: ID) { updateGrid(id: $id, leaderId: $l) { ${GRID} } }`, {
      id: g.id,
      l: b,
    });
    expect(changed.updateGrid.leaderId).toBe(b);
    const none = await s.ok(`mutation($id: ID!) { updateGrid(id: $id, leaderId: null) { ${GRID} } }`, { id: g.id });
    expect(none.updateGrid.leader).toBeNull();

    // A leader who leaves the grid (from the grid's side or the worker's) stops leading it.
    await s.ok(`mutation($id: ID!, $l: ID) { updateGrid(id: $id, leaderId: $l) { id } }`, { id: g.id, l: a });
    const dropped = await s.ok(`mutation($id: ID!, $w: [ID!]) { updateGrid(id: $id, workerIds: $w) { ${GRID} } }`, {
      id: g.id,
      w: [b],
    });
    expect(dropped.updateGrid.leaderId).toBeNull();
    await s.ok(`mutation($id: ID!, $w: [ID!], $l: ID) { updateGrid(id: $id, workerIds: $w, leaderId: $l) { id } }`, {
      id: g.id,
      w: [a, b],
      l: b,
    });
    await s.ok(`mutation($id: ID!) { updateGridWorker(id: $id, gridIds: []) { id } }`, { id: b });
    const left = await s.ok(`query($id: ID!) { Grid(id: $id) { ${GRID} } }`, { id: g.id });
    expect(left.Grid.leaderId).toBeNull();
    expect(left.Grid.workerIds).toEqual([a]);
  });

  it('is undone with the change that set it (revertChange restores the leader)', async () => {
    const a = await worker('赵组长', '13900000011');
    const { createGrid: g } = await s.ok(
      `mutation($v: ID!, $g: GeoJSON!, $w: [ID!]) { createGrid(villageId: $v, name: "二组", geometry: $g, workerIds: $w) { id leaderId } }`,
      { v: chain.villageId, g: rect(...offset(...origin, 500, 100), 200, 200), w: [a] },
    );
    expect(g.leaderId).toBeNull();
    const set = await s.gql(`mutation($id: ID!, $l: ID) { updateGrid(id: $id, leaderId: $l) { id leaderId } }`, {
      id: g.id,
      l: a,
    });
    const changeId = (set as { extensions?: { changeIds?: string[] } }).extensions?.changeIds?.at(-1);
    expect(changeId).toBeTruthy();
    await s.ok(`mutation($id: ID!) { revertChange(id: $id) { id } }`, { id: changeId });
    const back = await s.ok(`query($id: ID!) { Grid(id: $id) { leaderId } }`, { id: g.id });
    expect(back.Grid.leaderId).toBeNull();
  });
});
