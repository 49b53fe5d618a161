import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type TestServer } from '../../../tests/helpers/server';
import { statementsOf } from '../../../tests/helpers/statements';
import { readStats, setCompiledReads } from './install';

/**
 * The compiled read path (server/src/read) against the resolvers: the same response,
 * byte for byte, on a generated set of queries (selections, aliases, fragments, filters,
 * sorts, paging, errors); one SQL statement per root field; none for a cached token.
 */
let s: TestServer;
const P = 'RQ'; // names of this file's records start with it
let ids: {
  counties: string[];
  townships: string[];
  villages: string[];
  grids: string[];
  workers: string[];
  units: string[];
};

beforeAll(async () => {
  s = await startServer();
  // 2 counties → 2 townships each → 3 units each → 0–4 grids; workers (some inactive, some on two grids), party units at every level.
  await s.sql(`insert into county (code, name, geom, created_at, updated_at)
    select '6498' || i, '${P}县' || i, ST_Multi(ST_MakeEnvelope(106 + i * 0.1, 37.5, 106.09 + i * 0.1, 37.59, 4326)), now() - i * interval '1 day', now()
    from generate_series(1, 2) i`);
  await s.sql(`insert into township (code, name, kind, county_id, geom, created_at, updated_at)
    select c.code || '10' || j, '${P}镇' || c.code || j, (array['TOWN','STREET'])[j], c.id,
           ST_Multi(ST_MakeEnvelope(ST_XMin(c.geom) + (j - 1) * 0.045, 37.5, ST_XMin(c.geom) + j * 0.045, 37.59, 4326)), now(), now()
    from county c, generate_series(1, 2) j where c.name like '${P}%'`);
  await s.sql(`insert into village (code, name, kind, township_id, households, population, villager_groups, geom, created_at, updated_at)
    select t.code || '00' || k, '${P}村' || t.code || k, (array['VILLAGE','COMMUNITY','VILLAGE'])[k], t.id,
           case when k = 3 then null else 100 * k end, 300 * k, k,
           case when k = 3 then null else ST_Multi(ST_MakeEnvelope(ST_XMin(t.geom), 37.5 + (k - 1) * 0.03, ST_XMin(t.geom) + 0.04, 37.5 + k * 0.03 - 0.001, 4326)) end,
           now(), now()
    from township t, generate_series(1, 3) k where t.name like '${P}%'`);
  await s.sql(`insert into grid (code, name, kind, village_id, households, population, geom, created_at, updated_at)
    select case when m = 2 then null else v.code || '-' || m end, '${P}格' || v.id || '-' || m, (array['VILLAGER_GROUP','BUILDING','OTHER','RESIDENTIAL_COMPOUND'])[m], v.id,
           case when m = 3 then null else 50 * m + v.id % 7 end, 150 * m,
           ST_Multi(ST_MakeEnvelope(106 + v.id * 0.0001 + m * 0.01, 37.1, 106 + v.id * 0.0001 + m * 0.01 + 0.012, 37.12, 4326)), now(), now()
    from village v, generate_series(1, 4) m where v.name like '${P}%' and m <= 1 + v.id % 4`);
  await s.sql(`insert into grid_worker (name, phone, employment, source, active, created_at, updated_at)
    select '${P}员' || i, case when i % 3 = 0 then null else '1390000' || i end, (array['FULL_TIME','PART_TIME'])[1 + i % 2],
           (array['SENT_DOWN_CADRE','SPECIAL_RECRUITMENT','PUBLIC_POST','OTHER'])[1 + i % 4], i % 5 <> 0, now(), now()
    from generate_series(1, 20) i`);
  await s.sql(`insert into grid_worker_grids (grid_worker_id, grid_id)
    select w.id, g.id from (select id, row_number() over (order by id) n from grid_worker where name like '${P}%') w
    join (select id, row_number() over (order by id) n from grid where name like '${P}%') g on g.n % 20 = w.n % 20 or g.n % 7 = w.n % 7
    on conflict do nothing`);
  await s.sql(`insert into party_unit (name, level, kind, village_id, grid_id, members, created_at, updated_at)
    select '${P}党' || g.id || '-' || l, l, 'GRID', null, g.id, 3 * l_n, now(), now()
    from grid g, unnest(array['GROUP','BRANCH','COMMITTEE']) with ordinality x(l, l_n) where g.name like '${P}%' and l_n <= 1 + g.id % 3`);
  await s.sql(`insert into party_unit (name, level, kind, village_id, members, created_at, updated_at)
    select '${P}村党' || v.id, 'GENERAL_BRANCH', 'VILLAGE', v.id, null, now(), now() from village v where v.name like '${P}%'`);
  await s.sql(`update party_unit p set parent_id = (select q.id from party_unit q where q.village_id = (select village_id from grid where id = p.grid_id))
    where p.name like '${P}党%' and p.level = 'GROUP'`);
  const col = async (sql: string) => (await s.sql<{ id: number }>(sql)).map((r) => String(r.id));
  ids = {
    counties: await col(`select id from county where name like '${P}%' order by id`),
    townships: await col(`select id from township where name like '${P}%' order by id`),
    villages: await col(`select id from village where name like '${P}%' order by id`),
    grids: await col(`select id from grid where name like '${P}%' order by id`),
    workers: await col(`select id from grid_worker where name like '${P}%' order by id`),
    units: await col(`select id from party_unit where name like '${P}%' order by id`),
  };
});
afterAll(async () => {
  setCompiledReads(true);
  await s?.close();
});

