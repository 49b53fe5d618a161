import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Ajv from 'ajv';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LITONG, offset } from '../helpers/geo';
import { startServer, type TestServer } from '../helpers/server';
import { gdal, gisNet, run } from './gis-fixture';

let s: TestServer;
let net: Awaited<ReturnType<typeof gisNet>>;
let dir: string;
const origin = offset(...LITONG, 50_000, -50_000);
const USER = 'gis-analyst';
const PASSWORD = 'pw-gis-analyst-secret';
const basic = { authorization: `Basic ${Buffer.from(`${USER}:${PASSWORD}`).toString('base64')}` };
let creds: Record<string, string>;
/** The bbox of our net, slightly inside it, in CRS84. */
let netBox: [number, number, number, number];

beforeAll(async () => {
  s = await startServer();
  await s.signIn(USER, 'ANALYST');
  net = await gisNet(s, origin);
  const ne = offset(...origin, 1199, 799);
  netBox = [origin[0] + 1e-6, origin[1] + 1e-6, ne[0], ne[1]];
  creds = { GDAL_HTTP_USERPWD: `${USER}:${PASSWORD}` };
  dir = mkdtempSync(path.join(tmpdir(), 'wz-ogc-'));
});
afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  await s?.close();
});

const get = (p: string, headers: Record<string, string> = basic) => fetch(`${s.base}${p}`, { headers });
const count = async (table: string, where = 'true', params: unknown[] = []) =>
  Number((await s.sql<{ n: string }>(`select count(*) as n from ${table} where ${where}`, params))[0]!.n);

describe('GDAL reads /ogc as a GIS user would', () => {
  it('ogrinfo lists every collection', async () => {
    const out = await gdal('ogrinfo', ['-ro', '-so', `OAPIF:${s.base}/ogc`], creds);
    for (const c of ['counties', 'townships', 'villages', 'grids', 'findings', 'uncovered', 'overlaps'])
      expect(out).toMatch(new RegExp(`\\d+: ${c} \\(`));
  });

  it('ogrinfo reads every grid with its attributes, page by page', async () => {
    const out = await gdal('ogrinfo', ['-ro', '-al', '-oo', 'PAGE_SIZE=7', `OAPIF:${s.base}/ogc`, 'grids'], creds);
    const features = out.match(/^OGRFeature\(grids\):/gm) ?? [];
    expect(features.length).toBe(await count('grid'));
    expect(out).toContain('name (String) = 格5');
    expect(out).toMatch(/households \(Integer\) = 120/);
    expect(out).toMatch(/villageName \(String\) = 测试村/);
  });

  it('ogrinfo with a bbox asks the server for the grids in it', async () => {
    const out = await gdal(
      'ogrinfo',
      ['-ro', '-al', '-q', '-spat', ...netBox.map(String), `OAPIF:${s.base}/ogc`, 'grids'],
      creds,
    );
    const names = [...out.matchAll(/name \(String\) = (\S+)/g)].map((m) => m[1]).sort();
    expect(names).toEqual(['格1', '格2', '格3', '格4', '格5', '格6']);
  });

  it('ogr2ogr copies the grids to a GeoPackage: the same count, areas within 0.5%', async () => {
    const gpkg = path.join(dir, 'grids.gpkg');
    await gdal('ogr2ogr', ['-f', 'GPKG', '-t_srs', 'EPSG:4524', gpkg, `OAPIF:${s.base}/ogc`, 'grids'], creds);
    const info = await gdal('ogrinfo', ['-ro', '-so', gpkg, 'grids']);
    expect(Number(/Feature Count: (\d+)/.exec(info)![1])).toBe(await count('grid'));
    // GDAL projects to CGCS2000 / Gauss–Krüger zone 36 and measures; PostGIS measured on the spheroid.
    const rows = await gdal('ogrinfo', [
      '-ro',
      '-q',
      '-dialect',
      'OGRSQL',
      '-sql',
      'SELECT OGR_GEOM_AREA AS gk, areaM2 FROM grids',
      gpkg,
    ]);
    const pairs = [...rows.matchAll(/gk \(Real\) = ([\d.e+]+)\s+areaM2 \(Real\) = ([\d.e+]+)/g)].map((m) => [
      Number(m[1]),
      Number(m[2]),
    ]);
    expect(pairs.length).toBe(await count('grid'));
    for (const [gk, spheroid] of pairs) expect(Math.abs(gk! - spheroid!) / spheroid!).toBeLessThan(0.005);
  });
});

