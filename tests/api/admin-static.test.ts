import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type TestServer } from '../helpers/server';

let s: TestServer;
let dist: string;
const script = `console.log(${JSON.stringify('吴忠网格 '.repeat(400))});\n`;

/** A GET with exactly these headers (fetch would add its own Accept-Encoding and decode the body). */
function get(url: string, headers: Record<string, string>) {
  return new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }>(
    (resolve, reject) => {
      request(url, { headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
      })
        .on('error', reject)
        .end();
    },
  );
}

beforeAll(async () => {
  // A built admin as vite writes it: hashed assets with their brotli and gzip copies.
  dist = mkdtempSync(path.join(tmpdir(), 'wz-dist-'));
  mkdirSync(path.join(dist, 'assets'));
  writeFileSync(path.join(dist, 'index.html'), '<!doctype html><title>t</title>');
  writeFileSync(path.join(dist, 'assets/index-abc123.js'), script);
  writeFileSync(path.join(dist, 'assets/index-abc123.js.br'), brotliCompressSync(script));
  writeFileSync(path.join(dist, 'assets/index-abc123.js.gz'), gzipSync(script));
  writeFileSync(path.join(dist, 'assets/plain-def456.css'), 'body{margin:0}'.repeat(200));
  s = await startServer({ ADMIN_DIST: dist });
});
afterAll(async () => {
  await s?.close();
  rmSync(dist, { recursive: true, force: true });
});

describe('the admin’s static files', () => {
  it('sends the precompressed copy the browser accepts, kept a year (hashed names never change)', async () => {
    const br = await get(`${s.base}/assets/index-abc123.js`, { 'accept-encoding': 'gzip, deflate, br' });
    expect(br.status).toBe(200);
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers['content-type']).toMatch(/^(text|application)\/javascript/);
    expect(br.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(br.headers.vary).toMatch(/Accept-Encoding/i);
    expect(brotliDecompressSync(br.body).toString()).toBe(script);

    const gz = await get(`${s.base}/assets/index-abc123.js`, { 'accept-encoding': 'gzip' });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.body).toString()).toBe(script);

    const plain = await get(`${s.base}/assets/index-abc123.js`, { 'accept-encoding': 'identity' });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.toString()).toBe(script);
    expect(plain.headers['cache-control']).toBe('public, max-age=31536000, immutable');
  });

  it('an asset without copies is compressed as before; index.html is revalidated within the hour', async () => {
    const css = await get(`${s.base}/assets/plain-def456.css`, { 'accept-encoding': 'gzip' });
    expect(css.status).toBe(200);
    expect(css.headers['content-encoding']).toBe('gzip');
    expect(css.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    const html = await get(`${s.base}/map`, {});
    expect(html.status).toBe(200);
    expect(html.body.toString()).toContain('<title>t</title>');
    expect(html.headers['cache-control']).not.toMatch(/immutable/);
  });
});
