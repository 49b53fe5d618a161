/**
 * A local tile server for the browser tests: PNG tiles generated in node (pngjs), each showing
 * its z/x/y and its outline, and a red cross centred on the pixel of a known coordinate.
 *
 *   /xyz/{z}/{x}/{y}.png                     an XYZ tile (cross at the `cross` point, Web Mercator)
 *   /xyz-gcj/{z}/{x}/{y}.png                 the same with the cross at the point's GCJ-02 position
 *   /tdt/{layer}_w/wmts?…TILEMATRIX=&TILEROW=&TILECOL=&tk=   天地图's WMTS pattern; 403 unless tk is the key
 *
 * Every request is logged (url), so a test can check the pattern and the key.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { PNG } from 'pngjs';

export interface TileServer {
  base: string;
  requests: string[];
  close(): Promise<void>;
}

/** Pixel position (world pixels at zoom z, 256-px tiles) of a lng/lat in Web Mercator. */
export function worldPixel(lng: number, lat: number, z: number): [number, number] {
  const scale = 256 * 2 ** z;
  const x = ((lng + 180) / 360) * scale;
  const s = Math.sin((lat * Math.PI) / 180);
  const y = (0.5 - Math.log((1 + s) / (1 - s)) / (4 * Math.PI)) * scale;
  return [x, y];
}

// A 3×5 font for the tile label.
const FONT: Record<string, string[]> = {
  '0': ['111', '101', '101', '101', '111'],
  '1': ['010', '110', '010', '010', '111'],
  '2': ['111', '001', '111', '100', '111'],
  '3': ['111', '001', '111', '001', '111'],
  '4': ['101', '101', '111', '001', '001'],
  '5': ['111', '100', '111', '001', '111'],
  '6': ['111', '100', '111', '101', '111'],
  '7': ['111', '001', '001', '001', '001'],
  '8': ['111', '101', '111', '101', '111'],
  '9': ['111', '101', '111', '001', '111'],
  '/': ['001', '001', '010', '100', '100'],
  ' ': ['000', '000', '000', '000', '000'],
  t: ['010', '111', '010', '010', '011'],
  d: ['001', '001', '111', '101', '111'],
  g: ['111', '101', '111', '001', '111'],
  c: ['000', '111', '100', '100', '111'],
  j: ['001', '000', '001', '101', '111'],
};

function tile(z: number, x: number, y: number, label: string, cross: [number, number] | null): Buffer {
  const png = new PNG({ width: 256, height: 256 });
  const set = (px: number, py: number, [r, g, b]: [number, number, number]) => {
    if (px < 0 || py < 0 || px > 255 || py > 255) return;
    const i = (py * 256 + px) * 4;
    png.data[i] = r;
    png.data[i + 1] = g;
    png.data[i + 2] = b;
    png.data[i + 3] = 255;
  };
  for (let py = 0; py < 256; py++)
    for (let px = 0; px < 256; px++) set(px, py, px === 0 || py === 0 ? [160, 160, 160] : [236, 240, 232]);
  const text = `${label} ${z}/${x}/${y}`;
  let cx = 6;
  for (const ch of text) {
    const glyph = FONT[ch] ?? FONT[' ']!;
    glyph.forEach((row, gy) =>
      [...row].forEach((on, gx) => {
        if (on === '1')
          for (let a = 0; a < 3; a++) for (let b = 0; b < 3; b++) set(cx + gx * 3 + a, 6 + gy * 3 + b, [60, 60, 60]);
      }),
    );
    cx += 12;
  }
  if (cross) {
    // The cross's centre pixel is the one containing the point: floor of its world pixel.
    const ox = Math.floor(cross[0]) - x * 256;
    const oy = Math.floor(cross[1]) - y * 256;
    for (let d = -12; d <= 12; d++) {
      set(ox + d, oy, [255, 0, 0]);
      set(ox, oy + d, [255, 0, 0]);
    }
  }
  return PNG.sync.write(png);
}

export async function startTileServer(opts: {
  cross: [number, number];
  crossGcj: [number, number];
  key: string;
}): Promise<TileServer> {
  const requests: string[] = [];
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    requests.push(req.url ?? '');
    let z: number, x: number, y: number, label: string, point: [number, number];
    const xyz = url.pathname.match(/^\/(xyz|xyz-gcj)\/(\d+)\/(\d+)\/(\d+)\.png$/);
    const tdt = url.pathname.match(/^\/tdt\/(\w+)_w\/wmts$/);
    if (xyz) {
      [z, x, y] = [Number(xyz[2]), Number(xyz[3]), Number(xyz[4])];
      label = xyz[1] === 'xyz' ? 'xyz' : 'gcj';
      point = xyz[1] === 'xyz' ? opts.cross : opts.crossGcj;
    } else if (tdt) {
      if (url.searchParams.get('tk') !== opts.key) {
        res.writeHead(403, { 'content-type': 'text/plain' }).end('invalid key');
        return;
      }
      z = Number(url.searchParams.get('TILEMATRIX'));
      y = Number(url.searchParams.get('TILEROW'));
      x = Number(url.searchParams.get('TILECOL'));
      label = 'tdt';
      point = opts.cross;
      // The label layers (cva, cia, cta) are transparent in 天地图; here they are a plain empty tile.
      if (['cva', 'cia', 'cta'].includes(tdt[1]!)) {
        const png = new PNG({ width: 256, height: 256 });
        res
          .writeHead(200, { 'content-type': 'image/png', 'access-control-allow-origin': '*' })
          .end(PNG.sync.write(png));
        return;
      }
    } else {
      res.writeHead(404).end();
      return;
    }
    const cross = worldPixel(point[0], point[1], z);
    res
      .writeHead(200, { 'content-type': 'image/png', 'access-control-allow-origin': '*', 'cache-control': 'no-store' })
      .end(tile(z, x, y, label, cross));
  });
  server.listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { base, requests, close: () => new Promise<void>((r) => server.close(() => r())) };
}

/** The centre of the red cross in a screenshot (RGBA PNG), as the mean of its horizontal and vertical arms. */
export function findCross(pngBuffer: Buffer): { x: number; y: number } | null {
  const png = PNG.sync.read(pngBuffer);
  const red = (px: number, py: number) => {
    const i = (py * png.width + px) * 4;
    return png.data[i]! > 200 && png.data[i + 1]! < 60 && png.data[i + 2]! < 60;
  };
  // The row with the most red pixels is the horizontal arm; the column with the most, the vertical arm.
  let bestRow = -1,
    rowCount = 0,
    bestCol = -1,
    colCount = 0;
  for (let py = 0; py < png.height; py++) {
    let n = 0;
    for (let px = 0; px < png.width; px++) if (red(px, py)) n++;
    if (n > rowCount) [bestRow, rowCount] = [py, n];
  }
  for (let px = 0; px < png.width; px++) {
    let n = 0;
    for (let py = 0; py < png.height; py++) if (red(px, py)) n++;
    if (n > colCount) [bestCol, colCount] = [px, n];
  }
  if (rowCount < 10 || colCount < 10) return null;
  return { x: bestCol, y: bestRow };
}
