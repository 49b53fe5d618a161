import { monitorEventLoopDelay } from 'node:perf_hooks';
import { getIntrospectionQuery, parse } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { measureOperation, operationsOf } from '../../server/src/auth/document-analysis';
import { checkRequest } from '../../server/src/auth/protection.plugin';
import { loadConfig } from '../../server/src/config';
import { schema as buildSchema } from '../../server/src/schema';
import { startServer, type TestServer } from '../helpers/server';

let s: TestServer;
beforeAll(async () => {
  s = await startServer();
});
afterAll(() => s.close());

const code = (r: { errors?: { extensions?: { code?: string } }[] }) => r.errors?.[0]?.extensions?.code;

/** Finding 1: `...F0` where every fragment spreads the next one twice: 2^n fields once expanded, about 40 bytes per level. */
export function fragmentBomb(levels: number, leaf = '__typename'): string {
  const lines = ['query { ...F0 }'];
  for (let i = 0; i < levels; i++) lines.push(`fragment F${i} on Query { ...F${i + 1} ...F${i + 1} }`);
  lines.push(`fragment F${levels} on Query { ${leaf} }`);
  return lines.join('\n');
}

/** The longest event-loop stall (ms) while `work` runs. */
async function maxStall(work: () => Promise<unknown>): Promise<number> {
  const h = monitorEventLoopDelay({ resolution: 1 });
  h.enable();
  try {
    await work();
  } finally {
    h.disable();
  }
  return h.max / 1e6;
}

describe('finding 1: the fragment bomb', () => {
  it('at 30 levels is refused without holding the event loop 50 ms, with and without credentials', async () => {
    const bomb = fragmentBomb(30);
    // The machine is shared: the least of three tries is the request's own stall.
    for (const headers of [{}, s.auth.headers]) {
      const stalls: number[] = [];
      for (let i = 0; i < 3; i++) {
        let r: Awaited<ReturnType<typeof s.gql>> | undefined;
        stalls.push(
          await maxStall(async () => {
            r = await s.gql(`${bomb}\n# ${i}`, {}, headers); // a new document text each time: nothing cached
          }),
        );
        expect(code(r!)).toBe('COST_LIMIT_EXCEEDED');
      }
      console.log(
        `fragment bomb, 30 levels, ${Object.keys(headers).length ? 'signed in' : 'anonymous'}: longest event-loop stall ${Math.min(...stalls).toFixed(1)} ms (least of 3)`,
      );
      expect(Math.min(...stalls)).toBeLessThan(50);
    }
    // With a field that needs credentials, an anonymous caller is refused before anything is measured.
    expect(code(await s.gql(fragmentBomb(30, '_allGridsMeta { count }'), {}, {}))).toBe('UNAUTHENTICATED');
  });

  it('the measure is linear: bombs of 30 and 300 levels, wide documents and introspection each measure in under 50 ms', async () => {
    const schema = await buildSchema();
    const docs = [
      fragmentBomb(30),
      fragmentBomb(300),
      `{ ${Array.from({ length: 3000 }, (_, i) => `a${i}: __typename`).join(' ')} }`,
      `query { ...A } ${Array.from({ length: 500 }, (_, i) => `fragment ${i ? `F${i}` : 'A'} on Query { ${i < 499 ? `...F${i + 1} ...F${i + 1} ...F${i + 1}` : '__typename'} }`).join(' ')}`,
      getIntrospectionQuery(),
    ];
    for (const text of docs) {
      const times: number[] = [];
      for (let i = 0; i < 5; i++) {
        const doc = parse(text); // a new document each time: nothing cached
        const t0 = performance.now();
        const m = measureOperation(schema, doc, operationsOf(doc, undefined)[0]!, {});
        times.push(performance.now() - t0);
        expect(m.cost).toBeGreaterThan(0);
      }
      console.log(
        `measure of ${JSON.stringify(text.slice(0, 30))}… (${text.length.toLocaleString('en')} bytes): ${Math.min(...times).toFixed(2)} ms`,
      );
      expect(Math.min(...times), text.slice(0, 40)).toBeLessThan(50);
    }
  });
});

