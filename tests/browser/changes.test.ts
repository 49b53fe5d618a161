import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LITONG, offset } from '../helpers/geo';
import { startServer, type TestServer } from '../helpers/server';
import { gisNet } from '../gis/gis-fixture';
import { ADMIN_DIST, ensureAdminBuild, hasChromium, launch, outputPath, signIn, type Browser } from './browser';

/**
 * Two administrators: the first edits a grid (through the API, as the admin's forms do);
 * the second has the map open in chromium, and it shows the change without a reload,
 * through the change feed (SSE, LISTEN/NOTIFY).
 */
describe.skipIf(!hasChromium)('the map of a second admin follows the first admin’s edits', () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  let net: Awaited<ReturnType<typeof gisNet>>;
  const origin = offset(...LITONG, 80_000, -50_000);

  beforeAll(async () => {
    ensureAdminBuild();
    server = await startServer({ ADMIN_DIST });
    net = await gisNet(server, origin);
    await server.signIn('second-admin', 'ADMIN');
    browser = await launch();
    page = await browser.context.newPage();
    await signIn(page, server.base, 'second-admin', 'pw-second-admin-secret');
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('refreshes the edited grid within a second', async () => {
    const [lng, lat] = offset(...origin, 600, 400);
    await page.goto(`${server.base}/map?lat=${lat}&lng=${lng}&z=15`);
    await page.waitForFunction(() => Boolean(window.__wzMapReady), undefined, { timeout: 30_000 });
    const id = String(net.gridIds[4]);
    const households = (gid: string) =>
      page.evaluate((g) => (window as any).__wzMap.index.get('grids').get(g)?.feature?.properties?.households, gid);
    expect(await households(id)).toBe(120);
    await page.waitForTimeout(500); // the feed is connected
    await server.ok('mutation($id: ID!) { updateGrid(id: $id, households: 333) { id } }', { id });
    const t0 = Date.now(); // committed: from here the other admin's map has a second
    await page.waitForFunction(
      (g) => (window as any).__wzMap.index.get('grids').get(g)?.feature?.properties?.households === 333,
      id,
      { timeout: 5000, polling: 50 },
    );
    const ms = Date.now() - t0;
    expect(ms).toBeLessThan(1000);
    await page.screenshot({ path: outputPath('map-live-update.png') });
  });
});

/**
 * The vector-tile map (issue 15): below the detail zoom villages and grids come as vector tiles;
 * hover and click find the feature in the tile, the selection loads its unit as GeoJSON (outline,
 * editing), and a second admin's edit refreshes the tiles of the touched unit within a second.
 */
describe.skipIf(!hasChromium)('the vector-tile map', () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  let net: Awaited<ReturnType<typeof gisNet>>;
  const origin = offset(...LITONG, -60_000, 40_000);

  beforeAll(async () => {
    ensureAdminBuild();
    server = await startServer({ ADMIN_DIST });
    net = await gisNet(server, origin);
    await server.signIn('tiles-admin', 'ADMIN');
    browser = await launch();
    page = await browser.context.newPage();
    await signIn(page, server.base, 'tiles-admin', 'pw-tiles-admin-secret');
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('hovers, clicks and selects grids from the tiles, and follows another admin’s edit', async () => {
    const [lng, lat] = offset(...origin, 600, 600); // the middle of grid 5 (row 1, column 1)
    await page.goto(`${server.base}/map?lat=${lat}&lng=${lng}&z=12`);
    await page.waitForFunction(() => Boolean(window.__wzMapReady), undefined, { timeout: 30_000 });
    const id = String(net.gridIds[4]);
    // Overview zoom: no grid is loaded as GeoJSON, the tiles carry them with their properties.
    expect(await page.evaluate(() => (window as any).__wzMap.index.get('grids')?.size ?? 0)).toBe(0);
    const tileHouseholds = (g: string) =>
      page.evaluate((g) => (window as any).__wzTiles.get('grids').featureById(g)?.properties?.households, g);
    await page.waitForFunction((g) => Boolean((window as any).__wzTiles.get('grids').featureById(g)), id, {
      timeout: 10_000,
    });
    expect(await tileHouseholds(id)).toBe(120);

    // Hover: the tooltip names the grid under the pointer.
    const box = (await page.getByTestId('coverage-map').boundingBox())!;
    const p = await page.evaluate(([lng, lat]) => (window as any).__wzMap.map.latLngToContainerPoint([lat, lng]), [
      lng,
      lat,
    ] as [number, number]);
    await page.mouse.move(box.x + p.x - 30, box.y + p.y - 30);
    await page.mouse.move(box.x + p.x, box.y + p.y, { steps: 3 });
    await expect
      .poll(() => page.locator('.leaflet-tooltip.wz-tooltip').innerText(), { timeout: 5000 })
      .toContain('格5');
    expect(await page.evaluate(() => (window as any).__wzHover)).toMatchObject({ layer: 'grids', id });

    // A second admin's edit of that grid: the tiles of its unit are fetched again within a second.
    await page.waitForTimeout(500); // the feed is connected
    await server.ok('mutation($id: ID!) { updateGrid(id: $id, households: 333) { id } }', { id });
    const t0 = Date.now();
    await page.waitForFunction(
      (g) => (window as any).__wzTiles.get('grids').featureById(g)?.properties?.households === 333,
      id,
      { timeout: 5000, polling: 50 },
    );
    expect(Date.now() - t0).toBeLessThan(1000);

    // Click: the side panel opens on the grid; its unit is loaded as GeoJSON (for editing) and the
    // selection is outlined on its own, not clickable.
    await page.mouse.click(box.x + p.x, box.y + p.y);
    await expect.poll(() => page.getByTestId('map-side-panel-title').innerText(), { timeout: 5000 }).toContain('格5');
    expect(new URL(page.url()).searchParams.toString()).toContain(id);
    await page.waitForFunction((g) => (window as any).__wzMap.index.get('grids')?.has(g), id, { timeout: 10_000 });
    expect(await page.evaluate(() => (window as any).__wzSelectedOutline)).toBe(true);
    expect(
      await page.evaluate((g) => (window as any).__wzMap.index.get('grids').get(g).feature.properties.households, id),
    ).toBe(333);
    await page.screenshot({ path: outputPath('map-vector-tiles.png') });
  });
});
