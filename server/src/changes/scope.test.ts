import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUnitChain } from '../../../tests/helpers/fixture';
import { LITONG, offset, rect } from '../../../tests/helpers/geo';
import { startServer, type TestServer } from '../../../tests/helpers/server';

/**
 * The role × scope matrix, table-driven: every role × every mutation × a target inside the
 * editor's township, in its county but another township, outside, moving a record out, and
 * relation targets (a party unit or worker of another county, detaching, unplaced workers).
 * Expected vs actual for each cell; a refused cell must leave no change row, no audit event and
 * no changed row. FORBIDDEN comes before CONFLICT and BAD_GEOMETRY.
 */
let s: TestServer;
type Headers = Record<string, string>;
const ROLES = ['ADMIN', 'EDITOR_COUNTY', 'EDITOR_TOWNSHIP', 'ANALYST', 'SERVICE', 'SERVICE_COVERAGE'] as const;
type RoleName = (typeof ROLES)[number];
const headers = {} as Record<RoleName, Headers>;

const originIn = offset(...LITONG, -12_000, 22_000);
const originOut = offset(...LITONG, 28_000, -32_000);
let inChain: Awaited<ReturnType<typeof createUnitChain>>;
let outChain: Awaited<ReturnType<typeof createUnitChain>>;
let township2: string;
/** Records of another county, targets of relation fields. */
const outRefs = { grid: '', party: '', worker: '', village: '' };

const slots = { in: 0, out: 0 };
/** A fresh 800 m square spot for a village near a chain's origin (1 km apart, rows of 15). */
function spot(which: 'in' | 'out'): [number, number] {
  const n = slots[which]++;
  return offset(...(which === 'in' ? originIn : originOut), (n % 15) * 1000, Math.floor(n / 15) * 1000);
}

interface World {
  township: string;
  village: string;
  g1: string;
  g2: string;
  party: string;
  worker: string;
  origin: [number, number];
  unplaced: string;
  emptyVillage?: string;
  revertable?: string;
}

/**
 * A village with two grids (300 m wide each, a 200 m uncovered strip east), a party unit, a worker on g1
 * and an unplaced worker. Written in SQL (the fixture is not what is tested), coverage computed as a write would.
 */
async function world(township: string, which: 'in' | 'out'): Promise<World> {
  const o = spot(which);
  const g = (e: number, w: number) => JSON.stringify(rect(...offset(...o, e, 0), w, 800));
  const [r] = await s.sql<Record<string, number>>(
    `
    with v as (insert into village (created_at, updated_at, code, name, township_id, geom)
               values (now(), now(), ?, '矩阵村', ?, ST_Multi(ST_SetSRID(ST_GeomFromGeoJSON(?), 4326))) returning id),
    g1 as (insert into grid (created_at, updated_at, name, village_id, households, geom)
           select now(), now(), '甲', v.id, 10, ST_Multi(ST_SetSRID(ST_GeomFromGeoJSON(?), 4326)) from v returning id),
    g2 as (insert into grid (created_at, updated_at, name, village_id, households, geom)
           select now(), now(), '乙', v.id, 10, ST_Multi(ST_SetSRID(ST_GeomFromGeoJSON(?), 4326)) from v returning id),
    p as (insert into party_unit (created_at, updated_at, name, level, kind, village_id) select now(), now(), '矩阵支部', 'BRANCH', 'GRID', v.id from v returning id),
    w as (insert into grid_worker (created_at, updated_at, name) values (now(), now(), '矩阵员') returning id),
    u as (insert into grid_worker (created_at, updated_at, name) values (now(), now(), '无格员') returning id),
    wg as (insert into grid_worker_grids (grid_worker_id, grid_id) select w.id, g1.id from w, g1)
    select v.id as village, g1.id as g1, g2.id as g2, p.id as party, w.id as worker, u.id as unplaced from v, g1, g2, p, w, u`,
    [
      `64${String(Math.floor(Math.random() * 1e10)).padStart(10, '0')}`,
      Number(township),
      g(0, 800),
      g(0, 300),
      g(300, 300),
    ],
  );
  await s.app.orm.em.fork().transactional((em) => s.app.coverage.recompute(em, [r!.village!], []));
  const str = (k: string) => String(r![k]);
  return {
    township,
    village: str('village'),
    g1: str('g1'),
    g2: str('g2'),
    party: str('party'),
    worker: str('worker'),
    unplaced: str('unplaced'),
    origin: o,
  };
}

