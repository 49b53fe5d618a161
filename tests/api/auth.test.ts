import {
  getIntrospectionQuery,
  buildClientSchema,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLSchema,
} from 'graphql';
import { MikroORM } from '@mikro-orm/postgresql';
import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { ormConfig } from '../../server/src/db/mikro-orm.config';
import { createUnitChain } from '../helpers/fixture';
import { LITONG, offset, rect } from '../helpers/geo';
import { startServer, tableCounts, type TestServer } from '../helpers/server';

let s: TestServer;
let schema: GraphQLSchema;

beforeAll(async () => {
  s = await startServer();
  schema = buildClientSchema((await s.ok(getIntrospectionQuery())) as never);
});
afterAll(() => s.close());

/** A valid document calling one root field with placeholder arguments. */
function documentFor(kind: 'query' | 'mutation', field: GraphQLField<unknown, unknown>): string {
  const value = (type: GraphQLInputType): string => {
    if (isNonNullType(type)) return value(type.ofType);
    if (isListType(type)) return '[]';
    if (isEnumType(type)) return type.getValues()[0]!.name;
    if (isInputObjectType(type)) {
      const required = Object.values(type.getFields()).filter((f) => isNonNullType(f.type));
      return `{ ${required.map((f) => `${f.name}: ${value(f.type)}`).join(', ')} }`;
    }
    if (isScalarType(type))
      return (
        (
          {
            Int: '1',
            Float: '1.5',
            Boolean: 'true',
            GeoJSON: '{ type: "Point", coordinates: [106.2, 37.98] }',
          } as Record<string, string>
        )[type.name] ?? '"1"'
      );
    return '"1"';
  };
  const args = field.args.filter((a) => isNonNullType(a.type)).map((a) => `${a.name}: ${value(a.type)}`);
  let t = field.type;
  while (isNonNullType(t) || isListType(t)) t = t.ofType;
  const selection = isObjectType(t) ? ' { __typename }' : '';
  return `${kind} { ${field.name}${args.length ? `(${args.join(', ')})` : ''}${selection} }`;
}

const rootFields = (kind: 'query' | 'mutation') =>
  Object.values((kind === 'query' ? schema.getQueryType() : schema.getMutationType())!.getFields());
const code = (r: { errors?: { extensions?: { code?: string } }[] }) => r.errors?.[0]?.extensions?.code;

describe('without credentials', () => {
  it('every GraphQL operation except login is refused with UNAUTHENTICATED, and nothing is written', async () => {
    const before = await tableCounts(s);
    const all = [
      ...rootFields('query').map((f) => ['query', f] as const),
      ...rootFields('mutation').map((f) => ['mutation', f] as const),
    ];
    expect(all.length).toBeGreaterThan(40);
    for (const [kind, field] of all) {
      if (field.name === 'login') continue;
      const r = await s.gql(documentFor(kind, field), {}, {});
      expect(code(r), `${kind} ${field.name}`).toBe('UNAUTHENTICATED');
    }
    expect(await tableCounts(s)).toEqual(before);
    const intro = await s.gql(getIntrospectionQuery(), {}, {});
    expect(code(intro)).toBe('UNAUTHENTICATED');
  });

  it('every data endpoint is refused; /healthz and the IDE page answer', async () => {
    for (const path of [
      'coverage/uncovered',
      'coverage/overlaps',
      'coverage/findings',
      'map/counties',
      'map/townships',
      'map/villages',
      'map/grids',
      'map/uncovered',
      'map/overlaps',
    ]) {
      const res = await fetch(`${s.base}/api/${path}.geojson`);
      expect(res.status, path).toBe(401);
      expect((await res.json()).error.code).toBe('UNAUTHENTICATED');
    }
    expect((await fetch(`${s.base}/healthz`)).status).toBe(200);
  });
});

