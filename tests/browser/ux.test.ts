import gcoord from 'gcoord';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type TestServer } from '../helpers/server';
import { ADMIN_DIST, ensureAdminBuild, hasChromium, launch, outputPath, resetData, ROOT, signIn, type Browser } from './browser';
import { seedFixture, type Fixture } from './fixture';
import { findCross, startTileServer, worldPixel, type TileServer } from './tile-server';

type LngLat = [number, number];
const KEY = 'wzTestKey0123456789abcdef';
const shot = (name: string) => path.join(ROOT, 'docs/screenshots', name);

/**
 * Issue 13 in a real browser: base maps from the settings (天地图 routed to a local tile server,
 * never the real host), GCJ-02, tracing, the phone view with geolocation, the print view.
 */
describe.skipIf(!hasChromium)('drawing on the real ground: base maps, tracing, phone, print (headless chromium)', () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  let fx: Fixture;
  let tiles: TileServer;
  /** A grid vertex: the south-west corner of the first grid of the first village. */
  let vertex: LngLat;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    ensureAdminBuild();
    server = await startServer({ ADMIN_DIST });
    await resetData(server);
    await server.sql(`delete from app_setting where key = 'map_settings'`);
    fx = await seedFixture((q, v) => server.ok(q, v));
    const g = (await server.ok<any>('query($id: ID!) { Grid(id: $id) { geometry } }', { id: fx.grids[0]!.id })).Grid.geometry;
    const ring: LngLat[] = g.type === 'Polygon' ? g.coordinates[0] : g.coordinates[0][0];
    vertex = ring.reduce((a, b) => (b[0] + b[1] < a[0] + a[1] ? b : a));
    const gcj = gcoord.transform(vertex, gcoord.WGS84, gcoord.GCJ02) as LngLat;
    tiles = await startTileServer({ cross: vertex, crossGcj: gcj, key: KEY });
    browser = await launch();
    page = await browser.context.newPage();
    page.on('pageerror', (e) => pageErrors.push(String(e)));
    page.on('console', (m) => {
      if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) pageErrors.push(`console: ${m.text().slice(0, 800)}`);
    });
    // 天地图's host goes to the local tile server: the real one is never contacted.
    await browser.context.route(/tianditu\.gov\.cn/, async (route) => {
      const u = new URL(route.request().url());
      const r = await fetch(`${tiles.base}/tdt${u.pathname}${u.search}`);
      await route.fulfill({ status: r.status, headers: { 'content-type': r.headers.get('content-type') ?? 'image/png', 'access-control-allow-origin': '*' }, body: Buffer.from(await r.arrayBuffer()) });
    });
    await signIn(page, server.base);
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await tiles?.close();
    await server?.sql(`delete from app_setting where key = 'map_settings'`).catch(() => {});
    await server?.close();
  });

  const setSettings = (baseMaps: unknown[], key: string | null, def: string | null) =>
    server.ok(`mutation($b: [BaseMapInput!]!, $k: String, $d: String) { updateMapSettings(baseMaps: $b, tiandituKey: $k, defaultBaseMap: $d) { defaultBaseMap } }`, { b: baseMaps, k: key, d: def });

  async function openMap(center: LngLat, z: number, opts: { opacity?: number; baseMap?: string } = {}) {
    await page.goto(`${server.base}/`);
    await page.evaluate(({ opacity, baseMap }) => {
      localStorage.setItem('wz.gridOpacity', String(opacity ?? 1));
      if (baseMap) localStorage.setItem('wz.baseMap', baseMap);
      else localStorage.removeItem('wz.baseMap');
    }, opts);
    await page.goto(`${server.base}/map?lat=${center[1]}&lng=${center[0]}&z=${z}`);
    await page.waitForFunction(() => Boolean(window.__wzMapReady), undefined, { timeout: 30_000 });
  }
  async function waitTiles() {
    await page.waitForFunction(() => {
      const imgs = [...document.querySelectorAll('.wz-basemap-0 img')] as HTMLImageElement[];
      return imgs.length > 0 && imgs.every((i) => i.complete) && document.querySelectorAll('.wz-basemap-0 .leaflet-tile-loaded').length > 0;
    }, undefined, { timeout: 20_000 });
    await page.waitForTimeout(400); // the tiles' fade-in
  }
  /** The screen position (inside the map element) where the map draws a lng/lat. */
  const mapPoint = ([lng, lat]: LngLat) => page.evaluate(([lng, lat]) => (window as any).__wzMap.map.latLngToContainerPoint([lat, lng]), [lng, lat] as LngLat);

  it('天地图 影像 from the settings: the WMTS pattern is requested with the key, and a grid vertex lands on the tile\'s cross within 1 px', async () => {
    await setSettings([{ id: 'tdt-img', name: '天地图影像', kind: 'TIANDITU', preset: 'IMG' }], KEY, 'tdt-img');
    tiles.requests.length = 0;
    await openMap(vertex, 15, { opacity: 0 });
    await waitTiles();
    const img = tiles.requests.filter((u) => u.startsWith('/tdt/img_w/wmts?'));
    const labels = tiles.requests.filter((u) => u.startsWith('/tdt/cia_w/wmts?'));
    expect(img.length).toBeGreaterThan(0);
    expect(labels.length).toBeGreaterThan(0);
    for (const u of [...img, ...labels]) {
      expect(u).toMatch(/SERVICE=WMTS&REQUEST=GetTile&VERSION=1\.0\.0&LAYER=(img|cia)&STYLE=default&TILEMATRIXSET=w&FORMAT=tiles&TILEMATRIX=15&TILEROW=\d+&TILECOL=\d+&tk=/);
      expect(new URL(u, 'http://x').searchParams.get('tk')).toBe(KEY);
    }
    const buf = await page.getByTestId('coverage-map').screenshot({ path: outputPath('ux-tdt-cross.png') });
    const cross = findCross(buf);
    const p = await mapPoint(vertex);
    console.log(`[ux] 天地图: cross at ${JSON.stringify(cross)}, vertex drawn at ${p.x.toFixed(2)}, ${p.y.toFixed(2)}`);
    expect(cross).not.toBeNull();
    expect(Math.abs(cross!.x - Math.floor(p.x))).toBeLessThanOrEqual(1);
    expect(Math.abs(cross!.y - Math.floor(p.y))).toBeLessThanOrEqual(1);
    // With the grids shown, for the docs.
    await page.evaluate(() => localStorage.setItem('wz.gridOpacity', '0.8'));
    await page.getByTestId('grid-opacity').locator('input').fill('0.8').catch(() => {});
    await openMap(vertex, 14, { opacity: 0.8 });
    await waitTiles();
    await page.screenshot({ path: shot('basemap-tianditu.png') });
    expect(await page.getByTestId('basemap-switcher').innerText()).toContain('天地图影像');
  });

  it('a rejected 天地图 key shows a clear message in Chinese; without any key the map says so too', async () => {
    await setSettings([{ id: 'tdt-vec', name: '天地图矢量', kind: 'TIANDITU', preset: 'VEC' }], 'wrongKey12345678', 'tdt-vec');
    await openMap(vertex, 14);
    await expect.poll(() => page.getByTestId('basemap-error').count(), { timeout: 20_000 }).toBeGreaterThan(0);
    const text = await page.getByTestId('basemap-error').innerText();
    expect(text).toContain('天地图密钥（tk）缺失或被拒绝');
    expect(text).toContain('天地图矢量');
    await page.screenshot({ path: shot('basemap-rejected-key.png') });
  });

  it('a GCJ-02 provider: the map draws the WGS 84 vertex where gcoord puts it on the GCJ-02 tiles (within 1 px)', async () => {
    await setSettings([{ id: 'gcj', name: '测试GCJ底图', kind: 'XYZ', url: `${tiles.base}/xyz-gcj/{z}/{x}/{y}.png`, attribution: '测试瓦片', gcj02: true }], null, 'gcj');
    await openMap(vertex, 16, { opacity: 0 }).catch(async (e) => {
      await page.screenshot({ path: outputPath('ux-gcj-fail.png') });
      throw new Error(`${e}; page errors: ${pageErrors.join(' | ')}`);
    });
    await waitTiles();
    const buf = await page.getByTestId('coverage-map').screenshot();
    const cross = findCross(buf);
    const p = await mapPoint(vertex);
    // And the offset is real: the plain Web Mercator position is metres away.
    const plain = await page.evaluate(([lng, lat]) => {
      const m = (window as any).__wzMap.map;
      const L = (window as any).L ?? null;
      return m.options.crs.code;
    }, vertex);
    console.log(`[ux] GCJ-02: cross at ${JSON.stringify(cross)}, vertex drawn at ${p.x.toFixed(2)}, ${p.y.toFixed(2)}, crs ${plain}`);
    expect(plain).toBe('EPSG:3857-GCJ02');
    expect(cross).not.toBeNull();
    expect(Math.abs(cross!.x - Math.floor(p.x))).toBeLessThanOrEqual(1);
    expect(Math.abs(cross!.y - Math.floor(p.y))).toBeLessThanOrEqual(1);
    // What is drawn comes back as WGS 84 (converted back for saving): through the map's own CRS, within 0.1 m.
    const back = await page.evaluate(([lng, lat]) => {
      const m = (window as any).__wzMap.map;
      const ll = m.unproject(m.project([lat, lng], 16), 16);
      return [ll.lng, ll.lat];
    }, vertex);
    expect(Math.abs(back[0]! - vertex[0])).toBeLessThan(1e-6);
    expect(Math.abs(back[1]! - vertex[1])).toBeLessThan(1e-6);
    // The test can fail: without the GCJ-02 CRS the vertex would be drawn this many pixels off the cross.
    const [ax, ay] = worldPixel(vertex[0], vertex[1], 16);
    const gcj = gcoord.transform(vertex, gcoord.WGS84, gcoord.GCJ02) as LngLat;
    const [bx, by] = worldPixel(gcj[0], gcj[1], 16);
    console.log(`[ux] GCJ-02 offset at the vertex: ${Math.hypot(ax - bx, ay - by).toFixed(0)} px at zoom 16`);
    expect(Math.hypot(ax - bx, ay - by)).toBeGreaterThan(50);
    await page.screenshot({ path: shot('basemap-gcj02.png') });
  });
});