describe('findings 7 and 8: what the limits count', () => {
  it('a variable default counts like a variable (cost limit)', async () => {
    const q = `query($p: Int = 1000) { allVillages(perPage: $p) { grids { workers { grids { id } } } } }`;
    expect(code(await s.gql(q))).toBe('COST_LIMIT_EXCEEDED');
    expect(code(await s.gql(`query($p: Int = 1001) { allVillages(perPage: $p) { id } }`))).toBe('BAD_USER_INPUT');
    expect(
      code(
        await s.gql(`query($p: Int) { allVillages(perPage: $p) { grids { workers { grids { id } } } } }`, { p: 1000 }),
      ),
    ).toBe('COST_LIMIT_EXCEEDED');
    // The same document with a small page passes (the measure is cached per document and perPage).
    expect(
      (await s.gql(`query($p: Int) { allVillages(perPage: $p) { grids { workers { grids { id } } } } }`, { p: 2 }))
        .errors,
    ).toBeUndefined();
  });

  it('copies of one field are bounded before validation (which compares them pairwise)', async () => {
    const schema = await buildSchema();
    const config = loadConfig({ ...process.env, LOG_LEVEL: 'silent' });
    for (const headers of [{}, s.auth.headers]) {
      // Validating these took 150 ms (9,000 __typename) and 1.1 s (2,000 copies of a field) before.
      for (const field of ['__typename', '_allCountiesMeta { count }']) {
        const n = field === '__typename' ? 9000 : 2000;
        const times: number[] = [];
        const stalls: number[] = [];
        for (let i = 0; i < 3; i++) {
          const doc = `{ ${Array.from({ length: n }, () => field).join(' ')} } # ${i}`;
          const t0 = performance.now();
          let refused = false;
          try {
            checkRequest(config, schema, { query: doc }, null);
          } catch {
            refused = true;
          }
          times.push(performance.now() - t0);
          expect(refused).toBe(true);
          stalls.push(
            await maxStall(async () =>
              expect(code(await s.gql(doc, {}, headers))).toBe(
                field === '__typename' || Object.keys(headers).length ? 'COST_LIMIT_EXCEEDED' : 'UNAUTHENTICATED',
              ),
            ),
          );
        }
        console.log(
          `${n} copies of ${field}: refused in ${Math.min(...times).toFixed(1)} ms, longest event-loop stall ${Math.min(...stalls).toFixed(1)} ms (least of 3)`,
        );
        // Linear and before validation; generous bounds, as the machine running the tests may be shared.
        expect(Math.min(...times)).toBeLessThan(200);
        expect(Math.min(...stalls)).toBeLessThan(300);
      }
    }
    expect(
      (await s.gql(`{ ${Array.from({ length: 10 }, () => '_allCountiesMeta { count }').join(' ')} }`)).errors,
    ).toBeUndefined();
    expect(code(await s.gql(`{ ${Array.from({ length: 11 }, () => '_allCountiesMeta { count }').join(' ')} }`))).toBe(
      'COST_LIMIT_EXCEEDED',
    );
  });

  it('every alias counts, __typename and introspection included', async () => {
    const typenames = Array.from({ length: 2000 }, (_, i) => `a${i}: __typename`).join(' ');
    expect(code(await s.gql(`{ ${typenames} }`))).toBe('ALIAS_LIMIT_EXCEEDED');
    expect(code(await s.gql(`{ ${typenames} }`, {}, {}))).toBe('ALIAS_LIMIT_EXCEEDED');
    const full =
      '__schema { types { name fields { name args { name type { name ofType { name ofType { name } } } } type { name ofType { name } } } } }';
    expect(code(await s.gql(`{ ${Array.from({ length: 31 }, (_, i) => `s${i}: ${full}`).join(' ')} }`))).toBe(
      'ALIAS_LIMIT_EXCEEDED',
    );
    expect(code(await s.gql(`{ ${Array.from({ length: 20 }, (_, i) => `s${i}: ${full}`).join(' ')} }`))).toBe(
      'COST_LIMIT_EXCEEDED',
    );
    // The standard introspection query (the admin and IDEs send it) still passes.
    expect((await s.gql(getIntrospectionQuery())).errors).toBeUndefined();
  });
});

