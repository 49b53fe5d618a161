/**
 * Import of real boundaries (counties, townships, villages/communities, grids) from any
 * file GDAL reads: inspect → read (reprojected to EPSG:4326 by GDAL, decoded in the
 * right encoding) → plan (a dry-run report per feature) → apply (all or nothing).
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import type { EntityManager } from '@mikro-orm/postgresql';
import { forbidden, type Principal } from '../auth/principal';
import { Role } from '../auth/auth.entities';
import { AppError } from '../common/errors';
import { runChange } from '../changes/corridor';
import type { RecordType } from '../changes/records';
import type { CoverageService } from '../coverage/coverage.service';
import { intArray, query } from '../common/sql';
import type { Config } from '../config';
import { describeCrs, guessCrs, hasTowgs84, legacyDatum, parseTowgs84 } from './crs';
import { datasetName, GdalError, inspectDataset, runGdal, streamFeatures, type LayerInfo } from './gdal';
import { TRANSFER_MESSAGES as M, type Message } from './transfer.messages';
import { TRANSFER_SQL as SQL, WRITE_SQL } from './transfer.sql';

export const TARGETS = ['counties', 'townships', 'villages', 'grids'] as const;
export type Target = (typeof TARGETS)[number];

interface TargetDef {
  table: string;
  type: RecordType;
  parent: { table: string; fk: string; en: string; zh: string } | null;
  /** Extra integer/text columns the target has (beyond code, name, parent, geom). */
  cols: readonly string[];
  kinds: readonly string[] | null;
  /** Chinese labels of the kinds (also accepted as input). */
  kindLabels: Record<string, string>;
  codeMax: number;
  codeRequired: boolean;
}

export const TARGET_DEFS: Record<Target, TargetDef> = {
  counties: {
    table: 'county',
    type: 'County',
    parent: null,
    cols: [],
    kinds: null,
    kindLabels: {},
    codeMax: 12,
    codeRequired: true,
  },
  townships: {
    table: 'township',
    type: 'Township',
    parent: { table: 'county', fk: 'county_id', en: 'county', zh: '县区' },
    cols: ['kind'],
    kinds: ['TOWN', 'TOWNSHIP', 'STREET', 'OTHER'],
    kindLabels: { TOWN: '镇', TOWNSHIP: '乡', STREET: '街道', OTHER: '其他' },
    codeMax: 12,
    codeRequired: true,
  },
  villages: {
    table: 'village',
    type: 'Village',
    parent: { table: 'township', fk: 'township_id', en: 'township', zh: '乡镇/街道' },
    cols: ['kind', 'households', 'population', 'villager_groups'],
    kinds: ['VILLAGE', 'COMMUNITY'],
    kindLabels: { VILLAGE: '村', COMMUNITY: '社区' },
    codeMax: 12,
    codeRequired: true,
  },
  grids: {
    table: 'grid',
    type: 'Grid',
    parent: { table: 'village', fk: 'village_id', en: 'village or community', zh: '村/社区' },
    cols: ['kind', 'households', 'population'],
    kinds: ['VILLAGER_GROUP', 'RESIDENTIAL_COMPOUND', 'BUILDING', 'COMMERCIAL', 'NATURAL_VILLAGE', 'OTHER'],
    kindLabels: {
      VILLAGER_GROUP: '村民小组',
      RESIDENTIAL_COMPOUND: '小区',
      BUILDING: '楼栋',
      COMMERCIAL: '商贸楼宇',
      NATURAL_VILLAGE: '自然村',
      OTHER: '其他',
    },
    codeMax: 32,
    codeRequired: false,
  },
};

/** Which source field feeds which attribute. */
export interface FieldMap {
  code?: string;
  name?: string;
  parentCode?: string;
  kind?: string;
  households?: string;
  population?: string;
  villagerGroups?: string;
  /** Tables: a WKT column, or longitude/latitude columns (one row per vertex, grouped by code, in row order). */
  wkt?: string;
  lng?: string;
  lat?: string;
}
export const MAP_KEYS = [
  'code',
  'name',
  'parentCode',
  'kind',
  'households',
  'population',
  'villagerGroups',
  'wkt',
  'lng',
  'lat',
] as const;

export interface ImportSettings {
  target: Target;
  layer?: string;
  /** Source CRS when the file has none (or to override it), e.g. EPSG:4524. */
  crs?: string;
  /** DBF encoding when the file says none: UTF-8 or GBK. */
  encoding?: string;
  /** Helmert parameters for Xi'an 1980 / Beijing 1954: "dx,dy,dz[,rx,ry,rz,ds]". */
  towgs84?: string;
  map?: FieldMap;
  /** Replace the boundaries of existing records matched by code (otherwise only their attributes change). */
  replaceBoundaries?: boolean;
  trimOverlaps?: boolean;
  /** Accept overlaps with siblings (coverage reports them), as the API's `overlaps: ALLOW`. */
  allowOverlaps?: boolean;
  clipToParent?: boolean;
}

