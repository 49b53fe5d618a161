import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { query } from '../../server/src/common/sql';
import { COLLECTION_BY_ID } from '../../server/src/ogc/ogc.collections';
import { READY_BAND, READY_PROPERTIES, readyAt } from '../../server/src/tiles/tiles.sql';
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

/**
 * The grids whose ready tile properties (the band-9 columns of `tile_geom`) differ from what the
 * collection `grids` computes now, or that have no band-9 row: what a z ≤ 9 tile would show wrong.
 */
async function stale(run: <R>(sql: string) => Promise<R[]> = (sql) => s.sql(sql)) {
  const c = COLLECTION_BY_ID.get('grids')!;
  const ready = READY_PROPERTIES.grids!;
  const stored = Object.values(ready).map((column) => `g.${column}`);
  const live = Object.keys(ready).map((name) => c.properties[name]!.sql);
  return (
    await run<{ id: number }>(
      `select e.id from ${c.from} left join tile_geom g on g.layer = 'grids' and g.band = ${READY_BAND} and g.id = e.id
       where g.id is null or (${stored.join(', ')}) is distinct from (${live.join(', ')}) order by e.id`,
    )
  ).map((r) => Number(r.id));
}

/** One grid's ready properties, as stored. */
const readyOf = async (id: number) =>
  (
    await s.sql<{ workers: number; party_unit: string | null; severity: string | null; households: number }>(
      'select workers, party_unit, severity, households from tile_geom where layer = ? and band = ? and id = ?',
      ['grids', READY_BAND, id],
    )
  )[0]!;

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

  it("keeps a grid's tile properties ready at band 9, equal to the collection's, through every write they are read from", async () => {
    // The z ≤ 9 statement is used only while the stored columns are exactly the tile properties.
    expect(readyAt(COLLECTION_BY_ID.get('grids')!, READY_BAND)).toBe(true);
    expect(await stale()).toEqual([]);
    const [a, b] = [net.gridIds[1]!, net.gridIds[2]!];
    const before = await readyOf(a);
    expect(before.workers).toBe(0);

    // A worker assigned to a grid, then deactivated, moved to another grid, deleted.
    const w = (
      await s.ok('mutation($g: [ID!]) { createGridWorker(name: "瓦片网格员", gridIds: $g, active: true) { id } }', {
        g: [String(a)],
      })
    ).createGridWorker.id as string;
    expect((await readyOf(a)).workers).toBe(1);
    expect(await stale()).toEqual([]);
    await s.ok('mutation($id: ID!) { updateGridWorker(id: $id, active: false) { id } }', { id: w });
    expect((await readyOf(a)).workers).toBe(0);
    // The worker's own row alone (as an import or a script writes it): the grids it serves follow.
    await s.sql('update grid_worker set active = true where id = ?', [Number(w)]);
    expect((await readyOf(a)).workers).toBe(1);
    await s.sql('update grid_worker set active = false where id = ?', [Number(w)]);
    expect((await readyOf(a)).workers).toBe(0);
    await s.ok('mutation($id: ID!, $g: [ID!]) { updateGridWorker(id: $id, active: true, gridIds: $g) { id } }', {
      id: w,
      g: [String(b)],
    });
    expect([(await readyOf(a)).workers, (await readyOf(b)).workers]).toEqual([0, 1]);
    expect(await stale()).toEqual([]);

    // A party unit built on a grid, renamed, moved, deleted.
    const branch = (
      await s.ok(
        'mutation($v: ID!) { createPartyUnit(name: "瓦片村党支部", kind: VILLAGE, level: BRANCH, villageId: $v) { id } }',
        {
          v: String(net.villageId),
        },
      )
    ).createPartyUnit.id as string;
    const unit = (
      await s.ok(
        'mutation($g: ID, $p: ID) { createPartyUnit(name: "瓦片党小组", gridId: $g, parentId: $p, kind: GRID, level: GROUP) { id } }',
        { g: String(a), p: branch },
      )
    ).createPartyUnit.id as string;
    expect((await readyOf(a)).party_unit).toBe('瓦片党小组');
    await s.ok('mutation($id: ID!) { updatePartyUnit(id: $id, name: "瓦片第二党小组") { id } }', { id: unit });
    expect((await readyOf(a)).party_unit).toBe('瓦片第二党小组');
    await s.ok('mutation($id: ID!, $g: ID) { updatePartyUnit(id: $id, gridId: $g) { id } }', {
      id: unit,
      g: String(b),
    });
    expect([(await readyOf(a)).party_unit, (await readyOf(b)).party_unit]).toEqual([null, '瓦片第二党小组']);
    expect(await stale()).toEqual([]);
    await s.ok('mutation($id: ID!) { deletePartyUnit(id: $id) { id } }', { id: unit });
    expect((await readyOf(b)).party_unit).toBeNull();

    // The grid's own attributes, and the findings the coverage recompute rewrites after a geometry edit.
    await s.ok('mutation($id: ID!) { updateGrid(id: $id, households: 77, name: "瓦片格") { id } }', { id: String(a) });
    expect((await readyOf(a)).households).toBe(77);
    await s.ok('mutation($id: ID!, $g: GeoJSON!) { updateGrid(id: $id, geometry: $g) { id } }', {
      id: String(a),
      g: rect(...offset(...origin, 300, 0), 400, 400),
    });
    expect(await stale()).toEqual([]);
    await s.ok('mutation($id: ID!) { deleteGridWorker(id: $id) { id } }', { id: w });
    expect((await readyOf(b)).workers).toBe(0);
    expect(await stale()).toEqual([]);

    // And the z8 tile (read from the ready columns) shows them, as GDAL decodes it.
    const tile = await decode('grids', tileOf(offset(...origin, 600, 400), 8));
    const feature = tile.out
      .split(/OGRFeature\(grids\):/)
      .find((f) => new RegExp(`mvt_id \\(Integer64\\) = ${a}\\n`).test(f));
    expect(feature).toMatch(/households \((Integer|Integer64|Real)\) = 77/);
    expect(feature).toMatch(/name \(String\) = 瓦片格/);
  });

  it('follows a bulk update in one statement: every band of exactly the moved grids, the ready properties kept', async () => {
    class Rollback extends Error {}
    const moved = [net.gridIds[1]!, net.gridIds[2]!, net.gridIds[3]!];
    const others = (
      await s.sql<{ n: string }>(
        "select count(*) as n from tile_geom where layer = 'grids' and not (id = any(?::int[]))",
        [`{${moved.join(',')}}`],
      )
    )[0]!.n;
    let wrong: unknown[] = ['not run'];
    let left = '';
    let staleAfterMove: number[] = [-1];
    let staleAfterAttributes: number[] = [-1];
    await s.app.orm.em
      .fork()
      .transactional(async (tx) => {
        const run = <R>(sql: string) => query<R>(tx, sql);
        await query(tx, 'update grid set geom = ST_Multi(ST_Translate(geom, 0.001, 0.001)) where id = any(?::int[])', [
          `{${moved.join(',')}}`,
        ]);
        // Each moved grid's bands are the simplification of its new geometry, all three of them.
        wrong = await query(
          tx,
          `select e.id, b.band from grid e cross join lateral tile_geom_of(e.geom) b
           left join tile_geom t on t.layer = 'grids' and t.id = e.id and t.band = b.band
           where e.id = any(?::int[]) and (t.geom is null or not ST_Equals(t.geom, b.geom))`,
          [`{${moved.join(',')}}`],
        );
        left = (
          await query<{ n: string }>(
            tx,
            "select count(*) as n from tile_geom where layer = 'grids' and not (id = any(?::int[]))",
            [`{${moved.join(',')}}`],
          )
        )[0]!.n;
        staleAfterMove = await stale(run);
        await query(tx, 'update grid set households = households + 1 where id = any(?::int[])', [
          `{${moved.join(',')}}`,
        ]);
        staleAfterAttributes = await stale(run);
        throw new Rollback();
      })
      .catch((e) => {
        if (!(e instanceof Rollback)) throw e;
      });
    expect(wrong).toEqual([]);
    expect(left).toBe(others);
    expect(staleAfterMove).toEqual([]);
    expect(staleAfterAttributes).toEqual([]);
  });
});
