import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUnitChain } from '../../../tests/helpers/fixture';
import { LITONG, offset, rect } from '../../../tests/helpers/geo';
import { startServer, type GqlResult, type TestServer } from '../../../tests/helpers/server';

/**
 * Every mutation of the schema goes through the change corridor: exactly one change row, and one
 * audit event for each record whose row or relations changed, none for a record left untouched.
 * "Changed" is measured independently of the corridor: an md5 of every row (and of its worker
 * assignments) before and after.
 */
let s: TestServer;
let chain: Awaited<ReturnType<typeof createUnitChain>>;
const origin = offset(...LITONG, 15_000, -28_000);
const at = (e: number, n: number) => offset(...origin, e, n);

const TABLES: Record<string, string> = {
  County: 'county',
  Township: 'township',
  Village: 'village',
  Grid: 'grid',
  PartyUnit: 'party_unit',
  GridWorker: 'grid_worker',
  User: 'app_user',
  ApiKey: 'api_key',
  Rectification: 'rectification',
  WorkOrder: 'work_order',
  MemberUnit: 'member_unit',
};
const RELATIONS: Record<string, string> = {
  Grid: `(select string_agg(grid_worker_id::text, ',' order by grid_worker_id) from grid_worker_grids where grid_id = t.id)`,
  GridWorker: `(select string_agg(grid_id::text, ',' order by grid_id) from grid_worker_grids where grid_worker_id = t.id)`,
  ApiKey: `(select string_agg(scope, ',' order by scope) from api_key_scope where api_key_id = t.id)`,
  MemberUnit: `(select string_agg(village_id::text, ',' order by village_id) from member_unit_pairing where member_unit_id = t.id)
               || ';' || coalesce((select string_agg(user_id::text, ',' order by user_id) from member_unit_user where member_unit_id = t.id), '')`,
};

/** "Type:id" → md5 of the row and its relations, over every table a change can touch. */
async function fingerprint(): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const [type, table] of Object.entries(TABLES)) {
    const rel = RELATIONS[type] ?? `''`;
    for (const r of await s.sql<{ id: number; h: string }>(
      `select t.id, md5(t::text || coalesce(${rel}, '')) as h from ${table} t`,
    ))
      out.set(`${type}:${r.id}`, r.h);
  }
  // Records outside the tables: the map settings value (an event with no record id).
  for (const r of await s.sql<{ h: string }>(`select md5(value) as h from app_setting where key = 'map_settings'`))
    out.set('MapSettings:', r.h);
  // The coverage snapshots (taken by hand: one event for the day's rows).
  for (const r of await s.sql<{ h: string | null }>(
    `select md5(string_agg(t::text, ',' order by t.scope_type, t.scope_id, t.day)) as h from coverage_snapshot t`,
  )) {
    if (r.h) out.set('CoverageSnapshot:', r.h);
  }
  return out;
}
function diff(a: Map<string, string>, b: Map<string, string>): string[] {
  const keys = new Set([...a.keys(), ...b.keys()]);
  return [...keys].filter((k) => a.get(k) !== b.get(k)).sort();
}

const ids: Record<string, string> = {};
let analyst: Record<string, string>;
const ran = new Set<string>();

/** Runs one mutation and checks the corridor's bookkeeping against what really changed. */
async function check(
  name: string,
  query: string,
  variables: Record<string, unknown> = {},
  headers?: Record<string, string>,
  minChanged = 1,
) {
  const before = await fingerprint();
  const [{ n: c0 }] = await s.sql<{ n: string }>('select coalesce(max(id), 0) as n from change');
  const r = (await s.gql(query, variables, headers)) as GqlResult & { extensions?: { changeIds?: string[] } };
  expect(r.errors, `${name}: ${JSON.stringify(r.errors)}`).toBeUndefined();
  const changed = diff(before, await fingerprint());
  const changes = await s.sql<{ id: string; operation: string; event_count: number }>(
    'select id, operation, event_count from change where id > ? order by id',
    [c0],
  );
  expect(changes, `${name}: one change row`).toHaveLength(1);
  expect(r.extensions?.changeIds).toEqual([String(changes[0]!.id)]);
  const events = await s.sql<{ k: string }>(
    `select record_type || ':' || coalesce(record_id::text, '') as k from audit_event where change_id = ? order by 1`,
    [changes[0]!.id],
  );
  expect(events.map((e) => e.k).sort(), `${name}: one event per changed record, none for untouched`).toEqual(changed);
  expect(changes[0]!.event_count).toBe(changed.length);
  expect(changed.length, `${name} changed something`).toBeGreaterThanOrEqual(minChanged);
  ran.add(name);
  return r.data as Record<string, any>;
}

