import { readdirSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gridFixture, ogr2ogr } from '../../server/src/transfer/fixtures';
import { LITONG, offset } from '../helpers/geo';
import { startServer, type TestServer } from '../helpers/server';
import { ADMIN_DIST, ROOT, ensureAdminBuild, hasChromium, launch, signIn, type Browser } from './browser';

/**
 * Issue 14 in the admin, in headless chromium against the real server: the import wizard
 * takes a Shapefile's parts without .cpg (GBK, CGCS2000 GK zone 36) to the database, and
 * the grid list exports an Excel file.
 */
describe.skipIf(!hasChromium)('import wizard and list export', () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  let fx: Awaited<ReturnType<typeof gridFixture>>;
  const pageErrors: string[] = [];
  const shot = (name: string) => page.screenshot({ path: path.join(ROOT, 'docs/screenshots', `import-${name}.png`) });

  beforeAll(async () => {
    ensureAdminBuild();
    server = await startServer({ ADMIN_DIST });
    fx = await gridFixture(server, offset(...LITONG, 25_000, -20_000));
    browser = await launch();
    page = await browser.context.newPage();
    page.on('pageerror', (e) => pageErrors.push(String(e)));
    await signIn(page, server.base);
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (fx) rmSync(fx.dir, { recursive: true, force: true });
  });

  it('upload → layer (CRS found, GBK guessed and shown) → mapping → preview with statuses → apply', async () => {
    const parts = path.join(fx.dir, 'parts');
    ogr2ogr(['-f', 'ESRI Shapefile', parts, fx.geojson, '-t_srs', 'EPSG:4524', '-lco', 'ENCODING=GBK', '-nln', '网格']);
    unlinkSync(path.join(parts, '网格.cpg'));
    await page.goto(`${server.base}/import`);
    await page.getByTestId('import-wizard').waitFor();
    await page.getByTestId('import-file').setInputFiles(readdirSync(parts).map((f) => path.join(parts, f)));
    await page.getByTestId('import-upload').click();
    await page.getByTestId('import-encoding').waitFor({ timeout: 60_000 });
    await expect.poll(() => page.getByTestId('import-crs').textContent()).toMatch(/CGCS2000.*36/);
    expect(await page.getByTestId('import-encoding').textContent()).toContain(`GBK: ${fx.names[0]}`);
    await shot('layer');
    await page.getByTestId('import-next-layer').click();
    await page.getByTestId('import-map-code').waitFor();
    expect(await page.getByTestId('import-map-name').textContent()).toContain('WGMC');
    await shot('mapping');
    await page.getByTestId('import-check').click();
    await page.getByTestId('import-counts').waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('import-counts').textContent()).toContain('新增 4');
    await page.locator('[data-testid="import-preview-map"] path.leaflet-interactive').first().waitFor();
    expect(await page.locator('[data-testid="import-preview-map"] path[stroke="#2e7d32"]').count()).toBe(4);
    expect(await page.getByTestId('import-report').textContent()).toContain(fx.names[1]);
    await page.waitForTimeout(500);
    await shot('preview');
    await page.getByTestId('import-apply').click();
    await page.getByTestId('import-result').waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('import-result').textContent()).toMatch(/新增 4 条/);
    await shot('done');
    const rows = await server.sql<{ name: string }>('select name from grid where village_id = ? order by code', [
      Number(fx.villageId),
    ]);
    expect(rows.map((r) => r.name)).toEqual(fx.names);
    const audit = await server.sql<{ n: string }>(
      "select count(*) as n from audit_event where operation = 'import' and username = 'test-admin'",
    );
    expect(Number(audit[0]!.n)).toBeGreaterThanOrEqual(4);
  }, 240_000);

  it('a file with a self-intersecting feature: shown red with its reason, and the import cannot be applied', async () => {
    const fc = structuredClone(fx.fc) as any;
    const [lng, lat] = fx.fc.features[0]!.geometry.coordinates[0]![0]!;
    fc.features.push({
      type: 'Feature',
      properties: { WGBM: `${fx.villageCode}BAD`, WGMC: '自交网格', CJBM: fx.villageCode },
      geometry: {
        type: 'Polygon',
        coordinates: [
          [
            [lng, lat],
            [lng + 0.004, lat + 0.004],
            [lng + 0.004, lat],
            [lng, lat + 0.004],
            [lng, lat],
          ],
        ],
      },
    });
    const file = path.join(fx.dir, '网格更新.geojson');
    writeFileSync(file, JSON.stringify(fc));
    await page.goto(`${server.base}/import`);
    await page.getByTestId('import-file').setInputFiles([file]);
    await page.getByTestId('import-upload').click();
    await page.getByTestId('import-next-layer').click();
    await page.getByTestId('import-option-replaceBoundaries').click();
    await page.getByTestId('import-check').click();
    await page.getByTestId('import-counts').waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('import-counts').textContent()).toContain('拒绝 1');
    expect(await page.getByTestId('import-report').textContent()).toMatch(/自交网格.*几何无效：Self-intersection/);
    expect(await page.getByTestId('import-apply').isDisabled()).toBe(true);
    await page.waitForTimeout(500);
    await shot('refused');
  }, 120_000);

  it("an administrator issues an import key bound to an editor's county on the API-key page; a service imports with it", async () => {
    const other = await gridFixture(server, offset(...LITONG, 30_000, -20_000));
    try {
      await server.signIn('import-key-editor', 'EDITOR', { countyIds: [Number(other.countyId)] });
      await page.goto(`${server.base}/keys/create`);
      await page.locator('input[name="name"]').fill('三调成果推送');
      await page.getByLabel('导入边界').check();
      const owner = page.locator('input[name="ownerId"]');
      await owner.waitFor();
      await owner.fill('import-key-editor');
      await page.getByRole('option', { name: 'import-key-editor' }).click();
      await shot('api-key');
      await page.getByRole('button', { name: '保存' }).click();
      const field = page.getByTestId('new-api-key').locator('input');
      await field.waitFor({ timeout: 10_000 });
      const key = await field.inputValue();
      await page.getByTestId('api-key-done').click();
      const row = page.locator('tr', { hasText: '三调成果推送' });
      await row.waitFor({ timeout: 10_000 });
      expect(await row.getByTestId('key-scopes').innerText()).toContain('导入边界');

      // The service sends a zipped Shapefile with the key: imported as the editor would, named after the key.
      const zip = path.join(other.dir, 'grids.shp.zip');
      ogr2ogr([
        '-f',
        'ESRI Shapefile',
        zip,
        other.geojson,
        '-t_srs',
        'EPSG:4524',
        '-lco',
        'ENCODING=GBK',
        '-nln',
        'grids',
      ]);
      const form = new FormData();
      form.append('file', new Blob([readFileSync(zip)]), 'grids.shp.zip');
      form.append('target', 'grids');
      const res = await fetch(`${server.base}/api/import`, {
        method: 'POST',
        body: form,
        headers: { 'x-api-key': key },
      });
      const report = (await res.json()) as { applied: boolean; counts: Record<string, number>; changeId: number };
      expect(res.status).toBe(200);
      expect(report).toMatchObject({ applied: true, counts: { NEW: 4, REFUSED: 0 } });
      const [change] = await server.sql<{ username: string; role: string }>(
        'select username, role from change where id = ?',
        [report.changeId],
      );
      expect(change).toEqual({ username: 'key:三调成果推送 (import-key-editor)', role: 'EDITOR' });
      const rows = await server.sql<{ name: string }>('select name from grid where village_id = ? order by code', [
        Number(other.villageId),
      ]);
      expect(rows.map((r) => r.name)).toEqual(other.names);
    } finally {
      rmSync(other.dir, { recursive: true, force: true });
    }
  }, 240_000);

  it('the grid list exports its filtered rows as Excel with Chinese headers', async () => {
    await page.goto(`${server.base}/grids?filter=${encodeURIComponent(JSON.stringify({ villageId: fx.villageId }))}`);
    await page.getByTestId('export-button').click();
    await page.getByTestId('export-dialog').waitFor();
    await shot('export');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-download').click()]);
    const file = path.join(fx.dir, 'export.xlsx');
    await download.saveAs(file);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const ws = wb.worksheets[0]!;
    expect((ws.getRow(1).values as unknown[]).slice(1, 5)).toEqual(['编码', '名称', '类型', '村/社区编码']);
    expect(ws.rowCount).toBe(5);
    expect(ws.getRow(2).getCell(2).value).toBe(fx.names[0]);
    expect(pageErrors).toEqual([]);
  }, 120_000);
});