export interface ImportLimits {
  maxFeatures: number;
  maxBytes: number;
  timeoutMs: number;
}

export const importLimits = (env: NodeJS.ProcessEnv = process.env): ImportLimits => ({
  maxFeatures: Number(env.IMPORT_MAX_FEATURES ?? 100_000),
  maxBytes: Number(env.IMPORT_MAX_BYTES ?? 200 * 1024 * 1024),
  timeoutMs: Number(env.IMPORT_TIMEOUT_MS ?? 300_000),
});

export const transferError = (message: string, extra: Record<string, unknown> = {}) =>
  new AppError('BAD_USER_INPUT', message, { http: { status: 400 }, ...extra });

// ---------------------------------------------------------------------------------------------
// Inspect: what is in the file

export interface LayerSummary {
  name: string;
  geometryType: string;
  featureCount: number;
  fields: string[];
  crs: { name: string; epsg: string | null } | null;
  legacyDatum: string | null;
  /** Candidates when the file has no CRS, most likely first. */
  crsCandidates: string[];
  /** Whether the encoding must be chosen (a DBF without .cpg), the guess, and names decoded both ways. */
  encoding: {
    needed: boolean;
    source: string | null;
    guess: string | null;
    preview: { 'UTF-8': string[]; GBK: string[] } | null;
  };
  suggestedTarget: Target | null;
  suggestedMap: FieldMap;
}

export interface Inspection {
  driver: string;
  layers: LayerSummary[];
}

/** The GDAL data source inside an upload: a single file, a zip (Shapefile parts, GeoPackage), or a directory of parts. */
export function sourceOf(file: string): string {
  if (existsSync(file) && statSync(file).isDirectory()) {
    const entries = readdirSync(file);
    const main = entries.find((e) => /\.(shp|gpkg|kml|kmz|geojson|json|dxf|csv|xlsx)$/i.test(e));
    return main && !/\.shp$/i.test(main) ? path.join(file, main) : file;
  }
  return datasetName(file);
}

const TABULAR = new Set(['CSV', 'XLSX', 'ODS']);
const ENCODING_CONFIG: Record<string, string> = { 'UTF-8': 'UTF-8', GBK: 'CP936' };

function encodingConfig(encoding: string | undefined): Record<string, string> {
  if (!encoding) return {};
  const e = ENCODING_CONFIG[encoding.toUpperCase() === 'UTF8' ? 'UTF-8' : encoding.toUpperCase()];
  if (!e) throw transferError(M.badEncoding(encoding));
  return { SHAPE_ENCODING: e };
}

export async function inspectFile(file: string, encoding?: string): Promise<Inspection> {
  const source = sourceOf(file);
  let info;
  try {
    info = await inspectDataset(source, encodingConfig(encoding));
  } catch (e) {
    throw transferError(M.unreadable((e as Error).message));
  }
  if (!info.layers.length) throw transferError(M.noLayers());
  const layers: LayerSummary[] = [];
  for (const l of info.layers) {
    const needed = info.driver === 'ESRI Shapefile' && !l.metadata.SOURCE_ENCODING;
    const summary: LayerSummary = {
      name: l.name,
      geometryType: l.geometryType,
      featureCount: l.featureCount,
      fields: l.fields.map((f) => f.name),
      crs: describeCrs(l.srsWkt),
      legacyDatum: legacyDatum(l.srsWkt),
      crsCandidates: l.srsWkt || TABULAR.has(info.driver) ? [] : guessCrs(l.extent),
      encoding: { needed, source: l.metadata.SOURCE_ENCODING || null, guess: null, preview: null },
      suggestedTarget: (TARGETS as readonly string[]).includes(l.name.toLowerCase())
        ? (l.name.toLowerCase() as Target)
        : null,
      suggestedMap: suggestMap(
        l.fields.map((f) => f.name),
        info.driver,
      ),
    };
    if (needed) {
      const preview = await encodingPreview(
        source,
        l.name,
        summary.suggestedMap.name ?? l.fields.find((f) => f.type === 'String')?.name,
      );
      summary.encoding.guess = preview.guess;
      summary.encoding.preview = preview.names;
    }
    layers.push(summary);
  }
  return { driver: info.driver, layers };
}

/**
 * GBK or UTF-8, by trying both: the raw bytes (no recoding) are decoded as strict UTF-8;
 * GBK text is practically never valid UTF-8. Names are shown decoded both ways.
 */