// A small deterministic generator (the same queries every run).
let seed = 12345;
// Math.imul: a plain `seed * 1103515245` loses its low bits in a double and the sequence falls into a short cycle.
const rnd = () => (seed = (Math.imul(seed, 1103515245) + 12345) & 0x7fffffff) / 0x7fffffff;
const pick = <T>(a: readonly T[]): T => a[Math.floor(rnd() * a.length)]!;
const some = <T>(a: readonly T[], min = 1): T[] => {
  const out = a.filter(() => rnd() < 0.5);
  while (out.length < min) out.push(pick(a));
  return [...new Set(out)];
};

const BASE = ['id', 'version', 'createdAt', 'updatedAt', '__typename'];
const GEO = ['geometry', 'areaM2', 'centroid'];
const TYPES: Record<string, { scalars: string[]; relations: Record<string, string> }> = {
  County: { scalars: [...BASE, 'code', 'name', ...GEO], relations: { townships: 'Township' } },
  Township: {
    scalars: [...BASE, 'code', 'name', 'kind', 'countyId', ...GEO],
    relations: { county: 'County', villages: 'Village' },
  },
  Village: {
    scalars: [...BASE, 'code', 'name', 'kind', 'townshipId', 'households', 'population', 'villagerGroups', ...GEO],
    relations: { township: 'Township', grids: 'Grid', partyUnits: 'PartyUnit' },
  },
  Grid: {
    scalars: [
      ...BASE,
      'code',
      'name',
      'kind',
      'villageId',
      'households',
      'population',
      'workerIds',
      'leaderId',
      ...GEO,
    ],
    relations: {
      village: 'Village',
      leader: 'GridWorker',
      workers: 'GridWorker',
      partyUnit: 'PartyUnit',
      partyUnits: 'PartyUnit',
    },
  },
  GridWorker: {
    scalars: [...BASE, 'name', 'phone', 'employment', 'source', 'active', 'gridIds'],
    relations: { grids: 'Grid' },
  },
  PartyUnit: {
    scalars: [...BASE, 'name', 'level', 'kind', 'members', 'parentId', 'villageId', 'gridId'],
    relations: { parent: 'PartyUnit', children: 'PartyUnit', village: 'Village', grid: 'Grid' },
  },
};

let fragments: string[] = [];
function selection(type: string, depth: number): string {
  const t = TYPES[type]!;
  const parts = some(t.scalars, 1).map((f) => (rnd() < 0.15 ? `a${Math.floor(rnd() * 1e4)}: ${f}` : f));
  if (depth < 3) {
    for (const rel of Object.keys(t.relations))
      if (rnd() < 0.45) parts.push(`${rel} { ${selection(t.relations[rel]!, depth + 1)} }`);
  }
  if (rnd() < 0.15) parts.push(`... on ${type} { id name }`);
  if (rnd() < 0.1) {
    const name = `F${fragments.length}`;
    fragments.push(`fragment ${name} on ${type} { ${some(t.scalars, 1).join(' ')} }`);
    parts.push(`...${name}`);
  }
  return parts.join(' ');
}