describe('roles', () => {
  let analyst: Record<string, string>;
  beforeAll(async () => {
    analyst = await s.signIn('test-analyst', 'ANALYST');
  });

  it('an analyst reads every query but every mutation except changePassword is FORBIDDEN', async () => {
    const read = await s.gql(`{ _allGridsMeta { count } coverage { units } me { username role } }`, {}, analyst);
    expect(read.errors).toBeUndefined();
    expect(read.data!.me).toEqual({ username: 'test-analyst', role: 'ANALYST' });
    for (const field of rootFields('mutation')) {
      if (['login', 'changePassword'].includes(field.name)) continue;
      expect(code(await s.gql(documentFor('mutation', field), {}, analyst)), field.name).toBe('FORBIDDEN');
    }
    for (const adminOnly of ['{ allUsers { id } }', '{ allApiKeys { id } }'])
      expect(code(await s.gql(adminOnly, {}, analyst))).toBe('FORBIDDEN');
  });

  it('a service key reads (gridAt included) and writes nothing; a coverage-only key is limited; a revoked key stops working', async () => {
    const made = await s.ok(
      `mutation { createApiKey(name: "gis-portal") { id key prefix } limited: createApiKey(name: "map", coverageOnly: true) { id key } }`,
    );
    const key = { authorization: `ApiKey ${made.createApiKey.key}` };
    const limited = { 'x-api-key': made.limited.key };
    expect(
      (await s.gql(`{ gridAt(lng: 106.2, lat: 37.98) { id } _allGridsMeta { count } }`, {}, key)).errors,
    ).toBeUndefined();
    expect(code(await s.gql(`mutation { createCounty(code: "649999", name: "x") { id } }`, {}, key))).toBe('FORBIDDEN');
    expect(
      (await s.gql(`{ gridAt(lng: 106.2, lat: 37.98) { id } coverage { units } }`, {}, limited)).errors,
    ).toBeUndefined();
    expect(code(await s.gql(`{ allGrids { id } }`, {}, limited))).toBe('FORBIDDEN');
    expect((await fetch(`${s.base}/api/coverage/findings.geojson`, { headers: key })).status).toBe(200);
    // The key is stored only as a hash.
    const [row] = await s.sql<{ key_hash: string }>('select key_hash from api_key where id = ?', [
      Number(made.createApiKey.id),
    ]);
    // The secret is everything after the second underscore (base64url may hold `_` itself).
    const secret = (made.createApiKey.key as string).split('_').slice(2).join('_');
    expect(secret.length).toBeGreaterThanOrEqual(32);
    expect(row!.key_hash).not.toContain(secret);

    await s.ok(`mutation($id: ID!) { revokeApiKey(id: $id) { revokedAt } }`, { id: made.createApiKey.id });
    expect(code(await s.gql(`{ _allGridsMeta { count } }`, {}, key))).toBe('UNAUTHENTICATED');
    expect((await fetch(`${s.base}/api/coverage/findings.geojson`, { headers: key })).status).toBe(401);
  });
});

describe('an editor of one county', () => {
  const litong = offset(...LITONG, -30_000, -20_000);
  const tongxin = offset(...LITONG, -30_000, -40_000);
  let a: Awaited<ReturnType<typeof createUnitChain>>;
  let b: Awaited<ReturnType<typeof createUnitChain>>;
  let editor: Record<string, string>;
  let gridA: string;
  let gridB: string;

  beforeAll(async () => {
    a = await createUnitChain(s, litong, 1000);
    b = await createUnitChain(s, tongxin, 1000);
    gridA = (
      await s.ok(`mutation($v: ID!, $g: GeoJSON!) { createGrid(villageId: $v, name: "甲", geometry: $g) { id } }`, {
        v: a.villageId,
        g: rect(...litong, 500, 500),
      })
    ).createGrid.id;
    gridB = (
      await s.ok(`mutation($v: ID!, $g: GeoJSON!) { createGrid(villageId: $v, name: "乙", geometry: $g) { id } }`, {
        v: b.villageId,
        g: rect(...tongxin, 500, 500),
      })
    ).createGrid.id;
    editor = await s.signIn('test-editor', 'EDITOR', { countyIds: [Number(a.countyId)] });
  });

  it('edits a grid of its county, and gets FORBIDDEN with nothing written for a grid of another county', async () => {
    const ok = await s.gql(
      `mutation($id: ID!) { updateGrid(id: $id, name: "甲（改）") { name } }`,
      { id: gridA },
      editor,
    );
    expect(ok.errors).toBeUndefined();
    const before = await tableCounts(s);
    const no = await s.gql(
      `mutation($id: ID!) { updateGrid(id: $id, name: "乙（改）") { name } }`,
      { id: gridB },
      editor,
    );
    expect(code(no)).toBe('FORBIDDEN');
    expect((await s.ok(`query($id: ID!) { Grid(id: $id) { name version } }`, { id: gridB })).Grid).toEqual({
      name: '乙',
      version: 1,
    });
    expect(await tableCounts(s)).toEqual(before);
    const create = await s.gql(
      `mutation($v: ID!, $g: GeoJSON!) { createGrid(villageId: $v, name: "丙", geometry: $g) { id } }`,
      { v: b.villageId, g: rect(...offset(...tongxin, 600, 0), 100, 100) },
      editor,
    );
    expect(code(create)).toBe('FORBIDDEN');
    expect(await tableCounts(s)).toEqual(before);
    // Reading is not narrowed.
    expect((await s.gql(`query($id: ID!) { Grid(id: $id) { name } }`, { id: gridB }, editor)).data!.Grid.name).toBe(
      '乙',
    );
  });

  it('cannot move a village out of its scope, nor pull one in from outside, nor touch counties', async () => {
    const out = await s.gql(
      `mutation($v: ID!, $t: ID!) { updateVillage(id: $v, townshipId: $t) { id } }`,
      { v: a.villageId, t: b.townshipId },
      editor,
    );
    expect(code(out)).toBe('FORBIDDEN');
    const into = await s.gql(
      `mutation($v: ID!, $t: ID!) { updateVillage(id: $v, townshipId: $t) { id } }`,
      { v: b.villageId, t: a.townshipId },
      editor,
    );
    expect(code(into)).toBe('FORBIDDEN');
    expect(
      (await s.ok(`query($v: ID!) { Village(id: $v) { townshipId } }`, { v: a.villageId })).Village.townshipId,
    ).toBe(a.townshipId);
    expect(
      code(await s.gql(`mutation($id: ID!) { updateCounty(id: $id, name: "x") { id } }`, { id: a.countyId }, editor)),
    ).toBe('FORBIDDEN');
  });

  it("a grid on the county border belongs to its village's county", async () => {
    // A village of county B right on A's border: its grid touches A's land but is B's.
    const border = await s.gql(
      `mutation($p: [ID!]) { createGridWorker(name: "边界", gridIds: $p) { id } }`,
      { p: [gridB] },
      editor,
    );
    expect(code(border)).toBe('FORBIDDEN');
  });
});

