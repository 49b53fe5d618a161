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
    const households = (gid: string) => page.evaluate((g) => (window as any).__wzMap.index.get('grids').get(g)?.feature?.properties?.households, gid);
    expect(await households(id)).toBe(120);
    await page.waitForTimeout(500); // the feed is connected
    await server.ok('mutation($id: ID!) { updateGrid(id: $id, households: 333) { id } }', { id });
    const t0 = Date.now(); // committed: from here the other admin's map has a second
    await page.waitForFunction((g) => (window as any).__wzMap.index.get('grids').get(g)?.feature?.properties?.households === 333, id, { timeout: 5000, polling: 50 });
    const ms = Date.now() - t0;
    expect(ms).toBeLessThan(1000);
    await page.screenshot({ path: outputPath('map-live-update.png') });
  });
});