const plural: Record<string, string> = {
  County: 'Counties',
  Township: 'Townships',
  Village: 'Villages',
  Grid: 'Grids',
  GridWorker: 'GridWorkers',
  PartyUnit: 'PartyUnits',
};
const SORTS: Record<string, string[]> = {
  County: ['id', 'code', 'name', 'createdAt'],
  Township: ['id', 'code', 'name', 'kind', 'countyId'],
  Village: ['id', 'code', 'name', 'kind', 'households', 'villagerGroups'],
  Grid: ['id', 'code', 'name', 'kind', 'villageId', 'households'],
  GridWorker: ['id', 'name', 'phone', 'employment', 'active'],
  PartyUnit: ['id', 'name', 'level', 'members', 'parentId', 'gridId'],
};
function filterFor(type: string): string {
  const geo = [
    `bbox: [106.0, 37.0, 106.25, 37.6]`,
    `containsPoint: [106.15, 37.52]`,
    `dwithin: { point: [106.1, 37.11], meters: 2000 }`,
  ];
  const options: Record<string, string[]> = {
    County: [`q: "${P}"`, ...geo],
    Township: [`q: "${P}"`, `countyId: "${pick(ids.counties)}"`, `kind: STREET`, ...geo],
    Village: [
      `q: "${P}"`,
      `townshipId: "${pick(ids.townships)}"`,
      `countyId: "${pick(ids.counties)}"`,
      `kind: COMMUNITY`,
      ...geo,
    ],
    Grid: [
      `q: "${P}"`,
      `villageId: "${pick(ids.villages)}"`,
      `hasWorker: ${pick(['true', 'false'])}`,
      `hasPartyUnit: true`,
      `minHouseholds: 60`,
      `maxHouseholds: 120`,
      `workerId: "${pick(ids.workers)}"`,
      `kind: BUILDING`,
      `townshipId: "${pick(ids.townships)}"`,
      ...geo,
    ],
    GridWorker: [
      `q: "${P}"`,
      `active: ${pick(['true', 'false'])}`,
      `employment: FULL_TIME`,
      `villageId: "${pick(ids.villages)}"`,
    ],
    PartyUnit: [
      `q: "${P}"`,
      `level: BRANCH`,
      `root: true`,
      `villageId: "${pick(ids.villages)}"`,
      `gridId: "${pick(ids.grids)}"`,
    ],
  };
  const all = [
    ...options[type]!,
    `ids: [${some(
      ids[
        (
          {
            County: 'counties',
            Township: 'townships',
            Village: 'villages',
            Grid: 'grids',
            GridWorker: 'workers',
            PartyUnit: 'units',
          } as const
        )[type as 'County']
      ],
    )
      .map((i) => `"${i}"`)
      .join(', ')}]`,
  ];
  return `{ ${some(all, 1).slice(0, 2).join(', ')} }`;
}

function rootField(): string {
  const type = pick(Object.keys(TYPES));
  const kind = rnd();
  if (kind < 0.2)
    return `${type}(id: "${pick([...ids[({ County: 'counties', Township: 'townships', Village: 'villages', Grid: 'grids', GridWorker: 'workers', PartyUnit: 'units' } as const)[type as 'County']], '999999', 'x'])}") { ${selection(type, 1)} }`;
  if (kind < 0.3)
    return `gridAt(lng: ${pick([106.035, 106.125, 106.0405, 107])}, lat: 37.11) { ${selection('Grid', 1)} }`;
  const args = [
    `perPage: ${pick([2, 5, 30])}`,
    `page: ${pick([0, 0, 1])}`,
    `sortField: "${pick(SORTS[type]!)}"`,
    `sortOrder: "${pick(['ASC', 'DESC'])}"`,
  ];
  return `all${plural[type]}(${some(args, 0).join(', ')}${rnd() < 0.85 ? `${args.length ? ', ' : ''}filter: ${filterFor(type)}` : ''}) { ${selection(type, 1)} }`;
}

async function both(query: string, variables: Record<string, unknown> = {}) {
  setCompiledReads(false);
  const resolvers = await s.gql(query, variables);
  setCompiledReads(true);
  const compiled = await s.gql(query, variables);
  return { resolvers, compiled };
}

