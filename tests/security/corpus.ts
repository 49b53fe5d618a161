/**
 * The hostile-input corpus: generated from the schema (every mutation, every list query and
 * filter, every id, string, page and sort argument) plus hand-written geometry, GraphQL
 * (variables, fragments, aliases, introspection, depth, cost) and transport cases. Each case
 * says which typed codes count as "refused right".
 */
import {
  getNamedType,
  getNullableType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLSchema,
} from 'graphql';
import { offset, rect } from '../helpers/geo';

export type Who = 'admin' | 'analyst' | 'anonymous' | 'coverage';

export interface GqlCase {
  kind: 'graphql';
  batch: string;
  name: string;
  who: Who;
  query: string;
  variables?: Record<string, unknown>;
  /** Typed codes that count as a right refusal. */
  expect: string[];
}

export interface HttpCase {
  kind: 'http';
  batch: string;
  name: string;
  who: Who;
  method: string;
  path: string;
  headers?: Record<string, string>;
  body?: string;
  /** HTTP status and the error code (GraphQL `errors[0].extensions.code` or REST `error.code`). */
  expect: { status: number[]; code: string[] };
}

export type Case = GqlCase | HttpCase;

export interface Fixture {
  countyId: string;
  townshipId: string;
  villageId: string;
  gridId: string;
  gridVersion: number;
  workerId: string;
  partyUnitId: string;
  userId: string;
  apiKeyId: string;
  origin: [number, number];
}

const BAD_IDS: [string, unknown][] = [
  ['letters', 'abc'],
  ['zero', '0'],
  ['negative', '-1'],
  ['hex', '0x14'],
  ['spaces', ' 20 '],
  ['exponent', '2e1'],
  ['beyond int32', '99999999999'],
  ['sql', '1 or 1=1'],
  ['empty', ''],
  ['fraction', '1.5'],
  ['NUL', '1\u0000'],
  ['arabic digits', '٢٠'],
];
const FEW_BAD_IDS = BAD_IDS.filter(([n]) => ['letters', 'beyond int32', 'hex', 'NUL', 'negative'].includes(n));

const LONG = (n: number) => '网'.repeat(n);

/** A GraphQL type as written in a variable definition. */
function typeString(t: GraphQLInputType): string {
  if (isNonNullType(t)) return `${typeString(t.ofType)}!`;
  if (isListType(t)) return `[${typeString(t.ofType)}]`;
  return t.name;
}

/** A placeholder value for a required argument (the hostile one is refused before it matters). */
function placeholder(arg: { name: string; type: GraphQLInputType }, f: Fixture, owner: string): unknown {
  const t = getNullableType(arg.type) as GraphQLInputType;
  if (isListType(t)) return [placeholder({ name: arg.name, type: t.ofType }, f, owner)];
  if (isEnumType(t)) return t.getValues()[0]!.value;
  if (isInputObjectType(t)) {
    const out: Record<string, unknown> = {};
    for (const field of Object.values(t.getFields()))
      if (isNonNullType(field.type)) out[field.name] = placeholder(field, f, owner);
    return out;
  }
  if (isScalarType(t)) {
    switch (t.name) {
      case 'ID': {
        const byName: Record<string, string> = {
          villageId: f.villageId,
          townshipId: f.townshipId,
          countyId: f.countyId,
          gridId: f.gridId,
          workerId: f.workerId,
          partyUnitId: f.partyUnitId,
        };
        if (byName[arg.name]) return byName[arg.name];
        if (/Grid|Gap/.test(owner)) return f.gridId;
        if (/Village/.test(owner)) return f.villageId;
        if (/Township/.test(owner)) return f.townshipId;
        if (/County/.test(owner)) return f.countyId;
        if (/Worker/.test(owner)) return f.workerId;
        if (/PartyUnit/.test(owner)) return f.partyUnitId;
        if (/User/.test(owner)) return f.userId;
        if (/ApiKey/.test(owner)) return f.apiKeyId;
        return '1';
      }
      case 'String':
        return arg.name === 'password' || arg.name === 'newPassword' ? 'a-long-password' : 'x';
      case 'Int':
        return 1;
      case 'Float':
        return 106.2;
      case 'Boolean':
        return true;
      case 'GeoJSON':
        return rect(...offset(...f.origin, 100, 100), 50, 50);
      case 'DateTimeISO':
      case 'Date':
        return new Date().toISOString();
      default:
        return 'x';
    }
  }
  return null;
}

