import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUnitChain } from '../../../tests/helpers/fixture';
import { LITONG, offset, rect } from '../../../tests/helpers/geo';
import { startServer, type TestServer } from '../../../tests/helpers/server';
import { daysOverdue, shanghaiDate } from './access';
import { RectificationService } from './rectification.service';

let s: TestServer;
beforeAll(async () => {
  s = await startServer();
});
afterAll(() => s.close());

const R = `id version findingId kind severity status villageId townshipId assigneeTownshipId assigneeUserId deadline note waiveReason
  overdue daysOverdue reopenCount closedAt events { action username text }`;
const byFinding = async (findingId: string) =>
  (await s.ok(`query($f: ID) { allRectifications(filter: { findingId: $f }) { ${R} } }`, { f: findingId }))
    .allRectifications[0];

describe('rectification follows the findings (auto-close and reopen by real grid edits)', () => {
  const origin = offset(...LITONG, 31_000, 9_000);
  let chain: Awaited<ReturnType<typeof createUnitChain>>;
  let gridId: string;
  let workerId: string;

  beforeAll(async () => {
    chain = await createUnitChain(s, origin, 1000);
    const d = await s.ok(
      `mutation($v: ID!, $g: GeoJSON!) { createGrid(villageId: $v, geometry: $g, name: "整改片") { id } }`,
      {
        v: chain.villageId,
        g: rect(...origin, 1000, 1000),
      },
    );
    gridId = d.createGrid.id;
  });

  it('a new finding opens its rectification in the writing transaction, keyed by the finding id', async () => {
    const r = await byFinding(`UNSTAFFED_GRID-g${gridId}`);
    expect(r).toMatchObject({
      kind: 'UNSTAFFED_GRID',
      severity: 'CRITICAL',
      status: 'OPEN',
      villageId: chain.villageId,
      reopenCount: 0,
    });
    expect(r.events.map((e: { action: string }) => e.action)).toEqual(['OPENED']);
    const f = await s.ok(`query($v: ID!) { Village(id: $v) { findings { id rectification { id status } } } }`, {
      v: chain.villageId,
    });
    const unstaffed = f.Village.findings.find((x: { id: string }) => x.id === `UNSTAFFED_GRID-g${gridId}`);
    expect(unstaffed.rectification).toMatchObject({ id: r.id, status: 'OPEN' });
  });

  it('a recompute that still finds it changes nothing (no close/reopen noise)', async () => {
    await s.ok(`mutation($id: ID!) { updateGrid(id: $id, households: 120) { id } }`, { id: gridId });
    const r = await byFinding(`UNSTAFFED_GRID-g${gridId}`);
    expect(r.status).toBe('OPEN');
    expect(r.events.map((e: { action: string }) => e.action)).toEqual(['OPENED']);
  });

  it('staffing the grid closes it by itself; taking the worker away reopens it, history kept and audited', async () => {
    const before = await byFinding(`UNSTAFFED_GRID-g${gridId}`);
    const w = await s.ok(`mutation($g: [ID!]) { createGridWorker(name: "马兰", gridIds: $g, active: true) { id } }`, {
      g: [gridId],
    });
    workerId = w.createGridWorker.id;
    const closed = await byFinding(`UNSTAFFED_GRID-g${gridId}`);
    expect(closed.status).toBe('CLOSED');
    expect(closed.closedAt).toBeTruthy();
    expect(closed.overdue).toBe(false);

    await s.ok(`mutation($id: ID!) { updateGridWorker(id: $id, active: false) { id } }`, { id: workerId });
    const reopened = await byFinding(`UNSTAFFED_GRID-g${gridId}`);
    expect(reopened).toMatchObject({ id: before.id, status: 'OPEN', reopenCount: 1, closedAt: null });
    expect(reopened.events.map((e: { action: string }) => e.action)).toEqual(['OPENED', 'AUTO_CLOSED', 'REOPENED']);

    const audit = await s.ok(
      `query($id: ID) { allAuditEvents(filter: { recordType: "Rectification", recordId: $id }, sortField: "id", sortOrder: "ASC") { operation username before after } }`,
      { id: before.id },
    );
    expect(audit.allAuditEvents.map((e: { operation: string }) => e.operation)).toEqual(['open', 'close', 'reopen']);
    const close = audit.allAuditEvents[1];
    expect(close.before.status).toBe('OPEN');
    expect(close.after.status).toBe('CLOSED');
    // The trigger's events join the change that caused them, and count in its event_count.
    const joined = await s.sql<{
      operation: string;
      change_op: string;
      event_count: number;
      n: string;
      record_types: string[];
    }>(
      `select e.operation, c.operation as change_op, c.event_count, c.record_types,
              (select count(*) from audit_event x where x.change_id = c.id) as n
       from audit_event e join change c on c.id = e.change_id
       where e.record_type = 'Rectification' and e.record_id = ? order by e.id`,
      [Number(before.id)],
    );
    expect(joined.map((j) => `${j.operation}:${j.change_op}`)).toEqual([
      'open:createGrid',
      'close:createGridWorker',
      'reopen:updateGridWorker',
    ]);
    for (const j of joined) {
      expect(j.event_count).toBe(Number(j.n));
      expect(j.record_types).toContain('Rectification');
    }
  });

  it('a refused write leaves the rectification as it was', async () => {
    const before = await byFinding(`UNSTAFFED_GRID-g${gridId}`);
    const r = await s.gql(`mutation($id: ID!) { updateGridWorker(id: $id, active: true, version: 999) { id } }`, {
      id: workerId,
    });
    expect(r.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    expect((await byFinding(`UNSTAFFED_GRID-g${gridId}`)).status).toBe(before.status);
  });

  it('deleting the grid closes every finding about it', async () => {
    const g = await s.ok(
      `mutation($v: ID!, $g: GeoJSON!) { createGrid(villageId: $v, geometry: $g, name: "临时片", overlaps: ALLOW) { id } }`,
      {
        v: chain.villageId,
        g: rect(...origin, 100, 100),
      },
    );
    expect((await byFinding(`UNSTAFFED_GRID-g${g.createGrid.id}`)).status).toBe('OPEN');
    await s.ok(`mutation($id: ID!) { deleteGrid(id: $id) { id } }`, { id: g.createGrid.id });
    expect((await byFinding(`UNSTAFFED_GRID-g${g.createGrid.id}`)).status).toBe('CLOSED');
  });
});

describe('rectification transitions and their permissions', () => {
  const origin = offset(...LITONG, 34_000, 9_000);
  let chain: Awaited<ReturnType<typeof createUnitChain>>;
  let other: Awaited<ReturnType<typeof createUnitChain>>;
  let rid: string;
  let editor: Record<string, string>;
  let outsider: Record<string, string>;
  let analyst: Record<string, string>;

  beforeAll(async () => {
    chain = await createUnitChain(s, origin, 1000);
    other = await createUnitChain(s, offset(...origin, 3000, 0), 1000);
    await s.ok(`mutation($v: ID!, $g: GeoJSON!) { createGrid(villageId: $v, geometry: $g, name: "权限片") { id } }`, {
      v: chain.villageId,
      g: rect(...origin, 500, 1000),
    });
    rid = (await byFinding(`UNCOVERED_LAND-v${chain.villageId}`)).id;
    editor = await s.signIn('rect-editor', 'EDITOR', { townshipIds: [Number(chain.townshipId)] });
    outsider = await s.signIn('rect-outsider', 'EDITOR', { townshipIds: [Number(other.townshipId)] });
    analyst = await s.signIn('rect-analyst', 'ANALYST');
  });

  const ASSIGN = `mutation($id: ID!, $t: ID, $u: ID, $d: String, $n: String, $v: Int) {
    assignRectification(id: $id, townshipId: $t, userId: $u, deadline: $d, note: $n, version: $v) { ${R} } }`;

  it('an editor assigns a finding of its scope to its township with a deadline and a note; the event is audited', async () => {
    const r = await s.gql(ASSIGN, { id: rid, t: chain.townshipId, d: '2026-12-31', n: '补划网格' }, editor);
    expect(r.errors).toBeUndefined();
    const a = r.data!.assignRectification;
    expect(a).toMatchObject({
      assigneeTownshipId: chain.townshipId,
      deadline: '2026-12-31',
      note: '补划网格',
      status: 'OPEN',
    });
    expect(a.events.at(-1)).toMatchObject({ action: 'ASSIGNED', username: 'rect-editor' });
    const audit = await s.ok(
      `query($id: ID) { allAuditEvents(filter: { recordType: "Rectification", recordId: $id, operation: "assign" }) { username before after } }`,
      { id: rid },
    );
    expect(audit.allAuditEvents[0].username).toBe('rect-editor');
    expect(audit.allAuditEvents[0].after.deadline).toBe('2026-12-31');
  });

  it('an editor outside the scope, an analyst and a stale version are refused and change nothing', async () => {
    const before = (await s.ok(`query($id: ID!) { Rectification(id: $id) { ${R} } }`, { id: rid })).Rectification;
    const out = await s.gql(ASSIGN, { id: rid, n: 'x' }, outsider);
    expect(out.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const an = await s.gql(ASSIGN, { id: rid, n: 'x' }, analyst);
    expect(an.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const toOther = await s.gql(ASSIGN, { id: rid, t: other.townshipId }, editor);
    expect(toOther.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const stale = await s.gql(ASSIGN, { id: rid, n: 'x', v: before.version - 1 });
    expect(stale.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    const bad = await s.gql(ASSIGN, { id: rid, d: '2026-02-30' });
    expect(bad.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const c = await s.gql(
      `mutation($id: ID!) { commentRectification(id: $id, text: "越权") { id } }`,
      { id: rid },
      outsider,
    );
    expect(c.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const after = (await s.ok(`query($id: ID!) { Rectification(id: $id) { ${R} } }`, { id: rid })).Rectification;
    expect(after).toEqual(before);
  });

  it('comments are kept in the history; only an administrator waives, with a reason, and may take it back', async () => {
    const c = await s.gql(
      `mutation($id: ID!) { commentRectification(id: $id, text: "已联系村委") { events { action text } } }`,
      { id: rid },
      editor,
    );
    expect(c.data!.commentRectification.events.at(-1)).toEqual({ action: 'COMMENTED', text: '已联系村委' });
    const byEditor = await s.gql(
      `mutation($id: ID!) { waiveRectification(id: $id, reason: "荒地") { id } }`,
      { id: rid },
      editor,
    );
    expect(byEditor.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const noReason = await s.gql(`mutation($id: ID!) { waiveRectification(id: $id, reason: " ") { id } }`, { id: rid });
    expect(noReason.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const w = await s.ok(
      `mutation($id: ID!) { waiveRectification(id: $id, reason: "戈壁荒地，无人居住") { status waiveReason overdue } }`,
      { id: rid },
    );
    expect(w.waiveRectification).toEqual({ status: 'WAIVED', waiveReason: '戈壁荒地，无人居住', overdue: false });
    const u = await s.ok(`mutation($id: ID!) { unwaiveRectification(id: $id) { status waiveReason } }`, { id: rid });
    expect(u.unwaiveRectification).toEqual({ status: 'OPEN', waiveReason: null });
  });

  it("an editor's queue holds its scope only; stats and the township ranking count it", async () => {
    const mine = await s.gql(
      `{ allRectifications(filter: { mine: true }, perPage: 1000) { villageId townshipId } }`,
      {},
      editor,
    );
    expect(mine.data!.allRectifications.length).toBeGreaterThan(0);
    expect(new Set(mine.data!.allRectifications.map((r: { townshipId: string }) => r.townshipId))).toEqual(
      new Set([chain.townshipId]),
    );
    const stats = await s.ok(
      `query($t: ID) { rectificationStats(townshipId: $t) { kind open openCritical overdue closed } }`,
      { t: chain.townshipId },
    );
    expect(stats.rectificationStats.find((x: { kind: string }) => x.kind === 'UNCOVERED_LAND')).toMatchObject({
      open: 1,
      openCritical: 1,
    });
    const rank = await s.ok(
      `query($c: ID) { rectificationRanking(countyId: $c) { rank townshipId open openCritical } }`,
      { c: chain.countyId },
    );
    expect(rank.rectificationRanking[0]).toMatchObject({ rank: 1, townshipId: chain.townshipId });
  });

  it('overdue is counted in Asia/Shanghai days, whatever the process time zone', async () => {
    const svc = (iso: string) =>
      new RectificationService({
        em: s.app.orm.em.fork(),
        principal: null,
        corridor: { coverage: s.app.coverage },
        config: s.config,
        now: () => new Date(iso),
      });
    await svc('2026-12-01T00:00:00Z').assign({ id: rid, deadline: '2026-12-31' });
    // 2026-12-31 15:59 UTC is 23:59 in Shanghai: still the deadline day.
    expect((await svc('2026-12-31T15:59:00Z').find(s.app.orm.em.fork(), rid))!.overdue).toBe(false);
    // 16:00 UTC is midnight in Shanghai: one day past, although UTC still says the 31st.
    const late = (await svc('2026-12-31T16:00:00Z').find(s.app.orm.em.fork(), rid))!;
    expect(late).toMatchObject({ overdue: true, daysOverdue: 1 });
    expect(await svc('2026-12-31T16:00:00Z').count({ ids: [rid], overdue: true })).toBe(1);
    const tz = process.env.TZ;
    try {
      process.env.TZ = 'America/Los_Angeles';
      expect(shanghaiDate(new Date('2026-12-31T16:00:00Z'))).toBe('2027-01-01');
      expect(daysOverdue('2026-12-31', new Date('2027-01-10T03:00:00Z'))).toBe(10);
    } finally {
      process.env.TZ = tz;
    }
  });
});