type Target = 'in' | 'county' | 'out' | 'moveOut' | 'relation';
interface Op {
  name: string;
  /** The mutation and its variables for a world (built fresh when the previous cell wrote). */
  run: (w: World) => Promise<{ query: string; variables?: Record<string, unknown> }>;
  targets: Target[];
  /** Administrators only (accounts, counties, restoreGrid). */
  adminOnly?: boolean;
  /** What an allowed caller gets (default OK); per target. */
  allowed?: Partial<Record<Target, string>>;
}

const Q = (query: string, variables: Record<string, unknown> = {}) => Promise.resolve({ query, variables });
const line = (o: [number, number], e: number) => ({
  type: 'LineString',
  coordinates: [offset(...o, e, -100), offset(...o, e, 900)],
});
const SCOPED: Target[] = ['in', 'county', 'out'];

const OPS: Op[] = [
  {
    name: 'createGrid',
    targets: SCOPED,
    run: (w) =>
      Q(`mutation($v: ID!, $g: GeoJSON!) { createGrid(villageId: $v, geometry: $g, name: "新") { id } }`, {
        v: w.village,
        g: rect(...offset(...w.origin, 650, 100), 100, 100),
      }),
  },
  {
    name: 'updateGrid',
    targets: SCOPED,
    run: (w) => Q(`mutation($id: ID!) { updateGrid(id: $id, name: "改") { id } }`, { id: w.g1 }),
  },
  {
    name: 'updateGrid (stale version)',
    targets: SCOPED,
    allowed: { in: 'CONFLICT', county: 'CONFLICT', out: 'CONFLICT' },
    run: (w) => Q(`mutation($id: ID!) { updateGrid(id: $id, version: 99, name: "改") { id } }`, { id: w.g1 }),
  },
  {
    name: 'updateGridBoundary',
    targets: SCOPED,
    run: (w) =>
      Q(`mutation($id: ID!, $g: GeoJSON!) { updateGridBoundary(id: $id, geometry: $g) { id } }`, {
        id: w.g1,
        g: rect(...w.origin, 320, 800),
      }),
  },
  {
    name: 'splitGrid',
    targets: SCOPED,
    run: (w) =>
      Q(`mutation($id: ID!, $l: GeoJSON!) { splitGrid(id: $id, line: $l) { id } }`, {
        id: w.g1,
        l: line(w.origin, 150),
      }),
  },
  {
    name: 'splitGrid (closed loop)',
    targets: SCOPED,
    allowed: { in: 'BAD_GEOMETRY', county: 'BAD_GEOMETRY', out: 'BAD_GEOMETRY' },
    run: (w) =>
      Q(`mutation($id: ID!, $l: GeoJSON!) { splitGrid(id: $id, line: $l) { id } }`, {
        id: w.g1,
        l: {
          type: 'LineString',
          coordinates: [
            offset(...w.origin, 50, 50),
            offset(...w.origin, 100, 50),
            offset(...w.origin, 100, 100),
            offset(...w.origin, 50, 50),
          ],
        },
      }),
  },
  {
    name: 'mergeGrids',
    targets: SCOPED,
    run: (w) => Q(`mutation($ids: [ID!]!) { mergeGrids(ids: $ids) { id } }`, { ids: [w.g1, w.g2] }),
  },
  {
    name: 'deleteGrid',
    targets: SCOPED,
    run: (w) => Q(`mutation($id: ID!) { deleteGrid(id: $id) { id } }`, { id: w.g2 }),
  },
  {
    name: 'createGridFromGap',
    targets: SCOPED,
    run: (w) =>
      Q(`mutation($v: ID!, $p: [Float!]!) { createGridFromGap(villageId: $v, point: $p, name: "补") { id } }`, {
        v: w.village,
        p: offset(...w.origin, 700, 400),
      }),
  },
  {
    name: 'extendGridOverGap',
    targets: SCOPED,
    run: (w) =>
      Q(`mutation($id: ID!, $p: [Float!]!) { extendGridOverGap(id: $id, point: $p) { id } }`, {
        id: w.g2,
        p: offset(...w.origin, 700, 400),
      }),
  },
  {
    name: 'revertChange',
    targets: SCOPED,
    run: async (w) => {
      if (!w.revertable) {
        const made = await s.gql(
          `mutation($v: ID!, $g: GeoJSON!) { createGrid(villageId: $v, geometry: $g, name: "可撤") { id } }`,
          { v: w.village, g: rect(...offset(...w.origin, 650, 600), 100, 100) },
        );
        w.revertable = (made as { extensions?: { changeIds?: string[] } }).extensions!.changeIds![0]!;
      }
      return { query: `mutation($id: ID!) { revertChange(id: $id) { id } }`, variables: { id: w.revertable } };
    },
  },
  {
    name: 'restoreGrid',
    targets: SCOPED,
    adminOnly: true,
    run: async (w) => {
      await s.ok(`mutation($id: ID!) { updateGrid(id: $id, households: 11) { id } }`, { id: w.g1 });
      const [e] = await s.sql<{ id: string }>(
        `select id from audit_event where record_type = 'Grid' and record_id = ? order by id desc limit 1`,
        [Number(w.g1)],
      );
      return { query: `mutation($e: ID!) { restoreGrid(eventId: $e) { id } }`, variables: { e: e!.id } };
    },
  },
  {
    name: 'createVillage',
    targets: SCOPED,
    run: (w) =>
      Q(`mutation($t: ID!, $c: String!) { createVillage(townshipId: $t, code: $c, name: "新村") { id } }`, {
        t: w.township,
        c: `64${String(Math.floor(Math.random() * 1e10)).padStart(10, '0')}`,
      }),
  },
  {
    name: 'updateVillage',
    targets: SCOPED,
    run: (w) => Q(`mutation($id: ID!) { updateVillage(id: $id, households: 99) { id } }`, { id: w.village }),
  },
  {
    name: 'deleteVillage (has grids)',
    targets: SCOPED,
    allowed: { in: 'CONFLICT', county: 'CONFLICT', out: 'CONFLICT' },
    run: (w) => Q(`mutation($id: ID!) { deleteVillage(id: $id) { id } }`, { id: w.village }),
  },
  {
    name: 'deleteVillage (empty)',
    targets: SCOPED,
    run: async (w) => {
      w.emptyVillage ??= (
        await s.ok(`mutation($t: ID!, $c: String!) { createVillage(townshipId: $t, code: $c, name: "空村") { id } }`, {
          t: w.township,
          c: `64${String(Math.floor(Math.random() * 1e10)).padStart(10, '0')}`,
        })
      ).createVillage.id;
      return { query: `mutation($id: ID!) { deleteVillage(id: $id) { id } }`, variables: { id: w.emptyVillage } };
    },
  },
  {
    name: 'createPartyUnit',
    targets: SCOPED,
    run: (w) =>
      Q(`mutation($v: ID!) { createPartyUnit(name: "新支部", level: GROUP, kind: GRID, villageId: $v) { id } }`, {
        v: w.village,
      }),
  },
  {
    name: 'updatePartyUnit',
    targets: SCOPED,
    run: (w) => Q(`mutation($id: ID!) { updatePartyUnit(id: $id, members: 5) { id } }`, { id: w.party }),
  },
  {
    name: 'deletePartyUnit',
    targets: SCOPED,
    run: (w) => Q(`mutation($id: ID!) { deletePartyUnit(id: $id) { id } }`, { id: w.party }),
  },
  {
    name: 'createGridWorker',
    targets: SCOPED,
    run: (w) => Q(`mutation($g: ID!) { createGridWorker(name: "新员", gridIds: [$g]) { id } }`, { g: w.g1 }),
  },
  {
    name: 'updateGridWorker',
    targets: SCOPED,
    run: (w) => Q(`mutation($id: ID!) { updateGridWorker(id: $id, name: "改员") { id } }`, { id: w.worker }),
  },
  {
    name: 'deleteGridWorker',
    targets: SCOPED,
    run: (w) => Q(`mutation($id: ID!) { deleteGridWorker(id: $id) { id } }`, { id: w.worker }),
  },

  // Moving a record out of the scope.
  {
    name: "updateGrid → another county's village",
    targets: ['moveOut'],
    allowed: { moveOut: 'BAD_GEOMETRY' },
    run: (w) =>
      Q(`mutation($id: ID!, $v: ID!) { updateGrid(id: $id, villageId: $v) { id } }`, { id: w.g1, v: outRefs.village }),
  },
  {
    name: "updateVillage → another county's township",
    targets: ['moveOut'],
    allowed: { moveOut: 'BAD_GEOMETRY' },
    run: (w) =>
      Q(`mutation($id: ID!, $t: ID!) { updateVillage(id: $id, townshipId: $t) { id } }`, {
        id: w.village,
        t: outChain.townshipId,
      }),
  },
  {
    name: "updatePartyUnit → another county's village",
    targets: ['moveOut'],
    run: (w) =>
      Q(`mutation($id: ID!, $v: ID!) { updatePartyUnit(id: $id, villageId: $v) { id } }`, {
        id: w.party,
        v: outRefs.village,
      }),
  },
  {
    name: "updateGridWorker → another county's grid",
    targets: ['moveOut'],
    run: (w) =>
      Q(`mutation($id: ID!, $g: ID!) { updateGridWorker(id: $id, gridIds: [$g]) { id } }`, {
        id: w.worker,
        g: outRefs.grid,
      }),
  },

  // Relation fields that reach records outside the scope, or leave a record in no unit.
  {
    name: "updateGrid(partyUnitId: another county's unit)",
    targets: ['relation'],
    run: (w) =>
      Q(`mutation($id: ID!, $p: ID!) { updateGrid(id: $id, partyUnitId: $p) { id } }`, { id: w.g1, p: outRefs.party }),
  },
  {
    name: "updateGrid(workerIds: another county's worker)",
    targets: ['relation'],
    run: (w) =>
      Q(`mutation($id: ID!, $w: ID!) { updateGrid(id: $id, workerIds: [$w]) { id } }`, { id: w.g1, w: outRefs.worker }),
  },
  {
    name: "createGrid(partyUnitId: another county's unit)",
    targets: ['relation'],
    run: (w) =>
      Q(
        `mutation($v: ID!, $g: GeoJSON!, $p: ID!) { createGrid(villageId: $v, geometry: $g, name: "拉", partyUnitId: $p) { id } }`,
        { v: w.village, g: rect(...offset(...w.origin, 650, 100), 100, 100), p: outRefs.party },
      ),
  },
  {
    name: 'updatePartyUnit(villageId: null) (detach)',
    targets: ['relation'],
    run: (w) => Q(`mutation($id: ID!) { updatePartyUnit(id: $id, villageId: null) { id } }`, { id: w.party }),
  },
  {
    name: 'updateGridWorker (unplaced)',
    targets: ['relation'],
    run: (w) => Q(`mutation($id: ID!) { updateGridWorker(id: $id, name: "接管") { id } }`, { id: w.unplaced }),
  },
  {
    name: 'deleteGridWorker (unplaced)',
    targets: ['relation'],
    run: (w) => Q(`mutation($id: ID!) { deleteGridWorker(id: $id) { id } }`, { id: w.unplaced }),
  },
  {
    name: 'createGridWorker (no grid)',
    targets: ['relation'],
    run: () => Q(`mutation { createGridWorker(name: "无格") { id } }`),
  },
  {
    name: 'updateGridWorker(gridIds: []) (unplace)',
    targets: ['relation'],
    run: (w) => Q(`mutation($id: ID!) { updateGridWorker(id: $id, gridIds: []) { id } }`, { id: w.worker }),
  },

  // Administrators' records: no editor writes them.
  {
    name: 'createCounty',
    targets: ['in'],
    adminOnly: true,
    run: () =>
      Q(`mutation($c: String!) { createCounty(code: $c, name: "矩阵县") { id } }`, {
        c: `64${String(Math.floor(Math.random() * 1e4)).padStart(4, '0')}`,
      }),
  },
  {
    name: 'updateCounty',
    targets: ['in'],
    adminOnly: true,
    run: () => Q(`mutation($id: ID!) { updateCounty(id: $id, name: "矩阵县（改）") { id } }`, { id: inChain.countyId }),
  },
  {
    name: 'deleteCounty (has townships)',
    targets: ['in'],
    adminOnly: true,
    allowed: { in: 'CONFLICT' },
    run: () => Q(`mutation($id: ID!) { deleteCounty(id: $id) { id } }`, { id: inChain.countyId }),
  },
  {
    name: 'createTownship',
    targets: ['in'],
    adminOnly: true,
    run: () =>
      Q(
        `mutation($c: ID!, $code: String!) { createTownship(countyId: $c, code: $code, name: "矩阵镇", kind: TOWN) { id } }`,
        { c: inChain.countyId, code: `64${String(Math.floor(Math.random() * 1e7)).padStart(7, '0')}` },
      ),
  },
  {
    name: 'updateTownship',
    targets: ['in'],
    adminOnly: true,
    run: () =>
      Q(`mutation($id: ID!) { updateTownship(id: $id, name: "矩阵镇（改）") { id } }`, { id: inChain.townshipId }),
  },
  {
    name: 'deleteTownship (has villages)',
    targets: ['in'],
    adminOnly: true,
    allowed: { in: 'CONFLICT' },
    run: () => Q(`mutation($id: ID!) { deleteTownship(id: $id) { id } }`, { id: inChain.townshipId }),
  },
  {
    name: 'createUser',
    targets: ['in'],
    adminOnly: true,
    run: () =>
      Q(`mutation($u: String!) { createUser(username: $u, password: "a-long-secret", role: ANALYST) { id } }`, {
        u: `m-${Math.random().toString(36).slice(2, 10)}`,
      }),
  },
  {
    name: 'updateUser',
    targets: ['in'],
    adminOnly: true,
    run: async () => {
      const [u] = await s.sql<{ id: number }>(`select id from app_user where username = 'matrix-target'`);
      return {
        query: `mutation($id: ID!) { updateUser(id: $id, displayName: "改") { id } }`,
        variables: { id: String(u!.id) },
      };
    },
  },
  {
    name: 'deleteUser',
    targets: ['in'],
    adminOnly: true,
    run: async () => {
      const made = await s.ok(
        `mutation($u: String!) { createUser(username: $u, password: "a-long-secret", role: ANALYST) { id } }`,
        { u: `m-${Math.random().toString(36).slice(2, 10)}` },
      );
      return { query: `mutation($id: ID!) { deleteUser(id: $id) { id } }`, variables: { id: made.createUser.id } };
    },
  },
  {
    name: 'createApiKey',
    targets: ['in'],
    adminOnly: true,
    run: () => Q(`mutation { createApiKey(name: "矩阵") { id } }`),
  },
  ...(['updateApiKey', 'revokeApiKey', 'deleteApiKey'] as const).map((name): Op => ({
    name,
    targets: ['in'],
    adminOnly: true,
    run: async () => {
      const made = await s.ok(`mutation { createApiKey(name: "矩阵") { id } }`);
      const args = name === 'updateApiKey' ? 'id: $id, name: "改"' : 'id: $id';
      return { query: `mutation($id: ID!) { ${name}(${args}) { id } }`, variables: { id: made.createApiKey.id } };
    },
  })),
];

