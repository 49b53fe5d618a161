import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { query } from '../../server/src/common/sql';
import { LITONG, offset, rect } from '../helpers/geo';
import { startServer, type TestServer } from '../helpers/server';
import { gdal, gisNet } from './gis-fixture';

/**
 * Province scale (issue 15, item 4): the generalised geometry of the map layers (`tile_geom`,
 * per zoom band, in EPSG:3857) follows every write of the corridor, and low-zoom tiles built
 * from it carry exactly the grids of their area with the map's properties.
 */
let s: TestServer;
let net: Awaited<ReturnType<typeof gisNet>>;
let dir: string;
const origin = offset(...LITONG, -40_000, 70_000);
/** Half a pixel of a 512-pixel tile at the band's highest zoom, in EPSG:3857 metres (as the migration). */
const tolerance = (band: number) => 40075016.686 / (2 ** band * 1024);

function tileOf([lng, lat]: [number, number], z: number): [number, number, number] {
  const n = 2 ** z;
  const φ = (lat * Math.PI) / 180;
  return [
    z,
    Math.floor(((lng + 180) / 360) * n),
    Math.floor(((1 - Math.log(Math.tan(φ) + 1 / Math.cos(φ)) / Math.PI) / 2) * n),
  ];
}

/** Each band's generalised geometry of a record: its distance from the record's own geometry. */
const bands = (layer: string, id: number | string) =>
  s.sql<{ band: number; distance: number }>(
    `select t.band, ST_HausdorffDistance(t.geom, ST_Transform(e.geom, 3857)) as distance
     from tile_geom t join ${({ grids: 'grid', villages: 'village' } as Record<string, string>)[layer]} e on e.id = t.id
     where t.layer = ? and t.id = ? order by t.band`,
    [layer, Number(id)],
  );

/** The features of a tile as GDAL's MVT driver reads them: the MVT feature ids (`mvt_id`) and the raw listing. */
async function decode(
  layer: string,
  [z, x, y]: [number, number, number],
): Promise<{ status: number; fids: number[]; out: string }> {
  const res = await s.get(`/tiles/${layer}/${z}/${x}/${y}.mvt`);
  if (res.status !== 200) return { status: res.status, fids: [], out: '' };
  const file = path.join(dir, `${Date.now()}-${Math.random().toString(36).slice(2)}`, String(z), String(x), `${y}.pbf`);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, Buffer.from(await res.arrayBuffer()));
  const out = await gdal('ogrinfo', ['-ro', '-al', file]);
  return {
    status: 200,
    fids: [...out.matchAll(/^\s*mvt_id \(Integer64\) = (\d+)$/gm)].map((m) => Number(m[1])).sort((a, b) => a - b),
    out,
  };
}

/** The grids whose own geometry reaches the tile and its 64/4096 buffer, per PostGIS. */
const gridsIn = async ([z, x, y]: [number, number, number]) =>
  (
    await s.sql<{ id: number }>(
      'select id from grid where ST_Intersects(ST_Transform(geom, 3857), ST_TileEnvelope(?, ?, ?, margin => 64.0 / 4096)) order by id',
      [z, x, y],
    )
  ).map((r) => Number(r.id));

beforeAll(async () => {
  s = await startServer();
  net = await gisNet(s, origin);
  dir = mkdtempSync(path.join(tmpdir(), 'wz-tile-geom-'));
});
afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  await s?.close();
});