async function encodingPreview(source: string, layer: string, field: string | undefined) {
  const sample = async (config: Record<string, string>) => {
    const lines: Buffer[] = [];
    await streamFeatures(['-limit', '200', source, layer], (l) => lines.push(Buffer.from(l)), {
      config,
      timeoutMs: 60_000,
    });
    return lines;
  };
  const raw = await sample({ SHAPE_ENCODING: '' });
  const strict = new TextDecoder('utf-8', { fatal: true });
  let utf8 = true;
  for (const l of raw) {
    try {
      strict.decode(l);
    } catch {
      utf8 = false;
      break;
    }
  }
  const names = async (enc: string) =>
    (await sample({ SHAPE_ENCODING: ENCODING_CONFIG[enc]! })).slice(0, 5).map((l) => {
      const p = (JSON.parse(l.toString('utf8')) as { properties?: Record<string, unknown> }).properties ?? {};
      return String((field ? p[field] : Object.values(p).find((v) => typeof v === 'string')) ?? '');
    });
  return { guess: utf8 ? 'UTF-8' : 'GBK', names: { 'UTF-8': await names('UTF-8'), GBK: await names('GBK') } };
}

const CANDIDATES: Record<keyof FieldMap, string[]> = {
  code: ['code', '编码', '代码', 'wgbm', 'bm', 'dm', 'xzqdm', 'cjqydm', 'zldwdm', 'qhdm', 'id_code'],
  name: ['name', '名称', 'wgmc', 'mc', 'xzqmc', 'cjqymc', 'zldwmc', 'qhmc'],
  parentCode: [
    'parentcode',
    'parent_code',
    'villagecode',
    'village_code',
    'townshipcode',
    'township_code',
    'countycode',
    'county_code',
    '上级编码',
    '所属村编码',
    'sjbm',
    'sjdm',
    'cjbm',
    'xzbm',
  ],
  kind: ['kind', '类型', 'lx', 'type'],
  households: ['households', '户数', 'hs'],
  population: ['population', '人口', 'rk', 'rks'],
  villagerGroups: ['villagergroups', 'villager_groups', '村民小组数'],
  wkt: ['wkt', 'geometry', 'geom', 'the_geom', '几何'],
  lng: ['lng', 'lon', 'long', 'longitude', '经度', 'x'],
  lat: ['lat', 'latitude', '纬度', 'y'],
};

/** The mapping guessed from field names (common Chinese survey abbreviations included). */
export function suggestMap(fields: string[], driver = ''): FieldMap {
  const map: FieldMap = {};
  const lower = new Map(fields.map((f) => [f.toLowerCase(), f]));
  for (const key of Object.keys(CANDIDATES) as (keyof FieldMap)[]) {
    const hit = CANDIDATES[key].map((c) => lower.get(c)).find(Boolean);
    if (hit) map[key] = hit;
  }
  if (driver === 'DXF' && !map.code && lower.has('layer')) map.code = lower.get('layer');
  if (!TABULAR.has(driver)) {
    delete map.wkt;
    delete map.lng;
    delete map.lat;
  }
  return map;
}

// ---------------------------------------------------------------------------------------------
// Read: features in EPSG:4326

export interface SourceFeature {
  index: number;
  props: Record<string, unknown>;
  /** GeoJSON geometry (text) or WKT, in EPSG:4326 unless srid says otherwise. */
  gj: string | null;
  wkt: string | null;
  srid: number | null;
}

export interface ReadResult {
  layer: string;
  driver: string;
  features: SourceFeature[];
  crs: string;
  encoding: string | null;
  fields: string[];
  /** The field map in effect: the one given over the one guessed from field names. */
  map: FieldMap;
}