/** What a cell should answer. */
function expected(role: RoleName, op: Op, target: Target): string {
  if (role === 'ANALYST' || role === 'SERVICE' || role === 'SERVICE_COVERAGE') return 'FORBIDDEN';
  if (op.adminOnly && role !== 'ADMIN') return 'FORBIDDEN';
  const allowed = op.allowed?.[target] ?? 'OK';
  if (role === 'ADMIN') return allowed;
  const inScope = target === 'in' || (target === 'county' && role === 'EDITOR_COUNTY');
  return inScope ? allowed : 'FORBIDDEN';
}

/** Everything a write could change, as one checksum: each row's id and the transaction that wrote it (xmin). */
async function checksum(): Promise<string> {
  const part = (table: string, order = 'id', where = 'true') =>
    `(select coalesce(string_agg(${order
      .split(',')
      .map((c) => `t.${c.trim()}::text`)
      .join(` || ':' || `)} || '@' || t.xmin::text, ',' order by ${order}), '') from ${table} t where ${where})`;
  const [row] = await s.sql<{ h: string }>(
    `select md5(${[
      part('grid'),
      part('village'),
      part('party_unit'),
      part('grid_worker'),
      part('grid_worker_grids', 'grid_id, grid_worker_id'),
      part('county'),
      part('township'),
      part('app_user', 'id', "username not like 'matrix-%'"),
      `(select coalesce(string_agg((to_jsonb(t) - 'last_used_at')::text, '|' order by id), '') from api_key t)`,
      `(select count(*)::text from audit_event)`,
      `(select count(*)::text from change)`,
      `(select n::text from data_version)`,
    ].join(' || ')}) as h`,
  );
  return row!.h;
}