beforeAll(async () => {
  s = await startServer();
  chain = await createUnitChain(s, origin, 1000);
  analyst = await s.signIn('changes-analyst', 'ANALYST');
});
afterAll(() => s.close());

describe('every mutation produces exactly one change and one audit event per changed record', () => {
  it('covers the whole Mutation type', async () => {
    const W = `mutation($v: ID!, $g: GeoJSON!, $n: String!, $w: [ID!], $p: ID) { createGrid(villageId: $v, geometry: $g, name: $n, workerIds: $w, partyUnitId: $p, households: 40) { id version } }`;
    let d = await check('createCounty', `mutation { createCounty(code: "649911", name: "变更县") { id } }`);
    ids.county = d.createCounty.id;
    await check('updateCounty', `mutation($id: ID!) { updateCounty(id: $id, name: "变更县（改）") { id } }`, {
      id: ids.county,
    });
    d = await check(
      'createTownship',
      `mutation($c: ID!) { createTownship(code: "649911001", name: "变更镇", kind: TOWN, countyId: $c) { id } }`,
      { c: ids.county },
    );
    ids.township = d.createTownship.id;
    await check('updateTownship', `mutation($id: ID!) { updateTownship(id: $id, name: "变更镇（改）") { id } }`, {
      id: ids.township,
    });
    d = await check(
      'createVillage',
      `mutation($t: ID!) { createVillage(code: "649911001201", name: "变更村", townshipId: $t) { id } }`,
      { t: ids.township },
    );
    ids.village = d.createVillage.id;
    await check('updateVillage', `mutation($id: ID!) { updateVillage(id: $id, households: 12) { id } }`, {
      id: ids.village,
    });
    await check('deleteVillage', `mutation($id: ID!) { deleteVillage(id: $id) { id } }`, { id: ids.village });
    await check('deleteTownship', `mutation($id: ID!) { deleteTownship(id: $id) { id } }`, { id: ids.township });
    await check('deleteCounty', `mutation($id: ID!) { deleteCounty(id: $id) { id } }`, { id: ids.county });

    d = await check('createGridWorker', `mutation { createGridWorker(name: "变更员") { id } }`);
    ids.worker = d.createGridWorker.id;
    d = await check(
      'createPartyUnit',
      `mutation($v: ID!) { createPartyUnit(name: "变更支部", level: BRANCH, kind: GRID, villageId: $v) { id } }`,
      { v: chain.villageId },
    );
    ids.party = d.createPartyUnit.id;
    // A new grid with a worker and a party unit: the grid, the worker (its grids) and the unit (its grid) change.
    d = await check(
      'createGrid',
      W,
      { v: chain.villageId, g: rect(...origin, 500, 1000), n: '西', w: [ids.worker], p: ids.party },
      undefined,
      3,
    );
    ids.west = d.createGrid.id;
    d = await check('createGrid', W, {
      v: chain.villageId,
      g: rect(...at(500, 0), 400, 1000),
      n: '东',
      w: [],
      p: null,
    });
    ids.east = d.createGrid.id;
    // A name only: the grid's worker and party unit are untouched (no events for them).
    await check('updateGrid', `mutation($id: ID!) { updateGrid(id: $id, name: "西（改）") { id } }`, { id: ids.west });
    await check(
      'updateGridWorker',
      `mutation($id: ID!, $g: [ID!]) { updateGridWorker(id: $id, phone: "13900000002", gridIds: $g) { id } }`,
      { id: ids.worker, g: [ids.west, ids.east] },
      undefined,
      2,
    );
    await check('updatePartyUnit', `mutation($id: ID!) { updatePartyUnit(id: $id, members: 7) { id } }`, {
      id: ids.party,
    });
    await check(
      'updateGridBoundary',
      `mutation($id: ID!, $g: GeoJSON!) { updateGridBoundary(id: $id, geometry: $g) { id } }`,
      { id: ids.west, g: rect(...origin, 600, 1000) },
      undefined,
      2,
    );
    d = await check(
      'splitGrid',
      `mutation($id: ID!, $l: GeoJSON!) { splitGrid(id: $id, line: $l) { id } }`,
      {
        id: ids.west,
        l: { type: 'LineString', coordinates: [at(300, -100), at(300, 1100)] },
      },
      undefined,
      2,
    );
    ids.split = d.splitGrid[1].id;
    await check(
      'mergeGrids',
      `mutation($ids: [ID!]!) { mergeGrids(ids: $ids) { id } }`,
      { ids: [ids.west, ids.split] },
      undefined,
      2,
    );
    await check('deleteGrid', `mutation($id: ID!) { deleteGrid(id: $id) { id } }`, { id: ids.east }, undefined, 2); // the worker loses it
    d = await check(
      'createGridFromGap',
      `mutation($v: ID!, $p: [Float!]!) { createGridFromGap(villageId: $v, point: $p, name: "补") { id } }`,
      { v: chain.villageId, p: at(800, 500) },
    );
    await check('deleteGrid', `mutation($id: ID!) { deleteGrid(id: $id) { id } }`, { id: d.createGridFromGap.id });
    const ext = await check(
      'extendGridOverGap',
      `mutation($id: ID!, $p: [Float!]!) { extendGridOverGap(id: $id, p: $p) { id } }`.replace('p: $p', 'point: $p'),
      { id: ids.west, p: at(800, 500) },
    );
    expect(ext.extendGridOverGap.id).toBe(ids.west);
    const [event] = await s.sql<{ id: string }>(
      `select id from audit_event where record_type = 'Grid' and record_id = ? order by id desc limit 1`,
      [Number(ids.west)],
    );
    await check('restoreGrid', `mutation($e: ID!) { restoreGrid(eventId: $e) { id } }`, { e: event!.id });
    const [last] = await s.sql<{ id: string }>(`select max(id) as id from change`);
    await check('revertChange', `mutation($id: ID!) { revertChange(id: $id) { id } }`, { id: last!.id });
    await check(
      'deleteGridWorker',
      `mutation($id: ID!) { deleteGridWorker(id: $id) { id } }`,
      { id: ids.worker },
      undefined,
      2,
    ); // its grid's workers change too
    await check('deletePartyUnit', `mutation($id: ID!) { deletePartyUnit(id: $id) { id } }`, { id: ids.party });

    d = await check(
      'createUser',
      `mutation { createUser(username: "changes-user", password: "a-long-secret", role: EDITOR) { id } }`,
    );
    ids.user = d.createUser.id;
    await check('updateUser', `mutation($id: ID!) { updateUser(id: $id, displayName: "变更") { id } }`, {
      id: ids.user,
    });
    await check('deleteUser', `mutation($id: ID!) { deleteUser(id: $id) { id } }`, { id: ids.user });
    d = await check('createApiKey', `mutation { createApiKey(name: "变更钥匙") { id } }`);
    ids.key = d.createApiKey.id;
    await check('updateApiKey', `mutation($id: ID!) { updateApiKey(id: $id, name: "变更钥匙（改）") { id } }`, {
      id: ids.key,
    });
    await check('revokeApiKey', `mutation($id: ID!) { revokeApiKey(id: $id) { id } }`, { id: ids.key });
    await check('deleteApiKey', `mutation($id: ID!) { deleteApiKey(id: $id) { id } }`, { id: ids.key });
    await check(
      'changePassword',
      `mutation { changePassword(oldPassword: "pw-changes-analyst-secret", newPassword: "a-new-long-secret") }`,
      {},
      analyst,
    );

    await check(
      'updateMapSettings',
      `mutation { updateMapSettings(baseMaps: [{ id: "osm", kind: XYZ, name: "街道", url: "http://127.0.0.1:9/{z}/{x}/{y}.png", attribution: "测试" }]) { baseMaps { id } } }`,
    );

    // Issue 16: rectification (整改), member units, work orders (民情交办单), key scopes, coverage snapshots.
    const [openRect] = await s.sql<{ id: string }>(
      `select id from rectification where status = 'OPEN' order by id limit 1`,
    );
    expect(openRect, 'an open rectification').toBeDefined();
    await check(
      'assignRectification',
      `mutation($id: ID!, $t: ID) { assignRectification(id: $id, townshipId: $t, deadline: "2026-12-31", note: "限期整改") { id } }`,
      { id: openRect!.id, t: chain.townshipId },
    );
    await check('commentRectification', `mutation($id: ID!) { commentRectification(id: $id, text: "已联系") { id } }`, {
      id: openRect!.id,
    });
    await check('waiveRectification', `mutation($id: ID!) { waiveRectification(id: $id, reason: "历史遗留") { id } }`, {
      id: openRect!.id,
    });
    await check('unwaiveRectification', `mutation($id: ID!) { unwaiveRectification(id: $id) { id } }`, {
      id: openRect!.id,
    });

    d = await check(
      'createMemberUnit',
      `mutation($v: ID!) { createMemberUnit(name: "变更单位", committeeVillageId: $v, pairedVillageIds: [$v]) { id } }`,
      { v: chain.villageId },
    );
    ids.unit = d.createMemberUnit.id;
    await check(
      'updateMemberUnit',
      `mutation($id: ID!) { updateMemberUnit(id: $id, reportedMembers: 5, pairedVillageIds: []) { id } }`,
      { id: ids.unit },
    );
    const WO = `mutation($p: [Float!]) { createWorkOrder(title: "变更工单", point: $p) { id } }`;
    d = await check('createWorkOrder', WO, { p: at(200, 500) });
    ids.order = d.createWorkOrder.id;
    await check('updateWorkOrder', `mutation($id: ID!) { updateWorkOrder(id: $id, title: "变更工单（改）") { id } }`, {
      id: ids.order,
    });
    await check(
      'assignWorkOrder',
      `mutation($id: ID!, $u: ID!) { assignWorkOrder(id: $id, memberUnitId: $u) { id } }`,
      { id: ids.order, u: ids.unit },
    );
    await check('claimWorkOrder', `mutation($id: ID!) { claimWorkOrder(id: $id) { id } }`, { id: ids.order });
    await check('reportWorkOrder', `mutation($id: ID!) { reportWorkOrder(id: $id, result: "已疏通") { id } }`, {
      id: ids.order,
    });
    await check('scoreWorkOrder', `mutation($id: ID!) { scoreWorkOrder(id: $id, score: 4) { id } }`, { id: ids.order });
    d = await check('createWorkOrder', WO, { p: at(200, 600) });
    await check('cancelWorkOrder', `mutation($id: ID!) { cancelWorkOrder(id: $id, reason: "重复") { id } }`, {
      id: d.createWorkOrder.id,
    });
    await check('deleteWorkOrder', `mutation($id: ID!) { deleteWorkOrder(id: $id) { id } }`, {
      id: d.createWorkOrder.id,
    });
    // The scored order loses its unit (on delete set null): two records change.
    await check(
      'deleteMemberUnit',
      `mutation($id: ID!) { deleteMemberUnit(id: $id) { id } }`,
      { id: ids.unit },
      undefined,
      2,
    );

    d = await check('createApiKey', `mutation { createApiKey(name: "工单钥匙") { id } }`);
    await check(
      'setApiKeyScopes',
      `mutation($id: ID!) { setApiKeyScopes(id: $id, scopes: [WORK_ORDERS_CREATE]) { id } }`,
      { id: d.createApiKey.id },
    );
    await check('takeCoverageSnapshot', `mutation { takeCoverageSnapshot }`);

    // Every mutation of the schema was run above (login signs in: it changes no data, so it is no change).
    const schema = await s.ok(`{ __type(name: "Mutation") { fields { name } } }`);
    const all = schema.__type.fields
      .map((f: { name: string }) => f.name)
      .filter((n: string) => n !== 'login')
      .sort();
    expect(all.filter((n: string) => !ran.has(n))).toEqual([]);
  });

  it('a refused mutation leaves no change row and no event', async () => {
    const [{ n: c0 }] = await s.sql<{ n: string }>('select count(*) as n from change');
    const [{ n: e0 }] = await s.sql<{ n: string }>('select count(*) as n from audit_event');
    const r = await s.gql(
      `mutation($v: ID!, $g: GeoJSON!) { createGrid(villageId: $v, geometry: $g, name: "叠") { id } }`,
      { v: chain.villageId, g: rect(...origin, 300, 300) },
    );
    expect(r.errors?.[0]?.extensions?.code).toBe('BAD_GEOMETRY');
    expect((await s.sql<{ n: string }>('select count(*) as n from change'))[0]!.n).toBe(c0);
    expect((await s.sql<{ n: string }>('select count(*) as n from audit_event'))[0]!.n).toBe(e0);
  });
});