export async function readFile(
  file: string,
  settings: ImportSettings,
  limits: ImportLimits,
  onProgress?: (n: number) => void,
): Promise<ReadResult> {
  const source = sourceOf(file);
  let config = encodingConfig(settings.encoding);
  const info = await inspectDataset(source, config).catch((e: Error) => {
    throw transferError(M.unreadable(e.message));
  });
  if (!info.layers.length) throw transferError(M.noLayers());
  let layer: LayerInfo | undefined;
  if (settings.layer) {
    layer = info.layers.find((l) => l.name === settings.layer);
    if (!layer)
      throw transferError(
        M.noLayer(
          settings.layer,
          info.layers.map((l) => l.name),
        ),
      );
  } else layer = info.layers.find((l) => l.featureCount > 0) ?? info.layers[0]!;
  if (layer.featureCount > limits.maxFeatures)
    throw transferError(M.tooManyFeatures(layer.featureCount, limits.maxFeatures));

  // Encoding: a DBF without .cpg gets the chosen one, or the guess.
  let encoding: string | null = layer.metadata.SOURCE_ENCODING || null;
  if (info.driver === 'ESRI Shapefile' && !settings.encoding && !layer.metadata.SOURCE_ENCODING) {
    const guess = await encodingPreview(source, layer.name, undefined);
    config = encodingConfig(guess.guess);
    encoding = guess.guess;
  } else if (settings.encoding) encoding = settings.encoding.toUpperCase();

  const tabular = TABULAR.has(info.driver) && /none/i.test(layer.geometryType);
  const args: string[] = [];
  let crs: string;
  let srid: number | null = null;
  if (tabular) {
    // Coordinates in a table: reprojected by PostGIS from the chosen EPSG code.
    crs = settings.crs ?? 'EPSG:4326';
    const m = /^EPSG:(\d+)$/i.exec(crs);
    if (!m) throw transferError(M.badCrs(crs));
    srid = Number(m[1]);
  } else {
    const datum = legacyDatum(layer.srsWkt);
    if (settings.crs) {
      await checkCrs(settings.crs);
      args.push('-s_srs', settings.crs);
      crs = settings.crs;
    } else if (datum && !hasTowgs84(layer.srsWkt)) {
      if (!settings.towgs84) throw transferError(M.legacyDatum(datum), { reason: 'LEGACY_DATUM', datum });
      const params = parseTowgs84(settings.towgs84);
      if (!params) throw transferError(M.badTowgs84());
      const { stdout } = await runGdal('gdalsrsinfo', ['-o', 'proj4', layer.srsWkt!], { timeoutMs: 20_000 });
      const proj = stdout
        .toString()
        .trim()
        .replace(/\+towgs84=\S+|\+nadgrids=\S+/g, '')
        .replace(/\s+/g, ' ')
        .trim();
      args.push('-s_srs', `${proj} +towgs84=${params.join(',')}`);
      crs = `${describeCrs(layer.srsWkt)?.name ?? datum} +towgs84=${params.join(',')}`;
    } else if (!layer.srsWkt) {
      const candidates = guessCrs(layer.extent);
      if (candidates[0] !== 'EPSG:4490') throw transferError(M.needCrs(candidates), { reason: 'NEED_CRS', candidates });
      args.push('-s_srs', 'EPSG:4490'); // degrees without a CRS: CGCS2000 (the same as WGS 84 to centimetres)
      crs = 'EPSG:4490';
    } else crs = describeCrs(layer.srsWkt)?.epsg ?? describeCrs(layer.srsWkt)?.name ?? 'file';
    args.push('-t_srs', 'EPSG:4326', '-dim', 'XY');
  }
  args.push(source, layer.name);

  const features: SourceFeature[] = [];
  const fields = layer.fields.map((f) => f.name);
  const map: FieldMap = { ...suggestMap(fields, info.driver), ...settings.map };
  try {
    await streamFeatures(
      args,
      (line) => {
        const f = JSON.parse(line.toString('utf8')) as { properties?: Record<string, unknown>; geometry?: unknown };
        const props = f.properties ?? {};
        const wkt = tabular && map.wkt ? props[map.wkt] : null;
        features.push({
          index: features.length,
          props,
          gj: f.geometry ? JSON.stringify(f.geometry) : null,
          wkt: typeof wkt === 'string' && wkt.trim() ? wkt : null,
          srid,
        });
        if (features.length > limits.maxFeatures)
          throw transferError(M.tooManyFeatures(features.length, limits.maxFeatures));
        if (onProgress && features.length % 1000 === 0) onProgress(features.length);
      },
      { config, timeoutMs: limits.timeoutMs },
    );
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw transferError(M.unreadable((e as Error).message));
  }
  if (tabular && !map.wkt) {
    if (!map.lng || !map.lat) throw transferError(M.noCoordinates());
    return {
      layer: layer.name,
      driver: info.driver,
      features: verticesToPolygons(features, map, srid),
      crs,
      encoding,
      fields,
      map,
    };
  }
  return { layer: layer.name, driver: info.driver, features, crs, encoding, fields, map };
}

async function checkCrs(crs: string): Promise<void> {
  try {
    await runGdal('gdalsrsinfo', ['-o', 'epsg', crs], { timeoutMs: 20_000 });
  } catch (e) {
    if (e instanceof GdalError) throw transferError(M.badCrs(crs));
    throw e;
  }
}

/** A table of boundary vertices (界址点): rows grouped by code (or name), in row order, make one ring each. */
function verticesToPolygons(rows: SourceFeature[], map: FieldMap, srid: number | null): SourceFeature[] {
  const key = map.code ?? map.name!;
  const groups = new Map<string, { props: Record<string, unknown>; ring: number[][]; bad: boolean }>();
  for (const r of rows) {
    const k = String(r.props[key] ?? '');
    const g = groups.get(k) ?? { props: r.props, ring: [], bad: false };
    const x = Number(r.props[map.lng!]);
    const y = Number(r.props[map.lat!]);
    if (!Number.isFinite(x) || !Number.isFinite(y)) g.bad = true;
    g.ring.push([x, y]);
    groups.set(k, g);
  }
  return [...groups.values()].map((g, index) => {
    const ring = [...g.ring];
    const [f, l] = [ring[0]!, ring.at(-1)!];
    if (f[0] !== l[0] || f[1] !== l[1]) ring.push(f);
    return {
      index,
      props: g.props,
      gj: g.bad ? null : JSON.stringify({ type: 'Polygon', coordinates: [ring] }),
      wkt: null,
      srid,
    };
  });
}

