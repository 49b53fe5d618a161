/**
 * A small Wuzhong-like dataset made through GraphQL, for the browser tests and for
 * manual checks before the real seed exists: five counties (the real names and
 * codes, as rectangles side by side near Litong), townships, villages and
 * communities, grids, workers and party units — with deliberate gaps (a village
 * whose last grid is missing or short), an overlap, grids without workers and a
 * grid over 500 households, so every layer and finding has something to show.
 *
 *   DATABASE_URL=… npx tsx tests/browser/fixture.ts http://127.0.0.1:4100 [--large]
 */
export type Gql = <T = any>(query: string, variables?: Record<string, unknown>) => Promise<T>;

export interface FixtureOptions {
  townshipsPerCounty: number;
  villagesPerTownship: number;
  gridRows: number;
  gridCols: number;
  /** One worker per grid (small) or one per village for all its staffed grids (large, fewer requests). */
  workerPerGrid: boolean;
  concurrency: number;
}

export const SMALL: FixtureOptions = {
  townshipsPerCounty: 2,
  villagesPerTownship: 3,
  gridRows: 2,
  gridCols: 2,
  workerPerGrid: true,
  concurrency: 6,
};
/** About the real size: 5 × 10 × 12 = 600 units, 3,600+ grids. */
export const LARGE: FixtureOptions = {
  townshipsPerCounty: 10,
  villagesPerTownship: 12,
  gridRows: 2,
  gridCols: 3,
  workerPerGrid: false,
  concurrency: 8,
};

export const COUNTIES = [
  { code: '640302', name: '利通区' },
  { code: '640303', name: '红寺堡区' },
  { code: '640323', name: '盐池县' },
  { code: '640324', name: '同心县' },
  { code: '640381', name: '青铜峡市' },
];

export interface FixtureGrid {
  id: string;
  name: string;
  villageId: string;
  center: [number, number]; // [lng, lat]
  workers: number;
  households: number;
}

export interface Fixture {
  counties: { id: string; name: string; code: string }[];
  villages: { id: string; name: string; kind: string }[];
  grids: FixtureGrid[];
  /** [lng, lat] inside a seeded gap. */
  gapPoints: [number, number][];
}

const box = (x0: number, y0: number, x1: number, y1: number) => ({
  type: 'Polygon' as const,
  coordinates: [
    [
      [x0, y0],
      [x1, y0],
      [x1, y1],
      [x0, y1],
      [x0, y0],
    ],
  ],
});

const CN_NUM = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十', '十一', '十二', '十三', '十四', '十五'];

/** Runs jobs with at most n at a time. */
async function pool<T>(jobs: (() => Promise<T>)[], n: number): Promise<T[]> {
  const out: T[] = new Array(jobs.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(n, jobs.length) }, async () => {
      while (next < jobs.length) {
        const i = next++;
        out[i] = await jobs[i]!();
      }
    }),
  );
  return out;
}