beforeAll(async () => {
  s = await startServer();
  inChain = await createUnitChain(s, originIn, 800);
  outChain = await createUnitChain(s, originOut, 800);
  const big = rect(originIn[0] - 0.05, originIn[1] - 0.05, 20_800, 20_800);
  township2 = (
    await s.ok(
      `mutation($c: ID!, $g: GeoJSON) { createTownship(countyId: $c, code: "649922002", name: "矩阵二镇", kind: TOWN, geometry: $g) { id } }`,
      { c: inChain.countyId, g: big },
    )
  ).createTownship.id;
  const o = await world(outChain.townshipId, 'out');
  Object.assign(outRefs, { grid: o.g1, party: o.party, worker: o.worker, village: o.village });
  headers.ADMIN = s.auth.headers;
  headers.EDITOR_COUNTY = await s.signIn('matrix-editor-county', 'EDITOR', { countyIds: [Number(inChain.countyId)] });
  headers.EDITOR_TOWNSHIP = await s.signIn('matrix-editor-township', 'EDITOR', {
    townshipIds: [Number(inChain.townshipId)],
  });
  headers.ANALYST = await s.signIn('matrix-analyst', 'ANALYST');
  await s.signIn('matrix-target', 'ANALYST');
  const full = await s.ok(`mutation { createApiKey(name: "matrix-full") { key } }`);
  const cov = await s.ok(`mutation { createApiKey(name: "matrix-coverage", coverageOnly: true) { key } }`);
  headers.SERVICE = { 'x-api-key': full.createApiKey.key };
  headers.SERVICE_COVERAGE = { 'x-api-key': cov.createApiKey.key };
});
afterAll(() => s.close());