// ---------------------------------------------------------------------------------------------
// Plan: the dry-run report

export type FeatureStatus = 'NEW' | 'UPDATED' | 'UNCHANGED' | 'REFUSED';

export interface FeatureReport {
  index: number;
  code: string | null;
  name: string | null;
  parentCode: string | null;
  parent: string | null;
  status: FeatureStatus;
  reasons: Message[];
  areaM2: number | null;
  existingId: number | null;
}

export interface ImportReport {
  target: Target;
  layer: string;
  crs: string;
  encoding: string | null;
  features: number;
  counts: Record<FeatureStatus, number>;
  items: FeatureReport[];
  dryRun: boolean;
  applied: boolean;
  written: { inserted: number; updated: number; touchedVillages: number; auditEvents: number };
  message: string;
  /** The change an applied import made (one change: revertChange undoes the whole import). */
  changeId?: number;
}

interface StagedRow {
  idx: number;
  code: string | null;
  name: string | null;
  kind: string | null;
  parent_code: string | null;
  households: number | null;
  population: number | null;
  villager_groups: number | null;
  gj: string | null;
  wkt: string | null;
  src_srid: number | null;
}

const INT_MAX = 2147483647;

/** Runs statements separated by ";" + newline one by one (the extended protocol takes one statement with parameters). */
async function exec(tx: EntityManager, sql: string, params: unknown[] = []): Promise<void> {
  let i = 0;
  for (const stmt of sql
    .split(/;\s*\n/)
    .map((x) => x.trim())
    .filter(Boolean)) {
    const n = (stmt.match(/\?/g) ?? []).length;
    const t0 = performance.now();
    if (process.env.IMPORT_TIMING === 'explain' && /^(update|select|with)/i.test(stmt)) {
      const plan = await query<{ 'QUERY PLAN': string }>(tx, `explain ${stmt}`, params.slice(i, i + n));
      console.error(plan.map((r) => r['QUERY PLAN']).join('\n'));
    }
    await query(tx, stmt, params.slice(i, i + n));
    if (process.env.IMPORT_TIMING)
      console.error(`${(performance.now() - t0).toFixed(0).padStart(6)} ms  ${stmt.replace(/\s+/g, ' ').slice(0, 90)}`);
    i += n;
  }
}

/** Attributes from the mapped fields, each checked; reasons collected per feature. */
function attributes(
  target: Target,
  features: SourceFeature[],
  map: FieldMap,
): { rows: StagedRow[]; reasons: Map<number, Message[]> } {
  const def = TARGET_DEFS[target];
  const reasons = new Map<number, Message[]>();
  const add = (i: number, m: Message) => reasons.set(i, [...(reasons.get(i) ?? []), m]);
  const firstByCode = new Map<string, number>();
  const text = (f: SourceFeature, field: string | undefined, label: string): string | null => {
    if (!field) return null;
    const v = f.props[field];
    if (v === undefined || v === null) return null;
    const s = String(v).trim();
    if (s.includes('\u0000')) {
      add(f.index, M.badText(label));
      return null;
    }
    return s || null;
  };
  const int = (f: SourceFeature, field: string | undefined, label: string): number | null => {
    if (!field) return null;
    const v = f.props[field];
    if (v === undefined || v === null || v === '') return null;
    const n = typeof v === 'number' ? v : Number(String(v).trim());
    if (!Number.isInteger(n) || n < 0 || n > INT_MAX) {
      add(f.index, M.badNumber(label, v));
      return null;
    }
    return n;
  };
  const labels = Object.fromEntries(Object.entries(def.kindLabels).map(([k, v]) => [v, k]));
  const rows = features.map((f): StagedRow => {
    let code = text(f, map.code, 'code');
    // Codes often come as numbers from DBF/Excel; keep the digits.
    if (code && /^\d+\.0+$/.test(code)) code = code.replace(/\.0+$/, '');
    const name = text(f, map.name, 'name');
    let parentCode = text(f, map.parentCode, 'parentCode');
    if (parentCode && /^\d+\.0+$/.test(parentCode)) parentCode = parentCode.replace(/\.0+$/, '');
    if (!code && def.codeRequired) add(f.index, M.missingCode(map.code ?? ''));
    if (code && code.length > def.codeMax) add(f.index, M.codeTooLong(def.codeMax));
    if (code) {
      const first = firstByCode.get(code);
      if (first !== undefined) add(f.index, M.duplicateCode(code, first));
      else firstByCode.set(code, f.index);
    }
    if (name && name.length > 200) add(f.index, M.nameTooLong());
    let kind = text(f, map.kind, 'kind');
    if (kind && def.kinds) {
      const k = labels[kind] ?? kind.toUpperCase();
      if (!def.kinds.includes(k)) add(f.index, M.badKind(kind, def.kinds));
      kind = k;
    } else if (!kind && target === 'villages' && name)
      kind = /(社区|居委会|居民委员会|生活区)$/.test(name) ? 'COMMUNITY' : 'VILLAGE';
    else if (!kind && target === 'townships' && name)
      kind = /街道(办事处)?$/.test(name) ? 'STREET' : /镇$/.test(name) ? 'TOWN' : /乡$/.test(name) ? 'TOWNSHIP' : null;
    return {
      idx: f.index,
      code,
      name,
      kind: def.kinds ? kind : null,
      parent_code: def.parent ? parentCode : null,
      households: def.cols.includes('households') ? int(f, map.households, 'households') : null,
      population: def.cols.includes('population') ? int(f, map.population, 'population') : null,
      villager_groups: def.cols.includes('villager_groups') ? int(f, map.villagerGroups, 'villagerGroups') : null,
      gj: f.gj,
      wkt: f.wkt,
      src_srid: f.srid,
    };
  });
  // A duplicated code refuses every feature that carries it (which one is right is the user's call).
  const laterByCode = new Map<string, number>();
  for (const r of rows)
    if (r.code && firstByCode.get(r.code) !== r.idx && !laterByCode.has(r.code)) laterByCode.set(r.code, r.idx);
  for (const [code, later] of laterByCode) add(firstByCode.get(code)!, M.duplicateCode(code, later));
  return { rows, reasons };
}

