/**
 * `npm run import -- villages|grids FILE.geojson [--dry-run]`: real boundaries
 * from a GeoJSON FeatureCollection, matched by code.
 *
 *   villages: properties code, name, kind (VILLAGE|COMMUNITY), townshipCode; optional households, population, villagerGroups
 *   grids:    properties code, name, kind (VILLAGER_GROUP, RESIDENTIAL_COMPOUND, …), villageCode; optional households, population
 *
 * Every feature is checked as the API checks it (structure, WGS 84 extent, PostGIS
 * validity, at most MAX_SPILL_SHARE outside its parent); each bad feature is
 * reported by index and reason. All or nothing: one transaction, upsert by code,
 * then the coverage of every touched unit is recomputed in the same transaction.
 */
import 'reflect-metadata';
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { MikroORM, type EntityManager } from '@mikro-orm/postgresql';
import { loadConfig, type Config } from '../server/src/config';
import { GeometryService } from '../server/src/common/geometry.service';
import { query } from '../server/src/common/sql';
import { CoverageService } from '../server/src/coverage/coverage.service';
import { ormConfig } from '../server/src/db/mikro-orm.config';

export type ImportKind = 'villages' | 'grids';
export interface ImportProblem { index: number; code: string | null; reason: string }
export interface ImportResult {
  features: number;
  problems: ImportProblem[];
  /** Rows written (0 on a dry run or when any feature is bad). */
  inserted: number;
  updated: number;
  touchedUnits: number;
  dryRun: boolean;
}

const UNIT_KINDS = ['VILLAGE', 'COMMUNITY'];
const GRID_KINDS = ['VILLAGER_GROUP', 'RESIDENTIAL_COMPOUND', 'BUILDING', 'COMMERCIAL', 'NATURAL_VILLAGE', 'OTHER'];

interface Row {
  code: string; name: string; kind: string; parent_id: number; households: number | null; population: number | null;
  villager_groups: number | null; g: string;
}