export async function seedFixture(
  gql: Gql,
  o: FixtureOptions = SMALL,
  log: (s: string) => void = () => {},
): Promise<Fixture> {
  const fx: Fixture = { counties: [], villages: [], grids: [], gapPoints: [] };
  const W = 0.1; // county width (deg lng)
  const H = 0.08; // county height (deg lat)
  const lng0 = 105.95;
  const lat0 = 37.9;

  for (const [ci, c] of COUNTIES.entries()) {
    const x0 = lng0 + ci * (W + 0.01);
    const d = await gql(
      `mutation($code: String!, $name: String!, $g: GeoJSON) { createCounty(code: $code, name: $name, geometry: $g) { id } }`,
      {
        code: c.code,
        name: c.name,
        g: box(x0, lat0, x0 + W, lat0 + H),
      },
    );
    fx.counties.push({ id: d.createCounty.id, ...c });
  }
  log(`counties: ${fx.counties.length}`);

  // Townships: horizontal bands of each county; villages: columns of each township.
  const villageJobs: (() => Promise<void>)[] = [];
  const villageCells: {
    id?: string;
    name: string;
    kind: string;
    cell: [number, number, number, number];
    index: number;
    households: number;
  }[] = [];
  for (const [ci, county] of fx.counties.entries()) {
    const x0 = lng0 + ci * (W + 0.01);
    for (let t = 0; t < o.townshipsPerCounty; t++) {
      const ty0 = lat0 + (H * t) / o.townshipsPerCounty;
      const ty1 = lat0 + (H * (t + 1)) / o.townshipsPerCounty;
      const tname = `${county.name.slice(0, 2)}${CN_NUM[t] ?? t + 1}${t % 3 === 2 ? '街道' : '镇'}`;
      const td = await gql(
        `mutation($code: String!, $name: String!, $c: ID!, $g: GeoJSON, $k: TownshipKind) { createTownship(code: $code, name: $name, kind: $k, countyId: $c, geometry: $g) { id } }`,
        {
          code: `${county.code}${String(100 + t).padStart(3, '0')}`,
          name: tname,
          c: county.id,
          g: box(x0, ty0, x0 + W, ty1),
          k: t % 3 === 2 ? 'STREET' : 'TOWN',
        },
      );
      const townshipId = td.createTownship.id as string;
      for (let v = 0; v < o.villagesPerTownship; v++) {
        const vx0 = x0 + (W * v) / o.villagesPerTownship;
        const vx1 = x0 + (W * (v + 1)) / o.villagesPerTownship;
        const index = villageCells.length;
        const kind = index % 3 === 2 ? 'COMMUNITY' : 'VILLAGE';
        const name = `${tname.slice(0, 3)}${CN_NUM[v] ?? v + 1}${kind === 'COMMUNITY' ? '社区' : '村'}`;
        const cell = {
          name,
          kind,
          cell: [vx0, ty0, vx1, ty1] as [number, number, number, number],
          index,
          households: 300 + ((index * 37) % 900),
        };
        villageCells.push(cell);
        villageJobs.push(async () => {
          const vd = await gql(
            `mutation($code: String!, $name: String!, $t: ID!, $g: GeoJSON, $k: VillageKind, $h: Int, $vg: Int) {
               createVillage(code: $code, name: $name, kind: $k, townshipId: $t, geometry: $g, households: $h, villagerGroups: $vg) { id } }`,
            {
              code: `${county.code}${String(100 + t).padStart(3, '0')}${String(200 + v).padStart(3, '0')}`,
              name,
              t: townshipId,
              g: box(...cell.cell),
              k: kind,
              h: cell.households,
              vg: o.gridRows * o.gridCols,
            },
          );
          (cell as any).id = vd.createVillage.id;
        });
      }
    }
  }
  await pool(villageJobs, o.concurrency);
  for (const c of villageCells) fx.villages.push({ id: (c as any).id, name: c.name, kind: c.kind });
  log(`villages/communities: ${fx.villages.length}`);

  // Grids: a rows × cols net in each unit. Every 4th unit misses its last grid (a gap);
  // every 7th has its first grid 30% too wide (an overlap with its neighbour).
  const gridJobs: (() => Promise<void>)[] = [];
  for (const v of villageCells) {
    const [x0, y0, x1, y1] = v.cell;
    const dx = (x1 - x0) / o.gridCols;
    const dy = (y1 - y0) / o.gridRows;
    const n = o.gridRows * o.gridCols;
    for (let k = 0; k < n; k++) {
      const r = Math.floor(k / o.gridCols);
      const col = k % o.gridCols;
      const gx0 = x0 + col * dx;
      let gx1 = x0 + (col + 1) * dx;
      const gy0 = y0 + r * dy;
      const gy1 = y0 + (r + 1) * dy;
      if (v.index % 4 === 1 && k === n - 1) {
        fx.gapPoints.push([(gx0 + gx1) / 2, (gy0 + gy1) / 2]);
        continue; // the gap
      }
      if (v.index % 7 === 3 && k === 0) gx1 += dx * 0.3; // the overlap
      if (v.index % 5 === 4 && k === 1) {
        // a short grid: the unit's right strip stays uncovered
        gx1 -= dx * 0.3;
        fx.gapPoints.push([gx1 + dx * 0.15, (gy0 + gy1) / 2]);
      }
      const gi = fx.grids.length + gridJobs.length;
      const households = k === 0 && v.kind === 'COMMUNITY' ? 820 : 40 + ((gi * 53) % 400);
      const name = `${v.name}第${CN_NUM[k] ?? k + 1}网格`;
      const code = `G${String(v.index).padStart(4, '0')}${k}`;
      const staffed = gi % 5 !== 3;
      gridJobs.push(async () => {
        const gd = await gql(
          `mutation($name: String!, $code: String, $v: ID!, $g: GeoJSON!, $k: GridKind, $h: Int) {
             createGrid(name: $name, code: $code, villageId: $v, geometry: $g, kind: $k, households: $h, overlaps: ALLOW) { id } }`,
          {
            name,
            code,
            v: (v as any).id,
            g: box(gx0, gy0, gx1, gy1),
            h: households,
            k: v.kind === 'COMMUNITY' ? 'RESIDENTIAL_COMPOUND' : 'VILLAGER_GROUP',
          },
        );
        fx.grids.push({
          id: gd.createGrid.id,
          name,
          villageId: (v as any).id,
          center: [(gx0 + gx1) / 2, (gy0 + gy1) / 2],
          workers: staffed ? 1 : 0,
          households,
        });
      });
    }
  }
  await pool(gridJobs, o.concurrency);
  log(`grids: ${fx.grids.length}`);

  // Workers: the unstaffed grids (workers = 0) get none.
  const staffed = fx.grids.filter((g) => g.workers > 0);
  const workerJobs: (() => Promise<void>)[] = [];
  const surnames = ['马', '王', '李', '张', '杨', '丁', '刘', '田', '周', '海'];
  const given = ['建国', '秀兰', '海燕', '志强', '玉梅', '学军', '桂花', '永福', '晓东', '丽娟'];
  const sources = ['SENT_DOWN_CADRE', 'SPECIAL_RECRUITMENT', 'PUBLIC_POST'];
  const groups: FixtureGrid[][] = o.workerPerGrid
    ? staffed.map((g) => [g])
    : Object.values(
        staffed.reduce<Record<string, FixtureGrid[]>>((acc, g) => ((acc[g.villageId] ??= []).push(g), acc), {}),
      );
  groups.forEach((grids, i) => {
    workerJobs.push(async () => {
      await gql(
        `mutation($name: String!, $ids: [ID!], $s: WorkerSource, $e: Employment, $p: String) {
           createGridWorker(name: $name, gridIds: $ids, source: $s, employment: $e, phone: $p, active: true) { id } }`,
        {
          name: `${surnames[i % 10]}${given[Math.floor(i / 10) % 10]}`,
          ids: grids.map((g) => g.id),
          s: sources[i % 3],
          e: i % 4 === 0 ? 'PART_TIME' : 'FULL_TIME',
          p: `139${String(10000000 + i).slice(-8)}`,
        },
      );
    });
  });
  await pool(workerJobs, o.concurrency);
  log(`workers: ${workerJobs.length}`);

  // Party units: one per unit, and a grid party group under it on the unit's first grid (none in every 6th unit).
  const partyJobs = fx.villages.map((v, i) => async () => {
    const p = await gql(
      `mutation($name: String!, $v: ID, $k: PartyUnitKind!, $l: PartyUnitLevel!, $m: Int) { createPartyUnit(name: $name, villageId: $v, kind: $k, level: $l, members: $m) { id } }`,
      {
        name: `${v.name}党支部`,
        v: v.id,
        k: v.kind === 'COMMUNITY' ? 'COMMUNITY' : 'VILLAGE',
        l: 'BRANCH',
        m: 20 + (i % 30),
      },
    );
    if (i % 6 === 5) return;
    const first = fx.grids.find((g) => g.villageId === v.id);
    if (!first) return;
    await gql(
      `mutation($name: String!, $g: ID, $p: ID, $m: Int) { createPartyUnit(name: $name, gridId: $g, parentId: $p, kind: GRID, level: GROUP, members: $m) { id } }`,
      { name: `${first.name}党小组`, g: first.id, p: p.createPartyUnit.id, m: 3 + (i % 8) },
    );
  });
  await pool(partyJobs, o.concurrency);
  log('party units done');
  return fx;
}

/** A gql function over HTTP against a running server. */
export function httpGql(base: string): Gql {
  return async (query, variables = {}) => {
    const res = await fetch(`${base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await res.json()) as { data?: any; errors?: { message: string }[] };
    if (body.errors?.length) throw new Error(`GraphQL: ${body.errors.map((e) => e.message).join('; ')}`);
    return body.data;
  };
}

// As a script: seed a running server.
if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop()!)) {
  const base = process.argv[2] ?? 'http://127.0.0.1:4100';
  const opts = process.argv.includes('--large') ? LARGE : SMALL;
  const t0 = Date.now();
  seedFixture(httpGql(base), opts, (s) =>
    console.log(`[fixture] ${s} (${((Date.now() - t0) / 1000).toFixed(1)} s)`),
  ).then(
    () => console.log('[fixture] done'),
    (e) => {
      console.error(e);
      process.exit(1);
    },
  );
}