describe('generalised tile geometry', () => {
  it('is written with every grid and unit: one geometry per zoom band, within half a pixel of the band', async () => {
    for (const [layer, id] of [
      ['grids', net.gridIds[0]!],
      ['villages', net.villageId],
    ] as const) {
      const rows = await bands(layer, id);
      expect(
        rows.map((r) => Number(r.band)),
        layer,
      ).toEqual([9, 12, 15]);
      for (const r of rows) expect(r.distance, `${layer} band ${r.band}`).toBeLessThanOrEqual(tolerance(r.band));
    }
  });

  it('follows a geometry edit, ignores an edit of attributes, and goes with a deleted grid (through the corridor)', async () => {
    const id = net.gridIds[5]!;
    const before = await s.sql<{ band: number; wkb: string }>(
      'select band, ST_AsEWKT(geom) as wkb from tile_geom where layer = ? and id = ? order by band',
      ['grids', id],
    );
    // Moved to the unit's uncovered north-east corner: every band must follow.
    await s.ok('mutation($id: ID!, $g: GeoJSON!) { updateGrid(id: $id, geometry: $g) { id } }', {
      id: String(id),
      g: rect(...offset(...origin, 1_200, 1_200), 400, 400),
    });
    const moved = await bands('grids', id);
    expect(moved.map((r) => Number(r.band))).toEqual([9, 12, 15]);
    for (const r of moved) expect(r.distance).toBeLessThanOrEqual(tolerance(r.band));
    const after = await s.sql<{ band: number; wkb: string }>(
      'select band, ST_AsEWKT(geom) as wkb from tile_geom where layer = ? and id = ? order by band',
      ['grids', id],
    );
    expect(after.map((r) => r.wkb)).not.toEqual(before.map((r) => r.wkb));

    await s.ok('mutation($id: ID!) { updateGrid(id: $id, households: 95) { id } }', { id: String(id) });
    const same = await s.sql<{ wkb: string }>(
      'select ST_AsEWKT(geom) as wkb from tile_geom where layer = ? and id = ? order by band',
      ['grids', id],
    );
    expect(same.map((r) => r.wkb)).toEqual(after.map((r) => r.wkb));

    await s.ok('mutation($id: ID!) { deleteGrid(id: $id) { id } }', { id: String(id) });
    expect(await s.sql('select 1 from tile_geom where layer = ? and id = ?', ['grids', id])).toEqual([]);
    net.gridIds.pop();
  });

  it("is emptied with its table by a TRUNCATE (the seed's and the browser tests' reset), which no row trigger sees", async () => {
    class Rollback extends Error {}
    let left: { layer: string }[] = [];
    await s.app.orm.em
      .fork()
      .transactional(async (tx) => {
        await query(tx, 'truncate grid cascade');
        left = await query(tx, 'select layer, count(*) as n from tile_geom group by layer order by layer');
        throw new Rollback();
      })
      .catch((e) => {
        if (!(e instanceof Rollback)) throw e;
      });
    expect(left.map((r) => r.layer)).not.toContain('grids');
    expect(left.map((r) => r.layer)).toContain('villages');
    expect((await bands('grids', net.gridIds[0]!)).length).toBe(3);
  });

  it("a zoom-8 tile holds exactly the grids of its area (GDAL's MVT driver), with the map's properties, and loses a deleted grid", async () => {
    const tile = tileOf(offset(...origin, 600, 400), 8);
    const first = await decode('grids', tile);
    expect(first.status).toBe(200);
    expect(first.fids).toEqual(await gridsIn(tile));
    expect(first.fids).toEqual(expect.arrayContaining(net.gridIds));
    expect(first.out).toMatch(/households \((Integer|Real)\) = 120/);
    for (const field of ['name', 'kind', 'villageId', 'workers', 'severity']) expect(first.out).toContain(`${field} (`);

    const gone = net.gridIds[0]!;
    await s.ok('mutation($id: ID!) { deleteGrid(id: $id) { id } }', { id: String(gone) });
    const second = await decode('grids', tile);
    expect(second.fids).not.toContain(gone);
    expect(second.fids).toEqual(await gridsIn(tile));
  });

  it('zooms of every band and above the bands decode to the same grids as PostGIS finds', async () => {
    for (const z of [10, 12, 13, 15, 16]) {
      const tile = tileOf(offset(...origin, 600, 400), z);
      const t = await decode('grids', tile);
      expect(t.fids, `z${z}`).toEqual(await gridsIn(tile));
      expect(t.fids.length, `z${z}`).toBeGreaterThan(0);
    }
    // The villages layer at z8 holds the test unit.
    expect((await decode('villages', tileOf(origin, 8))).fids).toContain(Number(net.villageId));
  });
});