/** Validates and (unless dryRun or any feature is bad) writes a FeatureCollection. */
export async function importFeatures(em: EntityManager, config: Config, kind: ImportKind, collection: unknown, options: { dryRun?: boolean } = {}): Promise<ImportResult> {
  const dryRun = Boolean(options.dryRun);
  const problems: ImportProblem[] = [];
  const fc = collection as { type?: string; features?: unknown[] };
  if (!fc || fc.type !== 'FeatureCollection' || !Array.isArray(fc.features)) {
    return { features: 0, problems: [{ index: -1, code: null, reason: 'the file is not a GeoJSON FeatureCollection' }], inserted: 0, updated: 0, touchedUnits: 0, dryRun };
  }
  const geo = new GeometryService(config);
  const parentTable = kind === 'villages' ? 'township' : 'village';
  const parentKey = kind === 'villages' ? 'townshipCode' : 'villageCode';
  const parents = new Map(
    (await query<{ id: number; code: string; name: string }>(em, `select id, code, name from ${parentTable}`)).map((r) => [r.code, r]),
  );
  const rows: Row[] = [];
  const seen = new Map<string, number>();

  return em.transactional(async (tx) => {
    for (const [index, f] of fc.features!.entries()) {
      const feature = f as { type?: string; properties?: Record<string, unknown>; geometry?: unknown };
      const p = feature?.properties ?? {};
      const code = typeof p.code === 'string' ? p.code.trim() : null;
      const bad = (reason: string) => problems.push({ index, code, reason });
      if (!feature || feature.type !== 'Feature') { bad('not a GeoJSON Feature'); continue; }
      const before = problems.length;
      const maxCode = kind === 'villages' ? 12 : 32;
      if (!code) bad('properties.code is missing');
      else if (code.length > maxCode) bad(`properties.code is longer than ${maxCode} characters`);
      else if (seen.has(code)) bad(`properties.code ${code} is also used by feature ${seen.get(code)}`);
      if (code) seen.set(code, seen.get(code) ?? index);
      const name = typeof p.name === 'string' ? p.name.trim() : '';
      if (!name) bad('properties.name is missing or empty');
      else if (name.length > 200) bad('properties.name is longer than 200 characters');
      const kinds = kind === 'villages' ? UNIT_KINDS : GRID_KINDS;
      const k = p.kind ?? (kind === 'villages' ? 'VILLAGE' : 'OTHER');
      if (typeof k !== 'string' || !kinds.includes(k)) bad(`properties.kind ${JSON.stringify(p.kind)} is not one of ${kinds.join(', ')}`);
      const count = (key: string): number | null => {
        const v = p[key];
        if (v === undefined || v === null) return null;
        if (!Number.isInteger(v) || (v as number) < 0) { bad(`properties.${key} must be a whole number ≥ 0`); return null; }
        return v as number;
      };
      const households = count('households');
      const population = count('population');
      const villagerGroups = kind === 'villages' ? count('villagerGroups') : null;
      const parent = typeof p[parentKey] === 'string' ? parents.get(p[parentKey] as string) : undefined;
      if (!parent) bad(`properties.${parentKey} ${JSON.stringify(p[parentKey] ?? null)} names no ${parentTable} in the database`);
      let geometry;
      try {
        // Savepoint per feature: a PostGIS error in one check must not abort the transaction.
        geometry = await tx.transactional((sp) => geo.checkPolygonal(sp, feature.geometry, `features[${index}].geometry`));
        if (parent) {
          await tx.transactional((sp) => geo.checkInside(sp, geometry!, kind === 'villages' ? 'village' : 'grid', parentTable, parent.name, parent.id));
        }
      } catch (e) {
        bad((e as Error).message);
      }
      if (problems.length === before && geometry && parent && code) {
        rows.push({ code, name, kind: k as string, parent_id: parent.id, households, population, villager_groups: villagerGroups, g: JSON.stringify(geometry) });
      }
    }
    const result: ImportResult = { features: fc.features!.length, problems, inserted: 0, updated: 0, touchedUnits: 0, dryRun };
    if (problems.length || dryRun || !rows.length) return result;

    const data = JSON.stringify(rows);
    let written: { id: number; inserted: boolean; unit: number }[];
    let touched: number[];
    if (kind === 'villages') {
      written = await query(
        tx,
        `insert into village (code, name, kind, township_id, households, population, villager_groups, geom, created_at, updated_at)
         select x.code, x.name, x.kind, x.parent_id, x.households, x.population, x.villager_groups,
                ST_Multi(ST_SetSRID(ST_GeomFromGeoJSON(x.g), 4326)), now(), now()
         from json_to_recordset(?::json) as x(code text, name text, kind text, parent_id int, households int, population int, villager_groups int, g text)
         on conflict (code) do update set name = excluded.name, kind = excluded.kind, township_id = excluded.township_id,
           households = coalesce(excluded.households, village.households), population = coalesce(excluded.population, village.population),
           villager_groups = coalesce(excluded.villager_groups, village.villager_groups), geom = excluded.geom,
           version = village.version + 1, updated_at = now()
         returning id, (xmax = 0) as inserted, id as unit`,
        [data],
      );
      touched = written.map((w) => Number(w.unit));
    } else {
      const before = await query<{ village_id: number }>(
        tx, `select g.village_id from grid g where g.code in (select x.code from json_to_recordset(?::json) as x(code text))`, [data],
      );
      written = await query(
        tx,
        `insert into grid (code, name, kind, village_id, households, population, geom, created_at, updated_at)
         select x.code, x.name, x.kind, x.parent_id, x.households, x.population, ST_Multi(ST_SetSRID(ST_GeomFromGeoJSON(x.g), 4326)), now(), now()
         from json_to_recordset(?::json) as x(code text, name text, kind text, parent_id int, households int, population int, g text)
         on conflict (code) do update set name = excluded.name, kind = excluded.kind, village_id = excluded.village_id,
           households = coalesce(excluded.households, grid.households), population = coalesce(excluded.population, grid.population),
           geom = excluded.geom, version = grid.version + 1, updated_at = now()
         returning id, (xmax = 0) as inserted, village_id as unit`,
        [data],
      );
      touched = [...written.map((w) => Number(w.unit)), ...before.map((b) => Number(b.village_id))];
    }
    const units = [...new Set(touched)].sort((a, b) => a - b);
    await new CoverageService(config).recompute(tx, units);
    result.inserted = written.filter((w) => w.inserted).length;
    result.updated = written.length - result.inserted;
    result.touchedUnits = units.length;
    return result;
  });
}

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  const dryRun = args.includes('--dry-run');
  const [kind, file] = args.filter((a) => !a.startsWith('--'));
  if ((kind !== 'villages' && kind !== 'grids') || !file) {
    console.error('usage: npm run import -- villages|grids FILE.geojson [--dry-run]');
    return 2;
  }
  let collection: unknown;
  try {
    collection = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    console.error(`cannot read ${file}: ${(e as Error).message}`);
    return 2;
  }
  const config = loadConfig();
  const orm = await MikroORM.init(ormConfig(config.databaseUrl));
  try {
    const r = await importFeatures(orm.em.fork(), config, kind, collection, { dryRun });
    for (const p of r.problems) console.error(`feature ${p.index}${p.code ? ` (${p.code})` : ''}: ${p.reason}`);
    if (r.problems.length) {
      console.error(`${r.problems.length} problem(s) in ${r.features} features; nothing was written.`);
      return 1;
    }
    if (dryRun) console.log(`${r.features} features are valid (dry run: nothing was written).`);
    // Fresh planner statistics for what was written (VACUUM cannot run inside the import's transaction).
    else await orm.em.fork().execute('vacuum (analyze) village, grid, coverage_unit, coverage_finding');
    if (!dryRun) console.log(`${r.inserted} ${kind} inserted, ${r.updated} updated; coverage recomputed for ${r.touchedUnits} units.`);
    return 0;
  } finally {
    await orm.close();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) process.exitCode = await main();
