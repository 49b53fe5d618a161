import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type TestServer } from '../helpers/server';
import {
  ADMIN_DIST,
  ensureAdminBuild,
  hasChromium,
  launch,
  outputPath,
  signIn,
  resetData,
  type Browser,
} from './browser';
import { seedFixture, type Fixture } from './fixture';

/**
 * The admin in a real browser: headless Debian chromium against the real server
 * (in-process, on the test database) serving the built admin, with the fixture.
 */
describe.skipIf(!hasChromium)('admin panel in headless chromium', () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  let fx: Fixture;
  const consoleErrors: string[] = [];

  beforeAll(async () => {
    ensureAdminBuild();
    server = await startServer({ ADMIN_DIST });
    await resetData(server);
    fx = await seedFixture((q, v) => server.ok(q, v));
    browser = await launch();
    page = await browser.context.newPage();
    page.on('pageerror', (e) => consoleErrors.push(String(e)));
    await signIn(page, server.base);
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function openMap(query = ''): Promise<{ ms: number; features: Record<string, number> }> {
    await page.goto(`${server.base}/map${query}`);
    await page.waitForFunction(() => Boolean(window.__wzMapReady), undefined, { timeout: 30_000 });
    return page.evaluate(() => window.__wzMapReady!);
  }

  /** Clicks the map at a [lng, lat], like a user would. */
  async function clickMapAt(lngLat: [number, number]) {
    const pt = await page.evaluate(([lng, lat]) => {
      const p = (window as any).__wzMap.map.latLngToContainerPoint([lat, lng]);
      return { x: p.x, y: p.y };
    }, lngLat);
    const box = (await page.getByTestId('coverage-map').boundingBox())!;
    await page.mouse.move(box.x + pt.x, box.y + pt.y);
    await page.mouse.click(box.x + pt.x, box.y + pt.y);
  }

  it('without a session the admin shows the Chinese login page, which refuses a wrong password', async () => {
    const other = await browser.context.newPage();
    await other.evaluate(() => localStorage.clear()).catch(() => undefined);
    await other.goto(`${server.base}/login`);
    await other.evaluate(() => localStorage.clear());
    await other.goto(`${server.base}/`);
    await other.waitForURL(/\/login/);
    await other.locator('input[name="username"]').fill('test-admin');
    await other.locator('input[name="password"]').fill('wrong password');
    await other.locator('button[type="submit"]').click();
    // In Chinese (issue 13: no English left in the Chinese UI).
    await expect.poll(() => other.getByText('用户名或密码错误').count(), { timeout: 10_000 }).toBeGreaterThan(0);
    await other.screenshot({ path: outputPath('login-zh.png') });
    await other.close();
    await signIn(page, server.base);
  });

  it('serves the Chinese admin at / with the dashboard', async () => {
    await page.goto(`${server.base}/`);
    await expect.poll(() => page.getByTestId('dashboard').isVisible(), { timeout: 20_000 }).toBe(true);
    await expect.poll(() => page.getByTestId('fig-grids').innerText()).not.toContain('—');
    // cityReport's figure beside the city's report (3,184).
    const { cityReport } = await server.ok('{ cityReport { villageGrids } }');
    const expected = `${new Intl.NumberFormat('zh-CN').format(cityReport.villageGrids)}\t3,184`;
    await expect
      .poll(() => page.getByTestId('report-village_grids').innerText(), { timeout: 10_000 })
      .toContain(expected);
    expect(await page.getByRole('menuitem', { name: '覆盖地图' }).isVisible()).toBe(true);
    expect(await page.getByRole('menuitem', { name: '网格', exact: true }).isVisible()).toBe(true);
    // The over-size figure reads its threshold from coverageRules (nothing retyped in the admin).
    const { coverageRules } = await server.ok('{ coverageRules { communityGridMaxHouseholds } }');
    const max = coverageRules.communityGridMaxHouseholds;
    const { _allGridsMeta } = await server.ok(
      'query($m: Int) { _allGridsMeta(filter: { minHouseholds: $m }) { count } }',
      { m: max + 1 },
    );
    await expect
      .poll(async () => (await page.getByTestId('fig-over-max').innerText()).replace(/\s+/g, ' '), { timeout: 10_000 })
      .toBe(`${_allGridsMeta.count} 超过${max}户`);
    await page.waitForTimeout(500);
    await page.screenshot({ path: outputPath('dashboard-zh.png') });
  });

  it('the grids filter "over N households" takes N from the coverage rules', async () => {
    const { coverageRules } = await server.ok('{ coverageRules { communityGridMaxHouseholds } }');
    const max = coverageRules.communityGridMaxHouseholds;
    await page.goto(`${server.base}/grids`);
    await page.getByRole('button', { name: '添加筛选' }).click();
    await page.getByRole('menuitemcheckbox', { name: `超过${max}户` }).click();
    await page.getByLabel(`超过${max}户`).check();
    await expect
      .poll(() => decodeURIComponent(page.url()), { timeout: 10_000 })
      .toContain(`"minHouseholds":${max + 1}`);
    // The list holds exactly the grids the API counts over the threshold.
    const { _allGridsMeta } = await server.ok(
      'query($m: Int) { _allGridsMeta(filter: { minHouseholds: $m }) { count } }',
      { m: max + 1 },
    );
    expect(_allGridsMeta.count).toBeGreaterThan(0);
    await expect
      .poll(() => page.locator('.MuiTablePagination-displayedRows').innerText(), { timeout: 10_000 })
      .toMatch(new RegExp(`共 ${_allGridsMeta.count}$`));
    await page.screenshot({ path: outputPath('grids-over-max-filter-zh.png') });
  });

  it('the map shows the counties, the units, the grids and the gaps', async () => {
    const ready = await openMap();
    expect(ready.features.counties).toBeGreaterThanOrEqual(5);
    expect(ready.features.villages).toBeGreaterThanOrEqual(fx.villages.length);
    expect(ready.features.grids).toBeGreaterThanOrEqual(fx.grids.length);
    // The coverage API of the server is there: gaps and overlaps are layers too.
    expect(ready.features.uncovered ?? 0).toBeGreaterThan(0);
    expect(ready.features.overlaps ?? 0).toBeGreaterThan(0);
    for (const c of fx.counties) {
      const found = await page.evaluate((id) => (window as any).__wzMap.index.get('counties').has(String(id)), c.id);
      expect(found, c.name).toBe(true);
    }
    expect(await page.getByTestId('legend-coverage').isVisible()).toBe(true);
    expect(await page.getByTestId('map-counts').innerText()).toContain(String(ready.features.grids));
    await page.waitForTimeout(300);
    await page.screenshot({ path: outputPath('map-city.png') });
  });

  it("zoomed out below the units' zoom (a province overview) no unit tile is asked for, the counties show their covered share and a hint says to zoom in", async () => {
    const grid = fx.grids[0]!;
    const tileUrls: string[] = [];
    const onRequest = (r: { url(): string }) => {
      if (r.url().includes('/tiles/')) tileUrls.push(r.url());
    };
    page.on('request', onRequest);
    try {
      const ready = await openMap(`?lat=${grid.center[1]}&lng=${grid.center[0]}&z=7`);
      expect(ready.features.counties).toBeGreaterThanOrEqual(5);
      expect(ready.features.villages ?? 0).toBe(0);
      expect(tileUrls.filter((u) => /\/tiles\/[a-z,]*villages[a-z,]*\/\d+\//.test(u))).toEqual([]);
      const hint = page.getByTestId('units-zoom-hint');
      await expect.poll(() => hint.isVisible(), { timeout: 10_000 }).toBe(true);
      expect(await hint.innerText()).toBe('放大查看村（社区）');
      // Every county is filled, in the colour of its covered share (served with the counties' GeoJSON).
      const fills = await page.evaluate(() =>
        [...(window as any).__wzMap.index.get('counties').values()].map((p: any) => ({
          opacity: p.options.fillOpacity,
          colour: p.options.fillColor,
          share: p.feature.properties.coveredShare,
        })),
      );
      expect(fills.length).toBeGreaterThanOrEqual(5);
      for (const f of fills) {
        expect(f.opacity).toBeGreaterThan(0);
        expect(typeof f.share).toBe('number');
      }
      // A county under 99 % covered is not drawn in the colour of a fully covered one.
      const partly = fills.find((f) => f.share < 0.99);
      if (partly) expect(partly.colour).not.toBe('#1b7837');
      await page.screenshot({ path: outputPath('map-overview.png') });

      // The hint zooms in to where the villages are drawn: their tiles come, the counties are outlines again.
      await hint.click();
      await expect.poll(() => hint.count(), { timeout: 10_000 }).toBe(0);
      await expect
        .poll(() => page.evaluate(() => (window as any).__wzTiles.get('villages').featureIds().size), {
          timeout: 20_000,
        })
        .toBeGreaterThan(0);
      const opacity = await page.evaluate(() => [
        ...new Set([...(window as any).__wzMap.index.get('counties').values()].map((p: any) => p.options.fillOpacity)),
      ]);
      expect(opacity).toEqual([0]);
    } finally {
      page.off('request', onRequest);
    }
  });

  it('clicking a grid opens its panel with the right name, and the view is kept in the URL', async () => {
    const grid = fx.grids.find((g) => g.workers > 0)!;
    await openMap(`?lat=${grid.center[1]}&lng=${grid.center[0]}&z=15`);
    await clickMapAt(grid.center);
    const title = page.getByTestId('map-side-panel-title');
    await expect.poll(() => title.innerText(), { timeout: 10_000 }).toBe(grid.name);
    await expect.poll(() => page.getByTestId('map-side-panel').innerText()).toContain('在岗网格员');
    expect(page.url()).toContain(`sel=grids%3A${grid.id}`);
    expect(page.url()).toMatch(/z=15/);
    await page.waitForTimeout(300);
    await page.screenshot({ path: outputPath('map-grid-panel.png') });

    // The same link shows the same view and selection.
    await openMap(new URL(page.url()).search);
    await expect.poll(() => page.getByTestId('map-side-panel-title').innerText(), { timeout: 10_000 }).toBe(grid.name);
  });

  it('clicking a gap shows it hatched as uncovered land', async () => {
    const gap = fx.gapPoints[0]!;
    await openMap(`?lat=${gap[1]}&lng=${gap[0]}&z=14`);
    await clickMapAt(gap);
    await expect.poll(() => page.getByTestId('map-side-panel-title').innerText(), { timeout: 10_000 }).toBe('覆盖空白');
    await page.screenshot({ path: outputPath('map-gap.png') });
  });

  it('search finds a grid by name and flies to it', async () => {
    const grid = fx.grids[5]!;
    await openMap();
    await page.getByTestId('map-search').fill(grid.name);
    await page
      .getByRole('option', { name: new RegExp(grid.name) })
      .first()
      .click();
    await expect.poll(() => page.getByTestId('map-side-panel-title').innerText(), { timeout: 10_000 }).toBe(grid.name);
    await expect.poll(() => page.evaluate(() => (window as any).__wzMap.map.getZoom())).toBeGreaterThan(12);
  });

  it('the findings list links to the map', async () => {
    await page.goto(`${server.base}/findings`);
    const link = page.getByTestId('map-link').first();
    await link.waitFor({ timeout: 20_000 });
    await page.screenshot({ path: outputPath('findings-zh.png') });
    await link.click();
    await page.waitForURL(/\/map\?/);
    expect(page.url()).toMatch(/sel=(grids|villages)/);
    await page.waitForFunction(() => Boolean(window.__wzMapReady), undefined, { timeout: 30_000 });
    await expect.poll(() => page.getByTestId('map-side-panel').isVisible(), { timeout: 10_000 }).toBe(true);
  });

  it('switching to English changes the labels', async () => {
    await page.goto(`${server.base}/grids`);
    await expect
      .poll(() => page.getByRole('menuitem', { name: '覆盖地图' }).isVisible(), { timeout: 20_000 })
      .toBe(true);
    await page
      .getByRole('button', { name: /语言|Language|中文/ })
      .first()
      .click();
    await page.getByRole('menuitem', { name: 'English' }).click();
    await expect
      .poll(() => page.getByRole('menuitem', { name: 'Coverage map' }).isVisible(), { timeout: 10_000 })
      .toBe(true);
    expect(await page.getByRole('menuitem', { name: 'Grids', exact: true }).isVisible()).toBe(true);
    expect(await page.getByText('Households').first().isVisible()).toBe(true);
    await page.screenshot({ path: outputPath('grids-en.png') });
    await page.goto(`${server.base}/`);
    await expect.poll(() => page.getByText('Coverage by county/district').isVisible(), { timeout: 20_000 }).toBe(true);
    await page.waitForTimeout(500);
    await page.screenshot({ path: outputPath('dashboard-en.png') });
    await openMap();
    expect(await page.getByTestId('layer-switcher').innerText()).toContain('Uncovered land');
  });

  it('raised no uncaught errors in the page', () => {
    expect(consoleErrors).toEqual([]);
  });
});