/** A document calling one root field with every argument as a variable. */
function document(
  kind: 'query' | 'mutation',
  field: GraphQLField<unknown, unknown>,
  args: readonly GraphQLArgument[],
): string {
  const defs = args.map((a) => `$${a.name}: ${typeString(a.type)}`).join(', ');
  const call = args.map((a) => `${a.name}: $${a.name}`).join(', ');
  const named = getNamedType(field.type);
  const selection = isObjectType(named) ? ' { __typename }' : '';
  return `${kind}${defs ? `(${defs})` : ''} { ${field.name}${call ? `(${call})` : ''}${selection} }`;
}

/** Column lengths the server enforces (varchar(n) in the migrations). */
const COLUMN: Record<string, number> = { name: 200, code: 32, phone: 32, username: 64, displayName: 100, newName: 200 };

export function buildCorpus(schema: GraphQLSchema, f: Fixture): Case[] {
  const cases: Case[] = [];
  const mutations = Object.values(schema.getMutationType()!.getFields());
  const queries = Object.values(schema.getQueryType()!.getFields());

  // 1. ids and strings of every mutation (admin: nothing but the input can refuse them).
  for (const m of mutations) {
    if (m.name === 'login') continue;
    const required = m.args.filter((a) => isNonNullType(a.type));
    const base = () => Object.fromEntries(required.map((a) => [a.name, placeholder(a, f, m.name)]));
    for (const arg of m.args) {
      const named = getNamedType(arg.type);
      const args = [...new Set([...required, arg])];
      const q = document('mutation', m, args);
      const wrap = (v: unknown) => (isListType(getNullableType(arg.type)) ? [v] : v);
      if (named.name === 'ID') {
        for (const [label, bad] of arg.name === 'id' ? BAD_IDS : FEW_BAD_IDS) {
          cases.push({
            kind: 'graphql',
            batch: 'ids',
            name: `${m.name}(${arg.name}: ${label})`,
            who: 'admin',
            query: q,
            variables: { ...base(), [arg.name]: wrap(bad) },
            expect: ['BAD_USER_INPUT'],
          });
        }
      } else if (named.name === 'String') {
        const max = COLUMN[arg.name] ?? 1000;
        cases.push({
          kind: 'graphql',
          batch: 'strings',
          name: `${m.name}(${arg.name}: ${max + 1} characters)`,
          who: 'admin',
          query: q,
          variables: { ...base(), [arg.name]: LONG(max + 1) },
          expect: ['BAD_USER_INPUT'],
        });
        cases.push({
          kind: 'graphql',
          batch: 'strings',
          name: `${m.name}(${arg.name}: NUL)`,
          who: 'admin',
          query: q,
          variables: { ...base(), [arg.name]: 'a\u0000b' },
          expect: ['BAD_USER_INPUT'],
        });
      } else if (named.name === 'Int' && !['version'].includes(arg.name)) {
        cases.push({
          kind: 'graphql',
          batch: 'strings',
          name: `${m.name}(${arg.name}: 2^31)`,
          who: 'admin',
          query: q,
          variables: { ...base(), [arg.name]: 2 ** 31 },
          expect: ['BAD_USER_INPUT'],
        });
      }
    }
  }

  // 2. every list query: q, sort, page, perPage, ids and every id filter.
  for (const qf of queries) {
    const filterArg = qf.args.find((a) => a.name === 'filter');
    if (!filterArg) continue;
    const q = document('query', qf, qf.args);
    const filterType = getNamedType(filterArg.type);
    // Users and keys are for administrators: an analyst gets FORBIDDEN before any argument matters.
    const who: Who = /User|ApiKey/.test(qf.name) ? 'admin' : 'analyst';
    const listCase = (name: string, variables: Record<string, unknown>, expect = ['BAD_USER_INPUT']) =>
      cases.push({ kind: 'graphql', batch: 'filters', name: `${qf.name}(${name})`, who, query: q, variables, expect });
    const meta = qf.name.startsWith('_'); // _allXMeta counts: it takes the list arguments but ignores sort and page size
    listCase('q: 201 characters', { filter: { q: 'x'.repeat(201) } });
    listCase('q: 100,000 characters', { filter: { q: 'x'.repeat(100_000) } });
    listCase('q: NUL', { filter: { q: 'a\u0000' } });
    if (!meta) {
      for (const sf of [
        'constructor',
        '__proto__',
        'toString',
        'hasOwnProperty',
        'id; drop table grid',
        'e.id desc, (select 1)',
      ])
        listCase(`sortField: ${sf}`, { sortField: sf });
      listCase('sortOrder: sideways', { sortOrder: 'sideways' });
      listCase('perPage: 0', { perPage: 0 });
      listCase('perPage: 1001', { perPage: 1001 });
    }
    listCase('page: -1', { page: -1 });
    listCase('perPage: 2^31', { perPage: 2 ** 31 });
    if (isInputObjectType(filterType)) {
      for (const field of Object.values(filterType.getFields())) {
        if (getNamedType(field.type).name !== 'ID') continue;
        const list = isListType(getNullableType(field.type));
        for (const [label, bad] of FEW_BAD_IDS)
          listCase(`filter.${field.name}: ${label}`, { filter: { [field.name]: list ? [bad] : bad } });
      }
      for (const field of Object.values(filterType.getFields())) {
        if (getNamedType(field.type).name !== 'String' || field.name === 'q') continue;
        listCase(`filter.${field.name}: NUL`, { filter: { [field.name]: 'a\u0000' } });
      }
    }
  }
  // Single-record queries and other id arguments of queries.
  for (const qf of queries) {
    for (const arg of qf.args) {
      if (getNamedType(arg.type).name !== 'ID' || qf.args.some((a) => a.name === 'filter')) continue;
      // A query with other required arguments (gridsBesideGap's lng, lat) cannot be asked with the id alone.
      if (qf.args.some((a) => a !== arg && isNonNullType(a.type))) continue;
      const q = document('query', qf, [arg]);
      const who: Who = /User|ApiKey/.test(qf.name) ? 'admin' : 'analyst';
      for (const [label, bad] of FEW_BAD_IDS) {
        cases.push({
          kind: 'graphql',
          batch: 'ids',
          name: `${qf.name}(${arg.name}: ${label})`,
          who,
          query: q,
          variables: { [arg.name]: bad },
          expect: ['BAD_USER_INPUT'],
        });
      }
    }
  }

  // 3. geometry, through the grid editing mutations and the spatial filters.
  const o = f.origin;
  const sq = (lng: number, lat: number, d = 0.001) => [
    [lng, lat],
    [lng + d, lat],
    [lng + d, lat + d],
    [lng, lat + d],
    [lng, lat],
  ];
  const [x, y] = offset(...o, 100, 100);
  const bad: [string, unknown][] = [
    ['a string', 'POLYGON((0 0,1 0,1 1,0 0))'],
    ['a number', 42],
    ['an array', []],
    ['an empty object', {}],
    ['type only', { type: 'Polygon' }],
    ['coordinates only', { coordinates: [sq(x, y)] }],
    ['type __proto__', { type: '__proto__', coordinates: [] }],
    ['type constructor', { type: 'constructor', coordinates: [sq(x, y)] }],
    ['a Point', { type: 'Point', coordinates: [x, y] }],
    [
      'a LineString',
      {
        type: 'LineString',
        coordinates: [
          [x, y],
          [x + 0.001, y],
        ],
      },
    ],
    ['a Feature', { type: 'Feature', geometry: { type: 'Polygon', coordinates: [sq(x, y)] } }],
    ['coordinates as strings', { type: 'Polygon', coordinates: [sq(x, y).map(([a, b]) => [String(a), String(b)])] }],
    ['null coordinates', { type: 'Polygon', coordinates: null }],
    ['too shallow', { type: 'Polygon', coordinates: sq(x, y) }],
    ['too deep', { type: 'Polygon', coordinates: [[sq(x, y)]] }],
    ['longitude 181', { type: 'Polygon', coordinates: [sq(181, y)] }],
    ['latitude 91', { type: 'Polygon', coordinates: [sq(x, 91)] }],
    [
      'latitude 1e300',
      {
        type: 'Polygon',
        coordinates: [
          [
            [x, 1e300],
            [x + 0.001, y],
            [x, y + 0.001],
            [x, 1e300],
          ],
        ],
      },
    ],
    ['lat/lng swapped', { type: 'Polygon', coordinates: [sq(y, x)] }],
    ['Beijing', { type: 'Polygon', coordinates: [sq(116.4, 39.9)] }],
    [
      'the whole world',
      {
        type: 'Polygon',
        coordinates: [
          [
            [-180, -90],
            [180, -90],
            [180, 90],
            [-180, 90],
            [-180, -90],
          ],
        ],
      },
    ],
    ['unclosed ring', { type: 'Polygon', coordinates: [sq(x, y).slice(0, 4)] }],
    [
      '3 positions',
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
    ],
    ['empty ring', { type: 'Polygon', coordinates: [[]] }],
    ['empty polygon', { type: 'Polygon', coordinates: [] }],
    ['empty multipolygon', { type: 'MultiPolygon', coordinates: [] }],
    [
      'one point repeated',
      {
        type: 'Polygon',
        coordinates: [
          [
            [x, y],
            [x, y],
            [x, y],
            [x, y],
          ],
        ],
      },
    ],
    [
      'collinear',
      {
        type: 'Polygon',
        coordinates: [
          [
            [x, y],
            [x + 0.001, y],
            [x + 0.002, y],
            [x, y],
          ],
        ],
      },
    ],
    [
      'bowtie',
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
    ],
    ['hole outside the shell', { type: 'Polygon', coordinates: [sq(x, y), sq(x + 0.01, y + 0.01, 0.0002)] }],
    ['overlapping parts', { type: 'MultiPolygon', coordinates: [[sq(x, y)], [sq(x + 0.0005, y + 0.0005)]] }],
    ['4-D positions', { type: 'Polygon', coordinates: [sq(x, y).map(([a, b]) => [a, b, 1, 2])] }],
    ['1-D positions', { type: 'Polygon', coordinates: [sq(x, y).map(([a]) => [a])] }],
  ];
  const G = `mutation($g: GeoJSON!, $v: ID!) { createGrid(villageId: $v, name: "hostile", geometry: $g) { id } }`;
  const U = `mutation($g: GeoJSON, $id: ID!) { updateGrid(id: $id, geometry: $g) { id } }`;
  const B = `mutation($g: GeoJSON!, $id: ID!) { updateGridBoundary(id: $id, geometry: $g) { id } }`;
  const geometryCodes = ['BAD_GEOMETRY', 'BAD_USER_INPUT'];
  for (const [label, g] of bad) {
    cases.push({
      kind: 'graphql',
      batch: 'geometry',
      name: `createGrid(geometry: ${label})`,
      who: 'admin',
      query: G,
      variables: { g, v: f.villageId },
      expect: geometryCodes,
    });
    cases.push({
      kind: 'graphql',
      batch: 'geometry',
      name: `updateGrid(geometry: ${label})`,
      who: 'admin',
      query: U,
      variables: { g, id: f.gridId },
      expect: geometryCodes,
    });
    cases.push({
      kind: 'graphql',
      batch: 'geometry',
      name: `updateGridBoundary(geometry: ${label})`,
      who: 'admin',
      query: B,
      variables: { g, id: f.gridId },
      expect: geometryCodes,
    });
    // Any geometry may be intersected (a point, a line, far away, the world): only broken ones are refused.
    if (
      ![
        'a Point',
        'a LineString',
        'Beijing',
        'the whole world',
        'lat/lng swapped',
        'overlapping parts',
        'hole outside the shell',
        'collinear',
        'one point repeated',
        'bowtie',
      ].includes(label)
    )
      cases.push({
        kind: 'graphql',
        batch: 'geometry',
        name: `allGrids(filter.intersects: ${label})`,
        who: 'analyst',
        query: `query($g: GeoJSON) { allGrids(filter: { intersects: $g }) { id } }`,
        variables: { g },
        expect: geometryCodes,
      });
  }
  const S = `mutation($l: GeoJSON!, $id: ID!) { splitGrid(id: $id, line: $l) { id } }`;
  const lines: [string, unknown][] = [
    [
      'inside only',
      {
        type: 'LineString',
        coordinates: [
          [x + 0.0001, y + 0.0001],
          [x + 0.0002, y + 0.0002],
        ],
      },
    ],
    [
      'far away',
      {
        type: 'LineString',
        coordinates: [
          [116.4, 39.9],
          [116.5, 39.9],
        ],
      },
    ],
    ['a polygon', { type: 'Polygon', coordinates: [sq(x, y)] }],
    ['one position', { type: 'LineString', coordinates: [[x, y]] }],
    ['empty', { type: 'LineString', coordinates: [] }],
    [
      'strings',
      {
        type: 'LineString',
        coordinates: [
          ['a', 'b'],
          ['c', 'd'],
        ],
      },
    ],
    [
      'out of range',
      {
        type: 'LineString',
        coordinates: [
          [x, 95],
          [x, 96],
        ],
      },
    ],
  ];
  for (const [label, l] of lines)
    cases.push({
      kind: 'graphql',
      batch: 'geometry',
      name: `splitGrid(line: ${label})`,
      who: 'admin',
      query: S,
      variables: { l, id: f.gridId },
      expect: geometryCodes,
    });
  for (const [label, filter] of [
    ['bbox of 3', { bbox: [1, 2, 3] }],
    ['bbox min > max', { bbox: [107, 38, 106, 37] }],
    ['containsPoint of 1', { containsPoint: [106] }],
    ['dwithin negative', { dwithin: { point: [106.2, 37.9], meters: -5 } }],
    ['dwithin point of 3', { dwithin: { point: [1, 2, 3], meters: 5 } }],
  ] as const) {
    cases.push({
      kind: 'graphql',
      batch: 'geometry',
      name: `allGrids(filter: ${label})`,
      who: 'analyst',
      query: `query($f: GridFilter) { allGrids(filter: $f) { id } }`,
      variables: { f: filter },
      expect: geometryCodes,
    });
  }

  // 4. GraphQL: variables, fragments, aliases, introspection, depth, cost.
  const g = (name: string, who: Who, query: string, expect: string[], variables?: Record<string, unknown>) =>
    cases.push({ kind: 'graphql', batch: 'graphql', name, who, query, variables, expect });
  const bomb = (n: number, leaf = '__typename') =>
    [
      'query { ...F0 }',
      ...Array.from({ length: n }, (_, i) => `fragment F${i} on Query { ...F${i + 1} ...F${i + 1} }`),
      `fragment F${n} on Query { ${leaf} }`,
    ].join('\n');
  for (const who of ['anonymous', 'analyst'] as const) {
    g(`fragment bomb 30 levels (${who})`, who, bomb(30), ['COST_LIMIT_EXCEEDED']);
    g(`fragment bomb 60 levels (${who})`, who, bomb(60), ['COST_LIMIT_EXCEEDED']);
    g(
      `2,000 __typename aliases (${who})`,
      who,
      `{ ${Array.from({ length: 2000 }, (_, i) => `a${i}: __typename`).join(' ')} }`,
      ['ALIAS_LIMIT_EXCEEDED'],
    );
    g(
      `fragment cycle (${who})`,
      who,
      'query { ...A } fragment A on Query { ...B } fragment B on Query { ...A }',
      who === 'anonymous' ? ['GRAPHQL_VALIDATION_FAILED', 'UNAUTHENTICATED'] : ['GRAPHQL_VALIDATION_FAILED'],
    );
    g(`12,000 tokens (${who})`, who, `{ ${Array.from({ length: 12000 }, () => '__typename').join(' ')} }`, [
      'GRAPHQL_PARSE_FAILED',
    ]);
  }
  g(
    '9,000 __typename without aliases (anonymous)',
    'anonymous',
    `{ ${Array.from({ length: 9000 }, () => '__typename').join(' ')} }`,
    ['COST_LIMIT_EXCEEDED'],
  );
  g(
    '2,000 copies of one field (validation would compare them pairwise)',
    'analyst',
    `{ ${Array.from({ length: 2000 }, () => '_allCountiesMeta { count }').join(' ')} }`,
    ['COST_LIMIT_EXCEEDED'],
  );
  g(
    '60 spreads of one fragment in one selection',
    'analyst',
    `{ ${Array.from({ length: 60 }, () => '...F').join(' ')} } fragment F on Query { __typename }`,
    ['COST_LIMIT_EXCEEDED'],
  );
  g('fragment bomb over a field needing credentials (anonymous)', 'anonymous', bomb(30, '_allGridsMeta { count }'), [
    'UNAUTHENTICATED',
  ]);
  g('anonymous introspection', 'anonymous', '{ __schema { types { name } } }', ['UNAUTHENTICATED']);
  g('anonymous __type', 'anonymous', '{ __type(name: "User") { name } }', ['UNAUTHENTICATED']);
  g(
    'anonymous introspection in an inline fragment',
    'anonymous',
    '{ ... on Query { __schema { queryType { name } } } }',
    ['UNAUTHENTICATED'],
  );
  g('anonymous misspelt field', 'anonymous', '{ allUser { id } }', ['UNAUTHENTICATED']);
  g(
    'anonymous mutation hidden in a fragment',
    'anonymous',
    'mutation { ...M } fragment M on Mutation { deleteGrid(id: 1) { id } }',
    ['UNAUTHENTICATED'],
  );
  g(
    'anonymous login next to a query',
    'anonymous',
    'mutation { login(username: "a", password: "b") { token } deleteGrid(id: 1) { id } }',
    ['UNAUTHENTICATED'],
  );
  const full =
    '__schema { types { name fields { name args { name type { name ofType { name } } } type { name ofType { name } } } } }';
  g('31 aliased __schema', 'analyst', `{ ${Array.from({ length: 31 }, (_, i) => `s${i}: ${full}`).join(' ')} }`, [
    'ALIAS_LIMIT_EXCEEDED',
  ]);
  g('20 aliased __schema', 'analyst', `{ ${Array.from({ length: 20 }, (_, i) => `s${i}: ${full}`).join(' ')} }`, [
    'COST_LIMIT_EXCEEDED',
  ]);
  g(
    'introspection 12 ofType levels deep in fields',
    'analyst',
    `{ __schema { types { fields { type { fields { type { fields { type { fields { type { fields { name } } } } } } } } } } } }`,
    ['DEPTH_LIMIT_EXCEEDED', 'COST_LIMIT_EXCEEDED'],
  );
  g(
    '31 aliases, nested',
    'analyst',
    `{ allCounties(perPage: 1) { ${Array.from({ length: 31 }, (_, i) => `n${i}: name`).join(' ')} } }`,
    ['ALIAS_LIMIT_EXCEEDED'],
  );
  g(
    'depth 11',
    'analyst',
    '{ allCounties(perPage: 1) { townships { county { townships { county { townships { county { townships { county { townships { id } } } } } } } } } } }',
    ['DEPTH_LIMIT_EXCEEDED', 'COST_LIMIT_EXCEEDED'],
  );
  g(
    'depth 11 through fragments',
    'analyst',
    '{ allCounties(perPage: 1) { ...A } } fragment A on County { townships { county { ...B } } } fragment B on County { townships { county { townships { county { townships { county { townships { county { id } } } } } } } } }',
    ['DEPTH_LIMIT_EXCEEDED', 'COST_LIMIT_EXCEEDED'],
  );
  g(
    'cost through a variable default',
    'analyst',
    'query($p: Int = 1000) { allVillages(perPage: $p) { grids { workers { grids { id } } } } }',
    ['COST_LIMIT_EXCEEDED'],
  );
  g(
    'cost through a variable',
    'analyst',
    'query($p: Int) { allVillages(perPage: $p) { grids { workers { grids { id } } } } }',
    ['COST_LIMIT_EXCEEDED'],
    { p: 1000 },
  );
  g('perPage 1001 through a default', 'analyst', 'query($p: Int = 1001) { allVillages(perPage: $p) { id } }', [
    'BAD_USER_INPUT',
  ]);
  g(
    'cost in a fragment spread 4 times',
    'analyst',
    '{ ...A ...A ...A ...A } fragment A on Query { allVillages(perPage: 1000) { grids { workers { id } } } }',
    ['COST_LIMIT_EXCEEDED'],
  );
  g('a variable of the wrong type', 'analyst', 'query($id: ID!) { Grid(id: $id) { id } }', ['BAD_USER_INPUT'], {
    id: { nested: true },
  });
  g('a missing required variable', 'analyst', 'query($id: ID!) { Grid(id: $id) { id } }', ['BAD_USER_INPUT']);
  g(
    'an Int variable given a string',
    'analyst',
    'query($p: Int) { allGrids(perPage: $p) { id } }',
    ['BAD_USER_INPUT'],
    { p: '10' },
  );
  g('an Int variable beyond int32', 'analyst', 'query($p: Int) { allGrids(page: $p) { id } }', ['BAD_USER_INPUT'], {
    p: 2 ** 40,
  });
  g('an enum given as a string literal', 'analyst', '{ allGrids(filter: { kind: "BUILDING" }) { id } }', [
    'GRAPHQL_VALIDATION_FAILED',
  ]);
  g(
    'an unknown enum variable',
    'analyst',
    'query($k: GridKind) { allGrids(filter: { kind: $k }) { id } }',
    ['BAD_USER_INPUT'],
    { k: 'CASTLE' },
  );
  g('a literal id beyond int32', 'analyst', '{ Grid(id: 99999999999) { id } }', ['BAD_USER_INPUT']);
  g('a literal NUL in q', 'analyst', '{ allGrids(filter: { q: "a\\u0000" }) { id } }', ['BAD_USER_INPUT']);
  g('unknown fragment', 'analyst', '{ ...Nope }', ['GRAPHQL_VALIDATION_FAILED']);
  g('fragment on a wrong type', 'analyst', '{ ...A } fragment A on Grid { id }', ['GRAPHQL_VALIDATION_FAILED']);
  g(
    '500 unknown directives',
    'analyst',
    `{ __typename ${Array.from({ length: 500 }, (_, i) => `@d${i}`).join(' ')} }`,
    ['GRAPHQL_VALIDATION_FAILED'],
  );
  g('a subscription', 'analyst', 'subscription { x }', ['BAD_REQUEST', 'GRAPHQL_VALIDATION_FAILED']);
  g('two anonymous operations', 'analyst', '{ __typename } { __typename }', ['GRAPHQL_VALIDATION_FAILED']);
  g('an empty document', 'analyst', '', ['BAD_REQUEST']);
  g('a syntax error', 'analyst', '{ allGrids( }', ['GRAPHQL_PARSE_FAILED']);
  g('admin-only field for an analyst', 'analyst', '{ allUsers { id } }', ['FORBIDDEN']);
  g('admin-only field in a fragment', 'analyst', '{ ...A } fragment A on Query { allApiKeys { id } }', ['FORBIDDEN']);
  g('a write for an analyst', 'analyst', 'mutation { deleteGrid(id: 1) { id } }', ['FORBIDDEN']);
  g(
    'coverage-only: workers through findings',
    'coverage',
    '{ allCoverageFindings(perPage: 1) { village { township { county { townships { villages { grids { workers { name phone } } } } } } } } }',
    ['FORBIDDEN'],
  );
  g(
    'coverage-only: grids through a fragment',
    'coverage',
    '{ gridAt(lng: 106.2, lat: 37.98) { ...G } } fragment G on Grid { village { grids { name } } }',
    ['FORBIDDEN'],
  );
  g('coverage-only: allGrids', 'coverage', '{ allGrids { id } }', ['FORBIDDEN']);
  g('coverage-only: introspection', 'coverage', '{ __schema { types { name } } }', ['FORBIDDEN']);
  g('non-admin audit of users', 'analyst', '{ allAuditEvents(filter: { recordType: "User" }, perPage: 1) { id } }', [
    'EMPTY',
  ]);
  g(
    'non-admin audit of api keys',
    'analyst',
    '{ allAuditEvents(filter: { recordType: "ApiKey" }, perPage: 1) { id } }',
    ['EMPTY'],
  );

  // 5. transport.
  const h = (
    name: string,
    who: Who,
    method: string,
    path: string,
    status: number[],
    code: string[],
    extra: Partial<HttpCase> = {},
  ) => cases.push({ kind: 'http', batch: 'transport', name, who, method, path, expect: { status, code }, ...extra });
  const json = { 'content-type': 'application/json' };
  h('batched array', 'analyst', 'POST', '/graphql', [400], ['BAD_REQUEST'], {
    headers: json,
    body: JSON.stringify([{ query: '{ __typename }' }, { query: '{ __typename }' }]),
  });
  h(
    'GET mutation',
    'admin',
    'GET',
    `/graphql?query=${encodeURIComponent('mutation { deleteGrid(id: 1) { id } }')}`,
    [405],
    ['BAD_REQUEST'],
    { headers: { 'apollo-require-preflight': '1' } },
  );
  h(
    'GET without a preflight header',
    'analyst',
    'GET',
    `/graphql?query=${encodeURIComponent('{ __typename }')}`,
    [400],
    ['BAD_REQUEST'],
  );
  h('text/plain POST', 'analyst', 'POST', '/graphql', [400], ['BAD_REQUEST'], {
    headers: { 'content-type': 'text/plain' },
    body: '{"query":"{ __typename }"}',
  });
  h('form POST', 'analyst', 'POST', '/graphql', [400], ['BAD_REQUEST'], {
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: 'query=%7B__typename%7D',
  });
  h('invalid JSON', 'analyst', 'POST', '/graphql', [400], ['BAD_REQUEST'], { headers: json, body: '{"query": ' });
  h('literal NaN in JSON', 'analyst', 'POST', '/graphql', [400], ['BAD_REQUEST'], {
    headers: json,
    body: '{"query":"{ __typename }","variables":{"x":NaN}}',
  });
  h('6 MB body', 'analyst', 'POST', '/graphql', [413], ['PAYLOAD_TOO_LARGE'], {
    headers: json,
    body: JSON.stringify({ query: '{ __typename }', variables: { x: 'x'.repeat(6 * 1024 * 1024) } }),
  });
  h('deep JSON nesting', 'analyst', 'POST', '/graphql', [400, 200], ['BAD_GEOMETRY', 'BAD_USER_INPUT', 'BAD_REQUEST'], {
    headers: json,
    body: `{"query":"query($g: GeoJSON) { allGrids(filter: { intersects: $g }) { id } }","variables":{"g":${'['.repeat(100_000)}${']'.repeat(100_000)}}}`,
  });
  h(
    'GET with repeated query',
    'analyst',
    'GET',
    `/graphql?query=${encodeURIComponent('{ __typename }')}&query=x`,
    [400],
    ['BAD_REQUEST'],
    { headers: { 'apollo-require-preflight': '1' } },
  );
  h('bad bearer', 'anonymous', 'POST', '/graphql', [401], ['UNAUTHENTICATED'], {
    headers: { ...json, authorization: 'Bearer garbage' },
    body: JSON.stringify({ query: '{ __typename }' }),
  });
  h('Basic auth', 'anonymous', 'POST', '/graphql', [401], ['UNAUTHENTICATED'], {
    headers: { ...json, authorization: 'Basic YTpi' },
    body: JSON.stringify({ query: '{ __typename }' }),
  });
  for (const layer of ['map/grids', 'map/villages', 'coverage/findings']) {
    h(
      `/api/${layer} repeated bbox`,
      'analyst',
      'GET',
      `/api/${layer}.geojson?bbox=1,2,3,4&bbox=5,6,7,8`,
      [400],
      ['BAD_USER_INPUT'],
    );
    h(
      `/api/${layer} repeated countyId`,
      'analyst',
      'GET',
      `/api/${layer}.geojson?countyId=1&countyId=2`,
      [400],
      ['BAD_USER_INPUT'],
    );
    h(
      `/api/${layer} repeated kind`,
      'analyst',
      'GET',
      `/api/${layer}.geojson?kind=OVERLAP&kind=SPILL`,
      [400],
      ['BAD_USER_INPUT'],
    );
    h(`/api/${layer} bad bbox`, 'analyst', 'GET', `/api/${layer}.geojson?bbox=a,b,c,d`, [400], ['BAD_USER_INPUT']);
    h(
      `/api/${layer} bad countyId`,
      'analyst',
      'GET',
      `/api/${layer}.geojson?countyId=1%20or%201=1`,
      [400],
      ['BAD_USER_INPUT'],
    );
    h(`/api/${layer} bad tolerance`, 'analyst', 'GET', `/api/${layer}.geojson?tolerance=-1`, [400], ['BAD_USER_INPUT']);
    h(`/api/${layer} anonymous`, 'anonymous', 'GET', `/api/${layer}.geojson`, [401], ['UNAUTHENTICATED']);
  }
  h('/api/map coverage-only', 'coverage', 'GET', '/api/map/grids.geojson', [403], ['FORBIDDEN']);
  h(
    '/api/coverage unknown kind',
    'analyst',
    'GET',
    '/api/coverage/findings.geojson?kind=CASTLE',
    [400],
    ['BAD_USER_INPUT'],
  );
  return cases;
}