describe('reads compiled to SQL', () => {
  it('answer exactly as the resolvers on 300 generated queries', async () => {
    let nonEmpty = 0;
    const distinct = new Set<string>();
    const before = { ...readStats };
    for (let i = 0; i < 300; i++) {
      fragments = [];
      const roots = Array.from({ length: 1 + Math.floor(rnd() * 2) }, (_, k) => `r${k}: ${rootField()}`);
      const query = `{ ${roots.join(' ')} } ${fragments.join(' ')}`;
      distinct.add(query);
      const { resolvers, compiled } = await both(query);
      expect(JSON.stringify(compiled), query).toBe(JSON.stringify(resolvers));
      if (!resolvers.errors && Object.values(resolvers.data ?? {}).some((v) => (Array.isArray(v) ? v.length : v)))
        nonEmpty++;
    }
    expect(distinct.size).toBe(300);
    expect(nonEmpty).toBeGreaterThan(200);
    // Nearly every root field compiled (the rest: cost-limit refusals and the like).
    expect(readStats.compiled - before.compiled).toBeGreaterThan(350);
    // Most queries compile whole and skip graphql-js's execution (fast-path.ts); the rest mix both paths.
    // (a query text seen before is answered before Apollo: read/fast-path.ts directReads)
    expect(readStats.fast + readStats.direct - before.fast - before.direct).toBeGreaterThan(200);
  });

  it('refuse bad paging, sorting and filters with the same errors', async () => {
    for (const q of [
      `{ allGrids(sortField: "nope") { id } }`,
      `{ allGrids(sortOrder: "UP") { id } }`,
      `{ allVillages(perPage: 0) { id } }`,
      `{ allVillages(page: -1) { id } }`,
      `{ allGrids(filter: { bbox: [1, 2, 0, 1] }) { id } }`,
      `{ gridAt(lng: 500, lat: 1) { id } }`,
      `{ allCounties(filter: { intersects: { type: "Polygon", coordinates: [[[0,0],[1,1],[1,0],[0,1],[0,0]]] } }) { id } }`,
    ]) {
      const { resolvers, compiled } = await both(q);
      expect(resolvers.errors?.length, q).toBe(1);
      expect(compiled, q).toEqual(resolvers);
    }
  });

  it('fall back to the resolvers for fields they do not know, with variables and directives', async () => {
    const q = `query($v: ID!, $yes: Boolean!) { Village(id: $v) { id name coverage { areaM2 } findings { kind } grids { id findings { kind } } }
      allGrids(perPage: 3, filter: { villageId: $v }) { id name @include(if: $yes) workers { name @skip(if: $yes) } }
      mixed: allGrids(perPage: 5, sortField: "name", filter: { q: "${P}" }) { id name village { name township { countyId } } workers { name active } partyUnit { level } } }`;
    const before = { ...readStats };
    const { resolvers, compiled } = await both(q, { v: ids.villages[0], yes: true });
    expect(resolvers.errors).toBeUndefined();
    expect(resolvers.data!.mixed).toHaveLength(5);
    expect(JSON.stringify(compiled)).toBe(JSON.stringify(resolvers));
    expect(readStats.compiled - before.compiled).toBe(1); // `mixed`, beside two roots through the resolvers
  });

  it('send one statement per root field, and none to authenticate a cached token', async () => {
    const q = `{ allVillages(perPage: 100, filter: { q: "${P}" }) { id name township { name county { name } } grids { id name households areaM2 geometry workers { id name } partyUnit { name } partyUnits { id } } }
      gridAt(lng: 106.035, lat: 37.11) { id name village { name township { name county { name } } } workers { id name } }
      Grid(id: "${ids.grids[0]}") { id name households } }`;
    await s.ok(q); // the token is now cached
    let d: Record<string, any> = {};
    const statements = await statementsOf(async () => {
      d = await s.ok(q);
    });
    expect(d.allVillages.length).toBeGreaterThan(5);
    expect(statements, statements.join('\n')).toHaveLength(3);
  });
});

