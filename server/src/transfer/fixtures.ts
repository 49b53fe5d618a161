/**
 * Test fixtures made with GDAL from GeoJSON (never downloaded): a unit chain through the
 * API, grids tiling its village, and the same grids written by ogr2ogr in any format.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createUnitChain } from '../../../tests/helpers/fixture';
import { rect } from '../../../tests/helpers/geo';
import type { TestServer } from '../../../tests/helpers/server';

export const ogr2ogr = (args: string[]) =>
  execFileSync('/usr/bin/ogr2ogr', args, { stdio: ['ignore', 'pipe', 'pipe'] });

export const tmp = (prefix = 'wz-fixture-') => mkdtempSync(path.join(tmpdir(), prefix));

let n = 0;

/** A village (2 km × 2 km) with no grids, and four grids tiling it with Chinese names; areas from PostGIS on the spheroid. */
export async function gridFixture(s: TestServer, at: [number, number]) {
  const chain = await createUnitChain(s, at, 2000);
  const [village] = await s.sql<{ code: string; township_code: string }>(
    'select v.code, t.code as township_code from village v join township t on t.id = v.township_id where v.id = ?',
    [Number(chain.villageId)],
  );
  n++;
  const names = ['金积镇第一网格', '利宁社区红色管家网格', '马莲渠乡村民小组', '青铜峡市小坝镇網格（繁体）'];
  // Corners shared exactly by neighbours: longitudes at the village's south edge, latitudes on its west edge
  // (as the village's own rectangle is drawn).
  const v = rect(at[0], at[1], 2000, 2000).coordinates[0]!;
  const lngs = [v[0]![0]!, (v[0]![0]! + v[1]![0]!) / 2, v[1]![0]!];
  const lats = [v[0]![1]!, (v[0]![1]! + v[2]![1]!) / 2, v[2]![1]!];
  const features = [0, 1, 2, 3].map((i) => {
    const [x0, x1] = [lngs[i % 2]!, lngs[(i % 2) + 1]!];
    const [y0, y1] = [lats[Math.floor(i / 2)]!, lats[Math.floor(i / 2) + 1]!];
    return {
      type: 'Feature',
      properties: {
        WGBM: `${village!.code}${String(n).padStart(2, '0')}${i + 1}`,
        WGMC: names[i],
        CJBM: village!.code,
        HS: 100 + i * 37,
        LX: '村民小组',
      },
      geometry: {
        type: 'Polygon' as const,
        coordinates: [
          [
            [x0, y0],
            [x1, y0],
            [x1, y1],
            [x0, y1],
            [x0, y0],
          ],
        ],
      },
    };
  });
  const fc = { type: 'FeatureCollection', features };
  const truth = new Map<string, number>();
  for (const f of features) {
    const [row] = await s.sql<{ a: number }>(
      'select ST_Area(ST_SetSRID(ST_GeomFromGeoJSON(?), 4326)::geography) as a',
      [JSON.stringify(f.geometry)],
    );
    truth.set(f.properties.WGBM, Number(row!.a));
  }
  const dir = tmp();
  const geojson = path.join(dir, 'grids.geojson');
  writeFileSync(geojson, JSON.stringify(fc));
  return { ...chain, villageCode: village!.code, townshipCode: village!.township_code, fc, truth, dir, geojson, names };
}
