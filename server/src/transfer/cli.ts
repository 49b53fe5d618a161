/**
 * `npm run import -- FILE [--target grids] [--layer NAME] [--crs EPSG:4524] [--encoding GBK]
 *   [--map name=WGMC,code=WGBM,parentCode=CJBM] [--towgs84 dx,dy,dz,rx,ry,rz,ds]
 *   [--replace] [--trim] [--clip] [--allow-overlaps] [--dry-run] [--json]`
 *
 * The older form `npm run import -- villages|grids FILE.geojson [--dry-run]` still works
 * (it replaces boundaries of records matched by code and allows overlaps, as it did).
 * Exit 0 when written (or a clean dry run), 1 when any feature is refused (nothing written),
 * 2 for bad arguments or an unreadable file.
 */
import 'reflect-metadata';
import { pathToFileURL } from 'node:url';
import { MikroORM } from '@mikro-orm/postgresql';
import { AppError } from '../common/errors';
import { loadConfig } from '../config';
import { CoverageService } from '../coverage/coverage.service';
import { ormConfig } from '../db/mikro-orm.config';
import {
  applyImport,
  importLimits,
  MAP_KEYS,
  planImport,
  readFile,
  TARGETS,
  type FieldMap,
  type ImportContext,
  type ImportSettings,
  type Target,
} from './import.service';

export const USAGE = `usage: npm run import -- FILE [--target counties|townships|villages|grids] [--layer NAME] [--crs EPSG:4524]
       [--encoding GBK|UTF-8] [--map name=WGMC,code=WGBM,parentCode=CJBM,households=HS] [--towgs84 dx,dy,dz,rx,ry,rz,ds]
       [--replace] [--trim] [--clip] [--allow-overlaps] [--dry-run] [--json]
   or: npm run import -- villages|grids FILE.geojson [--dry-run]`;

export interface CliArgs {
  file: string;
  settings: ImportSettings;
  dryRun: boolean;
  json: boolean;
}

export function parseArgs(argv: string[]): CliArgs | string {
  const flags = new Map<string, string | true>();
  const positional: string[] = [];
  const valued = new Set(['--target', '--layer', '--crs', '--encoding', '--map', '--towgs84']);
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a.startsWith('--')) {
      const [k, v] = a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, undefined];
      if (valued.has(k!)) {
        const value = v ?? argv[++i];
        if (value === undefined) return `${k} needs a value`;
        flags.set(k!, value);
      } else flags.set(k!, true);
    } else positional.push(a);
  }
  let target = flags.get('--target') as string | undefined;
  let layer = flags.get('--layer') as string | undefined;
  let file = positional[0];
  const legacy = positional.length === 2 && (TARGETS as readonly string[]).includes(positional[0]!);
  if (legacy) {
    target = positional[0];
    file = positional[1];
  }
  if (!file) return 'FILE is missing';
  // `--layer grids` names the target when no --target is given and it is a target's name.
  if (!target && layer && (TARGETS as readonly string[]).includes(layer)) {
    target = layer;
    layer = undefined;
  }
  if (!target) return '--target is missing (counties, townships, villages or grids)';
  if (!(TARGETS as readonly string[]).includes(target)) return `target ${target} is not one of ${TARGETS.join(', ')}`;
  let map: FieldMap | undefined;
  if (typeof flags.get('--map') === 'string') {
    map = {};
    for (const pair of (flags.get('--map') as string).split(',')) {
      const [k, v] = pair.split('=').map((x) => x.trim());
      if (!k || !v || !(MAP_KEYS as readonly string[]).includes(k))
        return `--map takes key=FIELD pairs with keys ${MAP_KEYS.join(', ')}`;
      map[k as keyof FieldMap] = v;
    }
  }
  return {
    file,
    dryRun: flags.has('--dry-run'),
    json: flags.has('--json'),
    settings: {
      target: target as Target,
      layer,
      map,
      crs: flags.get('--crs') as string | undefined,
      encoding: flags.get('--encoding') as string | undefined,
      towgs84: flags.get('--towgs84') as string | undefined,
      replaceBoundaries: legacy || flags.has('--replace'),
      trimOverlaps: flags.has('--trim'),
      clipToParent: flags.has('--clip'),
      allowOverlaps: legacy || flags.has('--allow-overlaps'),
    },
  };
}

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2));
  if (typeof args === 'string') {
    console.error(`${args}\n${USAGE}`);
    return 2;
  }
  const config = loadConfig();
  const orm = await MikroORM.init(ormConfig(config.databaseUrl));
  const coverage = new CoverageService(config);
  const ctx: ImportContext = { config, coverage };
  try {
    const t0 = Date.now();
    let read;
    try {
      read = await readFile(args.file, args.settings, importLimits());
    } catch (e) {
      if (e instanceof AppError) {
        console.error(e.message);
        return 2;
      }
      throw e;
    }
    const settings = { ...args.settings, map: read.map };
    const em = orm.em.fork();
    const r = args.dryRun
      ? await planImport(em, ctx, null, read, settings)
      : await applyImport(em, ctx, null, read, settings);
    if (args.json) console.log(JSON.stringify(r, null, 1));
    else {
      console.log(
        `${read.layer}: ${r.features} features, CRS ${r.crs}${r.encoding ? `, encoding ${r.encoding}` : ''}; map ${JSON.stringify(settings.map)}`,
      );
      for (const i of r.items.filter((x) => x.status === 'REFUSED')) {
        console.error(`feature ${i.index}${i.code ? ` (${i.code})` : ''}: ${i.reasons.map((m) => m.en).join('; ')}`);
      }
      console.log(
        `new ${r.counts.NEW}, updated ${r.counts.UPDATED}, unchanged ${r.counts.UNCHANGED}, refused ${r.counts.REFUSED}`,
      );
      console.log(r.message || (args.dryRun ? 'dry run: nothing was written.' : ''));
      console.log(`${((Date.now() - t0) / 1000).toFixed(1)} s`);
    }
    return r.counts.REFUSED ? 1 : 0;
  } finally {
    await orm.close();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) process.exitCode = await main();
