/**
 * The seed itself: one transaction that writes the registry, the boundaries,
 * grids, workers and party units, carves the deliberate gaps and recomputes
 * coverage. Used by `npm run seed` and by `npm start` on an empty database.
 */
import { createHash } from 'node:crypto';
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import type { Config } from '../../server/src/config';
import { query } from '../../server/src/common/sql';
import { CoverageService } from '../../server/src/coverage/coverage.service';
import { RULES } from '../../server/src/coverage/coverage.rules';
import { cityReport } from '../../server/src/report/report.service';
import type { CityReport } from '../../server/src/report/report.types';
import { GRID_SIZE, MAX_EDGE_DEG, carveGaps, gridBoundaries, townshipBoundaries, unitBoundaries } from './geometry';
import { buildPlan, IMPERFECTIONS, REPORT, type Plan, type SeedOptions } from './plan';
import { Progress, type Say } from './progress';
import { loopSummary, seedLoop } from './loop';

export interface RunOptions extends SeedOptions {
  reset: boolean;
  config: Config;
  say?: Say;
  /** Progress bars (true) or one line per stage (false); default: whether stdout is a terminal. */
  tty?: boolean;
}

export interface SeedResult {
  status: 'seeded' | 'unchanged';
  ms: number;
  plan: Plan;
  report: CityReport;
  /** Coverage findings by kind and severity after seeding. */
  findings: { kind: string; severity: string; count: number }[];
  /** Findings that differ from the manifest (expected but missing, or found but not expected). */
  unexpected: string[];
  missing: string[];
}

export class SeedRefused extends Error {}

/** Coverage after seeding differs from the manifest: the transaction is rolled back. */
export class SeedManifestMismatch extends Error {}

/** The manifest must describe the plan it comes from: every expected finding names a unit (and grid) of the plan. */
export function checkManifest(plan: Plan): void {
  const units = new Set(plan.units.map((u) => u.code));
  const grids = new Set(plan.grids.map((g) => g.code));
  const bad = plan.expected.filter((x) => !units.has(x.villageCode) || (x.gridCode !== null && !grids.has(x.gridCode)));
  if (bad.length)
    throw new SeedManifestMismatch(
      `the manifest names ${bad.length} unit(s) or grid(s) the plan does not have, e.g. ${JSON.stringify(bad[0])}`,
    );
  if (!plan.grids.length || !plan.workers.length) throw new SeedManifestMismatch('the plan has no grids or no workers');
  if (!plan.options.perfect && !plan.expected.length)
    throw new SeedManifestMismatch('the manifest expects no findings although imperfections were asked for');
}

/** Found coverage findings against the manifest's, as kind|severity|unit|grid keys. */
async function compareWithManifest(
  em: EntityManager,
  plan: Plan,
): Promise<{ unexpected: string[]; missing: string[] }> {
  const found = await query<{ k: string }>(
    em,
    `select f.kind || '|' || f.severity || '|' || v.code || '|' || coalesce(g.code, '') as k
     from coverage_finding f join village v on v.id = f.village_id left join grid g on g.id = f.grid_id`,
  );
  const expected = new Set(plan.expected.map((x) => `${x.kind}|${x.severity}|${x.villageCode}|${x.gridCode ?? ''}`));
  const foundSet = new Set(found.map((r) => r.k));
  return {
    unexpected: [...foundSet].filter((k) => !expected.has(k)).sort(),
    missing: [...expected].filter((k) => !foundSet.has(k)).sort(),
  };
}

const DATA_TABLES =
  'coverage_finding, coverage_unit, grid_worker_grids, party_unit, grid_worker, grid, village, township, county';

/** What identifies a dataset without its geometry: grid codes with households, workers with phones and names. */
function planFingerprint(plan: Plan): string {
  const grids = [...plan.grids]
    .sort((a, b) => (a.code < b.code ? -1 : 1))
    .map((g) => `${g.code}:${g.name}:${g.households}:${g.population}`)
    .join(',');
  const workers = [...plan.workers]
    .sort((a, b) => (a.phone < b.phone ? -1 : 1))
    .map((w) => `${w.phone}:${w.name}:${w.active}`)
    .join(',');
  const md5 = (s: string) => createHash('md5').update(s).digest('hex');
  return `${md5(grids)}/${md5(workers)}/${plan.partyUnits.length}/${plan.units.length}`;
}