export interface ImportContext {
  config: Config;
  /** Coverage of the touched units is recomputed by the corridor, in the import's transaction. */
  coverage: CoverageService;
  /** Seconds per phase, added up here when given (npm run bench:import prints them). */
  phases?: ImportPhases;
}

export type ImportPhases = Record<string, number>;
type Lap = (phase: string) => void;

/** A stopwatch: each call charges the time since the previous call to the phase named. */
function stopwatch(phases?: ImportPhases): Lap {
  let t = performance.now();
  return (phase) => {
    const now = performance.now();
    if (phases) phases[phase] = (phases[phase] ?? 0) + (now - t) / 1000;
    t = now;
  };
}

/**
 * Above this many changed grids the coverage of the touched units is rebuilt unit-wise (every
 * pair of their grids, one set-based pass) instead of pair by pair from the changed grids: with
 * tens of thousands of ids, "grid id in (the changed ones)" tests cost more than the rebuild.
 */
const GRID_WISE_LIMIT = 2000;

/**
 * Stages every feature in a temporary table of the current transaction and checks them
 * all; returns the per-feature report. Writes nothing but the temporary table.
 */
async function stage(
  tx: EntityManager,
  ctx: ImportContext,
  principal: Principal | null,
  features: SourceFeature[],
  settings: ImportSettings,
  lap: Lap = stopwatch(ctx.phases),
) {
  const target = settings.target;
  const def = TARGET_DEFS[target];
  const p = def.parent;
  const { rows, reasons } = attributes(target, features, settings.map ?? {});
  lap('attributes (mapping, codes, kinds)');
  await query(tx, SQL.createStage);
  await query(tx, SQL.stageIndex);
  await query(tx, SQL.geomFunction);
  const [a, b, c, d] = ctx.config.extent;
  const mgn = ctx.config.extentMarginDeg;
  const insert = SQL.insertStage(def.table, p?.fk ?? null, p?.table ?? null);
  for (let i = 0; i < rows.length; i += 2000) {
    await exec(tx, insert, [
      Boolean(settings.replaceBoundaries),
      JSON.stringify(rows.slice(i, i + 2000)),
      a - mgn,
      b - mgn,
      c + mgn,
      d + mgn,
    ]);
  }
  await exec(tx, SQL.analyze);
  lap('staging (geometry, validity, match by code)');
  if (p) await exec(tx, SQL.parentByArea(p.table));
  if (p && settings.clipToParent) await exec(tx, SQL.clip(p.table));
  if (settings.trimOverlaps) await exec(tx, SQL.trim(def.table, p?.fk ?? null));
  await exec(tx, SQL.parentUnion);
  if (p) await exec(tx, SQL.spill(p.table), [ctx.config.maxSpillShare]);
  if (!settings.trimOverlaps && !settings.allowOverlaps)
    await exec(tx, SQL.overlaps(def.table, p?.fk ?? null), [ctx.config.minOverlapM2]);
  if (settings.clipToParent || settings.trimOverlaps) await exec(tx, SQL.area);
  await exec(tx, SQL.changed(def.table, p?.fk ?? null, def.cols));
  if (principal && principal.role === Role.EDITOR) {
    const scopeArgs = [intArray(principal.countyIds), intArray(principal.townshipIds)];
    if (target === 'grids') await exec(tx, SQL.scopeVillages, scopeArgs);
    else if (target === 'villages') await exec(tx, SQL.scopeTownships, scopeArgs);
  }
  lap('validation (parents, spill, overlaps, changes, scope)');

  const facts = await query<{
    idx: number;
    code: string | null;
    name: string | null;
    parent_code: string | null;
    gtype: string | null;
    valid_reason: string | null;
    outside_extent: boolean | null;
    ok_geom: boolean;
    existing_id: number | null;
    parent_id: number | null;
    parent_unknown: boolean;
    no_parent: boolean;
    write_geom: boolean;
    empty_after: boolean;
    spill: number | null;
    overlap_names: string[] | null;
    overlap_m2: number | null;
    area_m2: number | null;
    changed: boolean | null;
    in_scope: boolean;
  }>(tx, SQL.facts);
  const parentIds = [...new Set(facts.map((f) => f.parent_id).filter((x): x is number => x !== null))];
  const parentNames = new Map(
    p
      ? (await query<{ id: number; name: string }>(tx, SQL.parentNames(p.table), [intArray(parentIds)])).map((r) => [
          Number(r.id),
          r.name,
        ])
      : [],
  );
  const items: FeatureReport[] = facts.map((f) => {
    const r = [...(reasons.get(f.idx) ?? [])];
    const isNew = f.existing_id === null;
    const hasSource = Boolean(features[f.idx]?.gj || features[f.idx]?.wkt);
    if (!f.ok_geom) {
      if (!hasSource) {
        if (isNew) r.push(M.noGeometryNew());
      } else if (f.gtype === null) r.push(M.notPolygon(''));
      else if (!/POLYGON/.test(f.gtype)) r.push(M.notPolygon(f.gtype));
      else if (f.valid_reason) r.push(M.invalidGeometry(f.valid_reason));
      else if (f.outside_extent) r.push(M.outsideWuzhong());
      else r.push(M.notPolygon('EMPTY'));
    }
    if (isNew && !f.name && !r.some((m) => m.code === 'MISSING_NAME')) r.push(M.missingName(settings.map?.name ?? ''));
    if (p && f.parent_unknown) r.push(M.unknownParent(f.parent_code ?? '', p.en));
    if (p && f.no_parent) r.push(M.noParent(p.en));
    if (f.empty_after) r.push(M.emptyAfterTrim());
    if (p && f.spill !== null && f.spill > ctx.config.maxSpillShare) {
      r.push(M.outsideParent(f.spill, parentNames.get(Number(f.parent_id)) ?? '', ctx.config.maxSpillShare));
    }
    if (f.overlap_names?.length)
      r.push(
        M.overlaps(
          f.overlap_names.slice(0, 3).join(', ') + (f.overlap_names.length > 3 ? ' …' : ''),
          Number(f.overlap_m2),
        ),
      );
    if (!f.in_scope) r.push(M.outOfScope());
    const status: FeatureStatus = r.length ? 'REFUSED' : isNew ? 'NEW' : f.changed ? 'UPDATED' : 'UNCHANGED';
    return {
      index: f.idx,
      code: f.code,
      name: f.name,
      parentCode: f.parent_code,
      parent: f.parent_id ? (parentNames.get(Number(f.parent_id)) ?? null) : null,
      status,
      reasons: r,
      areaM2: f.area_m2 === null ? null : Math.round(Number(f.area_m2) * 10) / 10,
      existingId: f.existing_id === null ? null : Number(f.existing_id),
    };
  });
  lap('report (per-feature reasons)');
  return items;
}

