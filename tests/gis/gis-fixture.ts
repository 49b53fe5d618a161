import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { createUnitChain } from '../helpers/fixture';
import { offset, rect } from '../helpers/geo';
import type { TestServer } from '../helpers/server';

export const run = promisify(execFile);

/** GDAL's command-line tools with the given config options (credentials). */
export async function gdal(
  tool: 'ogrinfo' | 'ogr2ogr',
  args: string[],
  config: Record<string, string> = {},
): Promise<string> {
  const conf = Object.entries(config).flatMap(([k, v]) => ['--config', k, v]);
  const { stdout } = await run(`/usr/bin/${tool}`, [...conf, ...args], { maxBuffer: 64 * 1024 * 1024 });
  return stdout;
}

/**
 * A small net of our own at `origin`: one village 1.6 km square whose south-west
 * 1.2 × 0.8 km is a 3 × 2 block of grids (400 m squares, named 格1…格6); the rest is uncovered.
 */
export async function gisNet(s: TestServer, origin: [number, number]) {
  const chain = await createUnitChain(s, origin, 1600);
  const gridIds: number[] = [];
  for (let row = 0; row < 2; row++) {
    for (let col = 0; col < 3; col++) {
      const [lng, lat] = offset(...origin, col * 400, row * 400);
      const d = await s.ok(
        `mutation($v: ID!, $g: GeoJSON!, $n: String!) { createGrid(villageId: $v, name: $n, kind: VILLAGER_GROUP, geometry: $g, households: 120) { id } }`,
        { v: chain.villageId, g: rect(lng, lat, 400, 400), n: `格${row * 3 + col + 1}` },
      );
      gridIds.push(Number(d.createGrid.id));
    }
  }
  return { ...chain, gridIds };
}