async function databaseFingerprint(em: EntityManager): Promise<string> {
  const [r] = await query<Record<string, string>>(
    em,
    `select (select md5(string_agg(g.code || ':' || g.name || ':' || coalesce(g.households::text, '-') || ':' || coalesce(g.population::text, '-'), ',' order by g.code)) from grid g) as grids,
            (select md5(string_agg(w.phone || ':' || w.name || ':' || w.active::text, ',' order by w.phone)) from grid_worker w) as workers,
            (select count(*) from party_unit) as party, (select count(*) from village) as units`,
  );
  return `${r!.grids}/${r!.workers}/${r!.party}/${r!.units}`;
}

export async function countCounties(em: EntityManager): Promise<number> {
  const [r] = await query<{ n: string }>(em, 'select count(*) as n from county');
  return Number(r!.n);
}

const json = (v: unknown) => JSON.stringify(v);

export async function runSeed(orm: MikroORM, options: RunOptions): Promise<SeedResult> {
  const started = performance.now();
  const say = options.say ?? ((l: string) => console.log(l));
  const progress = new Progress(say, options.tty ?? Boolean(process.stdout.isTTY));
  const label = `seed ${options.seed}${options.perfect ? ', perfect' : ''}`;
  const plan = await progress.run('plan (records, no geometry)', 1, async (s) => {
    const p = buildPlan(options);
    s.tick();
    return p;
  });
  // Every input file was validated while the plan was built (loadRegistry); now the manifest. Nothing is written yet.
  checkManifest(plan);
  const em = orm.em.fork();

  if ((await countCounties(em)) > 0 && !options.reset) {
    if ((await databaseFingerprint(em)) === planFingerprint(plan)) {
      say(`The database already holds the Wuzhong dataset of ${label}; nothing changed.`);
      return finish('unchanged');
    }
    throw new SeedRefused(
      `The database already holds other data (not the dataset of ${label}). Nothing was changed. Run with --reset to delete all data rows and seed again.`,
    );
  }

  await em.transactional(async (tx) => {
    if (options.reset) {
      await progress.run('reset (delete all data rows)', 1, async (s) => {
        await query(tx, `truncate ${DATA_TABLES} restart identity cascade`);
        s.tick();
      });
    }
    await progress.run('registry: counties, townships, units', 3, async (s) => {
      await query(
        tx,
        `insert into county (code, name, geom, created_at, updated_at)
         select x.code, x.name, ST_Multi(ST_ReducePrecision(ST_Segmentize(ST_SetSRID(ST_GeomFromGeoJSON(x.g), 4326), ${MAX_EDGE_DEG}), ${GRID_SIZE})), now(), now()
         from json_to_recordset(?::json) as x(code text, name text, g text) order by x.code`,
        [json(plan.registry.counties.map((c) => ({ code: c.code, name: c.name, g: json(c.geometry) })))],
      );
      s.tick();
      await query(
        tx,
        `insert into township (code, name, kind, county_id, created_at, updated_at)
         select x.code, x.name, x.kind, c.id, now(), now()
         from json_to_recordset(?::json) as x(code text, name text, kind text, county_code text) join county c on c.code = x.county_code order by x.code`,
        [
          json(
            plan.registry.townships.map((t) => ({
              code: t.code,
              name: t.name,
              kind: t.kind,
              county_code: t.countyCode,
            })),
          ),
        ],
      );
      s.tick();
      await query(
        tx,
        `insert into village (code, name, kind, township_id, households, population, villager_groups, created_at, updated_at)
         select x.code, x.name, x.kind, t.id, x.households, x.population, x.villager_groups, now(), now()
         from json_to_recordset(?::json) as x(code text, name text, kind text, township_code text, households int, population int, villager_groups int)
         join township t on t.code = x.township_code order by x.code`,
        [
          json(
            plan.units.map((u) => ({
              code: u.code,
              name: u.name,
              kind: u.kind,
              township_code: u.townshipCode,
              households: u.households,
              population: u.population,
              villager_groups: u.villagerGroups,
            })),
          ),
        ],
      );
      s.tick();
    });
    const counties = plan.registry.counties.map((c) => c.code);
    const centres = new Map<string, [number, number]>();
    await progress.run('township boundaries', counties.length, async (s) => {
      for (const c of counties) {
        for (const [k, v] of await townshipBoundaries(tx, plan, c)) centres.set(k, v);
        s.tick();
      }
    });
    await progress.run('village/community boundaries', counties.length, async (s) => {
      for (const c of counties) {
        await unitBoundaries(tx, plan, c, centres);
        s.tick();
      }
    });
    await progress.run('grids and their boundaries', counties.length, async (s) => {
      for (const c of counties) {
        await gridBoundaries(tx, plan, c);
        s.tick();
      }
    });
    const gaps = await progress.run(
      'deliberate gaps',
      1,
      async (s) => {
        const r = await carveGaps(tx, plan.imperfections.gapUnits);
        s.tick();
        return r;
      },
      (r) => `${r.length} units`,
    );
    const small = gaps.filter((g) => g.m2 < 5000);
    if (small.length) throw new Error(`gaps under 5,000 m² in ${small.map((g) => g.code).join(', ')}`);

    await progress.run('grid workers', 2, async (s) => {
      const [{ first }] = (await query<{ first: number }>(
        tx,
        `select nextval('grid_worker_id_seq')::int as first`,
      )) as [{ first: number }];
      const rows = plan.workers.map((w, i) => ({
        id: first + i,
        name: w.name,
        phone: w.phone,
        employment: w.employment,
        source: w.source,
        active: w.active,
      }));
      await query(
        tx,
        `insert into grid_worker (id, name, phone, employment, source, active, created_at, updated_at)
         select x.id, x.name, x.phone, x.employment, x.source, x.active, now(), now()
         from json_to_recordset(?::json) as x(id int, name text, phone text, employment text, source text, active boolean) order by x.id`,
        [json(rows)],
      );
      await query(tx, `select setval('grid_worker_id_seq', ?)`, [first + rows.length - 1]);
      s.tick();
      const links = plan.workers.flatMap((w, i) => w.gridCodes.map((code) => ({ w: first + i, code })));
      await query(
        tx,
        `insert into grid_worker_grids (grid_worker_id, grid_id)
         select x.w, g.id from json_to_recordset(?::json) as x(w int, code text) join grid g on g.code = x.code order by 1, 2`,
        [json(links)],
      );
      s.tick();
    });
    await progress.run('party units', 1, async (s) => {
      const [{ first }] = (await query<{ first: number }>(tx, `select nextval('party_unit_id_seq')::int as first`)) as [
        { first: number },
      ];
      const id = new Map(plan.partyUnits.map((p, i) => [p.key, first + i]));
      const rows = plan.partyUnits.map((p) => ({
        id: id.get(p.key),
        name: p.name,
        level: p.level,
        kind: p.kind,
        parent_id: p.parentKey ? id.get(p.parentKey) : null,
        unit: p.unitCode,
        grid: p.gridCode,
        members: p.members,
      }));
      await query(
        tx,
        `insert into party_unit (id, name, level, kind, parent_id, village_id, grid_id, members, created_at, updated_at)
         select x.id, x.name, x.level, x.kind, x.parent_id, v.id, g.id, x.members, now(), now()
         from json_to_recordset(?::json) as x(id int, name text, level text, kind text, parent_id int, unit text, grid text, members int)
         left join village v on v.code = x.unit left join grid g on g.code = x.grid order by x.id`,
        [json(rows)],
      );
      await query(tx, `select setval('party_unit_id_seq', ?)`, [first + rows.length - 1]);
      s.tick();
    });
    await progress.run('check geometries', 1, async (s) => {
      const [r] = await query<Record<string, number>>(
        tx,
        `select (select count(*) from township where geom is null or ST_IsEmpty(geom) or not ST_IsValid(geom))::int as townships,
                (select count(*) from village where geom is null or ST_IsEmpty(geom) or not ST_IsValid(geom))::int as units,
                (select count(*) from grid where ST_IsEmpty(geom) or not ST_IsValid(geom) or ST_Area(geom) = 0)::int as grids`,
      );
      if (r!.townships || r!.units || r!.grids) throw new Error(`empty or invalid geometries: ${json(r)}`);
      s.tick();
    });
    await progress.run('coverage (all units)', 1, async (s) => {
      await new CoverageService(options.config).rebuild(tx);
      s.tick();
    });
    // Inside the transaction: coverage that differs from the manifest rolls everything back.
    const diff = await compareWithManifest(tx, plan);
    if (diff.unexpected.length || diff.missing.length) {
      throw new SeedManifestMismatch(
        `coverage differs from the manifest (${diff.unexpected.length} unexpected, ${diff.missing.length} missing), e.g. ${[...diff.unexpected, ...diff.missing].slice(0, 3).join('; ')}`,
      );
    }
    await progress.run(
      'work orders, member units, coverage history (generated)',
      1,
      async (s) => {
        const r = await seedLoop(tx, options.seed);
        s.tick();
        return r;
      },
      (r) => loopSummary(r).join(''),
    );
  });
  // Planner statistics for the fresh rows (autovacuum may be off or late): without them the first queries plan blind.
  await progress.run('vacuum analyze', 1, async (s) => {
    await query(orm.em.fork(), `vacuum (analyze) ${DATA_TABLES}`);
    s.tick();
  });
  return finish('seeded');

  async function finish(status: SeedResult['status']): Promise<SeedResult> {
    const e = orm.em.fork();
    const report = await cityReport(e);
    const findings = await query<{ kind: string; severity: string; count: number }>(
      e,
      'select kind, severity, count(*)::int as count from coverage_finding group by kind, severity order by kind, severity',
    );
    const { unexpected, missing } = await compareWithManifest(e, plan);
    const ms = Math.round(performance.now() - started);
    const result: SeedResult = { status, ms, plan, report, findings, unexpected, missing };
    for (const line of summary(result)) say(line);
    return result;
  }
}

