/**
 * The Wuzhong dataset against a real database of its own (<test database>_seed, e.g.
 * wuzhong_test_seed, next to the shared test database; created, migrated and dropped here), so the other test
 * files keep their counts.
 */
import { MikroORM } from '@mikro-orm/postgresql';
import { graphql } from 'graphql';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { loadConfig, type Config } from '../server/src/config';
import { ormConfig } from '../server/src/db/mikro-orm.config';
import { migrate } from '../server/src/db/migrate';
import { prepareDatabase } from '../server/src/db/prepare';
import { schema } from '../server/src/schema';
import { importFeatures } from './import';
import { expectedFindings } from './manifest';
import { runSeed, SeedRefused, type SeedResult } from './lib/run';
import { SeedInputError } from './lib/validate';
import { damagedCopy, removeDamagedCopies } from '../tests/helpers/seed-damage';

let url: string;
let orm: MikroORM;
let config: Config;
const lines: string[] = [];
let first: SeedResult;
let seededMd5: Record<string, any> | undefined;

const sql = async <R = Record<string, any>>(text: string, params: unknown[] = []) =>
  (await orm.em.fork().execute(text, params as never[])) as R[];
const seed = (options: { seed?: number; perfect?: boolean; reset?: boolean } = {}) =>
  runSeed(orm, {
    seed: options.seed ?? 1,
    perfect: options.perfect ?? false,
    reset: options.reset ?? false,
    config,
    say: (l) => lines.push(l),
    tty: false,
  });

const GEOMETRY_MD5 = `
  select (select md5(string_agg(ST_AsGeoJSON(geom), ',' order by code)) from township) as townships,
         (select md5(string_agg(ST_AsGeoJSON(geom), ',' order by code)) from village) as units,
         (select md5(string_agg(ST_AsGeoJSON(geom), ',' order by code)) from grid) as grids`;

beforeAll(async () => {
  const u = new URL(inject('databaseUrl'));
  // Named after the test database, so runs against different test databases never share it.
  u.pathname = `${u.pathname}_seed`;
  url = await prepareDatabase(u.toString(), () => {});
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query('drop schema public cascade; create schema public; create extension postgis;');
  await client.end();
  config = loadConfig({ ...process.env, DATABASE_URL: url, LOG_LEVEL: 'silent' });
  orm = await MikroORM.init(ormConfig(url));
  await migrate(orm);
  first = await seed();
  // The seed's own geometries, before later tests re-import some grids (an import rewrites them through GDAL).
  [seededMd5] = await sql(GEOMETRY_MD5);
}, 180_000);

afterAll(async () => {
  removeDamagedCopies();
  await orm?.close();
  if (!url) return;
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  await client.query(`drop database if exists "${new URL(url).pathname.slice(1)}" with (force)`);
  await client.end();
});