describe('known reads answered before Apollo (read/fast-path.ts directReads)', () => {
  const post = (query: string, variables: Record<string, unknown>, headers: Record<string, string>) =>
    fetch(`${s.base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ query, variables }),
    });
  const answerOf = async (r: Response) => ({
    status: r.status,
    type: r.headers.get('content-type'),
    vary: r.headers.get('vary'),
    body: await r.json(),
  });
  /** The resolvers' answer (compiled reads off: Apollo and graphql-js) beside the direct path's (the text is known by then). */
  async function compare(
    query: string,
    variables: Record<string, unknown>,
    headers: Record<string, string> = s.auth.headers,
  ) {
    setCompiledReads(false);
    const resolvers = await answerOf(await post(query, variables, headers));
    setCompiledReads(true);
    await post(query, variables, s.auth.headers); // Apollo answers it through the compiled path once and remembers the text
    const before = readStats.direct;
    const direct = await answerOf(await post(query, variables, headers));
    return { resolvers, direct, wentDirect: readStats.direct - before };
  }

  // The shapes of the peer bench (Q1–Q4), over this file's records.
  const SHAPES: [string, string, () => Record<string, unknown>][] = [
    [
      'q1',
      `{ allVillages(perPage: 100, sortField: "id", sortOrder: "ASC", filter: { q: "${P}" }) { id name grids { id name households workers { id name } partyUnits { id name } } } }`,
      () => ({}),
    ],
    [
      'q2',
      `query($lng: Float!, $lat: Float!) { gridAt(lng: $lng, lat: $lat) { id name village { name township { name county { name } } } workers { id name } } }`,
      () => ({ lng: 106.035, lat: 37.11 }),
    ],
    [
      'q3',
      `query($bbox: [Float!]) { allGrids(filter: { bbox: $bbox }, perPage: 1000) { id name geometry } }`,
      () => ({ bbox: [106.0, 37.0, 106.25, 37.6] }),
    ],
    ['q4', `query($id: ID!) { Grid(id: $id) { id name households } }`, () => ({ id: ids.grids[1] })],
  ];

  it('answer the bench shapes as the resolvers do, with one statement each and none to sign in', async () => {
    for (const [name, query, vars] of SHAPES) {
      const { resolvers, direct, wentDirect } = await compare(query, vars());
      expect(wentDirect, name).toBe(1);
      expect(direct, name).toEqual(resolvers);
      expect(JSON.stringify(Object.values(direct.body.data)[0]).length, name).toBeGreaterThan(10);
      // Large answers are compressed for a client that accepts it, small ones are not (the compression middleware's threshold).
      const encoding = (await post(query, vars(), { ...s.auth.headers, 'accept-encoding': 'gzip' })).headers.get(
        'content-encoding',
      );
      if (name !== 'q2') expect(encoding, name).toBe(name === 'q4' ? null : 'gzip');
      const statements = await statementsOf(() => post(query, vars(), s.auth.headers).then((r) => r.json()));
      expect(statements, `${name}\n${statements.join('\n')}`).toHaveLength(1);
    }
  });

  it('answer 100 generated queries as the resolvers do, one statement per root field', async () => {
    seed = 777;
    let direct = 0;
    for (let i = 0; i < 100; i++) {
      fragments = [];
      const n = 1 + Math.floor(rnd() * 2);
      const query = `{ ${Array.from({ length: n }, (_, k) => `r${k}: ${rootField()}`).join(' ')} } ${fragments.join(' ')}`;
      const c = await compare(query, {});
      expect(c.direct, query).toEqual(c.resolvers);
      if (!c.wentDirect) continue;
      direct++;
      const statements = await statementsOf(() => post(query, {}, s.auth.headers).then((r) => r.json()));
      // A list filtered by `workerId` or the like may look its ids up first (EntityService.where): at most one more per root.
      expect(statements.length, `${query}\n${statements.join('\n')}`).toBeGreaterThanOrEqual(n);
      expect(statements.length, `${query}\n${statements.join('\n')}`).toBeLessThanOrEqual(2 * n);
    }
    expect(direct).toBeGreaterThan(70);
  });

  it('refuse what Apollo refuses, with the same answer', async () => {
    const q4 = SHAPES[3]![1];
    const cases: [string, Record<string, unknown>, Record<string, string>][] = [
      [q4, { id: ids.grids[0] }, {}], // no credentials
      [q4, { id: ids.grids[0] }, { authorization: 'Bearer not-a-token' }],
      [q4, { id: 'x' }, s.auth.headers], // the argument guard
      [q4, { id: 5 }, s.auth.headers], // an Int for an ID (coerced)
      [q4, {}, s.auth.headers], // a missing variable
      [`query($n: Int) { allGrids(perPage: $n) { id } }`, { n: 100000 }, s.auth.headers], // the protection plugin's measure
      [q4, { id: ids.grids[0] }, { ...s.auth.headers, accept: 'application/graphql-response+json' }],
    ];
    for (const [query, variables, headers] of cases) {
      const { resolvers, direct } = await compare(query, variables, headers);
      expect(direct, `${query} ${JSON.stringify(variables)} ${JSON.stringify(headers)}`).toEqual(resolvers);
    }
    // A coverage-only key may not read grids' households: refused on the direct path as well.
    const key = await s.ok<{ createApiKey: { key: string } }>(
      `mutation { createApiKey(name: "${P}-direct", coverageOnly: true) { key } }`,
    );
    const limited = await compare(q4, { id: ids.grids[0] }, { 'x-api-key': key.createApiKey.key });
    expect(limited.resolvers.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(limited.direct).toEqual(limited.resolvers);
  });
});
