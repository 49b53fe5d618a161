/**
 * The hostile-input corpus against a real server: every case must be refused with its typed
 * code (or, for reads that must leak nothing, answered empty), none with a masked 500, and each
 * batch must leave the database exactly as it was (a checksum of the data tables and the audit
 * rows, taken before and after each batch). Prints the figures and writes them to
 * tests/output/security-figures.{md,json} (docs/security.md quotes them).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { buildClientSchema, getIntrospectionQuery } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUnitChain } from '../helpers/fixture';
import { LITONG, offset, rect } from '../helpers/geo';
import { startServer, type TestServer } from '../helpers/server';
import { databaseChecksum } from './checksum';
import { buildCorpus, type Case, type Fixture, type Who } from './corpus';

let s: TestServer;
let cases: Case[];
const headers: Record<Who, Record<string, string>> = { admin: {}, analyst: {}, anonymous: {}, coverage: {} };

interface Outcome {
  batch: string;
  name: string;
  expected: string[];
  got: string;
  status: number;
  verdict: 'right' | 'accepted' | 'server-error' | 'other';
}

async function run(c: Case): Promise<Outcome> {
  let status = 0;
  let body: any;
  let text = '';
  try {
    let res: Response;
    if (c.kind === 'graphql') {
      res = await fetch(`${s.base}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers[c.who] },
        body: JSON.stringify({ query: c.query, variables: c.variables ?? {} }),
      });
    } else {
      res = await fetch(`${s.base}${c.path}`, {
        method: c.method,
        headers: { ...headers[c.who], ...c.headers },
        body: c.body,
      });
    }
    status = res.status;
    text = await res.text();
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  const expected = c.kind === 'graphql' ? c.expect : c.expect.code;
  void text;
  const code: string | undefined = body?.errors?.[0]?.extensions?.code ?? body?.error?.code;
  const out = (verdict: Outcome['verdict'], got: string): Outcome => ({
    batch: c.batch,
    name: c.name,
    expected,
    got,
    status,
    verdict,
  });
  if (status >= 500 || code === 'INTERNAL_SERVER_ERROR' || body === undefined)
    return out('server-error', `${status} ${code ?? text.slice(0, 80)}`);
  if (!code) {
    if (expected.includes('EMPTY')) {
      const first = body?.data && Object.values(body.data)[0];
      return Array.isArray(first) && first.length === 0
        ? out('right', 'EMPTY')
        : out('accepted', JSON.stringify(first).slice(0, 80));
    }
    return out('accepted', `${status} ${JSON.stringify(body?.data ?? body).slice(0, 80)}`);
  }
  if (c.kind === 'http' && !c.expect.status.includes(status)) return out('other', `${status} ${code}`);
  return out(expected.includes(code) ? 'right' : 'other', code);
}

/** Runs cases a few at a time (the server's own concurrency, not the test's, is what matters). */
async function runAll(list: Case[], parallel = 8): Promise<Outcome[]> {
  const out: Outcome[] = new Array(list.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: parallel }, async () => {
      while (next < list.length) {
        const i = next++;
        out[i] = await run(list[i]!);
      }
    }),
  );
  return out;
}

const outcomes: Outcome[] = [];
const checksums: Record<string, { before: string; after: string }> = {};

