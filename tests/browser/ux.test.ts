import gcoord from 'gcoord';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type TestServer } from '../helpers/server';
import {
  ADMIN_DIST,
  ensureAdminBuild,
  hasChromium,
  launch,
  outputPath,
  resetData,
  ROOT,
  signIn,
  type Browser,
} from './browser';
import { seedFixture, type Fixture } from './fixture';
import { findCross, startTileServer, worldPixel, type TileServer } from './tile-server';

type LngLat = [number, number];
const KEY = 'wzTestKey0123456789abcdef';
const shot = (name: string) => path.join(ROOT, 'docs/screenshots', name);

/**
 * Issue 13 in a real browser: base maps from the settings (天地图 routed to a local tile server,
 * never the real host), GCJ-02, tracing, the phone view with geolocation, the print view.
 */
describe.skipIf(!hasChromium)(
  'drawing on the real ground: base maps, tracing, phone, print (headless chromium)',
  () => {
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
      const g = (await server.ok<any>('query($id: ID!) { Grid(id: $id) { geometry } }', { id: fx.grids[0]!.id })).Grid
        .geometry;
      const ring: LngLat[] = g.type === 'Polygon' ? g.coordinates[0] : g.coordinates[0][0];
      vertex = ring.reduce((a, b) => (b[0] + b[1] < a[0] + a[1] ? b : a));
      const gcj = gcoord.transform(vertex, gcoord.WGS84, gcoord.GCJ02) as LngLat;
      tiles = await startTileServer({ cross: vertex, crossGcj: gcj, key: KEY });
      browser = await launch();
      page = await browser.context.newPage();
      page.on('pageerror', (e) => pageErrors.push(String(e)));
      page.on('console', (m) => {
        if (m.type() === 'error' && !m.text().startsWith('Failed to load resource'))
          pageErrors.push(`console: ${m.text().slice(0, 800)}`);
      });
      // 天地图's host goes to the local tile server: the real one is never contacted.
      await browser.context.route(/tianditu\.gov\.cn/, async (route) => {
        const u = new URL(route.request().url());
        const r = await fetch(`${tiles.base}/tdt${u.pathname}${u.search}`);
        await route.fulfill({
          status: r.status,
          headers: { 'content-type': r.headers.get('content-type') ?? 'image/png', 'access-control-allow-origin': '*' },
          body: Buffer.from(await r.arrayBuffer()),
        });
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
      server.ok(
        `mutation($b: [BaseMapInput!]!, $k: String, $d: String) { updateMapSettings(baseMaps: $b, tiandituKey: $k, defaultBaseMap: $d) { defaultBaseMap } }`,
        { b: baseMaps, k: key, d: def },
      );

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
      await page.waitForFunction(
        () => {
          const imgs = [...document.querySelectorAll('.wz-basemap-0 img')] as HTMLImageElement[];
          return (
            imgs.length > 0 &&
            imgs.every((i) => i.complete) &&
            document.querySelectorAll('.wz-basemap-0 .leaflet-tile-loaded').length > 0
          );
        },
        undefined,
        { timeout: 20_000 },
      );
      await page.waitForTimeout(400); // the tiles' fade-in
    }
    /** The screen position (inside the map element) where the map draws a lng/lat. */
    const mapPoint = ([lng, lat]: LngLat) =>
      page.evaluate(([lng, lat]) => (window as any).__wzMap.map.latLngToContainerPoint([lat, lng]), [
        lng,
        lat,
      ] as LngLat);

    it("天地图 影像 from the settings: the WMTS pattern is requested with the key, and a grid vertex lands on the tile's cross within 1 px", async () => {
      await setSettings([{ id: 'tdt-img', name: '天地图影像', kind: 'TIANDITU', preset: 'IMG' }], KEY, 'tdt-img');
      tiles.requests.length = 0;
      await openMap(vertex, 15, { opacity: 0 });
      await waitTiles();
      const img = tiles.requests.filter((u) => u.startsWith('/tdt/img_w/wmts?'));
      const labels = tiles.requests.filter((u) => u.startsWith('/tdt/cia_w/wmts?'));
      expect(img.length).toBeGreaterThan(0);
      expect(labels.length).toBeGreaterThan(0);
      for (const u of [...img, ...labels]) {
        expect(u).toMatch(
          /SERVICE=WMTS&REQUEST=GetTile&VERSION=1\.0\.0&LAYER=(img|cia)&STYLE=default&TILEMATRIXSET=w&FORMAT=tiles&TILEMATRIX=15&TILEROW=\d+&TILECOL=\d+&tk=/,
        );
        expect(new URL(u, 'http://x').searchParams.get('tk')).toBe(KEY);
      }
      const buf = await page.getByTestId('coverage-map').screenshot({ path: outputPath('ux-tdt-cross.png') });
      const cross = findCross(buf);
      const p = await mapPoint(vertex);
      console.log(
        `[ux] 天地图: cross at ${JSON.stringify(cross)}, vertex drawn at ${p.x.toFixed(2)}, ${p.y.toFixed(2)}`,
      );
      expect(cross).not.toBeNull();
      expect(Math.abs(cross!.x - Math.floor(p.x))).toBeLessThanOrEqual(1);
      expect(Math.abs(cross!.y - Math.floor(p.y))).toBeLessThanOrEqual(1);
      // With the grids shown, for the docs.
      await page.evaluate(() => localStorage.setItem('wz.gridOpacity', '0.8'));
      await page
        .getByTestId('grid-opacity')
        .locator('input')
        .fill('0.8')
        .catch(() => {});
      await openMap(vertex, 14, { opacity: 0.8 });
      await waitTiles();
      await page.screenshot({ path: shot('basemap-tianditu.png') });
      expect(await page.getByTestId('basemap-switcher').innerText()).toContain('天地图影像');
    });

    it('a rejected 天地图 key shows a clear message in Chinese; without any key the map says so too', async () => {
      await setSettings(
        [{ id: 'tdt-vec', name: '天地图矢量', kind: 'TIANDITU', preset: 'VEC' }],
        'wrongKey12345678',
        'tdt-vec',
      );
      await openMap(vertex, 14);
      await expect.poll(() => page.getByTestId('basemap-error').count(), { timeout: 20_000 }).toBeGreaterThan(0);
      const text = await page.getByTestId('basemap-error').innerText();
      expect(text).toContain('天地图密钥（tk）缺失或被拒绝');
      expect(text).toContain('天地图矢量');
      await page.screenshot({ path: shot('basemap-rejected-key.png') });
    });

    it('a GCJ-02 provider: the map draws the WGS 84 vertex where gcoord puts it on the GCJ-02 tiles (within 1 px)', async () => {
      await setSettings(
        [
          {
            id: 'gcj',
            name: '测试GCJ底图',
            kind: 'XYZ',
            url: `${tiles.base}/xyz-gcj/{z}/{x}/{y}.png`,
            attribution: '测试瓦片',
            gcj02: true,
          },
        ],
        null,
        'gcj',
      );
      await openMap(vertex, 16, { opacity: 0 }).catch(async (e) => {
        await page.screenshot({ path: outputPath('ux-gcj-fail.png') });
        throw new Error(`${e}; page errors: ${pageErrors.join(' | ')}`);
      });
      await waitTiles();
      const buf = await page.getByTestId('coverage-map').screenshot();
      const cross = findCross(buf);
      const p = await mapPoint(vertex);
      // And the offset is real: the plain Web Mercator position is metres away.
      const plain = await page.evaluate(() => {
        const m = (window as any).__wzMap.map;
        return m.options.crs.code;
      });
      console.log(
        `[ux] GCJ-02: cross at ${JSON.stringify(cross)}, vertex drawn at ${p.x.toFixed(2)}, ${p.y.toFixed(2)}, crs ${plain}`,
      );
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

    it('a selected village no longer covers its gaps: a click on the gap selects the gap (review finding 1); the settings page', async () => {
      await setSettings([], null, null);
      const unit = fx.villages[1]!;
      const gap = fx.gapPoints[0]!;
      await page.goto(`${server.base}/map?lat=${gap[1]}&lng=${gap[0]}&z=14&sel=villages:${unit.id}`);
      await page.waitForFunction(() => Boolean(window.__wzMapReady), undefined, { timeout: 30_000 });
      await expect.poll(() => page.getByTestId('map-side-panel-title').innerText()).toBe(unit.name);
      if (await page.getByTestId('legend-coverage').isVisible())
        await page.getByRole('button', { name: '图层', exact: true }).click();
      const p = await mapPoint(gap);
      const box = (await page.getByTestId('coverage-map').boundingBox())!;
      await page.mouse.move(box.x + p.x - 2, box.y + p.y - 2);
      await page.mouse.click(box.x + p.x, box.y + p.y);
      await expect
        .poll(() => page.getByTestId('map-side-panel-title').innerText(), { timeout: 10_000 })
        .toBe('覆盖空白');
      expect(new URL(page.url()).searchParams.get('sel')).toMatch(/^uncovered:/);
      // The base map settings page (administrators).
      await setSettings(
        [
          { id: 'tdt-vec', name: '天地图矢量', kind: 'TIANDITU', preset: 'VEC' },
          { id: 'tdt-img', name: '天地图影像', kind: 'TIANDITU', preset: 'IMG' },
        ],
        KEY,
        'tdt-img',
      );
      await page.goto(`${server.base}/settings/map`);
      await page.getByTestId('map-settings').waitFor();
      await expect.poll(() => page.getByTestId('tdt-key').inputValue()).toBe(KEY);
      expect(await page.locator('[data-testid^="basemap-row-"]').count()).toBe(2);
      await page.screenshot({ path: shot('settings-basemaps.png') });
      await setSettings([], null, null);
    });

    // ---- tracing ---------------------------------------------------------------------------------
    async function screen([lng, lat]: LngLat): Promise<{ x: number; y: number }> {
      const p = await mapPoint([lng, lat]);
      const box = (await page.getByTestId('coverage-map').boundingBox())!;
      return { x: box.x + p.x, y: box.y + p.y };
    }
    async function clickAt(ll: LngLat) {
      const { x, y } = await screen(ll);
      await page.mouse.move(x - 3, y - 3);
      await page.mouse.move(x, y);
      await page.mouse.click(x, y);
      await page.waitForTimeout(120);
    }

    it("tracing along a neighbour's edge between two clicked vertices: the new grid shares its vertices exactly, no gap or overlap over 1 m² (API)", async () => {
      await setSettings([], null, null);
      const unit = fx.villages[1]!; // its upper-right quarter is a seeded gap
      const v = (await server.ok<any>('query($id: ID!) { Village(id: $id) { geometry } }', { id: unit.id })).Village
        .geometry;
      const pts: LngLat[] = v.type === 'Polygon' ? v.coordinates[0] : v.coordinates[0][0];
      const [x0, y0, x1, y1] = [
        Math.min(...pts.map((p) => p[0])),
        Math.min(...pts.map((p) => p[1])),
        Math.max(...pts.map((p) => p[0])),
        Math.max(...pts.map((p) => p[1])),
      ];
      const xm = (x0 + x1) / 2;
      const ym = (y0 + y1) / 2;
      // The neighbour west of the gap gets a wiggly east edge (bulging into the gap): 5 vertices between its corners.
      const neighbour = fx.grids.find((g) => g.villageId === unit.id && g.center[0] < xm && g.center[1] > ym)!;
      const w = (x1 - x0) * 0.02;
      const wiggle: LngLat[] = [1, 2, 3, 4, 5].map((k) => [xm + (k % 2 ? w : w / 3), ym + ((y1 - ym) * k) / 6]);
      const ring: LngLat[] = [[x0, ym], [xm, ym], ...wiggle, [xm, y1], [x0, y1], [x0, ym]];
      await server.ok('mutation($id: ID!, $g: GeoJSON) { updateGrid(id: $id, geometry: $g) { id } }', {
        id: neighbour.id,
        g: { type: 'Polygon', coordinates: [ring] },
      });
      const stored = (await server.ok<any>('query($id: ID!) { Grid(id: $id) { geometry } }', { id: neighbour.id })).Grid
        .geometry;
      const storedRing: LngLat[] = stored.type === 'Polygon' ? stored.coordinates[0] : stored.coordinates[0][0];
      const storedWiggle = storedRing.filter(([x, y]) => x > xm + 1e-9 && y > ym && y < y1);
      expect(storedWiggle).toHaveLength(5);

      const gapCenter: LngLat = [(xm + x1) / 2, (ym + y1) / 2];
      await openMap(gapCenter, 15);
      if (await page.getByTestId('legend-coverage').isVisible())
        await page.getByRole('button', { name: '图层', exact: true }).click();
      await page.getByTestId('draw-start').click();
      await clickAt(gapCenter);
      await page.waitForFunction(() => window.__wzDraw?.tool === 'draw' && window.__wzDraw?.ready === true, undefined, {
        timeout: 20_000,
      });
      await page.getByTestId('draw-assist').waitFor();
      if (!(await page.getByTestId('trace-toggle').isChecked())) await page.getByTestId('trace-toggle').check();
      const A: LngLat = [xm, ym];
      const B: LngLat = [xm, y1];
      await clickAt(A);
      await clickAt(B);
      await page.waitForFunction(() => (window.__wzAssist?.traced ?? 0) > 0, undefined, { timeout: 5000 });
      const assist = (await page.evaluate(() => window.__wzAssist)) as any;
      if (assist.traced !== 5)
        console.log(
          '[ux] working',
          JSON.stringify(
            await page.evaluate(() =>
              (window as any).__wzMap.map.pm.Draw.Polygon._layer
                .getLatLngs()
                .map((l: any) => [l.lng, l.lat, (window as any).__wzMap.map.latLngToContainerPoint(l)]),
            ),
          ),
          await mapPoint(B),
        );
      if (assist.traced !== 5)
        console.log(
          '[ux] traced',
          JSON.stringify(assist.tracedPoints),
          'ring',
          JSON.stringify(storedRing),
          'A',
          A,
          'B',
          B,
        );
      expect(assist.traced).toBe(5);
      await clickAt([x1, y1]);
      await page.mouse.move(...(Object.values(await screen([x1 - w, ym + w])) as [number, number]));
      await page.waitForTimeout(200);
      const live = await page.evaluate(() => window.__wzAssist?.liveAreaM2 ?? null);
      expect(live).toBeGreaterThan(100_000);
      expect(await page.getByTestId('live-area').innerText()).toContain('当前面积');
      await page.screenshot({ path: shot('drawing-trace.png') });
      await clickAt([x1, ym]);
      await clickAt(A); // closes the shape
      await page.waitForFunction(() => window.__wzDraw?.state === 'shape', undefined, { timeout: 10_000 });
      await page.getByTestId('draw-name').fill('UX追踪网格');
      const n = await page.evaluate(() => window.__wzDraw?.saved?.n ?? 0);
      await page.getByTestId('draw-save').click();
      await page.waitForFunction(
        (n) =>
          window.__wzDraw?.state === 'error' ||
          (window.__wzDraw?.state === 'saved' && (window.__wzDraw.saved?.n ?? 0) > n),
        n,
        { timeout: 20_000 },
      );
      expect((await page.evaluate(() => window.__wzDraw))!.error ?? null).toBeNull();
      const id = (await page.evaluate(() => window.__wzDraw!.saved!.ids[0]))!;

      const created = (await server.ok<any>('query($id: ID!) { Grid(id: $id) { geometry } }', { id })).Grid.geometry;
      const createdRing: LngLat[] = created.type === 'Polygon' ? created.coordinates[0] : created.coordinates[0][0];
      // Every vertex of the neighbour's traced edge is in the new boundary, exactly (same numbers).
      for (const p of storedWiggle) expect(createdRing.some((q) => q[0] === p[0] && q[1] === p[1])).toBe(true);
      const [row] = await server.sql<{ overlap: number; gap: number }>(
        `select ST_Area(ST_Intersection(a.geom, b.geom)::geography) as overlap,
              ST_Area(ST_Difference(v.geom, (select ST_Union(geom) from grid where village_id = v.id))::geography) as gap
       from grid a, grid b, village v where a.id = ? and b.id = ? and v.id = ?`,
        [Number(id), Number(neighbour.id), Number(unit.id)],
      );
      console.log(
        `[ux] tracing: overlap ${Number(row!.overlap).toFixed(4)} m², gap left in the unit ${Number(row!.gap).toFixed(4)} m²`,
      );
      expect(Number(row!.overlap)).toBeLessThan(1);
      expect(Number(row!.gap)).toBeLessThan(1);
    });

    // ---- phone ---------------------------------------------------------------------------------
    it('the phone view at 390×844: fitted map, bottom sheets, and "where am I" with emulated geolocation names the grid, village and worker', async () => {
      await setSettings([], null, null);
      const g = fx.grids.find((x) => x.workers > 0)!;
      const worker = (
        await server.ok<any>('query($id: ID!) { Grid(id: $id) { workers { id name phone } village { name } } }', {
          id: g.id,
        })
      ).Grid;
      // Its 网格长: the first worker (the sheet names the leader and phone).
      await server.ok('mutation($id: ID!, $l: ID) { updateGrid(id: $id, leaderId: $l) { id } }', {
        id: g.id,
        l: worker.workers[0].id,
      });
      const phone = await browser.context.newPage();
      try {
        await browser.context.grantPermissions(['geolocation'], { origin: server.base });
        await browser.context.setGeolocation({ longitude: g.center[0], latitude: g.center[1], accuracy: 10 });
        await phone.setViewportSize({ width: 390, height: 844 });
        await phone.goto(`${server.base}/map`);
        await phone.waitForFunction(() => Boolean(window.__wzMapReady), undefined, { timeout: 30_000 });
        // The first view is fitted: the counties take most of the width.
        const width = await phone.evaluate(() => {
          const m = (window as any).__wzMap;
          let b: any = null;
          for (const p of m.index.get('counties').values()) b = b ? b.extend(p.getBounds()) : p.getBounds();
          return m.map.latLngToContainerPoint(b.getNorthEast()).x - m.map.latLngToContainerPoint(b.getSouthWest()).x;
        });
        expect(width).toBeGreaterThan(390 * 0.8);
        expect(await phone.getByTestId('layer-switcher').count()).toBe(0); // closed on a phone
        await phone.screenshot({ path: shot('phone-map.png') });
        const fab = phone.getByTestId('locate-me');
        const box = (await fab.boundingBox())!;
        expect(box.width).toBeGreaterThanOrEqual(48);
        await fab.click();
        await phone.getByTestId('locate-text').first().waitFor({ timeout: 20_000 });
        const text = await phone.getByTestId('locate-text').first().innerText();
        expect(text).toContain(`你在 ${worker.village.name} 的 网格 ${g.name}`);
        expect(text).toContain(`网格员 ${worker.workers[0].name}，电话 ${worker.workers[0].phone}`);
        expect(text).toContain(`网格长 ${worker.workers[0].name}，电话 ${worker.workers[0].phone}`);
        expect(await phone.evaluate(() => window.__wzLocate?.gridIds)).toEqual([String(g.id)]);
        await phone.screenshot({ path: shot('phone-locate.png') });
        // The layers open as a bottom sheet.
        await phone.getByRole('button', { name: '图层', exact: true }).click();
        const sheet = (await phone.getByTestId('layer-switcher').boundingBox())!;
        expect(sheet.width).toBeGreaterThanOrEqual(389);
        expect(sheet.y + sheet.height).toBeGreaterThan(840);
        await phone.screenshot({ path: shot('phone-layers.png') });
      } finally {
        await phone.close();
      }
    });

    it('at 1440×900 the panels leave at least 60 % of the map in view (review finding 13): a selection, then a drawing tool', async () => {
      await setSettings([], null, null);
      const unit = fx.villages[1]!;
      const gap = fx.gapPoints[0]!;
      await page.goto(`${server.base}/map?lat=${gap[1]}&lng=${gap[0]}&z=14&sel=villages:${unit.id}`);
      await page.waitForFunction(() => Boolean(window.__wzMapReady), undefined, { timeout: 30_000 });
      await expect.poll(() => page.getByTestId('map-side-panel-title').innerText()).toBe(unit.name);
      await page.getByTestId('action-draw_here').waitFor({ timeout: 10_000 });
      /** The share of the map's box not under a panel (sampled every 4 px, so overlapping panels count once). */
      const mapInView = () =>
        page.evaluate(() => {
          const map = document.querySelector('[data-testid="coverage-map"]')!.getBoundingClientRect();
          const panels = ['map-side-panel', 'layer-switcher', 'draw-tools', 'map-search', 'wo-layer-toggle'].flatMap(
            (id) => [...document.querySelectorAll(`[data-testid="${id}"]`)].map((e) => e.getBoundingClientRect()),
          );
          let free = 0;
          let all = 0;
          for (let x = map.left; x < map.right; x += 4) {
            for (let y = map.top; y < map.bottom; y += 4) {
              all++;
              if (!panels.some((r) => x >= r.left && x < r.right && y >= r.top && y < r.bottom)) free++;
            }
          }
          return free / all;
        });
      expect(await page.getByTestId('layer-switcher').count()).toBe(0); // the layer list gave way to the side panel
      const withPanel = await mapInView();
      await page.screenshot({ path: shot('map-panels-1440.png') });
      // The layer list opened again beside the panel still leaves most of the map.
      await page.getByRole('button', { name: '图层', exact: true }).click();
      const withBoth = await mapInView();
      await page.getByRole('button', { name: '图层', exact: true }).click();
      // Folding the panel leaves its title only.
      await page.getByTestId('side-panel-fold').click();
      const folded = await mapInView();
      await page.getByTestId('side-panel-fold').click();
      await page.getByTestId('action-draw_here').click();
      await page.waitForFunction(() => window.__wzDraw?.tool === 'draw' && window.__wzDraw?.ready === true, undefined, {
        timeout: 20_000,
      });
      const drawing = await mapInView();
      // No English in the Chinese map (review finding 7): the zoom buttons, and geoman's hint next to the cursor.
      const box = (await page.getByTestId('coverage-map').boundingBox())!;
      await page.mouse.move(box.x + box.width * 0.6, box.y + box.height * 0.5);
      await page.mouse.move(box.x + box.width * 0.62, box.y + box.height * 0.52);
      const texts = await page.evaluate(() => ({
        zoom: [...document.querySelectorAll('.leaflet-control-zoom a')].map(
          (a) => `${a.getAttribute('title')} ${a.getAttribute('aria-label')}`,
        ),
        tooltips: [...document.querySelectorAll('.leaflet-tooltip')].map((t) => t.textContent ?? ''),
      }));
      for (const z of texts.zoom) expect(z).not.toMatch(/Zoom/);
      expect(texts.tooltips.join(' ')).not.toMatch(/Click|vertex|marker/i);
      await page.screenshot({ path: shot('map-draw-panel-1440.png') });
      console.log(
        `[ux] map in view at 1440×900: panel ${withPanel.toFixed(3)}, panel + layers ${withBoth.toFixed(3)}, folded ${folded.toFixed(3)}, drawing ${drawing.toFixed(3)}`,
      );
      expect(withPanel).toBeGreaterThanOrEqual(0.6);
      expect(withBoth).toBeGreaterThanOrEqual(0.6);
      expect(folded).toBeGreaterThan(withPanel);
      expect(drawing).toBeGreaterThanOrEqual(0.6);
      await page.getByTestId('draw-cancel').click();
    });

    it('while the layers reload after a change the map shows a loading sign, gone when they are back (review finding 11)', async () => {
      await setSettings([], null, null);
      const g = fx.grids[0]!;
      await page.goto(`${server.base}/map?lat=${g.center[1]}&lng=${g.center[0]}&z=14`);
      await page.waitForFunction(() => Boolean(window.__wzMapReady), undefined, { timeout: 30_000 });
      expect(await page.getByTestId('map-reloading').count()).toBe(0);
      // Slow layer answers, so the reload is long enough to be seen; a committed change (any user) reloads them.
      await page.route('**/api/map/*.geojson*', async (route) => {
        await new Promise((r) => setTimeout(r, 1500));
        await route.continue();
      });
      try {
        await server.ok('mutation($id: ID!) { updateGrid(id: $id, population: 321) { id } }', { id: g.id });
        await page.getByTestId('map-reloading').waitFor({ timeout: 10_000 });
        await page.getByTestId('map-reloading').waitFor({ state: 'detached', timeout: 30_000 });
      } finally {
        await page.unroute('**/api/map/*.geojson*');
      }
    });

    // ---- print ---------------------------------------------------------------------------------
    it('the print view renders a village notice map (A3 landscape) with every grid labelled, legend, workers, scale bar and north arrow; and a grid card', async () => {
      const unit = fx.villages[0]!;
      const grids = (
        await server.ok<any>('query($id: ID!) { Village(id: $id) { grids { id name } } }', { id: unit.id })
      ).Village.grids;
      // The first grid's 网格长 (one of its workers), shown with the phone on the card and the notice map.
      const lead = (
        await server.ok<any>(
          '{ allGridWorkers(perPage: 1, sortField: "id", filter: { active: true }) { id name phone } }',
        )
      ).allGridWorkers[0];
      await server.ok(
        'mutation($id: ID!, $w: [ID!], $l: ID) { updateGrid(id: $id, workerIds: $w, leaderId: $l) { id } }',
        { id: grids[0].id, w: [lead.id], l: lead.id },
      );
      const p = await browser.context.newPage();
      try {
        await p.setViewportSize({ width: 1587, height: 1123 }); // A3 landscape at 96 dpi
        await p.goto(`${server.base}/print/village/${unit.id}?paper=A3`);
        await p.waitForFunction(() => window.__wzPrintReady?.kind === 'village', undefined, { timeout: 20_000 });
        await p.waitForTimeout(300);
        expect(await p.locator('[data-testid="print-grid-table"] tbody tr').count()).toBe(grids.length);
        for (const g of grids) expect(await p.locator('.wz-print-label', { hasText: g.name }).count()).toBe(1);
        expect(await p.getByTestId('print-legend').isVisible()).toBe(true);
        expect(await p.locator('.wz-north').isVisible()).toBe(true);
        expect(await p.locator('.leaflet-control-scale-line').isVisible()).toBe(true);
        expect(await p.locator('h1').innerText()).toBe(`${unit.name} 网格公示图`);
        expect(await p.getByTestId('print-leader').allInnerTexts()).toContain(`${lead.name} ${lead.phone}`);
        await p.emulateMedia({ media: 'print' });
        expect(await p.getByTestId('print-button').isVisible()).toBe(false);
        await p.screenshot({ path: shot('print-village.png') });
        const pdf = await p.pdf({ landscape: true, format: 'A3', printBackground: true, preferCSSPageSize: true });
        expect(pdf.subarray(0, 4).toString()).toBe('%PDF');
        await p.emulateMedia({ media: 'screen' });

        await p.setViewportSize({ width: 794, height: 1123 });
        await p.goto(`${server.base}/print/grid/${grids[0].id}`);
        await p.waitForFunction(() => window.__wzPrintReady?.kind === 'grid', undefined, { timeout: 20_000 });
        await p.waitForTimeout(300);
        expect(await p.getByTestId('print-grid').innerText()).toContain(grids[0].name);
        expect(await p.getByTestId('card-leader').innerText()).toBe(`${lead.name} ${lead.phone}`);
        await p.emulateMedia({ media: 'print' });
        await p.screenshot({ path: shot('print-grid-card.png') });
      } finally {
        await p.close();
      }
    });
  },
);