describe('role × scope × mutation', () => {
  it('every cell answers as expected; a refused cell writes nothing', async () => {
    const started = Date.now();
    const rows: string[] = [];
    const mismatches: string[] = [];
    const worlds = new Map<string, World>();
    const townshipOf: Record<Target, () => string> = {
      in: () => inChain.townshipId,
      moveOut: () => inChain.townshipId,
      relation: () => inChain.townshipId,
      county: () => township2,
      out: () => outChain.townshipId,
    };
    for (const role of ROLES) {
      for (const op of OPS) {
        for (const target of op.targets) {
          const key = target;
          let w = worlds.get(key);
          if (!w) {
            w = await world(townshipOf[target](), target === 'out' ? 'out' : 'in');
            worlds.set(key, w);
          }
          const { query, variables } = await op.run(w);
          const before = await checksum();
          const r = await s.gql(query, variables, headers[role]);
          const actual = r.errors?.length ? String(r.errors[0]!.extensions?.code) : 'OK';
          const want = expected(role, op, target);
          rows.push(
            `${role.padEnd(17)} ${op.name.padEnd(48)} ${target.padEnd(9)} expected ${want.padEnd(13)} got ${actual}`,
          );
          if (actual !== want) mismatches.push(`${rows.at(-1)}  ${r.errors?.[0]?.message ?? ''}`);
          if (actual === 'OK')
            worlds.delete(key); // it wrote: the next cell gets a fresh world
          else if ((await checksum()) !== before)
            mismatches.push(`${role} ${op.name} ${target}: refused (${actual}) but wrote something`);
        }
      }
    }
    if (process.env.MATRIX_PRINT) console.log(rows.join('\n'));
    console.log(
      `role × scope matrix: ${rows.length} cells, ${mismatches.length} mismatches, ${Math.round((Date.now() - started) / 1000)} s`,
    );
    expect(mismatches).toEqual([]);
    expect(rows.length).toBeGreaterThan(250);
  }, 600_000);

  it("a shared-edge move never pushes into another unit's grid (finding 14), for an administrator either", async () => {
    const w = await world(inChain.townshipId, 'in');
    // A neighbouring village right east of this one, with a grid along the common border.
    const east = await s.ok(
      `mutation($t: ID!, $g: GeoJSON, $c: String!) { createVillage(townshipId: $t, code: $c, name: "邻村", geometry: $g) { id } }`,
      {
        t: township2,
        g: rect(...offset(...w.origin, 800, 0), 800, 800),
        c: `64${String(Math.floor(Math.random() * 1e10)).padStart(10, '0')}`,
      },
    );
    await s.ok(`mutation($v: ID!, $g: GeoJSON!) { createGrid(villageId: $v, geometry: $g, name: "邻") { id } }`, {
      v: east.createVillage.id,
      g: rect(...offset(...w.origin, 800, 0), 300, 800),
    });
    const grown = await s.ok(`mutation($id: ID!, $g: GeoJSON!) { updateGridBoundary(id: $id, geometry: $g) { id } }`, {
      id: w.g2,
      g: rect(...offset(...w.origin, 300, 0), 500, 800),
    });
    expect(grown.updateGridBoundary.length).toBeGreaterThan(0);
    const before = await checksum();
    const r = await s.gql(`mutation($id: ID!, $g: GeoJSON!) { updateGridBoundary(id: $id, geometry: $g) { id } }`, {
      id: w.g2,
      g: rect(...offset(...w.origin, 300, 0), 503, 800),
    });
    expect(r.errors?.[0]?.extensions?.code).toBe('BAD_GEOMETRY');
    expect(r.errors?.[0]?.message).toMatch(/another village or community/);
    expect(await checksum()).toBe(before);
  });
});