describe('the OGC responses follow the OpenAPI document', () => {
  it('landing page, conformance, collections, items and an item validate', async () => {
    const api = (await (await get('/ogc/api')).json()) as {
      components: { schemas: Record<string, unknown> };
      paths: Record<string, unknown>;
    };
    const ajv = new Ajv({ strict: false, allErrors: true });
    ajv.addSchema({ $id: 'api', components: api.components } as never);
    const check = (schema: string, body: unknown) => {
      const validate = ajv.getSchema(`api#/components/schemas/${schema}`)!;
      expect(validate(body), `${schema}: ${JSON.stringify(validate.errors)}`).toBe(true);
    };
    check('landingPage', await (await get('/ogc')).json());
    const conformance = (await (await get('/ogc/conformance')).json()) as { conformsTo: string[] };
    check('confClasses', conformance);
    expect(conformance.conformsTo).toContain('http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core');
    expect(conformance.conformsTo).toContain('http://www.opengis.net/spec/ogcapi-features-2/1.0/conf/crs');
    expect(conformance.conformsTo).toContain('http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/filter');
    const collections = (await (await get('/ogc/collections')).json()) as { collections: { id: string }[] };
    check('collections', collections);
    for (const { id } of collections.collections) {
      expect(api.paths[`/collections/${id}/items`]).toBeTruthy();
      const res = await get(`/ogc/collections/${id}/items?limit=5`);
      expect(res.headers.get('content-type')).toMatch(/application\/geo\+json/);
      const fc = (await res.json()) as { features: { id: unknown }[] };
      check(`featureCollection_${id}`, fc);
      if (fc.features[0])
        check(
          `feature_${id}`,
          await (await get(`/ogc/collections/${id}/items/${encodeURIComponent(String(fc.features[0].id))}`)).json(),
        );
      check('collection', await (await get(`/ogc/collections/${id}`)).json());
    }
    check('exception', await (await get('/ogc/collections/grids/items?limit=0')).json());
  });
});

