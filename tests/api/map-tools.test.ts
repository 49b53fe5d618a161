import gcoord from 'gcoord';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gcjToWgs, wgsToGcj } from '../../admin/src/map/basemaps/gcjTransform';
import { geodesicArea, geodesicLength } from '../../admin/src/map/tools/geodesic';
import { gkZone, toGk } from '../../admin/src/map/tools/gk';
import { startServer, type TestServer } from '../helpers/server';

/** The admin's coordinate helpers against independent references: PostGIS, published values, GeographicLib's own figures. */
describe('map tools: GCJ-02, CGCS2000 Gauss–Krüger, geodesic measures', () => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startServer();
  });
  afterAll(async () => s.close());

  it('GCJ-02: the published gcoord example (WGS 84 → BD-09 goes through GCJ-02) and round trips within 1e-6° in Wuzhong', () => {
    // From gcoord's README: [116.403988, 39.914266] WGS84 → BD09 [116.41661560068297, 39.92196580126834].
    expect(gcoord.transform([116.403988, 39.914266], gcoord.WGS84, gcoord.BD09)).toEqual([
      116.41661560068297, 39.92196580126834,
    ]);
    const gcjBeijing = wgsToGcj(116.403988, 39.914266);
    expect(gcoord.transform(gcjBeijing, gcoord.GCJ02, gcoord.BD09)[0]).toBeCloseTo(116.41661560068297, 9);
    for (const [lng, lat] of [
      [106.2, 37.98],
      [105.95, 37.9],
      [107.4, 37.8],
      [104.8, 36.9],
    ] as [number, number][]) {
      const g = wgsToGcj(lng, lat);
      // The offset in Wuzhong is hundreds of metres (here 0.003–0.006° east).
      expect(g[0] - lng).toBeGreaterThan(0.002);
      expect(Math.abs(g[0] - lng)).toBeLessThan(0.01);
      const back = gcjToWgs(g[0], g[1]);
      expect(Math.abs(back[0] - lng)).toBeLessThan(1e-6);
      expect(Math.abs(back[1] - lat)).toBeLessThan(1e-6);
    }
  });

  it('CGCS2000 3° GK (proj4) equals PostGIS ST_Transform to the same EPSG code within 1 mm', async () => {
    const points: [number, number][] = [
      [106.2, 37.98],
      [105.2, 37.1],
      [106.9, 37.5],
      [107.6, 37.9],
      [104.3, 36.6],
    ];
    for (const [lng, lat] of points) {
      const gk = toGk(lng, lat)!;
      const [row] = await s.sql<{ x: number; y: number }>(
        `select ST_X(p) as x, ST_Y(p) as y from (select ST_Transform(ST_SetSRID(ST_MakePoint(?, ?), 4490), ?::int) as p) t`,
        [lng, lat, gk.zone.epsg],
      );
      expect(Math.abs(gk.easting - Number(row!.x))).toBeLessThan(0.001);
      expect(Math.abs(gk.northing - Number(row!.y))).toBeLessThan(0.001);
    }
    expect(gkZone(106.2)).toEqual({ epsg: 4544, cm: 105, zone: 35 });
    expect(gkZone(106.6)).toEqual({ epsg: 4545, cm: 108, zone: 36 });
  });

  it('geodesic length and area equal PostGIS on the spheroid (geography) within 0.01 %', async () => {
    const ring: [number, number][] = [
      [106.0, 37.9],
      [106.05, 37.9],
      [106.06, 37.95],
      [106.01, 37.96],
      [106.0, 37.9],
    ];
    const [row] = await s.sql<{ a: number; l: number }>(
      `select ST_Area(g::geography) as a, ST_Length(ST_ExteriorRing(g)::geography) as l from (select ST_GeomFromGeoJSON(?) as g) t`,
      [
        JSON.stringify({
          type: 'Polygon',
          coordinates: [ring],
          crs: { type: 'name', properties: { name: 'EPSG:4326' } },
        }),
      ],
    );
    expect(Math.abs(geodesicArea(ring) - Number(row!.a)) / Number(row!.a)).toBeLessThan(1e-4);
    expect(Math.abs(geodesicLength(ring) - Number(row!.l)) / Number(row!.l)).toBeLessThan(1e-4);
    expect(geodesicArea([...ring].reverse())).toBeCloseTo(geodesicArea(ring), 6);
  });
});