function checkTargetAllowed(principal: Principal | null, target: Target): void {
  if (!principal || principal.role === Role.ADMIN) return;
  if (principal.role !== Role.EDITOR)
    throw forbidden(
      `A${principal.role === Role.ANALYST ? 'n analyst' : ' service key'} may read but not change anything.`,
    );
  if (target === 'counties' || target === 'townships') throw forbidden(M.adminOnly(target));
}

function report(settings: ImportSettings, read: ReadResult, items: FeatureReport[], dryRun: boolean): ImportReport {
  const counts: Record<FeatureStatus, number> = { NEW: 0, UPDATED: 0, UNCHANGED: 0, REFUSED: 0 };
  for (const i of items) counts[i.status]++;
  return {
    target: settings.target,
    layer: read.layer,
    crs: read.crs,
    encoding: read.encoding,
    features: items.length,
    counts,
    items,
    dryRun,
    applied: false,
    written: { inserted: 0, updated: 0, touchedVillages: 0, auditEvents: 0 },
    message: counts.REFUSED
      ? M.refused(counts.REFUSED, items.length)
      : dryRun
        ? `${items.length} features checked; nothing was written (dry run).`
        : '',
  };
}

class Rollback extends Error {
  constructor(readonly items: FeatureReport[]) {
    super('rollback');
  }
}

/** The dry run: every check of apply, in a transaction that is rolled back. */
export async function planImport(
  em: EntityManager,
  ctx: ImportContext,
  principal: Principal | null,
  read: ReadResult,
  settings: ImportSettings,
): Promise<ImportReport> {
  checkTargetAllowed(principal, settings.target);
  try {
    await em.fork().transactional(async (tx) => {
      throw new Rollback(await stage(tx, ctx, principal, read.features, settings));
    });
  } catch (e) {
    if (e instanceof Rollback) return report(settings, read, e.items, true);
    throw e;
  }
  throw new Error('unreachable');
}