describe('items', () => {
  it('pages with limit/offset, next/prev links, numberMatched and numberReturned', async () => {
    const q = `bbox=${netBox.join(',')}&limit=4`;
    const first = (await (await get(`/ogc/collections/grids/items?${q}`)).json()) as any;
    expect(first.numberMatched).toBe(6);
    expect(first.numberReturned).toBe(4);
    const next = first.links.find((l: any) => l.rel === 'next' && l.type === 'application/geo+json');
    expect(first.links.find((l: any) => l.rel === 'prev')).toBeUndefined();
    const second = (await (await get(new URL(next.href).pathname + new URL(next.href).search)).json()) as any;
    expect(second.numberReturned).toBe(2);
    expect(second.links.find((l: any) => l.rel === 'next')).toBeUndefined();
    expect(second.links.find((l: any) => l.rel === 'prev')).toBeTruthy();
    const ids = [...first.features, ...second.features].map((f: any) => f.id).sort((a: number, b: number) => a - b);
    expect(ids).toEqual([...net.gridIds].sort((a, b) => a - b));
  });

  it('filters by a property parameter and selects properties', async () => {
    const fc = (await (
      await get(`/ogc/collections/grids/items?villageId=${net.villageId}&properties=name,households`)
    ).json()) as any;
    expect(fc.numberMatched).toBe(6);
    expect(Object.keys(fc.features[0].properties).sort()).toEqual(['households', 'name']);
  });

  it('filters with CQL2 text: comparisons, LIKE, IN and S_INTERSECTS', async () => {
    const items = async (filter: string, extra = '') =>
      (await (await get(`/ogc/collections/grids/items?filter=${encodeURIComponent(filter)}${extra}`)).json()) as any;
    const names = (fc: any) => fc.features.map((f: any) => f.properties.name).sort();
    const inside = offset(...origin, 600, 600); // in 格5
    expect(names(await items(`S_INTERSECTS(geometry, POINT(${inside[0]} ${inside[1]}))`))).toEqual(['格5']);
    expect(
      names(await items(`villageId = ${net.villageId} AND name IN ('格1', '格6') AND NOT households < 100`)),
    ).toEqual(['格1', '格6']);
    expect(
      names(
        await items(
          `villageId = ${net.villageId} AND (name LIKE '格_' AND name <> '格2') AND S_INTERSECTS(geometry, BBOX(${netBox.join(', ')}))`,
        ),
      ),
    ).toEqual(['格1', '格3', '格4', '格5', '格6']);
    const a = offset(...origin, 10, 10);
    const b = offset(...origin, 390, 390);
    const poly = `POLYGON((${a[0]} ${a[1]}, ${b[0]} ${a[1]}, ${b[0]} ${b[1]}, ${a[0]} ${b[1]}, ${a[0]} ${a[1]}))`;
    expect(names(await items(`S_INTERSECTS(geometry, ${poly}) AND partyUnit IS NULL`))).toEqual(['格1']);
    // The same point given in CGCS2000 (latitude first) through filter-crs.
    expect(
      names(
        await items(
          `S_INTERSECTS(geometry, POINT(${inside[1]} ${inside[0]}))`,
          '&filter-crs=http://www.opengis.net/def/crs/EPSG/0/4490',
        ),
      ),
    ).toEqual(['格5']);
  });

  it('refuses bad requests whole with a typed 400', async () => {
    const cases: [string, string, RegExp][] = [
      ['filter=households%20%3E', 'InvalidFilter', /expected a number/],
      ['filter=secret%20%3D%201', 'InvalidFilter', /unknown property "secret"/],
      ['filter=name%20%3D%201', 'InvalidFilter', /name is text/],
      [`filter=${encodeURIComponent("name = 'a'; drop table grid")}`, 'InvalidFilter', /unexpected character/],
      [`filter=${'x'.repeat(4001)}`, 'InvalidFilter', /at most 4000/],
      ['limit=10001', 'InvalidParameterValue', /limit is 1 to 10000/],
      ['bbox=1,2,3', 'InvalidParameterValue', /four numbers/],
      ['bbox=10,10,0,0', 'InvalidParameterValue', /min ≤ max/],
      ['bbox=100,100,200,200', 'InvalidParameterValue', /outside longitude/],
      ['crs=EPSG:3857', 'InvalidParameterValue', /not offered/],
      ['households=many', 'InvalidParameterValue', /whole number/],
      ['colour=red', 'InvalidParameterValue', /unknown parameter "colour"/],
      ['properties=secret', 'InvalidParameterValue', /not a property/],
    ];
    for (const [q, code, message] of cases) {
      const res = await get(`/ogc/collections/grids/items?${q}`);
      expect(res.status, q).toBe(400);
      const body = (await res.json()) as { code: string; description: string };
      expect(body.code, q).toBe(code);
      expect(body.description, q).toMatch(message);
    }
    expect((await get('/ogc/collections/nothing/items')).status).toBe(404);
    expect((await get('/ogc/collections/grids/items/999999999')).status).toBe(404);
    expect(await count('grid')).toBeGreaterThan(0);
  });
});