beforeAll(async () => {
  s = await startServer({ LOGIN_MAX_ATTEMPTS_PER_ADDRESS: '100000' });
  headers.admin = s.auth.headers;
  headers.analyst = await s.signIn('hostile-analyst', 'ANALYST');
  const key = await s.ok(`mutation { createApiKey(name: "hostile-coverage", coverageOnly: true) { id key } }`);
  headers.coverage = { 'x-api-key': key.createApiKey.key };

  const origin = offset(...LITONG, 25_000, -15_000);
  const chain = await createUnitChain(s, origin, 1000);
  const grid = (
    await s.ok(
      `mutation($v: ID!, $g: GeoJSON!) { createGrid(villageId: $v, name: "靶", geometry: $g) { id version } }`,
      {
        v: chain.villageId,
        g: rect(...origin, 500, 500),
      },
    )
  ).createGrid;
  const worker = (
    await s.ok(`mutation($g: ID!) { createGridWorker(name: "靶员", gridIds: [$g]) { id } }`, { g: grid.id })
  ).createGridWorker;
  const unit = (
    await s.ok(
      `mutation($v: ID!) { createPartyUnit(name: "靶支部", level: BRANCH, kind: GRID, villageId: $v) { id } }`,
      { v: chain.villageId },
    )
  ).createPartyUnit;
  const user = (
    await s.ok(`mutation { createUser(username: "hostile-editor", password: "a-long-password", role: EDITOR) { id } }`)
  ).createUser;
  const fixture: Fixture = {
    ...chain,
    gridId: grid.id,
    gridVersion: grid.version,
    workerId: worker.id,
    partyUnitId: unit.id,
    userId: user.id,
    apiKeyId: key.createApiKey.id,
    origin,
  };
  const schema = buildClientSchema((await s.ok(getIntrospectionQuery())) as never);
  cases = buildCorpus(schema, fixture);
}, 120_000);

afterAll(async () => {
  // The figures, for docs/security.md.
  const batches = [...new Set(outcomes.map((o) => o.batch))];
  const row = (name: string, list: Outcome[]) => {
    const n = (v: Outcome['verdict']) => list.filter((o) => o.verdict === v).length;
    return `| ${name} | ${list.length} | ${n('right')} | ${n('accepted')} | ${n('server-error')} | ${n('other')} |`;
  };
  const table = [
    '| batch | tried | refused right | wrongly accepted | server errors | refused, other code |',
    '|---|---|---|---|---|---|',
    ...batches.map((b) =>
      row(
        b,
        outcomes.filter((o) => o.batch === b),
      ),
    ),
    row('**all**', outcomes),
  ].join('\n');
  const wrong = outcomes
    .filter((o) => o.verdict !== 'right')
    .map((o) => `- ${o.batch}: ${o.name} → ${o.got} (expected ${o.expected.join(' or ')})`);
  const unchanged = Object.entries(checksums)
    .map(([b, c]) => `${b}: ${c.before === c.after ? 'unchanged' : 'CHANGED'}`)
    .join(', ');
  mkdirSync('tests/output', { recursive: true });
  writeFileSync(
    'tests/output/security-figures.md',
    `${table}\n\nDatabase after each batch: ${unchanged}\n${wrong.length ? `\n${wrong.join('\n')}\n` : ''}`,
  );
  writeFileSync('tests/output/security-figures.json', JSON.stringify({ outcomes, checksums }, null, 1));
  console.log(
    `\nHostile-input corpus (tests/output/security-figures.md):\n${table}\nDatabase after each batch: ${unchanged}\n${wrong.slice(0, 40).join('\n')}`,
  );
  await s?.close();
});

describe('the hostile-input corpus', () => {
  it('has at least 300 cases over mutations, filters, geometry, ids, GraphQL and transport', () => {
    expect(cases.length).toBeGreaterThanOrEqual(300);
    for (const b of ['ids', 'strings', 'filters', 'geometry', 'graphql', 'transport'])
      expect(
        cases.some((c) => c.batch === b),
        b,
      ).toBe(true);
  });

  for (const batch of ['ids', 'strings', 'filters', 'geometry', 'graphql', 'transport']) {
    it(`${batch}: every case refused with its typed code, no server error, the database unchanged`, async () => {
      const list = cases.filter((c) => c.batch === batch);
      const before = await databaseChecksum(s);
      const results = await runAll(list);
      const after = await databaseChecksum(s);
      checksums[batch] = { before, after };
      outcomes.push(...results);
      expect(
        results
          .filter((r) => r.verdict !== 'right')
          .map((r) => `${r.name} → ${r.got} (expected ${r.expected.join('|')})`),
      ).toEqual([]);
      expect(after).toBe(before);
    }, 120_000);
  }
});