describe('the Wuzhong seed', () => {
  it("produces the report's figures", () => {
    const r = first.report;
    expect(first.status).toBe('seeded');
    expect([r.counties, r.townships, r.villages, r.communities]).toEqual([5, 50, 500, 100]);
    expect([r.villageGrids, r.communityGrids, r.workers]).toEqual([3184, 699, 4439]);
    expect([
      r.naturalVillageGroups,
      r.industryOrganisations,
      r.communityCommittees,
      r.gridBranches,
      r.gridGroups,
    ]).toEqual([1299, 231, 8, 47, 257]);
    expect(r.villagerGroups).toBe(3184);
    expect(lines.some((l) => /grids in villages\s+3,184/.test(l))).toBe(true);
  });

  it('coverage finds exactly the deliberate imperfections of the manifest', async () => {
    expect(first.unexpected).toEqual([]);
    expect(first.missing).toEqual([]);
    const manifest = expectedFindings(1, false);
    expect(manifest.filter((f) => f.kind === 'UNCOVERED_LAND')).toHaveLength(18);
    const found = await sql<{ n: number }>('select count(*)::int as n from coverage_finding');
    expect(found[0]!.n).toBe(manifest.length);
    const gaps = await sql<{ m2: number }>(`select area_m2 as m2 from coverage_finding where kind = 'UNCOVERED_LAND'`);
    for (const g of gaps) expect(g.m2).toBeGreaterThan(5000);
  });

  it('every geometry is valid; siblings do not overlap; children lie within their parents (1 m² tolerance)', async () => {
    const [r] = await sql<Record<string, number>>(`
      select (select count(*) from township where geom is null or not ST_IsValid(geom))::int as bad_townships,
             (select count(*) from village where geom is null or not ST_IsValid(geom))::int as bad_units,
             (select count(*) from grid where not ST_IsValid(geom) or ST_Area(geom::geography) < 1000)::int as bad_grids,
             (select count(*) from township a join township b on a.county_id = b.county_id and a.id < b.id and a.geom && b.geom
               where ST_Area(ST_Intersection(a.geom, b.geom)::geography) > 1)::int as township_overlaps,
             (select count(*) from village a join village b on a.township_id = b.township_id and a.id < b.id and a.geom && b.geom
               where ST_Area(ST_Intersection(a.geom, b.geom)::geography) > 1)::int as unit_overlaps,
             (select count(*) from grid a join grid b on a.village_id = b.village_id and a.id < b.id and a.geom && b.geom
               where ST_Area(ST_Intersection(a.geom, b.geom)::geography) > 1)::int as grid_overlaps,
             (select count(*) from grid g join village v on v.id = g.village_id
               where ST_Area(ST_Difference(g.geom, v.geom)::geography) > 1)::int as grids_outside,
             (select count(*) from village v join township t on t.id = v.township_id
               where ST_Area(ST_Difference(v.geom, t.geom)::geography) > 1)::int as units_outside,
             (select count(*) from township t join county c on c.id = t.county_id
               where ST_Area(ST_Difference(t.geom, c.geom)::geography) > 1)::int as townships_outside`);
    expect(r).toEqual({
      bad_townships: 0,
      bad_units: 0,
      bad_grids: 0,
      township_overlaps: 0,
      unit_overlaps: 0,
      grid_overlaps: 0,
      grids_outside: 0,
      units_outside: 0,
      townships_outside: 0,
    });
    // The parts add up to the whole: every township's units cover it (to 0.01%).
    const [a] = await sql<{ worst: number }>(`
      select max(abs(1 - s.area / ST_Area(t.geom::geography))) as worst from township t
      cross join lateral (select sum(ST_Area(v.geom::geography)) as area from village v where v.township_id = t.id) s`);
    expect(a!.worst).toBeLessThan(1e-4);
  });

  it('running it again with the same seed changes nothing; another seed is refused without --reset', async () => {
    const [before] = await sql<{ n: string }>('select n from data_version');
    const again = await seed();
    expect(again.status).toBe('unchanged');
    const [after] = await sql<{ n: string }>('select n from data_version');
    expect(after!.n).toBe(before!.n);
    await expect(seed({ seed: 2 })).rejects.toBeInstanceOf(SeedRefused);
  });

  it('cityReport answers over GraphQL, for the city and per county', async () => {
    const em = orm.em.fork();
    const run = async (countyId?: string) => {
      const r = await graphql({
        schema: await schema(),
        source: `query($c: ID) { cityReport(countyId: $c) { villages communities villageGrids communityGrids workers households
                   naturalVillageGroups industryOrganisations communityCommittees gridBranches gridGroups
                   gridsByKind { unitKind kind count } workersBySource { source employment count active }
                   partyUnitsByLevelAndKind { level kind count onGrids } } }`,
        variableValues: { c: countyId ?? null },
        contextValue: { em },
      });
      expect(r.errors).toBeUndefined();
      return (r.data as any).cityReport;
    };
    const city = await run();
    expect([city.villageGrids, city.communityGrids, city.workers]).toEqual([3184, 699, 4439]);
    expect([
      city.naturalVillageGroups,
      city.industryOrganisations,
      city.communityCommittees,
      city.gridBranches,
      city.gridGroups,
    ]).toEqual([1299, 231, 8, 47, 257]);
    expect(city.workersBySource.reduce((s: number, w: { count: number }) => s + w.count, 0)).toBe(4439);
    const [yanchi] = await sql<{ id: number }>(`select id from county where code = '640323'`);
    const y = await run(String(yanchi!.id));
    expect(y.households).toBe(48487);
    expect(y.villages + y.communities).toBe(120);
  });

  it('an import with one invalid feature among valid ones writes nothing and names the bad feature', async () => {
    const rows = await sql<{ code: string; name: string; kind: string; unit: string; g: any }>(`
      select g.code, g.name, g.kind, v.code as unit, ST_AsGeoJSON(g.geom)::json as g
      from grid g join village v on v.id = g.village_id where v.code = (select min(code) from village where kind = 'VILLAGE') order by g.code`);
    const features = rows.map((r) => ({
      type: 'Feature',
      properties: { code: r.code, name: `${r.name}（实测）`, kind: r.kind, villageCode: r.unit },
      geometry: r.g,
    }));
    const bowtie = {
      type: 'Polygon',
      coordinates: [
        [
          [106.1, 37.9],
          [106.2, 38.0],
          [106.2, 37.9],
          [106.1, 38.0],
          [106.1, 37.9],
        ],
      ],
    };
    features.splice(1, 0, {
      type: 'Feature',
      properties: { code: 'BAD-1', name: '自交网格', kind: 'OTHER', villageCode: rows[0]!.unit },
      geometry: bowtie as any,
    });
    const before = await sql<{ n: string; names: string }>(
      `select count(*) as n, md5(string_agg(name, ',' order by code)) as names from grid`,
    );
    const r = await importFeatures(orm.em.fork(), config, 'grids', { type: 'FeatureCollection', features });
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0]).toMatchObject({ index: 1, code: 'BAD-1' });
    expect(r.problems[0]!.reason).toMatch(/Self-intersection/);
    expect(r.inserted + r.updated).toBe(0);
    const after = await sql<{ n: string; names: string }>(
      `select count(*) as n, md5(string_agg(name, ',' order by code)) as names from grid`,
    );
    expect(after).toEqual(before);
    // Without the bad feature the same file is written (upsert by code) and the unit's coverage recomputed.
    features.splice(1, 1);
    const ok = await importFeatures(orm.em.fork(), config, 'grids', { type: 'FeatureCollection', features });
    expect(ok).toMatchObject({ problems: [], inserted: 0, updated: rows.length, touchedUnits: 1 });
  });

  it('--perfect gives a net with no findings at all; --reset with the same seed gives byte-identical geometries', async () => {
    const md5 = seededMd5;
    const perfect = await seed({ perfect: true, reset: true });
    expect(perfect.findings).toEqual([]);
    expect(expectedFindings(1, true)).toEqual([]);
    const [perfectMd5] = await sql(GEOMETRY_MD5);
    expect(perfectMd5!.units).toBe(md5!.units); // the imperfections change grids, never the units
    const again = await seed({ reset: true });
    expect(again.status).toBe('seeded');
    const [md5Again] = await sql(GEOMETRY_MD5);
    expect(md5Again).toEqual(md5);
    expect(again.unexpected).toEqual([]);
  }, 180_000); // two full seeds: about 30 s each on a loaded 2-core machine

  it('a damaged input file with --reset is refused before anything is truncated: the database is unchanged (finding 5)', async () => {
    const fingerprint = async () =>
      (
        await sql(`select (select count(*) from county)::int as c, (select count(*) from village)::int as v,
      (select count(*) from grid)::int as g, (select count(*) from grid_worker)::int as w, (select count(*) from audit_event)::int as a`)
      )[0];
    const before = { ...(await fingerprint()), ...(await sql(GEOMETRY_MD5))[0] };
    for (const dataDir of [
      damagedCopy('counties.csv', () => ''),
      damagedCopy('villages.csv', (t) => t.slice(0, 9000)),
    ]) {
      const err = await runSeed(orm, {
        seed: 1,
        perfect: false,
        reset: true,
        config,
        say: () => {},
        tty: false,
        dataDir,
      }).catch((e) => e);
      expect(err).toBeInstanceOf(SeedInputError);
      expect((err as Error).message).toMatch(/(counties|villages)\.csv:\d+:/);
      expect({ ...(await fingerprint()), ...(await sql(GEOMETRY_MD5))[0] }).toEqual(before);
    }
  });

  it("--scale 3, one copy per statement: every record copied twice with its own ids and codes, coverage finding each copy's imperfections", async () => {
    const { scaleNet, ID_STEP } = await import('./lib/scale');
    const { CoverageService } = await import('../server/src/coverage/coverage.service');
    class Rollback extends Error {}
    const counts = `select (select count(*) from county)::int as counties, (select count(*) from village)::int as units,
      (select count(*) from grid)::int as grids, (select count(*) from grid_worker_grids)::int as assignments,
      (select count(*) from party_unit)::int as party, (select count(distinct code)::int from grid) as codes`;
    const [before] = await sql(counts);
    const said: string[] = [];
    const outcome = await orm.em
      .fork()
      .transactional(async (tx) => {
        // Two chunks of one copy each: the chunked copies must leave what one statement would.
        const units = await scaleNet(tx, 3, new CoverageService(config), (l) => said.push(l), 1);
        const [after] = (await tx.execute(counts)) as Record<string, number>[];
        const rows = (await tx.execute(
          `select f.kind, f.severity, v.id / ${ID_STEP} as k, count(*)::int as n
           from coverage_finding f join village v on v.id = f.village_id group by 1, 2, 3 order by 1, 2, 3`,
        )) as { kind: string; severity: string; k: number; n: number }[];
        const [area] = (await tx.execute(
          `select count(*) filter (where abs(ST_Area(c.geom) - ST_Area(g.geom)) > 1e-12)::int as changed
           from grid g join grid c on c.id = g.id + ${ID_STEP} where g.id < ${ID_STEP}`,
        )) as { changed: number }[];
        throw Object.assign(new Rollback(), { units, after, rows, area });
      })
      .catch((e) => e as Rollback & Record<string, any>);
    expect(outcome).toBeInstanceOf(Rollback);
    expect(outcome.units).toBe(2 * before!.units);
    for (const key of ['counties', 'units', 'grids', 'assignments', 'party', 'codes'])
      expect(outcome.after[key], key).toBe(3 * before![key]);
    expect(outcome.area.changed).toBe(0);
    // Each copy's findings are copy 0's: the same kinds and severities, as many.
    const copy = (k: number) =>
      outcome.rows.filter((r: { k: number }) => Number(r.k) === k).map((r: any) => `${r.kind}|${r.severity}|${r.n}`);
    expect(copy(0).length).toBeGreaterThan(0);
    expect(copy(1)).toEqual(copy(0));
    expect(copy(2)).toEqual(copy(0));
    expect(said.some((l) => /grid: 2 copies/.test(l))).toBe(true);
    // Rolled back: the database is as the seed left it.
    expect((await sql(counts))[0]).toEqual(before);
  }, 180_000);
});