describe('CRS by reference', () => {
  it('returns CGCS2000 Gauss–Krüger coordinates (northing first) that agree with GDAL, with Content-Crs', async () => {
    const id = net.gridIds[0]!;
    const res = await get(
      `/ogc/collections/grids/items/${id}?crs=${encodeURIComponent('http://www.opengis.net/def/crs/EPSG/0/4524')}`,
    );
    expect(res.headers.get('content-crs')).toBe('<http://www.opengis.net/def/crs/EPSG/0/4524>');
    const gk = ((await res.json()) as any).geometry.coordinates[0][0][0] as [number, number];
    const lonlat = ((await (await get(`/ogc/collections/grids/items/${id}`)).json()) as any).geometry
      .coordinates[0][0][0] as [number, number];
    const child = run('/usr/bin/gdaltransform', ['-s_srs', 'OGC:CRS84', '-t_srs', 'EPSG:4524']);
    child.child.stdin!.end(`${lonlat[0]} ${lonlat[1]}\n`);
    const [easting, northing] = (await child).stdout.trim().split(/\s+/).map(Number);
    expect(Math.abs(gk[0] - northing!)).toBeLessThan(0.01);
    expect(Math.abs(gk[1] - easting!)).toBeLessThan(0.01);
  });

  it('reads bbox in EPSG:4490 (latitude first) through bbox-crs', async () => {
    const [x1, y1, x2, y2] = netBox;
    const fc = (await (
      await get(
        `/ogc/collections/grids/items?bbox=${[y1, x1, y2, x2].join(',')}&bbox-crs=${encodeURIComponent('http://www.opengis.net/def/crs/EPSG/0/4490')}&crs=EPSG:4490`,
      )
    ).json()) as any;
    expect(fc.numberMatched).toBe(6);
    const [lat, lng] = fc.features[0].geometry.coordinates[0][0][0];
    expect(lat).toBeCloseTo(origin[1], 1);
    expect(lng).toBeCloseTo(origin[0], 1);
  });
});

describe('credentials', () => {
  it('asks for Basic credentials, refuses a wrong password and counts it toward the lock-out', async () => {
    const none = await get('/ogc/collections', {});
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toMatch(/^Basic/);
    const before = (
      await s.sql<{ failed_attempts: number }>('select failed_attempts from app_user where username = ?', [USER])
    )[0]!.failed_attempts;
    const wrong = await get('/ogc/collections', {
      authorization: `Basic ${Buffer.from(`${USER}:wrong-password`).toString('base64')}`,
    });
    expect(wrong.status).toBe(401);
    expect(((await wrong.json()) as any).code).toBe('UNAUTHENTICATED');
    const after = (
      await s.sql<{ failed_attempts: number }>('select failed_attempts from app_user where username = ?', [USER])
    )[0]!.failed_attempts;
    expect(after).toBe(before + 1);
    expect((await get('/ogc/collections')).status).toBe(200);
  });

  it('a coverage-only API key sees the coverage collections alone', async () => {
    const made = await s.ok(`mutation { createApiKey(name: "ogc-coverage", coverageOnly: true) { key } }`);
    const key = { 'x-api-key': made.createApiKey.key as string };
    const cols = ((await (await get('/ogc/collections', key)).json()) as any).collections.map((c: any) => c.id).sort();
    expect(cols).toEqual(['findings', 'overlaps', 'uncovered']);
    expect((await get('/ogc/collections/grids/items', key)).status).toBe(403);
    expect((await get('/ogc/collections/uncovered/items', key)).status).toBe(200);
  });
});

it('serves HTML to a browser: a table and a map', async () => {
  const res = await get(`/ogc/collections/grids/items?villageId=${net.villageId}`, {
    ...basic,
    accept: 'text/html,application/xhtml+xml',
  });
  expect(res.headers.get('content-type')).toMatch(/text\/html/);
  const html = await res.text();
  expect(html).toContain('<table>');
  expect(html).toContain('格4');
  expect(html).toContain('/ogc/static/leaflet.js');
  expect((await get('/ogc/static/leaflet.js', {})).status).toBe(200);
});