describe('sign-in', () => {
  it('locks an account after repeated failures, with a clear error', async () => {
    await s.signIn('test-lock', 'ANALYST');
    const attempt = (p: string) =>
      s.gql(`mutation($p: String!) { login(username: "test-lock", password: $p) { token } }`, { p }, {});
    for (let i = 0; i < 4; i++) expect(code(await attempt('wrong-password'))).toBe('UNAUTHENTICATED');
    const locked = await attempt('wrong-password');
    expect(code(locked)).toBe('ACCOUNT_LOCKED');
    expect(locked.errors![0]!.message).toMatch(/locked until/);
    expect(code(await attempt('pw-test-lock-secret'))).toBe('ACCOUNT_LOCKED');
    expect(code(await s.gql(`mutation { login(username: "nobody", password: "whatever1") { token } }`, {}, {}))).toBe(
      'UNAUTHENTICATED',
    );
  });

  it('refuses expired and tampered tokens', async () => {
    const good = s.auth.headers.authorization!.slice('Bearer '.length);
    const [h, p, sig] = good.split('.');
    const tampered = `${h}.${p}.${sig!.slice(0, -2)}${sig!.endsWith('A') ? 'B' : 'A'}A`;
    expect(code(await s.gql(`{ me { id } }`, {}, { authorization: `Bearer ${tampered}` }))).toBe('UNAUTHENTICATED');
    const [secret] = await s.sql<{ value: string }>(`select value from app_setting where key = 'jwt_secret'`);
    const user = (await s.ok(`{ me { id } }`)).me;
    const payload = JSON.parse(Buffer.from(p!, 'base64url').toString());
    const expired = await new SignJWT({ role: 'ADMIN', pwd: payload.pwd })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(user.id)
      .setIssuer('wuzhong-grid')
      .setIssuedAt(Math.floor(Date.now() / 1000) - 7200)
      .setExpirationTime(Math.floor(Date.now() / 1000) - 3600)
      .sign(new TextEncoder().encode(secret!.value));
    const r = await s.gql(`{ me { id } }`, {}, { authorization: `Bearer ${expired}` });
    expect(code(r)).toBe('UNAUTHENTICATED');
    expect(r.errors![0]!.message).toMatch(/expired/);
  });
});

