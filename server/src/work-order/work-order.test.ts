import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUnitChain } from '../../../tests/helpers/fixture';
import { LITONG, offset, rect } from '../../../tests/helpers/geo';
import { startServer, type TestServer } from '../../../tests/helpers/server';
import { WorkOrderService } from './work-order.service';

let s: TestServer;
beforeAll(async () => {
  s = await startServer();
});
afterAll(() => s.close());

const W = `id version code status routing gridId candidateGridIds workerId villageId flagged flags channel memberUnitId deadline overdue
  claimedAt doneAt result score scoreScale score100 scoreComment`;
const CREATE = `mutation($t: String!, $p: [Float!], $v: ID, $c: WorkOrderChannel) { createWorkOrder(title: $t, point: $p, villageId: $v, channel: $c, category: "排水") { ${W} } }`;

describe('work orders (民情交办单): routing, transitions, permissions, figures', () => {
  const origin = offset(...LITONG, 40_000, 12_000);
  let chain: Awaited<ReturnType<typeof createUnitChain>>;
  let other: Awaited<ReturnType<typeof createUnitChain>>;
  let west: string;
  let middle: string;
  let workerId: string;
  let unitId: string;
  let strangerUnitId: string;
  let community: Record<string, string>;
  let unitUser: Record<string, string>;
  let insider: Record<string, string>;
  let outsider: Record<string, string>;
  let analyst: Record<string, string>;
  let orderId: string;

  beforeAll(async () => {
    chain = await createUnitChain(s, origin, 1000, 'COMMUNITY');
    other = await createUnitChain(s, offset(...origin, 5000, 0), 1000, 'COMMUNITY');
    const g = `mutation($v: ID!, $g: GeoJSON!, $n: String!) { createGrid(villageId: $v, geometry: $g, name: $n, households: 400) { id } }`;
    west = (await s.ok(g, { v: chain.villageId, g: rect(...origin, 400, 1000), n: '西区' })).createGrid.id;
    middle = (await s.ok(g, { v: chain.villageId, g: rect(...offset(...origin, 400, 0), 400, 1000), n: '中区' }))
      .createGrid.id;
    workerId = (
      await s.ok(`mutation($g: [ID!]) { createGridWorker(name: "李红", gridIds: $g, active: true) { id } }`, {
        g: [west],
      })
    ).createGridWorker.id;
    community = await s.signIn('wo-community', 'EDITOR', { townshipIds: [Number(chain.townshipId)] });
    outsider = await s.signIn('wo-outsider', 'EDITOR', { townshipIds: [Number(other.townshipId)] });
    unitUser = await s.signIn('wo-unit', 'EDITOR');
    insider = await s.signIn('wo-insider', 'EDITOR', { townshipIds: [Number(chain.townshipId)] });
    analyst = await s.signIn('wo-analyst', 'ANALYST');
    const ids = Object.fromEntries(
      (
        await s.sql<{ id: number; username: string }>(`select id, username from app_user where username like 'wo-%'`)
      ).map((r) => [r.username, String(r.id)]),
    );
    const mu = await s.ok(
      `mutation($v: ID!, $u: [ID!]) { createMemberUnit(name: "县供电公司", kind: ENTERPRISE, contactName: "王强", contactPhone: "0953-1234567",
      committeeVillageId: $v, pairedVillageIds: [$v], userIds: $u, reportedMembers: 12) { id pairedVillageIds userIds committeeVillageId } }`,
      { v: chain.villageId, u: [ids['wo-unit'], ids['wo-insider']] },
    );
    unitId = mu.createMemberUnit.id;
    expect(mu.createMemberUnit).toMatchObject({
      pairedVillageIds: [chain.villageId],
      committeeVillageId: chain.villageId,
    });
    strangerUnitId = (
      await s.ok(`mutation($v: ID!) { createMemberUnit(name: "外县单位", pairedVillageIds: [$v]) { id } }`, {
        v: other.villageId,
      })
    ).createMemberUnit.id;
  });

  it('a point inside one grid goes to that grid, its active worker and its community', async () => {
    const r = await s.gql(CREATE, { t: '下水道堵塞', p: offset(...origin, 200, 500), c: 'GRID_WORKER' }, community);
    expect(r.errors).toBeUndefined();
    const o = r.data!.createWorkOrder;
    expect(o).toMatchObject({
      status: 'REPORTED',
      routing: 'GRID',
      gridId: west,
      candidateGridIds: [west],
      workerId,
      villageId: chain.villageId,
      flagged: false,
      channel: 'GRID_WORKER',
    });
    expect(o.code).toMatch(/^MQ\d{8}-\d{5}$/);
    orderId = o.id;
  });

  it('a point on the edge two grids share goes deterministically to the first gridAt returns, the other kept as a candidate', async () => {
    // On the edge as stored: geometries are snapped to 1e-9 degrees (9 decimals) when written.
    const edge = offset(...origin, 400, 500).map((v) => Number(v.toFixed(9))) as [number, number];
    const at = await s.ok(`query($lng: Float!, $lat: Float!) { gridAt(lng: $lng, lat: $lat) { id } }`, {
      lng: edge[0],
      lat: edge[1],
    });
    expect(at.gridAt.map((g: { id: string }) => g.id).sort()).toEqual([west, middle].sort());
    const a = (await s.ok(CREATE, { t: '路灯不亮', p: edge })).createWorkOrder;
    const b = (
      await s.ok(
        `query($lng: Float!, $lat: Float!) { routeWorkOrder(lng: $lng, lat: $lat) { routing gridId candidateGridIds } }`,
        { lng: edge[0], lat: edge[1] },
      )
    ).routeWorkOrder;
    expect(a.routing).toBe('SHARED_BOUNDARY');
    expect(a.gridId).toBe(at.gridAt[0].id);
    expect(new Set(a.candidateGridIds)).toEqual(new Set([west, middle]));
    expect(b).toEqual({ routing: 'SHARED_BOUNDARY', gridId: a.gridId, candidateGridIds: a.candidateGridIds });
    // The middle grid has no worker: when it is chosen the order is flagged NO_WORKER.
    expect(a.flags).toEqual(a.gridId === middle ? ['NO_WORKER'] : []);
  });

  it('a point in uncovered land goes to the community containing it, flagged; a point outside every unit is refused', async () => {
    const gap = (await s.ok(CREATE, { t: '空地垃圾', p: offset(...origin, 900, 500) })).createWorkOrder;
    expect(gap).toMatchObject({
      routing: 'UNCOVERED',
      gridId: null,
      workerId: null,
      villageId: chain.villageId,
      flagged: true,
      flags: ['UNCOVERED_LAND', 'NO_GRID'],
    });
    const out = await s.gql(CREATE, { t: '外面', p: offset(...origin, -30_000, -30_000) });
    expect(out.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const none = await s.gql(CREATE, { t: '无位置' });
    expect(none.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const bad = await s.gql(CREATE, { t: '坏点', p: [200, 100] });
    expect(bad.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it("reporting is refused outside the editor's scope and for analysts, and writes nothing", async () => {
    const before = Number((await s.sql<{ n: string }>('select count(*) as n from work_order'))[0]!.n);
    expect(
      (await s.gql(CREATE, { t: 'x', p: offset(...origin, 200, 500) }, outsider)).errors?.[0]?.extensions?.code,
    ).toBe('FORBIDDEN');
    expect(
      (await s.gql(CREATE, { t: 'x', p: offset(...origin, 200, 500) }, analyst)).errors?.[0]?.extensions?.code,
    ).toBe('FORBIDDEN');
    expect(Number((await s.sql<{ n: string }>('select count(*) as n from work_order'))[0]!.n)).toBe(before);
  });

  const ASSIGN = `mutation($id: ID!, $m: ID!, $d: String) { assignWorkOrder(id: $id, memberUnitId: $m, deadline: $d) { ${W} } }`;
  const CLAIM = `mutation($id: ID!) { claimWorkOrder(id: $id) { ${W} } }`;
  const REPORT = `mutation($id: ID!, $r: String!) { reportWorkOrder(id: $id, result: $r) { ${W} } }`;
  const SCORE = `mutation($id: ID!, $s: Float!, $sc: ScoreScale, $c: String) { scoreWorkOrder(id: $id, score: $s, scale: $sc, comment: $c) { ${W} } }`;

  it('assign (交办): only the community (its editors or an admin), only to a unit of its joint committee or paired with it', async () => {
    expect((await s.gql(ASSIGN, { id: orderId, m: unitId }, outsider)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await s.gql(ASSIGN, { id: orderId, m: unitId }, unitUser)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await s.gql(ASSIGN, { id: orderId, m: strangerUnitId }, community)).errors?.[0]?.extensions?.code).toBe(
      'BAD_USER_INPUT',
    );
    expect((await s.gql(CLAIM, { id: orderId }, unitUser)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN'); // not handed to its unit yet
    const r = await s.gql(ASSIGN, { id: orderId, m: unitId, d: '2030-01-31' }, community);
    expect(r.errors).toBeUndefined();
    expect(r.data!.assignWorkOrder).toMatchObject({
      status: 'ASSIGNED',
      memberUnitId: unitId,
      deadline: '2030-01-31',
      overdue: false,
    });
  });

  it('claim (认领) and report (办结): only a user of that unit (or an admin), each from the right status', async () => {
    expect((await s.gql(CLAIM, { id: orderId }, community)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await s.gql(REPORT, { id: orderId, r: '已疏通' }, unitUser)).errors?.[0]?.extensions?.code).toBe(
      'BAD_USER_INPUT',
    ); // not claimed yet
    const c = await s.gql(CLAIM, { id: orderId }, unitUser);
    expect(c.data!.claimWorkOrder).toMatchObject({ status: 'CLAIMED' });
    expect(c.data!.claimWorkOrder.claimedAt).toBeTruthy();
    expect((await s.gql(CLAIM, { id: orderId }, unitUser)).errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const d = await s.gql(REPORT, { id: orderId, r: '已疏通下水道，清理淤泥 2 吨' }, unitUser);
    expect(d.data!.reportWorkOrder).toMatchObject({ status: 'DONE', result: '已疏通下水道，清理淤泥 2 吨' });
  });

  it('score (考核赋分): the community, not the unit itself, 1–5 or 0–100 with a comment', async () => {
    expect((await s.gql(SCORE, { id: orderId, s: 5 }, unitUser)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    // wo-insider edits the community's township but is also a user of the unit: it may not score its own work.
    expect((await s.gql(SCORE, { id: orderId, s: 5 }, insider)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await s.gql(SCORE, { id: orderId, s: 6, sc: 'FIVE' }, community)).errors?.[0]?.extensions?.code).toBe(
      'BAD_USER_INPUT',
    );
    expect((await s.gql(SCORE, { id: orderId, s: 101, sc: 'HUNDRED' }, community)).errors?.[0]?.extensions?.code).toBe(
      'BAD_USER_INPUT',
    );
    const r = await s.gql(SCORE, { id: orderId, s: 4, sc: 'FIVE', c: '及时，但未回访' }, community);
    expect(r.data!.scoreWorkOrder).toMatchObject({
      status: 'SCORED',
      score: 4,
      scoreScale: 'FIVE',
      score100: 80,
      scoreComment: '及时，但未回访',
    });
    expect((await s.gql(SCORE, { id: orderId, s: 5 }, community)).errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('every transition is in the audit trail with who made it', async () => {
    const a = await s.ok(
      `query($id: ID) { allAuditEvents(filter: { recordType: "WorkOrder", recordId: $id }, sortField: "id", sortOrder: "ASC") { operation username after } }`,
      { id: orderId },
    );
    expect(
      a.allAuditEvents.map((e: { operation: string; username: string }) => `${e.operation}:${e.username}`),
    ).toEqual(['create:wo-community', 'assign:wo-community', 'claim:wo-unit', 'report:wo-unit', 'score:wo-community']);
    expect(a.allAuditEvents[4].after.status).toBe('SCORED');
  });

  it('figures per community and per member unit, and cityReport, count them', async () => {
    const f = await s.ok(
      `query($v: ID) { workOrderFigures(villageId: $v) { totals { total claimed done scored averageScore overdue } byMemberUnit { id claimed done averageScore } } }`,
      { v: chain.villageId },
    );
    expect(f.workOrderFigures.totals).toMatchObject({ claimed: 1, done: 1, scored: 1, averageScore: 80, overdue: 0 });
    expect(f.workOrderFigures.totals.total).toBeGreaterThanOrEqual(3);
    expect(f.workOrderFigures.byMemberUnit).toEqual([{ id: unitId, claimed: 1, done: 1, averageScore: 80 }]);
    const m = await s.ok(
      `query($id: ID!) { MemberUnit(id: $id) { figures { total claimed done scored averageScore } } }`,
      { id: unitId },
    );
    expect(m.MemberUnit.figures).toEqual({ total: 1, claimed: 1, done: 1, scored: 1, averageScore: 80 });
    const c = await s.ok(
      `query($c: ID) { cityReport(countyId: $c) { memberUnits committeeMemberUnits jointCommittees pairings pairedCommunities reportedPartyMembers
      workOrders workOrdersClaimed workOrdersDone workOrdersScored workOrderAverageScore workOrdersOverdue } }`,
      { c: chain.countyId },
    );
    expect(c.cityReport).toMatchObject({
      memberUnits: 1,
      committeeMemberUnits: 1,
      jointCommittees: 1,
      pairings: 1,
      pairedCommunities: 1,
      reportedPartyMembers: 12,
      workOrdersClaimed: 1,
      workOrdersDone: 1,
      workOrdersScored: 1,
      workOrderAverageScore: 80,
      workOrdersOverdue: 0,
    });
    expect(c.cityReport.workOrders).toBeGreaterThanOrEqual(3);
  });

  it('overdue is counted in Asia/Shanghai days: the deadline day ends at 16:00 UTC', async () => {
    const o = (await s.ok(CREATE, { t: '井盖缺失', p: offset(...origin, 100, 100) })).createWorkOrder;
    await s.ok(ASSIGN, { id: o.id, m: unitId, d: '2030-03-10' });
    const at = (iso: string) =>
      new WorkOrderService({
        em: s.app.orm.em.fork(),
        principal: null,
        corridor: { coverage: s.app.coverage },
        config: s.config,
        now: () => new Date(iso),
      });
    expect((await at('2030-03-10T15:59:59Z').find(s.app.orm.em.fork(), o.id))!.overdue).toBe(false);
    expect((await at('2030-03-10T16:00:00Z').find(s.app.orm.em.fork(), o.id))!).toMatchObject({
      overdue: true,
      daysOverdue: 1,
    });
    expect(await at('2030-03-10T16:00:00Z').count({ ids: [o.id], overdue: true })).toBe(1);
    expect((await at('2030-03-10T16:00:00Z').figuresReport(null, null, chain.villageId)).totals.overdue).toBe(1);
    expect((await at('2030-03-10T15:00:00Z').figuresReport(null, null, chain.villageId)).totals.overdue).toBe(0);
  });

  it('a service key creates work orders only with the WORK_ORDERS_CREATE scope (POST /api/work-orders)', async () => {
    const k = await s.ok(`mutation { createApiKey(name: "12345 热线") { id key } }`);
    const post = (body: unknown) =>
      fetch(`${s.base}/api/work-orders`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-api-key': k.createApiKey.key },
        body: JSON.stringify(body),
      });
    const body = { title: '12345 热线：路面塌陷', point: offset(...origin, 300, 300), reporterPhone: '13900000000' };
    const refused = await post(body);
    expect(refused.status).toBe(403);
    expect((await refused.json()).error.code).toBe('FORBIDDEN');
    const set = await s.ok(
      `mutation($id: ID!) { setApiKeyScopes(id: $id, scopes: [WORK_ORDERS_CREATE]) { id scopes } }`,
      { id: k.createApiKey.id },
    );
    expect(set.setApiKeyScopes.scopes).toEqual(['WORK_ORDERS_CREATE']);
    const byEditor = await s.gql(
      `mutation($id: ID!) { setApiKeyScopes(id: $id, scopes: []) { id } }`,
      { id: k.createApiKey.id },
      community,
    );
    expect(byEditor.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const ok = await post(body);
    expect(ok.status).toBe(201);
    const { workOrder, changeIds } = await ok.json();
    expect(workOrder).toMatchObject({
      channel: 'SERVICE',
      routing: 'GRID',
      gridId: west,
      villageId: chain.villageId,
      reportedBy: 'key:12345 热线',
    });
    // Through the write corridor: one change, one event (the new order), the change's id in the response.
    expect(changeIds).toHaveLength(1);
    const [change] = await s.sql<{ operation: string; event_count: number; username: string }>(
      'select operation, event_count, username from change where id = ?',
      [Number(changeIds[0])],
    );
    expect(change).toMatchObject({ operation: 'createWorkOrder', event_count: 1, username: 'key:12345 热线' });
    const events = await s.sql<{ k: string }>(
      `select record_type || ':' || record_id as k from audit_event where change_id = ?`,
      [Number(changeIds[0])],
    );
    expect(events.map((e) => e.k)).toEqual([`WorkOrder:${workOrder.id}`]);
    // GraphQL mutations stay closed to service keys.
    const gql = await s.gql(CREATE, { t: 'x', p: offset(...origin, 200, 500) }, { 'x-api-key': k.createApiKey.key });
    expect(gql.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await post({ point: [1, 2] })).status).toBe(400);
  });

  it('the map layer shows open orders by grid', async () => {
    const res = await s.get(`/api/map/work-orders.geojson?villageId=${chain.villageId}`);
    expect(res.status).toBe(200);
    const fc = await res.json();
    expect(fc.type).toBe('FeatureCollection');
    const statuses = new Set(fc.features.map((f: { properties: { status: string } }) => f.properties.status));
    expect(statuses.has('SCORED')).toBe(false);
    expect(
      fc.features.some((f: { properties: { gridId: number | null } }) => String(f.properties.gridId) === west),
    ).toBe(true);
    const grids = await (await s.get(`/api/map/work-order-grids.geojson?villageId=${chain.villageId}`)).json();
    const w = grids.features.find((f: { id: number }) => String(f.id) === west);
    expect(w.properties.open).toBeGreaterThanOrEqual(2);
    expect(w.geometry.type).toBe('MultiPolygon');
    expect((await fetch(`${s.base}/api/map/work-orders.geojson`)).status).toBe(401);
  });

  it('member units: editors write only units of their communities; a unit with open orders cannot be deleted', async () => {
    const r = await s.gql(
      `mutation($v: ID) { createMemberUnit(name: "越权单位", committeeVillageId: $v) { id } }`,
      { v: chain.villageId },
      outsider,
    );
    expect(r.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const own = await s.gql(
      `mutation($v: ID) { createMemberUnit(name: "社区医院", kind: INSTITUTION, committeeVillageId: $v) { id kind } }`,
      { v: chain.villageId },
      community,
    );
    expect(own.data!.createMemberUnit.kind).toBe('INSTITUTION');
    const users = await s.gql(
      `mutation($id: ID!) { updateMemberUnit(id: $id, userIds: []) { id } }`,
      { id: own.data!.createMemberUnit.id },
      community,
    );
    expect(users.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const del = await s.gql(`mutation($id: ID!) { deleteMemberUnit(id: $id) { id } }`, { id: unitId });
    expect(del.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    const list = await s.ok(
      `query($v: ID) { allMemberUnits(filter: { villageId: $v }) { id name } _allMemberUnitsMeta(filter: { villageId: $v }) { count } }`,
      { v: chain.villageId },
    );
    expect(list._allMemberUnitsMeta.count).toBe(2);
  });
});
