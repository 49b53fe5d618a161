import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LITONG, offset } from '../helpers/geo';
import { startServer, type TestServer } from '../helpers/server';
import { gdal, gisNet } from './gis-fixture';

let s: TestServer;
let net: Awaited<ReturnType<typeof gisNet>>;
let dir: string;
const origin = offset(...LITONG, 60_000, -50_000);

/** The XYZ tile holding a point. */
function tileOf([lng, lat]: [number, number], z: number): [number, number, number] {
  const n = 2 ** z;
  const φ = (lat * Math.PI) / 180;
  return [
    z,
    Math.floor(((lng + 180) / 360) * n),
    Math.floor(((1 - Math.log(Math.tan(φ) + 1 / Math.cos(φ)) / Math.PI) / 2) * n),
  ];
}

beforeAll(async () => {
  s = await startServer();
  net = await gisNet(s, origin);
  dir = mkdtempSync(path.join(tmpdir(), 'wz-tiles-'));
});
afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  await s?.close();
});

describe('vector tiles', () => {
  it("GDAL's MVT driver decodes a tile and finds exactly the grids that intersect it", async () => {
    const [z, x, y] = tileOf(offset(...origin, 600, 400), 15);
    const res = await s.get(`/tiles/grids/${z}/${x}/${y}.mvt`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/vnd.mapbox-vector-tile');
    // GDAL georeferences a tile from its z/x/y path.
    const file = path.join(dir, String(z), String(x), `${y}.pbf`);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, Buffer.from(await res.arrayBuffer()));
    const out = await gdal('ogrinfo', ['-ro', '-al', file]);
    const decoded = [...out.matchAll(/name \(String\) = (\S+)/g)].map((m) => m[1]).sort();
    // The grids whose geometry reaches the tile and its 64/4096 buffer, per PostGIS.
    const expected = await s.sql<{ name: string }>(
      `select name from grid where ST_Intersects(ST_Transform(geom, 3857), ST_TileEnvelope(?, ?, ?, margin => 64.0 / 4096)) order by name`,
      [z, x, y],
    );
    expect(decoded).toEqual(expected.map((r) => r.name).sort());
    expect(decoded.length).toBeGreaterThan(0);
    expect(decoded).toEqual(expect.arrayContaining(['格5']));
    expect(out).toMatch(/households \(Integer\) = 120|households \(Real\) = 120/);
    expect(out).toMatch(/villageId \((Integer|Integer64|Real)\) = /);
    // Projected to Web Mercator by GDAL, the tile's features lie where the grids are.
    expect(out).toMatch(/MULTIPOLYGON|POLYGON/);
  });

  it('serves every layer, 204 for an empty tile, 400 for a bad z/x/y, 404 for an unknown layer', async () => {
    const [z, x, y] = tileOf(offset(...origin, 600, 400), 14);
    for (const layer of ['grids', 'villages', 'townships', 'counties', 'uncovered', 'findings']) {
      expect((await s.get(`/tiles/${layer}/${z}/${x}/${y}.mvt`)).status, layer).toBe(200);
    }
    expect((await s.get('/tiles/grids/10/0/0.mvt')).status).toBe(204);
    for (const bad of ['23/0/0', '3/8/0', '3/0/8', '3/-1/0', '3/a/0', '3/1.5/0'])
      expect((await s.get(`/tiles/grids/${bad}.mvt`)).status, bad).toBe(400);
    expect((await s.get('/tiles/secrets/1/0/0.mvt')).status).toBe(404);
    expect((await fetch(`${s.base}/tiles/grids/${z}/${x}/${y}.mvt`)).status).toBe(401);
  });

  it('joins several layers in one tile: the same bytes as their tiles one by one, decoded by GDAL as layers', async () => {
    const [z, x, y] = tileOf(offset(...origin, 600, 400), 14);
    const one = async (layer: string) =>
      Buffer.from(await (await s.get(`/tiles/${layer}/${z}/${x}/${y}.mvt`)).arrayBuffer());
    const res = await s.get(`/tiles/villages,grids,overlaps/${z}/${x}/${y}.mvt`);
    expect(res.status).toBe(200);
    expect(res.headers.get('etag')).toContain('villages,grids,overlaps');
    const joined = Buffer.from(await res.arrayBuffer());
    const overlaps =
      (await s.get(`/tiles/overlaps/${z}/${x}/${y}.mvt`)).status === 204 ? Buffer.alloc(0) : await one('overlaps');
    expect(joined.equals(Buffer.concat([await one('villages'), await one('grids'), overlaps]))).toBe(true);
    const file = path.join(dir, 'joined', String(z), String(x), `${y}.pbf`);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, joined);
    const out = await gdal('ogrinfo', ['-ro', '-so', file]);
    expect(out).toMatch(/villages/);
    expect(out).toMatch(/grids/);
    // Every layer empty: 204; a repeated or unknown layer is refused, and so are too many.
    expect((await s.get('/tiles/grids,villages/10/0/0.mvt')).status).toBe(204);
    expect((await s.get(`/tiles/grids,grids/${z}/${x}/${y}.mvt`)).status).toBe(400);
    expect((await s.get(`/tiles/grids,secrets/${z}/${x}/${y}.mvt`)).status).toBe(404);
    const nine = 'grids,villages,townships,counties,uncovered,overlaps,findings,a,b';
    expect((await s.get(`/tiles/${nine}/${z}/${x}/${y}.mvt`)).status).toBe(400);
  });

  it('ETag and Cache-Control follow the data version: 304 until a write, then a new tile', async () => {
    const [z, x, y] = tileOf(offset(...origin, 600, 400), 15);
    const tj = (await (await s.get('/tiles/grids.json')).json()) as {
      tiles: string[];
      vector_layers: { id: string; fields: Record<string, string> }[];
      dataVersion: number;
    };
    expect(tj.vector_layers[0]!.fields).toMatchObject({
      name: 'String',
      households: 'Number',
      severity: 'String',
      workers: 'Number',
    });
    const url = tj.tiles[0]!.replace('{z}', String(z)).replace('{x}', String(x)).replace('{y}', String(y));
    const first = await s.get(new URL(url).pathname + new URL(url).search);
    expect(first.headers.get('cache-control')).toMatch(/max-age=86400/);
    const etag = first.headers.get('etag')!;
    expect((await s.get(`/tiles/grids/${z}/${x}/${y}.mvt`, { 'if-none-match': etag })).status).toBe(304);
    await s.ok('mutation($id: ID!) { updateGrid(id: $id, households: 130) { id } }', { id: String(net.gridIds[4]) });
    const after = await s.get(`/tiles/grids/${z}/${x}/${y}.mvt`, { 'if-none-match': etag });
    expect(after.status).toBe(200);
    expect(after.headers.get('etag')).not.toBe(etag);
    expect(after.headers.get('cache-control')).toMatch(/no-cache/);
  });

  it('a coverage-only key gets the coverage layers alone', async () => {
    const made = await s.ok(`mutation { createApiKey(name: "tiles-coverage", coverageOnly: true) { key } }`);
    const key = { 'x-api-key': made.createApiKey.key as string, authorization: '' };
    const [z, x, y] = tileOf(offset(...origin, 600, 400), 14);
    expect(
      (await fetch(`${s.base}/tiles/grids/${z}/${x}/${y}.mvt`, { headers: { 'x-api-key': key['x-api-key'] } })).status,
    ).toBe(403);
    expect(
      (await fetch(`${s.base}/tiles/uncovered/${z}/${x}/${y}.mvt`, { headers: { 'x-api-key': key['x-api-key'] } }))
        .status,
    ).toBe(200);
  });
});
