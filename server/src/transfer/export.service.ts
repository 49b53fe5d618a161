/**
 * Exports of every list (with the list's own filter) and of coverage: Shapefile (zip with
 * .cpg, GBK or UTF-8), GeoPackage, KML, GeoJSON, DXF through GDAL in a chosen CRS; Excel
 * (exceljs) and CSV (with a BOM) with Chinese headers and names instead of ids.
 */
import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Principal } from '../auth/principal';
import { forbidden, AUTH_MESSAGES } from '../auth/principal';
import { query, Where } from '../common/sql';
import type { Services } from '../services';
import { EXPORT_CRS } from './crs';
import { runGdal } from './gdal';
import { TARGET_DEFS, transferError } from './import.service';
import { TRANSFER_MESSAGES as M } from './transfer.messages';
import { EXPORT_SQL } from './transfer.sql';

export const EXPORT_LISTS = ['counties', 'townships', 'villages', 'grids', 'coverage'] as const;
export type ExportList = (typeof EXPORT_LISTS)[number];

export const EXPORT_FORMATS = {
  'shp.zip': { driver: 'ESRI Shapefile', mime: 'application/zip' },
  gpkg: { driver: 'GPKG', mime: 'application/geopackage+sqlite3' },
  kml: { driver: 'KML', mime: 'application/vnd.google-earth.kml+xml' },
  geojson: { driver: 'GeoJSON', mime: 'application/geo+json' },
  dxf: { driver: 'DXF', mime: 'image/vnd.dxf' },
  xlsx: { driver: null, mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' },
  csv: { driver: null, mime: 'text/csv; charset=utf-8' },
} as const;
export type ExportFormat = keyof typeof EXPORT_FORMATS;

/** Columns of each list: key in the SQL row, Chinese header, field name in GIS files (≤ 10 characters for DBF). */
interface Column {
  key: string;
  zh: string;
  field: string;
  /** Translates enum values to Chinese in tables. */
  label?: Record<string, string>;
}

const KIND = (t: 'townships' | 'villages' | 'grids') => TARGET_DEFS[t].kindLabels;

export const EXPORT_COLUMNS: Record<ExportList, Column[]> = {
  counties: [
    { key: 'code', zh: '编码', field: 'code' },
    { key: 'name', zh: '名称', field: 'name' },
  ],
  townships: [
    { key: 'code', zh: '编码', field: 'code' },
    { key: 'name', zh: '名称', field: 'name' },
    { key: 'kind', zh: '类型', field: 'kind', label: KIND('townships') },
    { key: 'county', zh: '所属县区', field: 'county' },
  ],
  villages: [
    { key: 'code', zh: '编码', field: 'code' },
    { key: 'name', zh: '名称', field: 'name' },
    { key: 'kind', zh: '类型', field: 'kind', label: KIND('villages') },
    { key: 'township_code', zh: '乡镇编码', field: 'parentCode' },
    { key: 'township', zh: '所属乡镇/街道', field: 'township' },
    { key: 'county', zh: '所属县区', field: 'county' },
    { key: 'households', zh: '户数', field: 'households' },
    { key: 'population', zh: '人口', field: 'population' },
    { key: 'villager_groups', zh: '村民小组数', field: 'vgroups' },
    { key: 'grids', zh: '网格数', field: 'grids' },
    { key: 'covered_share', zh: '网格覆盖率', field: 'covered' },
  ],
  grids: [
    { key: 'code', zh: '编码', field: 'code' },
    { key: 'name', zh: '名称', field: 'name' },
    { key: 'kind', zh: '类型', field: 'kind', label: KIND('grids') },
    { key: 'village_code', zh: '村/社区编码', field: 'parentCode' },
    { key: 'village', zh: '所属村/社区', field: 'village' },
    { key: 'township', zh: '所属乡镇/街道', field: 'township' },
    { key: 'county', zh: '所属县区', field: 'county' },
    { key: 'households', zh: '户数', field: 'households' },
    { key: 'population', zh: '人口', field: 'population' },
    { key: 'workers', zh: '网格员', field: 'workers' },
    { key: 'party_unit', zh: '党组织', field: 'party_unit' },
  ],
  coverage: [
    { key: 'code', zh: '编码', field: 'code' },
    { key: 'name', zh: '村/社区', field: 'name' },
    { key: 'kind', zh: '类型', field: 'kind', label: KIND('villages') },
    { key: 'township', zh: '所属乡镇/街道', field: 'township' },
    { key: 'county', zh: '所属县区', field: 'county' },
    { key: 'area_m2', zh: '面积(平方米)', field: 'area_m2' },
    { key: 'uncovered_m2', zh: '未覆盖面积(平方米)', field: 'uncov_m2' },
    { key: 'covered_share', zh: '覆盖率', field: 'covered' },
    { key: 'grid_count', zh: '网格数', field: 'grids' },
  ],
};

export interface ExportOptions {
  filter?: Record<string, unknown>;
  crs?: string;
  encoding?: string;
  maxRows: number;
}

export const exportMaxRows = (env: NodeJS.ProcessEnv = process.env) => Number(env.EXPORT_MAX_ROWS ?? 200_000);

type Row = Record<string, unknown> & { geometry?: string | null };

/** The list's rows as the list shows them (its filter, its scope). */
async function rows(
  em: EntityManager,
  services: Services,
  principal: Principal | null,
  list: ExportList,
  options: ExportOptions,
): Promise<Row[]> {
  if (principal?.coverageOnly && list !== 'coverage') throw forbidden(AUTH_MESSAGES.coverageOnly(`the ${list} export`));
  const filter = options.filter ?? {};
  let where: Where;
  try {
    if (list === 'coverage') {
      where = new Where();
      if (filter.villageId) where.add('v.id = ?', Number(filter.villageId));
      if (filter.townshipId) where.add('v.township_id = ?', Number(filter.townshipId));
      if (filter.countyId) where.add('t.county_id = ?', Number(filter.countyId));
    } else {
      const service = {
        counties: services.county,
        townships: services.township,
        villages: services.village,
        grids: services.grid,
      }[list];
      where = await service.where(em, filter as never);
    }
  } catch (e) {
    throw transferError(`${M.badFilter()} ${(e as Error).message}`);
  }
  const from = {
    counties: 'county',
    townships: 'township',
    villages: 'village',
    grids: 'grid',
    coverage: 'coverage_unit',
  }[list];
  if (list !== 'coverage') {
    const [count] = await query<{ n: number }>(em, EXPORT_SQL.count(from, where.toSql()), where.params);
    if (Number(count?.n) > options.maxRows) throw transferError(M.tooManyRows(Number(count?.n), options.maxRows));
  }
  const sql = EXPORT_SQL[list](where.toSql()).replace(
    /, e\.geom\b|, e\.uncovered as geom\b/,
    (m) => `, ST_AsGeoJSON(${m.includes('uncovered') ? 'e.uncovered' : 'e.geom'}, 9) as geometry`,
  );
  try {
    return await query<Row>(em, sql, where.params);
  } catch (e) {
    throw transferError(`${M.badFilter()} ${(e as Error).message}`);
  }
}

const value = (c: Column, r: Row, table: boolean): string | number | null => {
  const v = r[c.key];
  if (v === null || v === undefined) return null;
  if (c.label && table) return c.label[String(v)] ?? String(v);
  if (typeof v === 'number') return v;
  if (typeof v === 'string' && /^-?\d+(\.\d+)?$/.test(v) && !['code', 'township_code', 'village_code'].includes(c.key))
    return Number(v);
  return String(v);
};

export interface ExportResult {
  filename: string;
  mime: string;
  /** Writes the body; returns when done. */
  write(out: Writable): Promise<void>;
  count: number;
}

export function parseExportRequest(listFormat: string): { list: ExportList; format: ExportFormat } {
  const dot = listFormat.indexOf('.');
  const list = listFormat.slice(0, dot < 0 ? undefined : dot);
  const format = dot < 0 ? '' : listFormat.slice(dot + 1);
  if (!(EXPORT_LISTS as readonly string[]).includes(list)) throw transferError(M.badList(list, EXPORT_LISTS));
  if (!(format in EXPORT_FORMATS)) throw transferError(M.badFormat(format, Object.keys(EXPORT_FORMATS)));
  return { list: list as ExportList, format: format as ExportFormat };
}

export async function exportList(
  em: EntityManager,
  services: Services,
  principal: Principal | null,
  list: ExportList,
  format: ExportFormat,
  options: ExportOptions,
): Promise<ExportResult> {
  const crs = (options.crs || 'EPSG:4326').toUpperCase();
  if (!EXPORT_CRS.has(crs)) throw transferError(M.badExportCrs(crs, [...EXPORT_CRS]));
  const encoding = (options.encoding || 'UTF-8').toUpperCase();
  if (!['UTF-8', 'GBK'].includes(encoding)) throw transferError(M.badEncoding(encoding));
  const data = await rows(em, services, principal, list, options);
  const columns = EXPORT_COLUMNS[list];
  const stamp = new Date().toISOString().slice(0, 10);
  const filename = `${list}-${stamp}.${format}`;
  const mime = EXPORT_FORMATS[format].mime;

  if (format === 'csv') {
    const cell = (v: unknown) => {
      if (v === null || v === undefined) return '';
      const s = String(v);
      return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
    };
    return {
      filename,
      mime,
      count: data.length,
      async write(out) {
        out.write('\uFEFF' + columns.map((c) => cell(c.zh)).join(',') + '\r\n');
        for (const r of data) {
          if (!out.write(columns.map((c) => cell(value(c, r, true))).join(',') + '\r\n')) await once(out, 'drain');
        }
      },
    };
  }
  if (format === 'xlsx') {
    return {
      filename,
      mime,
      count: data.length,
      async write(out) {
        const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
        const ws = wb.addWorksheet(
          { counties: '县区', townships: '乡镇街道', villages: '村和社区', grids: '网格', coverage: '覆盖' }[list],
          {
            views: [{ state: 'frozen', ySplit: 1 }],
          },
        );
        ws.columns = columns.map((c) => ({ header: c.zh, key: c.key, width: Math.max(10, c.zh.length * 2 + 4) }));
        ws.getRow(1).font = { bold: true };
        ws.getRow(1).commit();
        for (const r of data) ws.addRow(Object.fromEntries(columns.map((c) => [c.key, value(c, r, true)]))).commit();
        await ws.commit();
        await wb.commit();
      },
    };
  }

  // GIS formats: a GeoJSON sequence in EPSG:4326, turned into the format by ogr2ogr.
  const dir = mkdtempSync(path.join(tmpdir(), 'wz-export-'));
  try {
    const src = path.join(dir, 'in.geojsonl');
    const ws = createWriteStream(src);
    for (const r of data) {
      const props: Record<string, unknown> = {};
      for (const c of columns) props[c.field] = value(c, r, false);
      if (format === 'dxf') props.Layer = String(r.code ?? r.name ?? '');
      const line = `{"type":"Feature","properties":${JSON.stringify(props)},"geometry":${r.geometry ?? 'null'}}\n`;
      if (!ws.write(line)) await once(ws, 'drain');
    }
    ws.end();
    await once(ws, 'finish');
    const name = list === 'coverage' ? 'uncovered' : list;
    const out = path.join(dir, `${name}.${format}`);
    const targetCrs = format === 'kml' ? 'EPSG:4326' : crs;
    const args = [
      '-f',
      EXPORT_FORMATS[format].driver!,
      out,
      src,
      '-s_srs',
      'EPSG:4326',
      '-t_srs',
      targetCrs,
      '-nln',
      name,
      '-nlt',
      'MULTIPOLYGON',
    ];
    if (format === 'shp.zip') args.push('-lco', `ENCODING=${encoding === 'GBK' ? 'GBK' : 'UTF-8'}`);
    if (format === 'geojson') args.push('-lco', 'RFC7946=NO', '-lco', 'COORDINATE_PRECISION=9');
    if (format === 'kml') args.push('-dsco', 'NameField=name');
    if (format === 'dxf') args.splice(args.indexOf('-nln'), 2);
    await runGdal('ogr2ogr', args, { timeoutMs: 300_000 });
    const { createReadStream } = await import('node:fs');
    return {
      filename,
      mime,
      count: data.length,
      async write(res) {
        try {
          const rs = createReadStream(out);
          rs.pipe(res, { end: false });
          await once(rs, 'end');
        } finally {
          rmSync(dir, { recursive: true, force: true });
        }
      },
    };
  } catch (e) {
    rmSync(dir, { recursive: true, force: true });
    throw e;
  }
}