/**
 * Apply, all or nothing, as ONE change through the write corridor (server/src/changes/corridor.ts):
 * stage and check every feature (any refused: nothing is written) → declare the records to be
 * updated (the corridor snapshots them and checks the principal's scope before anything changes;
 * new records were checked against their unit while staging) → write, set-based → declare the
 * new records. The corridor then writes one audit event per changed record, recomputes coverage
 * of the touched units, bumps the data version and returns the change id (undo: revertChange).
 */
export async function applyImport(
  em: EntityManager,
  ctx: ImportContext,
  principal: Principal | null,
  read: ReadResult,
  settings: ImportSettings,
  changeIds?: number[],
): Promise<ImportReport> {
  checkTargetAllowed(principal, settings.target);
  const def = TARGET_DEFS[settings.target];
  const fk = def.parent?.fk ?? null;
  const lap = stopwatch(ctx.phases);
  // The corridor's coverage step, timed, and unit-wise when the import changed many grids.
  const coverage = Object.create(ctx.coverage) as CoverageService;
  coverage.recompute = async (tx, villageIds, gridIds) => {
    lap('audit (snapshots, scope, events)');
    await ctx.coverage.recompute(tx, villageIds, gridIds && gridIds.length > GRID_WISE_LIMIT ? undefined : gridIds);
    lap('coverage');
  };
  try {
    const { result, changeId } = await runChange(em, { coverage }, { principal, name: 'import' }, async (tx) => {
      lap('begin (lock, change row)');
      const items = await stage(tx.em, ctx, principal, read.features, settings, lap);
      const result = report(settings, read, items, false);
      if (result.counts.REFUSED) throw new Rollback(items);
      const existing = (await query<{ id: number }>(tx.em, SQL.existingIds)).map((r) => Number(r.id));
      await tx.touch(def.type, existing);
      const inserted = (await query<{ id: number }>(tx.em, WRITE_SQL.insert(def.table, fk, def.cols))).map((r) =>
        Number(r.id),
      );
      const updated = (await query<{ id: number }>(tx.em, WRITE_SQL.update(def.table, fk, def.cols))).map((r) =>
        Number(r.id),
      );
      tx.created(def.type, inserted);
      const villages =
        settings.target === 'villages' || settings.target === 'grids'
          ? new Set(
              (await query<{ id: number | null }>(tx.em, WRITE_SQL.touchedVillages(settings.target)))
                .map((r) => Number(r.id))
                .filter(Number.isFinite),
            )
          : new Set<number>();
      tx.summary(
        `import of ${read.features.length} features into ${settings.target}: ${inserted.length} inserted, ${updated.length} updated`,
      );
      result.applied = true;
      result.written = {
        inserted: inserted.length,
        updated: updated.length,
        touchedVillages: villages.size,
        auditEvents: inserted.length + updated.length,
      };
      result.message = `${inserted.length} inserted, ${updated.length} updated, ${result.counts.UNCHANGED} unchanged; coverage recomputed for ${villages.size} units.`;
      lap('write (insert, update)');
      return result;
    });
    lap('close and commit');
    changeIds?.push(changeId);
    result.changeId = changeId;
    return result;
  } catch (e) {
    if (e instanceof Rollback) return report(settings, read, e.items, false);
    throw e;
  }
}

/** Preview geometry (for the wizard's map), staged the same way as the plan. */
export async function previewGeometries(
  em: EntityManager,
  ctx: ImportContext,
  principal: Principal | null,
  read: ReadResult,
  settings: ImportSettings,
  limit = 5000,
) {
  try {
    await em.fork().transactional(async (tx) => {
      const items = await stage(tx, ctx, principal, read.features, settings);
      const geoms = await query<{ idx: number; geometry: unknown }>(tx, SQL.previewGeometry, [limit]);
      throw Object.assign(new Rollback(items), { geoms });
    });
  } catch (e) {
    if (e instanceof Rollback) {
      const geoms = (e as Rollback & { geoms: { idx: number; geometry: unknown }[] }).geoms;
      const items = new Map(e.items.map((i) => [i.index, i]));
      return {
        type: 'FeatureCollection' as const,
        features: geoms.map((g) => {
          const i = items.get(g.idx)!;
          return {
            type: 'Feature' as const,
            id: g.idx,
            geometry: g.geometry,
            properties: {
              index: g.idx,
              code: i.code,
              name: i.name,
              status: i.status,
              reason: i.reasons[0]?.zh ?? null,
            },
          };
        }),
        report: report(settings, read, e.items, true),
      };
    }
    throw e;
  }
  throw new Error('unreachable');
}
