import { request } from 'node:http';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { LITONG, offset, rect } from '../../../tests/helpers/geo';
import { createUnitChain } from '../../../tests/helpers/fixture';
import { startServer, type TestServer } from '../../../tests/helpers/server';

/** Cached map layers are stored compressed (gzip and brotli), so a repeated request compresses nothing. */
let s: TestServer;
beforeAll(async () => {
  s = await startServer();
  const origin = offset(...LITONG, 9000, 9000);
  const chain = await createUnitChain(s, origin, 2000);
  for (let i = 0; i < 8; i++) {
    await s.ok(`mutation($v: ID!, $g: GeoJSON!) { createGrid(villageId: $v, name: "编码格", geometry: $g) { id } }`, {
      v: chain.villageId,
      g: rect(...offset(...origin, i * 240, 0), 200, 1500),
    });
  }
});
afterAll(() => s?.close());

/** Raw bytes and headers (fetch would decode the body itself). */
function raw(
  path: string,
  encoding: string,
): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }> {
  return new Promise((ok, fail) => {
    const req = request(`${s.base}${path}`, { headers: { ...s.auth.headers, 'accept-encoding': encoding } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => ok({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', fail);
    req.end();
  });
}

it('serves the same layer as identity, gzip and brotli, and reuses the compressed bodies', async () => {
  const path = '/api/map/grids.geojson';
  const plain = await raw(path, 'identity');
  expect(plain.status).toBe(200);
  expect(plain.headers['content-encoding']).toBeUndefined();
  const text = plain.body.toString();
  expect(JSON.parse(text).features.length).toBeGreaterThanOrEqual(8);

  const gz = await raw(path, 'gzip');
  expect(gz.headers['content-encoding']).toBe('gzip');
  expect(gunzipSync(gz.body).toString()).toBe(text);
  const br = await raw(path, 'gzip, deflate, br');
  expect(br.headers['content-encoding']).toBe('br');
  expect(brotliDecompressSync(br.body).toString()).toBe(text);
  expect(br.headers.vary).toMatch(/Accept-Encoding/i);

  // The second answer is the stored bytes themselves.
  expect((await raw(path, 'gzip')).body.equals(gz.body)).toBe(true);
  expect((await raw(path, 'br')).body.equals(br.body)).toBe(true);
});