describe('protection, refused before anything runs', () => {
  it('depth, cost, aliases, perPage, tokens, batching and body size', async () => {
    const before = await tableCounts(s);
    const deep = await s.gql(
      `mutation { createCounty(code: "648888", name: "深") { townships { county { townships { county { townships { county { townships { county { townships { id } } } } } } } } } } }`,
    );
    expect(code(deep)).toBe('DEPTH_LIMIT_EXCEEDED');
    expect(await tableCounts(s)).toEqual(before); // the mutation never ran

    const costly = await s.gql(`{ allVillages(perPage: 1000) { grids { workers { grids { workers { id } } } } } }`);
    expect(code(costly)).toBe('COST_LIMIT_EXCEEDED');
    expect(code(await s.gql(`{ allGrids(perPage: 1001) { id } }`))).toBe('BAD_USER_INPUT');
    const aliases = Array.from({ length: 31 }, (_, i) => `a${i}: _allGridsMeta { count }`).join(' ');
    expect(code(await s.gql(`{ ${aliases} }`))).toBe('ALIAS_LIMIT_EXCEEDED');
    const tokens = await s.gql(`{ ${Array.from({ length: 12000 }, () => '__typename').join(' ')} }`);
    expect(code(tokens)).toBe('GRAPHQL_PARSE_FAILED');

    const batch = await fetch(`${s.base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...s.auth.headers },
      body: JSON.stringify([{ query: '{ __typename }' }, { query: '{ __typename }' }]),
    });
    expect(batch.status).toBe(400);
    const huge = await fetch(`${s.base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...s.auth.headers },
      body: JSON.stringify({ query: '{ __typename }', variables: { x: 'x'.repeat(6 * 1024 * 1024) } }),
    });
    expect(huge.status).toBe(413);
    expect((await huge.json()).errors[0].extensions.code).toBe('PAYLOAD_TOO_LARGE');

    // CSRF prevention: a simple GET without a preflight header is refused.
    const csrf = await fetch(`${s.base}/graphql?query=${encodeURIComponent('{ __typename }')}`, {
      headers: s.auth.headers,
    });
    expect(csrf.status).toBe(400);
  });

  it('the database has a statement timeout', async () => {
    const orm = await MikroORM.init(
      ormConfig(inject('databaseUrl'), { driverOptions: { connection: { statement_timeout: 200 } } } as never),
    );
    try {
      await expect(orm.em.fork().execute('select pg_sleep(1)')).rejects.toThrow(/statement timeout/);
      const [row] = await s.sql<{ statement_timeout: string }>('show statement_timeout');
      expect(row!.statement_timeout).toBe('30s');
    } finally {
      await orm.close();
    }
  });
});

describe('audit trail', () => {
  it('every mutation writes an event in its transaction; a refused one writes none; an admin restores a grid from it', async () => {
    const chain = await createUnitChain(s, offset(...LITONG, -40_000, 0), 1000);
    const g1 = rect(...offset(...LITONG, -40_000, 0), 300, 300);
    const { createGrid } = await s.ok(
      `mutation($v: ID!, $g: GeoJSON!) { createGrid(villageId: $v, name: "审计", geometry: $g) { id areaM2 } }`,
      { v: chain.villageId, g: g1 },
    );
    const events = async () =>
      (
        await s.ok(
          `query($id: ID!) { allAuditEvents(filter: { recordType: "Grid", recordId: $id }, sortField: "id", sortOrder: "ASC") { id operation username before after } }`,
          { id: createGrid.id },
        )
      ).allAuditEvents;
    let list = await events();
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ operation: 'create', username: 'test-admin', before: null });
    expect(list[0].after.geometry.type).toBe('MultiPolygon');

    await s.ok(`mutation($id: ID!, $g: GeoJSON!) { updateGrid(id: $id, name: "审计（改）", geometry: $g) { id } }`, {
      id: createGrid.id,
      g: rect(...offset(...LITONG, -40_000, 0), 600, 600),
    });
    const refused = await s.gql(`mutation($id: ID!) { updateGrid(id: $id, households: -5) { id } }`, {
      id: createGrid.id,
    });
    expect(code(refused)).toBe('BAD_USER_INPUT');
    list = await events();
    expect(list.map((e: { operation: string }) => e.operation)).toEqual(['create', 'update']);
    expect(list[1].before.name).toBe('审计');
    expect(list[1].after.name).toBe('审计（改）');

    const restored = await s.ok(`mutation($e: ID!) { restoreGrid(eventId: $e) { name areaM2 } }`, { e: list[1].id });
    expect(restored.restoreGrid.name).toBe('审计');
    expect(Math.abs(restored.restoreGrid.areaM2 - createGrid.areaM2) / createGrid.areaM2).toBeLessThan(1e-6);
    expect((await events()).map((e: { operation: string }) => e.operation)).toEqual(['create', 'update', 'restore']);

    const analyst = await s.signIn('test-analyst', 'ANALYST');
    expect(code(await s.gql(`mutation($e: ID!) { restoreGrid(eventId: $e) { id } }`, { e: list[1].id }, analyst))).toBe(
      'FORBIDDEN',
    );

    // A deleted grid comes back under its old id.
    await s.ok(`mutation($id: ID!) { deleteGrid(id: $id) { id } }`, { id: createGrid.id });
    const deletion = (await events()).at(-1);
    expect(deletion.operation).toBe('delete');
    const back = await s.ok(`mutation($e: ID!) { restoreGrid(eventId: $e) { id name } }`, { e: deletion.id });
    expect(back.restoreGrid).toEqual({ id: createGrid.id, name: '审计' });
  });
});
