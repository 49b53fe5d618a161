/**
 * Import and export with real GDAL, real PostGIS and the real HTTP server. Every fixture is
 * made here with ogr2ogr from GeoJSON.
 */
import { execFile } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { LITONG, offset, rect } from '../../../tests/helpers/geo';
import { startServer, type TestServer } from '../../../tests/helpers/server';
import { gridFixture, ogr2ogr, tmp } from './fixtures';

const run = promisify(execFile);
let s: TestServer;
const dirs: string[] = [];
let spot = 0;
/**
 * A fresh place for each fixture (5 km apart), inside Wuzhong, east of the places other test files
 * use: the imported grids stay, and another file's village drawn over them would see them.
 */
const nextSpot = (): [number, number] =>
  offset(...LITONG, 60_000 + (spot++ % 8) * 5000, 20_000 + Math.floor(spot / 8) * 5000);

beforeAll(async () => {
  s = await startServer();
});
afterAll(async () => {
  await s.close();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

async function fixture() {
  const fx = await gridFixture(s, nextSpot());
  dirs.push(fx.dir);
  return fx;
}

async function cli(args: string[]) {
  try {
    const r = await run('node', ['--import', 'tsx', 'server/src/transfer/cli.ts', ...args], {
      env: { ...process.env, DATABASE_URL: inject('databaseUrl'), LOG_LEVEL: 'silent' },
      timeout: 120_000,
    });
    return { code: 0, stdout: r.stdout, stderr: r.stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}

async function upload(
  url: string,
  files: string[],
  fields: Record<string, string>,
  headers: Record<string, string> = s.auth.headers,
) {
  const form = new FormData();
  for (const f of files) form.append('file', new Blob([readFileSync(f)]), path.basename(f));
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  const res = await fetch(`${s.base}${url}`, { method: 'POST', body: form, headers });
  return { status: res.status, body: (await res.json()) as any };
}

type Fx = Awaited<ReturnType<typeof fixture>>;

/** The four grids are in the database with their Chinese names, codes, areas (±0.5%), audit events and coverage. */
async function expectImported(fx: Fx) {
  const rows = await s.sql<{ id: number; code: string; name: string; households: number; kind: string; a: number }>(
    'select id, code, name, households, kind, ST_Area(geom::geography) as a from grid where village_id = ? order by code',
    [Number(fx.villageId)],
  );
  expect(rows.map((r) => r.name)).toEqual(fx.names);
  expect(rows.map((r) => r.code)).toEqual(fx.fc.features.map((f) => f.properties.WGBM));
  expect(rows.map((r) => r.households)).toEqual([100, 137, 174, 211]);
  for (const r of rows)
    expect(Math.abs(Number(r.a) - fx.truth.get(r.code)!) / fx.truth.get(r.code)!).toBeLessThan(0.005);
  const audit = await s.sql<{ n: string }>(
    "select count(*) as n from audit_event where operation = 'import' and record_type = 'Grid' and record_id = any(?::int[]) and after is not null",
    [`{${rows.map((r) => r.id).join(',')}}`],
  );
  expect(Number(audit[0]!.n)).toBe(4);
  // One change row holds them: the import, undoable as one.
  const changes = await s.sql<{ operation: string; event_count: number }>(
    "select distinct c.id, c.operation, c.event_count from audit_event e join change c on c.id = e.change_id where e.operation = 'import' and e.record_type = 'Grid' and e.record_id = any(?::int[])",
    [`{${rows.map((r) => r.id).join(',')}}`],
  );
  expect(changes).toHaveLength(1);
  expect(changes[0]).toMatchObject({ operation: 'import' });
  expect(changes[0]!.event_count).toBeGreaterThanOrEqual(4);
  const [cov] = await s.sql<{ grid_count: number; covered_share: number }>(
    'select grid_count, covered_share from coverage_unit where village_id = ?',
    [Number(fx.villageId)],
  );
  expect(cov!.grid_count).toBe(4);
  expect(Number(cov!.covered_share)).toBeGreaterThan(0.999);
  return rows;
}

describe('import through GDAL', { timeout: 240_000 }, () => {
  it('CLI: a zipped Shapefile in CGCS2000 3° GK zone 36 (EPSG:4524) with GBK attributes and a .cpg', async () => {
    const fx = await fixture();
    const zip = path.join(fx.dir, 'grids.shp.zip');
    ogr2ogr([
      '-f',
      'ESRI Shapefile',
      zip,
      fx.geojson,
      '-s_srs',
      'EPSG:4326',
      '-t_srs',
      'EPSG:4524',
      '-lco',
      'ENCODING=GBK',
      '-nln',
      'grids',
    ]);
    const before = Number((await s.sql<{ n: number }>('select n from data_version'))[0]!.n);
    const r = await cli([
      zip,
      '--layer',
      'grids',
      '--map',
      'name=WGMC,code=WGBM,parentCode=CJBM,households=HS,kind=LX',
    ]);
    expect(r.stderr).not.toMatch(/feature \d/);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/CRS EPSG:4524, encoding GBK/);
    expect(r.stdout).toMatch(/new 4, updated 0, unchanged 0, refused 0/);
    await expectImported(fx);
    const rows = await s.sql<{ kind: string }>('select distinct kind from grid where village_id = ?', [
      Number(fx.villageId),
    ]);
    expect(rows).toEqual([{ kind: 'VILLAGER_GROUP' }]);
    expect(Number((await s.sql<{ n: number }>('select n from data_version'))[0]!.n)).toBeGreaterThan(before);
    // The same file again: nothing changes.
    const again = await cli([zip, '--target', 'grids', '--replace', '--dry-run']);
    expect(again.stdout).toMatch(/new 0, updated 0, unchanged 4, refused 0/);
  });

  it('HTTP: Shapefile parts without .cpg — GBK guessed by trying both, shown in the preview, then imported', async () => {
    const fx = await fixture();
    const parts = path.join(fx.dir, 'parts');
    ogr2ogr([
      '-f',
      'ESRI Shapefile',
      parts,
      fx.geojson,
      '-t_srs',
      'EPSG:4524',
      '-lco',
      'ENCODING=GBK',
      '-nln',
      'grids',
    ]);
    unlinkSync(path.join(parts, 'grids.cpg'));
    const files = readdirSync(parts).map((f) => path.join(parts, f));
    expect(files.map((f) => path.extname(f)).sort()).toEqual(['.dbf', '.prj', '.shp', '.shx']);
    const inspected = await upload('/api/import/uploads', files, {});
    expect(inspected.status).toBe(200);
    const layer = inspected.body.layers[0];
    expect(layer.crs.name).toMatch(/CGCS2000.*36/i);
    expect(layer.encoding).toMatchObject({ needed: true, guess: 'GBK' });
    expect(layer.encoding.preview.GBK[0]).toBe(fx.names[0]);
    expect(layer.encoding.preview['UTF-8'][0]).not.toBe(fx.names[0]);
    expect(layer.suggestedMap).toMatchObject({
      code: 'WGBM',
      name: 'WGMC',
      parentCode: 'CJBM',
      households: 'HS',
      kind: 'LX',
    });
    const r = await upload('/api/import', files, { target: 'grids' });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({
      encoding: 'GBK',
      applied: true,
      counts: { NEW: 4, REFUSED: 0 },
      written: { inserted: 4, auditEvents: 4 },
    });
    const rows = await expectImported(fx);
    // One change through the write corridor: its events are the four grids, and reverting it undoes the whole import.
    const changeId = r.body.changeId;
    const [change] = await s.sql<{ operation: string; event_count: number; n: number }>(
      'select operation, event_count, (select count(*)::int from audit_event e where e.change_id = c.id) as n from change c where id = ?',
      [changeId],
    );
    // The four grids, and the rectifications their coverage closed (joined to the change by their trigger).
    expect(change!.operation).toBe('import');
    expect(change!.event_count).toBe(change!.n);
    const events = await s.sql<{ record_id: number }>(
      "select record_id from audit_event where change_id = ? and record_type = 'Grid' order by record_id",
      [changeId],
    );
    expect(events.map((e) => Number(e.record_id))).toEqual(rows.map((g) => Number(g.id)).sort((a, b) => a - b));
    const undo = await s.gql('mutation($id: ID!) { revertChange(id: $id) { id } }', { id: String(changeId) });
    expect(undo.errors).toBeUndefined();
    expect(await s.sql('select id from grid where village_id = ?', [Number(fx.villageId)])).toEqual([]);
    const redo = await s.gql('mutation($id: ID!) { revertChange(id: $id) { id } }', {
      id: String((undo.data as any).revertChange.id),
    });
    expect(redo.errors).toBeUndefined();
    await expectImported(fx);
  });

  it('HTTP: a GeoPackage in EPSG:4490, a KML and an XLSX of boundary vertices (lng/lat)', async () => {
    const gpkg = await fixture();
    const file = path.join(gpkg.dir, 'grids.gpkg');
    ogr2ogr(['-f', 'GPKG', file, gpkg.geojson, '-t_srs', 'EPSG:4490', '-nln', 'wangge']);
    let r = await upload('/api/import', [file], {
      target: 'grids',
      layer: 'wangge',
      map: JSON.stringify({ code: 'WGBM', name: 'WGMC', parentCode: 'CJBM', households: 'HS', kind: 'LX' }),
    });
    expect(r.body.error).toBeUndefined();
    expect(r.body).toMatchObject({ crs: 'EPSG:4490', applied: true, counts: { NEW: 4 } });
    await expectImported(gpkg);

    const kml = await fixture();
    const kfile = path.join(kml.dir, 'grids.kml');
    ogr2ogr(['-f', 'KML', kfile, kml.geojson, '-dsco', 'NameField=WGMC']);
    r = await upload('/api/import', [kfile], {
      target: 'grids',
      map: 'name=Name,code=WGBM,parentCode=CJBM,households=HS,kind=LX',
    });
    expect(r.body.error).toBeUndefined();
    expect(r.body).toMatchObject({ applied: true, counts: { NEW: 4 } });
    await expectImported(kml);

    const xlsx = await fixture();
    const vertices = xlsx.fc.features.flatMap((f) =>
      f.geometry.coordinates[0]!.slice(0, 4).map((c, i) => ({
        type: 'Feature',
        geometry: null,
        properties: {
          网格编码: f.properties.WGBM,
          网格名称: f.properties.WGMC,
          村编码: f.properties.CJBM,
          户数: f.properties.HS,
          序号: i + 1,
          经度: c[0],
          纬度: c[1],
        },
      })),
    );
    const vjson = path.join(xlsx.dir, 'vertices.geojson');
    writeFileSync(vjson, JSON.stringify({ type: 'FeatureCollection', features: vertices }));
    const xfile = path.join(xlsx.dir, '界址点.xlsx');
    ogr2ogr(['-f', 'XLSX', xfile, vjson, '-nln', '界址点']);
    r = await upload('/api/import', [xfile], {
      target: 'grids',
      map: 'code=网格编码,name=网格名称,parentCode=村编码,households=户数',
    });
    expect(r.body.error).toBeUndefined();
    expect(r.body).toMatchObject({ applied: true, counts: { NEW: 4 } });
    expect(r.body.items[0]).toMatchObject({ name: xlsx.names[0], status: 'NEW' });
    const rows = await s.sql<{ a: number; code: string }>(
      'select code, ST_Area(geom::geography) as a from grid where village_id = ? order by code',
      [Number(xlsx.villageId)],
    );
    for (const row of rows)
      expect(Math.abs(Number(row.a) - xlsx.truth.get(row.code)!) / xlsx.truth.get(row.code)!).toBeLessThan(0.005);
  });

  it('CLI: Shapefile parts without .cpg (GBK guessed), a GeoPackage in EPSG:4490, KML, XLSX (lng/lat) and DXF (with --crs)', async () => {
    const MAP = 'name=WGMC,code=WGBM,parentCode=CJBM,households=HS,kind=LX';
    const shp = await fixture();
    const parts = path.join(shp.dir, 'parts');
    ogr2ogr([
      '-f',
      'ESRI Shapefile',
      parts,
      shp.geojson,
      '-t_srs',
      'EPSG:4524',
      '-lco',
      'ENCODING=GBK',
      '-nln',
      'grids',
    ]);
    unlinkSync(path.join(parts, 'grids.cpg'));
    let r = await cli([path.join(parts, 'grids.shp'), '--target', 'grids', '--map', MAP]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/CRS EPSG:4524, encoding GBK/);
    await expectImported(shp);

    const gpkg = await fixture();
    const gfile = path.join(gpkg.dir, 'grids.gpkg');
    ogr2ogr(['-f', 'GPKG', gfile, gpkg.geojson, '-t_srs', 'EPSG:4490', '-nln', 'wangge']);
    r = await cli([gfile, '--target', 'grids', '--layer', 'wangge', '--map', MAP]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/CRS EPSG:4490/);
    await expectImported(gpkg);

    const kml = await fixture();
    const kfile = path.join(kml.dir, 'grids.kml');
    ogr2ogr(['-f', 'KML', kfile, kml.geojson, '-dsco', 'NameField=WGMC']);
    r = await cli([kfile, '--target', 'grids', '--map', 'name=Name,code=WGBM,parentCode=CJBM,households=HS,kind=LX']);
    expect(r.code).toBe(0);
    await expectImported(kml);

    const xlsx = await fixture();
    const vertices = xlsx.fc.features.flatMap((f) =>
      f.geometry.coordinates[0]!.slice(0, 4).map((c, i) => ({
        type: 'Feature',
        geometry: null,
        properties: {
          网格编码: f.properties.WGBM,
          网格名称: f.properties.WGMC,
          村编码: f.properties.CJBM,
          户数: f.properties.HS,
          类型: f.properties.LX,
          序号: i + 1,
          经度: c[0],
          纬度: c[1],
        },
      })),
    );
    const vjson = path.join(xlsx.dir, 'vertices.geojson');
    writeFileSync(vjson, JSON.stringify({ type: 'FeatureCollection', features: vertices }));
    const xfile = path.join(xlsx.dir, '界址点.xlsx');
    ogr2ogr(['-f', 'XLSX', xfile, vjson, '-nln', '界址点']);
    r = await cli([
      xfile,
      '--target',
      'grids',
      '--map',
      'code=网格编码,name=网格名称,parentCode=村编码,households=户数,kind=类型',
    ]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    await expectImported(xlsx);

    // DXF carries boundaries only (codes as layer names, no CRS): it replaces the boundaries of the grids above.
    const moved = structuredClone(shp.fc);
    const [mLng] = offset(...(moved.features[0]!.geometry.coordinates[0]![1] as [number, number]), 100, 0);
    for (const i of [1, 2]) moved.features[0]!.geometry.coordinates[0]![i]![0] = mLng;
    for (const i of [0, 3, 4]) moved.features[1]!.geometry.coordinates[0]![i]![0] = mLng;
    const mjson = path.join(shp.dir, 'moved.geojson');
    writeFileSync(mjson, JSON.stringify(moved));
    const dxf = path.join(shp.dir, 'survey.dxf');
    ogr2ogr(['-f', 'DXF', dxf, mjson, '-t_srs', 'EPSG:4524', '-sql', 'select WGBM as Layer from moved']);
    r = await cli([dxf, '--target', 'grids', '--replace']);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/EPSG:4524/);
    r = await cli([dxf, '--target', 'grids', '--crs', 'EPSG:4524', '--replace']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/new 0, updated 2, unchanged 2, refused 0/);
    const [a] = await s.sql<{ a: number; name: string }>(
      'select name, ST_Area(geom::geography) as a from grid where code = ?',
      [shp.fc.features[0]!.properties.WGBM],
    );
    expect(a!.name).toBe(shp.names[0]);
    expect(Math.abs(Number(a!.a) - 1100 * 1000) / 1.1e6).toBeLessThan(0.005);
  });

  it('a bulk import (1,200 grids): the events written in SQL are the corridor snapshots; one undo removes them all', async () => {
    const fx = await fixture();
    const [lng0, lat0] = fx.fc.features[0]!.geometry.coordinates[0]![0]!;
    // 40 × 30 cells of 50 m × 66.7 m inside the 2 km × 2 km village (edges from one origin, as rect draws them).
    const features = Array.from({ length: 1200 }, (_, i) => ({
      type: 'Feature',
      properties: {
        WGBM: `${fx.villageCode}B${String(i).padStart(4, '0')}`,
        WGMC: `批量网格${i + 1}`,
        CJBM: fx.villageCode,
        HS: i % 50,
      },
      geometry: rect(...offset(lng0, lat0, (i % 40) * 50, Math.floor(i / 40) * (2000 / 30)), 50, 2000 / 30),
    }));
    const file = path.join(fx.dir, 'bulk.geojson');
    writeFileSync(file, JSON.stringify({ type: 'FeatureCollection', features }));
    const r = await upload('/api/import', [file], {
      target: 'grids',
      map: 'name=WGMC,code=WGBM,parentCode=CJBM,households=HS',
    });
    expect(r.body.error).toBeUndefined();
    expect(r.body).toMatchObject({
      applied: true,
      counts: { NEW: 1200, REFUSED: 0 },
      written: { inserted: 1200, auditEvents: 1200 },
    });
    const [change] = await s.sql<{ event_count: number; n: number; grids: number }>(
      `select c.event_count, (select count(*)::int from audit_event e where e.change_id = c.id) as n,
              (select count(*)::int from audit_event e where e.change_id = c.id and e.record_type = 'Grid' and e.before is null) as grids
       from change c where c.id = ?`,
      [r.body.changeId],
    );
    expect(change!.grids).toBe(1200);
    expect(change!.event_count).toBe(change!.n);
    const { snapshot } = await import('../changes/corridor');
    const ids = (
      await s.sql<{ id: number }>('select id from grid where village_id = ? order by id', [Number(fx.villageId)])
    ).map((g) => Number(g.id));
    expect(ids).toHaveLength(1200);
    const rows = await snapshot(s.app.orm.em.fork(), 'Grid', [ids[0]!, ids[777]!]);
    const events = await s.sql<{ record_id: number; after: Record<string, unknown> }>(
      "select record_id, after from audit_event where change_id = ? and record_type = 'Grid' and record_id = any(?::int[]) order by record_id",
      [r.body.changeId, `{${ids[0]},${ids[777]}}`],
    );
    expect(events.map((e) => e.after)).toEqual([rows.get(ids[0]!), rows.get(ids[777]!)]);
    expect((events[1]!.after as { name: string }).name).toMatch(/^批量网格/);
    const [cov] = await s.sql<{ grid_count: number }>('select grid_count from coverage_unit where village_id = ?', [
      Number(fx.villageId),
    ]);
    expect(cov!.grid_count).toBe(1200);
    const undo = await s.gql('mutation($id: ID!) { revertChange(id: $id) { id } }', { id: String(r.body.changeId) });
    expect(undo.errors).toBeUndefined();
    expect(await s.sql('select id from grid where village_id = ?', [Number(fx.villageId)])).toEqual([]);
  });

  it('DXF from CAD (codes in the layer names, no CRS in the file) replaces boundaries of grids matched by code', async () => {
    const fx = await fixture();
    expect(
      (
        await cli([
          fx.geojson,
          '--target',
          'grids',
          '--map',
          'name=WGMC,code=WGBM,parentCode=CJBM,households=HS,kind=LX',
        ])
      ).code,
    ).toBe(0);
    // The surveyor moves the inner edge of grids 1 and 2 by 100 m (4524 metres): one DXF, codes as layers.
    const moved = structuredClone(fx.fc);
    const [mLng] = offset(...(moved.features[0]!.geometry.coordinates[0]![1] as [number, number]), 100, 0);
    for (const i of [1, 2]) moved.features[0]!.geometry.coordinates[0]![i]![0] = mLng;
    for (const i of [0, 3, 4]) moved.features[1]!.geometry.coordinates[0]![i]![0] = mLng;
    const mjson = path.join(fx.dir, 'moved.geojson');
    writeFileSync(mjson, JSON.stringify(moved));
    const dxf = path.join(fx.dir, 'survey.dxf');
    ogr2ogr(['-f', 'DXF', dxf, mjson, '-t_srs', 'EPSG:4524', '-sql', 'select WGBM as Layer from moved']);
    const noCrs = await upload('/api/import', [dxf], { target: 'grids', replaceBoundaries: 'true' });
    expect(noCrs.status).toBe(400);
    expect(noCrs.body.error).toMatchObject({ reason: 'NEED_CRS' });
    expect(noCrs.body.error.candidates[0]).toBe('EPSG:4524');
    const r = await upload('/api/import', [dxf], { target: 'grids', crs: 'EPSG:4524', replaceBoundaries: 'true' });
    expect(r.body.error).toBeUndefined();
    expect(r.body.counts).toEqual({ NEW: 0, UPDATED: 2, UNCHANGED: 2, REFUSED: 0 });
    const names = await s.sql<{ name: string }>('select name from grid where village_id = ? order by code', [
      Number(fx.villageId),
    ]);
    expect(names.map((n) => n.name)).toEqual(fx.names); // names kept: the DXF has none
    const [a] = await s.sql<{ a: number }>('select ST_Area(geom::geography) as a from grid where code = ?', [
      fx.fc.features[0]!.properties.WGBM,
    ]);
    expect(Math.abs(Number(a!.a) - 1100 * 1000) / 1.1e6).toBeLessThan(0.005);
  });

  it('one bad feature among good ones: nothing is written and each bad one is reported by index and reason', async () => {
    const fx = await fixture();
    const fc = structuredClone(fx.fc) as any;
    const [lng, lat] = fx.fc.features[0]!.geometry.coordinates[0]![0]!;
    fc.features.splice(2, 0, {
      type: 'Feature',
      properties: { WGBM: `${fx.villageCode}BAD`, WGMC: '自交网格', CJBM: fx.villageCode },
      geometry: {
        type: 'Polygon',
        coordinates: [
          [
            [lng, lat],
            [lng + 0.005, lat + 0.005],
            [lng + 0.005, lat],
            [lng, lat + 0.005],
            [lng, lat],
          ],
        ],
      },
    });
    fc.features.push({
      type: 'Feature',
      properties: { WGBM: `${fx.villageCode}X`, WGMC: '无主网格', CJBM: '640000000000' },
      geometry: fx.fc.features[0]!.geometry,
    });
    const file = path.join(fx.dir, 'bad.geojson');
    writeFileSync(file, JSON.stringify(fc));
    const audit = await s.sql<{ n: string }>('select count(*) as n from audit_event');
    const r = await cli([file, '--target', 'grids']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/feature 2 \(\d+BAD\): invalid geometry: Self-intersection/);
    expect(r.stderr).toMatch(/feature 5 \(\d+X\): parent code 640000000000 names no village/);
    const http = await upload('/api/import', [file], { target: 'grids' });
    expect(http.status).toBe(422);
    expect(http.body.applied).toBe(false);
    expect(http.body.counts).toMatchObject({ REFUSED: 2 });
    expect(http.body.items[2].reasons.map((m: any) => m.code)).toEqual(['INVALID_GEOMETRY']);
    expect(http.body.items[2].reasons[0].zh).toMatch(/几何无效/);
    expect(http.body.items[5].reasons.map((m: any) => m.code)).toContain('UNKNOWN_PARENT');
    expect(
      (await s.sql<{ n: string }>('select count(*) as n from grid where village_id = ?', [Number(fx.villageId)]))[0]!.n,
    ).toBe('0');
    expect(await s.sql<{ n: string }>('select count(*) as n from audit_event')).toEqual(audit);
  });

  it('without parent codes each feature goes to the unit holding most of its area; overlaps and out-of-parent are refused unless trimmed/clipped', async () => {
    const fx = await fixture();
    const fc = structuredClone(fx.fc) as any;
    for (const f of fc.features) delete f.properties.CJBM;
    // Feature 1 grows 300 m into its western neighbour (overlap) and 300 m past the village's east edge.
    const c = fc.features[1].geometry.coordinates[0];
    const [w] = offset(c[0][0], c[0][1], -300, 0);
    const [e] = offset(c[1][0], c[1][1], 300, 0);
    c[0][0] = w;
    c[3][0] = w;
    c[4][0] = w;
    c[1][0] = e;
    c[2][0] = e;
    const file = path.join(fx.dir, 'noparent.geojson');
    writeFileSync(file, JSON.stringify(fc));
    let r = await upload('/api/import', [file], { target: 'grids', dryRun: 'true' });
    expect(r.body.items.map((i: any) => i.status)).toEqual(['REFUSED', 'REFUSED', 'NEW', 'NEW']);
    expect(r.body.items[0].reasons.map((m: any) => m.code)).toEqual(['OVERLAPS']);
    expect(r.body.items[1].reasons.map((m: any) => m.code).sort()).toEqual(['OUTSIDE_PARENT', 'OVERLAPS']);
    expect(r.body.items[2].parent).toBe('测试村');
    r = await upload('/api/import', [file], { target: 'grids', trimOverlaps: 'true', clipToParent: 'true' });
    expect(r.body).toMatchObject({ applied: true, counts: { NEW: 4, REFUSED: 0 } });
    const rows = await s.sql<{ a: number }>(
      'select ST_Area(geom::geography) as a from grid where village_id = ? order by code',
      [Number(fx.villageId)],
    );
    // Feature 1 lost what overlapped feature 0 and what lay outside the village: back to 1 km².
    expect(Math.abs(Number(rows[1]!.a) - 1e6) / 1e6).toBeLessThan(0.005);
  });

  it('the older GeoJSON function (seeds/import.ts importFeatures) keeps its contract through the new path', async () => {
    const fx = await fixture();
    const { importFeatures } = await import('../../../seeds/import');
    const features = fx.fc.features.map((f) => ({
      type: 'Feature',
      geometry: f.geometry,
      properties: {
        code: f.properties.WGBM,
        name: f.properties.WGMC,
        kind: 'VILLAGER_GROUP',
        villageCode: fx.villageCode,
      },
    })) as any[];
    const [lng, lat] = fx.fc.features[0]!.geometry.coordinates[0]![0]!;
    features.splice(1, 0, {
      type: 'Feature',
      properties: { code: 'BAD-1', name: '自交网格', kind: 'OTHER', villageCode: fx.villageCode },
      geometry: {
        type: 'Polygon',
        coordinates: [
          [
            [lng, lat],
            [lng + 0.005, lat + 0.005],
            [lng + 0.005, lat],
            [lng, lat + 0.005],
            [lng, lat],
          ],
        ],
      },
    });
    const em = s.app.orm.em.fork();
    const bad = await importFeatures(em, s.config, 'grids', { type: 'FeatureCollection', features });
    expect(bad.problems).toHaveLength(1);
    expect(bad.problems[0]).toMatchObject({ index: 1, code: 'BAD-1' });
    expect(bad.problems[0]!.reason).toMatch(/Self-intersection/);
    expect(bad.inserted + bad.updated).toBe(0);
    features.splice(1, 1);
    const ok = await importFeatures(em, s.config, 'grids', { type: 'FeatureCollection', features });
    expect(ok).toMatchObject({ problems: [], inserted: 4, updated: 0, touchedUnits: 1 });
    for (const f of features) f.properties.name = `${f.properties.name}（实测）`;
    const again = await importFeatures(em, s.config, 'grids', { type: 'FeatureCollection', features });
    expect(again).toMatchObject({ problems: [], inserted: 0, updated: 4, touchedUnits: 1 });
  });

  it("Xi'an 1980 without transformation parameters is refused with a message that says so; with them it is read", async () => {
    const fx = await fixture();
    const zip = path.join(fx.dir, 'xian80.shp.zip');
    ogr2ogr(['-f', 'ESRI Shapefile', zip, fx.geojson, '-t_srs', 'EPSG:2381', '-lco', 'ENCODING=GBK', '-nln', 'grids']);
    let r = await upload('/api/import', [zip], { target: 'grids', dryRun: 'true' });
    expect(r.status).toBe(400);
    expect(r.body.error).toMatchObject({ reason: 'LEGACY_DATUM', datum: 'Xian 1980' });
    expect(r.body.error.message).toMatch(/Xian 1980.*transformation parameters.*towgs84/s);
    r = await upload('/api/import', [zip], { target: 'grids', dryRun: 'true', towgs84: '0,0,0,0,0,0,0' });
    expect(r.body.error).toBeUndefined();
    expect(r.body.crs).toMatch(/towgs84=0,0,0,0,0,0,0/);
    expect(r.body.features).toBe(4);
  });

  it('scope: an editor of another county is refused per feature, an analyst and a service key wholly; limits apply before reading', async () => {
    const fx = await fixture();
    const editor = await s.signIn('transfer-editor', 'EDITOR', { countyIds: [999999] });
    let r = await upload('/api/import', [fx.geojson], { target: 'grids' }, editor);
    expect(r.status).toBe(422);
    expect(r.body.items.every((i: any) => i.reasons.some((m: any) => m.code === 'OUT_OF_SCOPE'))).toBe(true);
    r = await upload('/api/import', [fx.geojson], { target: 'counties' }, editor);
    expect(r.status).toBe(403);
    const analyst = await s.signIn('transfer-analyst', 'ANALYST');
    r = await upload('/api/import', [fx.geojson], { target: 'grids' }, analyst);
    expect(r.status).toBe(403);
    const own = await s.signIn('transfer-editor-own', 'EDITOR', { countyIds: [Number(fx.countyId)] });
    process.env.IMPORT_MAX_FEATURES = '3';
    try {
      r = await upload('/api/import', [fx.geojson], { target: 'grids' }, own);
      expect(r.status).toBe(400);
      expect(r.body.error.message).toMatch(/4 features; at most 3/);
    } finally {
      delete process.env.IMPORT_MAX_FEATURES;
    }
    process.env.IMPORT_MAX_BYTES = '1000';
    try {
      r = await upload('/api/import', [fx.geojson], { target: 'grids' }, own);
      expect(r.status).toBe(413);
    } finally {
      delete process.env.IMPORT_MAX_BYTES;
    }
    r = await upload(
      '/api/import',
      [fx.geojson],
      { target: 'grids', map: 'name=WGMC,code=WGBM,parentCode=CJBM,households=HS,kind=LX' },
      own,
    );
    expect(r.status).toBe(200);
    await expectImported(fx);
    // The same file again by the same editor: nothing to write, and no refusal.
    r = await upload(
      '/api/import',
      [fx.geojson],
      { target: 'grids', replaceBoundaries: 'true', map: 'name=WGMC,code=WGBM,parentCode=CJBM,households=HS,kind=LX' },
      own,
    );
    expect(r.status).toBe(200);
    expect(r.body.counts).toEqual({ NEW: 0, UPDATED: 0, UNCHANGED: 4, REFUSED: 0 });
  });
});

describe('import with an API key (services)', { timeout: 240_000 }, () => {
  const MAP = 'name=WGMC,code=WGBM,parentCode=CJBM,households=HS,kind=LX';
  /** A key made by the test administrator through the API; the owner is an editor's user id when given. */
  async function key(name: string, scopes: string[], ownerId?: string) {
    const r = await s.ok(
      `mutation($n: String!, $s: [ApiKeyScope!], $o: ID) { createApiKey(name: $n, scopes: $s, ownerId: $o) { id key ownerId scopes } }`,
      { n: name, s: scopes, o: ownerId ?? null },
    );
    return r.createApiKey as { id: string; key: string; ownerId: string; scopes: string[] };
  }
  const zipOf = (fx: Fx) => {
    const zip = path.join(fx.dir, 'grids.shp.zip');
    ogr2ogr(['-f', 'ESRI Shapefile', zip, fx.geojson, '-t_srs', 'EPSG:4524', '-lco', 'ENCODING=GBK', '-nln', 'grids']);
    return zip;
  };
  const counts = async (villageId: string) => {
    const [r] = await s.sql<{ grids: number; changes: number }>(
      "select (select count(*)::int from grid where village_id = ?) as grids, (select count(*)::int from change where operation = 'import') as changes",
      [Number(villageId)],
    );
    return r!;
  };

  it('an IMPORT key imports a zipped Shapefile over multipart: JSON report, one audited change written as the key and its owner', async () => {
    const fx = await fixture();
    const zip = zipOf(fx);
    const k = await key('三调导入服务', ['IMPORT']);
    expect(k.scopes).toEqual(['IMPORT']);
    const [admin] = await s.sql<{ id: number }>("select id from app_user where username = 'test-admin'");
    expect(Number(k.ownerId)).toBe(Number(admin!.id));
    const headers = { authorization: `ApiKey ${k.key}` };
    // The dry run writes nothing and says what would happen.
    let r = await upload('/api/import', [zip], { target: 'grids', map: MAP, dryRun: 'true' }, headers);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ applied: false, counts: { NEW: 4, REFUSED: 0 } });
    expect((await counts(fx.villageId)).grids).toBe(0);
    r = await upload('/api/import', [zip], { target: 'grids', map: MAP }, headers);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({
      encoding: 'GBK',
      applied: true,
      counts: { NEW: 4, REFUSED: 0 },
      written: { inserted: 4, auditEvents: 4 },
    });
    await expectImported(fx);
    const [change] = await s.sql<{ username: string; role: string; user_id: number | null }>(
      'select username, role, user_id from change where id = ?',
      [r.body.changeId],
    );
    expect(change).toEqual({ username: 'key:三调导入服务 (test-admin)', role: 'ADMIN', user_id: null });
    const events = await s.sql<{ username: string }>(
      "select distinct username from audit_event where change_id = ? and record_type = 'Grid'",
      [r.body.changeId],
    );
    expect(events).toEqual([{ username: 'key:三调导入服务 (test-admin)' }]);
    // The key may import, nothing else: a GraphQL write and the wizard's upload are refused.
    const w = await s.gql(
      `mutation($v: ID!, $g: GeoJSON!) { createGrid(name: "钥匙网格", villageId: $v, geometry: $g) { id } }`,
      { v: fx.villageId, g: rect(...LITONG, 100, 100) },
      headers,
    );
    expect(w.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const wizard = await upload('/api/import/uploads', [zip], {}, headers);
    expect(wizard.status).toBe(403);
  });

  it("a key bound to an editor's county is refused outside it (typed, nothing written); read-only and coverage-only keys are refused", async () => {
    const fx = await fixture();
    const zip = zipOf(fx);
    await s.signIn('key-owner-elsewhere', 'EDITOR', { countyIds: [999999] });
    const [owner] = await s.sql<{ id: number }>("select id from app_user where username = 'key-owner-elsewhere'");
    const elsewhere = await key('外县导入', ['IMPORT'], String(owner!.id));
    const before = await counts(fx.villageId);
    let r = await upload('/api/import', [zip], { target: 'grids', map: MAP }, { 'x-api-key': elsewhere.key });
    expect(r.status).toBe(422);
    expect(r.body.applied).toBe(false);
    expect(r.body.items).toHaveLength(4);
    expect(r.body.items.every((i: any) => i.reasons.some((m: any) => m.code === 'OUT_OF_SCOPE'))).toBe(true);
    // Units above its owner's reach: refused whole with a typed error.
    r = await upload('/api/import', [zip], { target: 'townships' }, { 'x-api-key': elsewhere.key });
    expect(r.status).toBe(403);
    expect(r.body.error.code).toBe('FORBIDDEN');
    expect(await counts(fx.villageId)).toEqual(before);

    // A read-only key: FORBIDDEN, with the reason; a coverage-only key cannot even reach the endpoint.
    const readOnly = await key('只读服务', []);
    r = await upload('/api/import', [zip], { target: 'grids', map: MAP }, { 'x-api-key': readOnly.key });
    expect(r.status).toBe(403);
    expect(r.body.error).toMatchObject({ code: 'FORBIDDEN', message: expect.stringMatching(/IMPORT scope/) });
    const cov = await s.ok(`mutation { createApiKey(name: "覆盖服务", coverageOnly: true) { id key } }`);
    r = await upload('/api/import', [zip], { target: 'grids', map: MAP }, { 'x-api-key': cov.createApiKey.key });
    expect(r.status).toBe(403);
    // A coverage-only key cannot be given IMPORT, and an analyst cannot own a key.
    const bad = await s.gql(`mutation($id: ID!) { setApiKeyScopes(id: $id, scopes: [IMPORT]) { id } }`, {
      id: cov.createApiKey.id,
    });
    expect(bad.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    await s.signIn('key-owner-analyst', 'ANALYST');
    const [analyst] = await s.sql<{ id: number }>("select id from app_user where username = 'key-owner-analyst'");
    const byAnalyst = await s.gql(
      `mutation($o: ID) { createApiKey(name: "分析员钥匙", scopes: [IMPORT], ownerId: $o) { id } }`,
      { o: String(analyst!.id) },
    );
    expect(byAnalyst.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(await counts(fx.villageId)).toEqual(before);

    // The owner's rights are read at each import: moved to this county, the same key imports; disabled, it stops.
    await s.sql('update app_user set county_ids = ?::int[] where id = ?', [`{${fx.countyId}}`, owner!.id]);
    r = await upload('/api/import', [zip], { target: 'grids', map: MAP }, { 'x-api-key': elsewhere.key });
    expect(r.status).toBe(200);
    await expectImported(fx);
    await s.sql('update app_user set active = false where id = ?', [owner!.id]);
    r = await upload(
      '/api/import',
      [zip],
      { target: 'grids', map: MAP, dryRun: 'true' },
      { 'x-api-key': elsewhere.key },
    );
    expect(r.status).toBe(403);
    expect(r.body.error.message).toMatch(/key-owner-elsewhere, who may no longer import/);
  });
});

describe('export', { timeout: 240_000 }, () => {
  let fx: Fx;
  beforeAll(async () => {
    fx = await fixture();
    const r = await upload('/api/import', [fx.geojson], {
      target: 'grids',
      map: 'name=WGMC,code=WGBM,parentCode=CJBM,households=HS,kind=LX',
    });
    expect(r.body.applied).toBe(true);
    const [g] = await s.sql<{ id: number }>('select id from grid where code = ?', [fx.fc.features[0]!.properties.WGBM]);
    await s.ok(`mutation($g: [ID!]) { createGridWorker(name: "马红梅", gridIds: $g) { id } }`, { g: [String(g!.id)] });
    await s.ok(
      `mutation($g: ID!) { createPartyUnit(name: "第一网格党支部", kind: GRID, level: BRANCH, gridId: $g) { id } }`,
      { g: String(g!.id) },
    );
  });

  const get = async (url: string) => {
    const res = await s.get(url);
    return { status: res.status, type: res.headers.get('content-type'), body: Buffer.from(await res.arrayBuffer()) };
  };
  const filter = () => encodeURIComponent(JSON.stringify({ villageId: fx.villageId }));

  it('round trip: every GIS format and CRS exported, then imported, gives the same geometries (1e-7°) and attributes', async () => {
    const dir = tmp();
    dirs.push(dir);
    const cases = [
      ['shp.zip', 'EPSG:4524', 'GBK'],
      ['shp.zip', 'EPSG:4490', 'UTF-8'],
      ['gpkg', 'EPSG:4545', ''],
      ['kml', 'EPSG:4326', ''],
      ['geojson', 'EPSG:4326', ''],
      ['dxf', 'EPSG:4523', ''],
    ] as const;
    for (const [format, crs, encoding] of cases) {
      const r = await get(`/api/export/grids.${format}?filter=${filter()}&crs=${crs}&encoding=${encoding}`);
      expect(r.status, `${format} ${crs}`).toBe(200);
      const file = path.join(dir, `grids-${crs.slice(5)}.${format}`);
      writeFileSync(file, r.body);
      const fields: Record<string, string> = { target: 'grids', dryRun: 'true', replaceBoundaries: 'true' };
      if (format === 'dxf') fields.crs = crs;
      if (format === 'kml') fields.map = 'name=Name';
      const back = await upload('/api/import', [file], fields);
      expect(back.body.error, `${format} ${crs}`).toBeUndefined();
      expect(back.body.counts, `${format} ${crs}`).toEqual({ NEW: 0, UPDATED: 0, UNCHANGED: 4, REFUSED: 0 });
    }
    // The coordinates themselves, to 1e-7°, from the projected GBK Shapefile back to WGS 84 with GDAL.
    const shp = path.join(dir, 'grids-4524.shp.zip');
    const out = path.join(dir, 'back.geojson');
    ogr2ogr(['-f', 'GeoJSON', out, shp, '-t_srs', 'EPSG:4326', '-lco', 'COORDINATE_PRECISION=10']);
    const back = JSON.parse(readFileSync(out, 'utf8'));
    expect(back.features.map((f: any) => f.properties.name)).toEqual(fx.names);
    expect(back.features.map((f: any) => f.properties.village)).toEqual(['测试村', '测试村', '测试村', '测试村']);
    for (const [i, f] of back.features.entries()) {
      const ring = (
        f.geometry.type === 'MultiPolygon' ? f.geometry.coordinates[0][0] : f.geometry.coordinates[0]
      ) as number[][];
      const orig = fx.fc.features[i]!.geometry.coordinates[0]!;
      for (const p of orig)
        expect(Math.min(...ring.map((q) => Math.max(Math.abs(q[0]! - p[0]!), Math.abs(q[1]! - p[1]!))))).toBeLessThan(
          1e-7,
        );
    }
    expect(existsSync(shp)).toBe(true);
  });

  it('Excel: Chinese headers and names instead of ids, read back with a spreadsheet library; CSV has a BOM', async () => {
    const r = await get(`/api/export/grids.xlsx?filter=${filter()}`);
    expect(r.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(r.body as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(ws.name).toBe('网格');
    const header = (ws.getRow(1).values as unknown[]).slice(1);
    expect(header).toEqual([
      '编码',
      '名称',
      '类型',
      '村/社区编码',
      '所属村/社区',
      '所属乡镇/街道',
      '所属县区',
      '户数',
      '人口',
      '网格员',
      '党组织',
    ]);
    const first = (ws.getRow(2).values as unknown[]).slice(1);
    expect(first).toEqual([
      fx.fc.features[0]!.properties.WGBM,
      fx.names[0],
      '村民小组',
      fx.villageCode,
      '测试村',
      '测试镇',
      '测试县',
      100,
      undefined,
      '马红梅',
      '第一网格党支部',
    ]);
    expect(ws.rowCount).toBe(5);

    const csv = await get(`/api/export/grids.csv?filter=${filter()}`);
    expect([...csv.body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(csv.body.toString('utf8')).toMatch(/^\uFEFF编码,名称,类型/);

    const cov = await get(
      `/api/export/coverage.xlsx?filter=${encodeURIComponent(JSON.stringify({ villageId: fx.villageId }))}`,
    );
    const cwb = new ExcelJS.Workbook();
    await cwb.xlsx.load(cov.body as unknown as ArrayBuffer);
    expect((cwb.worksheets[0]!.getRow(2).values as unknown[]).slice(1, 3)).toEqual([fx.villageCode, '测试村']);

    const bad = await get('/api/export/grids.exe');
    expect(bad.status).toBe(400);
    const badCrs = await get('/api/export/grids.gpkg?crs=EPSG:3857');
    expect(badCrs.status).toBe(400);
  });
});