describe('finding 15: what errors tell', () => {
  it('no stack traces in any response, and no schema suggestions without credentials', async () => {
    const cases = [
      await s.gql('{ allCounties { id } }', {}, {}),
      await s.gql('{ allUser { id } }', {}, {}),
      await s.gql('mutation { login(usernme: "a", password: "b") { token } }', {}, {}),
      await s.gql('query($f: UserFiltr) { __typename }', {}, {}),
      await s.gql('{ allUser { id } }'),
      await s.gql('{ Grid(id: "abc") { id } }'),
    ];
    for (const r of cases) {
      expect(r.errors?.length).toBeGreaterThan(0);
      for (const e of r.errors!) expect(JSON.stringify(e)).not.toMatch(/stacktrace|\.ts:\d+|node_modules/);
    }
    expect(code(cases[1]!)).toBe('UNAUTHENTICATED');
    for (const r of cases.slice(0, 4)) expect(JSON.stringify(r)).not.toMatch(/Did you mean/);
    // Signed-in users keep the suggestions.
    expect(JSON.stringify(cases[4])).toMatch(/Did you mean/);
  });
});

describe('findings 9: coverage-only keys', () => {
  let limited: Record<string, string>;
  beforeAll(async () => {
    const made = await s.ok(`mutation { createApiKey(name: "cov-only", coverageOnly: true) { key } }`);
    limited = { 'x-api-key': made.createApiKey.key };
  });

  it('see only the documented fields, checked on every field, fragments included', async () => {
    const allowed = [
      `{ coverage { units coveredShare findingsByKind { kind count } } }`,
      `{ gridAt(lng: 106.2, lat: 37.98) { id name households workers { name phone } partyUnit { name } village { name township { name county { name } } } } }`,
      `{ allCoverageFindings(perPage: 5) { id kind severity village { name } grid { name } } _allCoverageFindingsMeta { count } }`,
    ];
    for (const q of allowed) expect((await s.gql(q, {}, limited)).errors, q).toBeUndefined();
    const refused = [
      `{ allCoverageFindings(perPage: 1) { village { township { county { townships { villages { grids { workers { name phone } } } } } } } } }`,
      `{ allCoverageFindings(perPage: 1) { village { grids { id } } } }`,
      `{ gridAt(lng: 106.2, lat: 37.98) { workers { grids { id } } } }`,
      `{ gridAt(lng: 106.2, lat: 37.98) { ...G } } fragment G on Grid { village { grids { name } } }`,
      `{ gridAt(lng: 106.2, lat: 37.98) { ... on Grid { partyUnit { children { name } } } } }`,
      `{ allGrids { id } }`,
      `{ __schema { types { name } } }`,
      `{ __type(name: "Grid") { name } }`,
      `{ cityReport { villages } }`,
    ];
    for (const q of refused) expect(code(await s.gql(q, {}, limited)), q).toBe('FORBIDDEN');
  });

  it('read the coverage layers but not /api/map/*', async () => {
    expect((await fetch(`${s.base}/api/coverage/findings.geojson`, { headers: limited })).status).toBe(200);
    for (const layer of ['grids', 'villages', 'counties', 'uncovered']) {
      const res = await fetch(`${s.base}/api/map/${layer}.geojson`, { headers: limited });
      expect(res.status).toBe(403);
      expect((await res.json()).error.code).toBe('FORBIDDEN');
    }
  });
});