const n = (v: number) => v.toLocaleString('en-US');

/** The figures beside the report's, the imperfections and the coverage check, as lines. */
export function summary(r: SeedResult): string[] {
  const p = r.report;
  const yanchi = r.plan.units.filter((u) => u.countyCode === '640323');
  const rows: [string, number, string][] = [
    ['counties / townships', p.counties, '5 / ~50'],
    ['townships and streets', p.townships, '~50'],
    ['villages', p.villages, '497 (2023 codes: 500)'],
    ['communities', p.communities, '80 (2023 codes: 91 + 9 living areas)'],
    ['grids in villages', p.villageGrids, n(REPORT.villageGrids)],
    ['grids in communities', p.communityGrids, n(REPORT.communityGrids)],
    ['grid workers', p.workers, n(REPORT.workers)],
    ['natural-village party groups', p.naturalVillageGroups, n(REPORT.naturalVillageGroups)],
    ['industry party organisations', p.industryOrganisations, n(REPORT.industryOrganisations)],
    ['community party committees', p.communityCommittees, n(REPORT.communityCommittees)],
    ['grid party branches', p.gridBranches, n(REPORT.gridBranches)],
    ['grid party groups', p.gridGroups, n(REPORT.gridGroups)],
    ['Yanchi units', yanchi.length, '119'],
    ['Yanchi households', yanchi.reduce((s, u) => s + u.households, 0), n(REPORT.yanchiHouseholds)],
    ['households (city)', p.households, '—'],
    ['population (city)', p.population, '—'],
  ];
  const lines = [
    '',
    `${'figure'.padEnd(30)} ${'seeded'.padStart(10)}   report`,
    `${'-'.repeat(30)} ${'-'.repeat(10)}   ${'-'.repeat(20)}`,
  ];
  for (const [name, value, target] of rows) lines.push(`${name.padEnd(30)} ${n(value).padStart(10)}   ${target}`);
  const imp = r.plan.imperfections;
  lines.push('');
  if (r.plan.options.perfect) lines.push('imperfections: none (--perfect)');
  else {
    lines.push(
      `imperfections (deliberate, pre-reform): ${imp.gapUnits.length} units with uncovered land, ` +
        `${imp.oversizedWarning.length} community grids over ${RULES.oversizedGrid.maxHouseholds} households and ${imp.oversizedCritical.length} over ${RULES.oversizedGrid.criticalHouseholds}, ` +
        `${imp.unstaffedGrids.length} grids with no active worker (${IMPERFECTIONS.unstaffedInactive} of them with an inactive one), ` +
        `${imp.noPartyGrids.length} grids with no party organisation`,
    );
  }
  const total = r.findings.reduce((s, f) => s + f.count, 0);
  lines.push(
    `coverage findings: ${total}${total ? ` (${r.findings.map((f) => `${f.kind} ${f.severity} ${f.count}`).join(', ')})` : ''}`,
  );
  if (!r.unexpected.length && !r.missing.length)
    lines.push(`coverage matches the manifest: exactly the ${r.plan.expected.length} deliberate findings`);
  else {
    lines.push(
      `WARNING: coverage differs from the manifest: ${r.unexpected.length} unexpected, ${r.missing.length} missing`,
    );
    for (const k of r.unexpected.slice(0, 10)) lines.push(`  unexpected ${k}`);
    for (const k of r.missing.slice(0, 10)) lines.push(`  missing    ${k}`);
  }
  lines.push(`${r.status === 'seeded' ? 'seeded' : 'checked'} in ${(r.ms / 1000).toFixed(1)} s`);
  return lines;
}
