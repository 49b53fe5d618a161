import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { coverageHistory } from '../../server/src/coverage-history/coverage-history.service';
import { startServer, type TestServer } from '../helpers/server';
import {
  ADMIN_DIST,
  ensureAdminBuild,
  hasChromium,
  launch,
  outputPath,
  resetData,
  signIn,
  type Browser,
} from './browser';
import { seedFixture, type Fixture } from './fixture';

/**
 * Issue 16 in the admin, in headless chromium against the real server: the rectification
 * queue (an editor assigns, the finding closes itself when the grid gets a worker), a work
 * order from the phone report to the community's score, and the coverage trend chart.
 */
describe.skipIf(!hasChromium)('rectification, work orders and trends in the admin', () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  let fx: Fixture;
  const pageErrors: string[] = [];

  async function signInAs(username: string, password = `pw-${username}-secret`) {
    await page.goto(`${server.base}/login`);
    await page.evaluate(() => {
      localStorage.removeItem('wz.token');
      localStorage.removeItem('wz.user');
    });
    await signIn(page, server.base, username, password);
  }

  beforeAll(async () => {
    ensureAdminBuild();
    server = await startServer({ ADMIN_DIST });
    await resetData(server);
    await server.sql('delete from coverage_snapshot');
    fx = await seedFixture((q, v) => server.ok(q, v));
    await server.signIn('editor-loop', 'EDITOR', { countyIds: [Number(fx.counties[0]!.id)] });
    browser = await launch();
    page = await browser.context.newPage();
    page.on('pageerror', (e) => pageErrors.push(String(e)));
  }, 240_000);

  afterEach(async (ctx) => {
    if (ctx.task.result?.state === 'fail')
      await page
        ?.screenshot({ path: outputPath(`loop-failed-${ctx.task.name.slice(0, 40).replace(/[^a-z0-9]+/gi, '-')}.png`) })
        .catch(() => undefined);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it("an editor's rectification queue holds its county's findings; assigning works; staffing the grid clears it by itself", async () => {
    const county = fx.counties[0]!;
    const { allRectifications: mine } = await server.ok(
      `query($c: ID) { allRectifications(filter: { countyId: $c, kind: UNSTAFFED_GRID, status: OPEN }, perPage: 5) { id gridId townshipId } }`,
      { c: county.id },
    );
    expect(mine.length).toBeGreaterThan(0);
    const target = mine[0];
    await signInAs('editor-loop');
    await page.goto(`${server.base}/rectifications`);
    await page.getByTestId('rect-list').waitFor({ timeout: 30_000 });
    const rows = page.getByTestId('rect-list').locator('tbody tr');
    await expect.poll(() => rows.count()).toBeGreaterThan(0);
    const expected = (
      await server.ok(`query($c: ID) { _allRectificationsMeta(filter: { countyId: $c, status: OPEN }) { count } }`, {
        c: county.id,
      })
    )._allRectificationsMeta.count;
    // The default filter is the editor's queue of open findings: exactly its county's.
    await expect.poll(() => rows.count()).toBe(Math.min(expected, 10));
    await page.screenshot({ path: outputPath('loop-rect-queue.png') });

    await page.goto(`${server.base}/rectifications/${target.id}/show`);
    await page.getByTestId('rect-actions').waitFor({ timeout: 20_000 });
    await page.getByTestId('rect-deadline').fill('2030-06-30');
    await page.getByTestId('rect-note').fill('补充网格员');
    await page.getByTestId('rect-assign').click();
    await expect
      .poll(
        async () =>
          (await server.ok(`query($id: ID!) { Rectification(id: $id) { deadline note } }`, { id: target.id }))
            .Rectification,
      )
      .toEqual({ deadline: '2030-06-30', note: '补充网格员' });
    await page.getByTestId('rect-comment').fill('已联系乡镇');
    await page.getByTestId('rect-comment-send').click();
    await expect.poll(() => page.getByTestId('rect-events').textContent(), { timeout: 10_000 }).toContain('已联系乡镇');

    await server.ok(`mutation($g: [ID!]) { createGridWorker(name: "新网格员", gridIds: $g, active: true) { id } }`, {
      g: [target.gridId],
    });
    await page.reload();
    await expect.poll(() => page.getByTestId('rect-status').first().textContent(), { timeout: 20_000 }).toBe('已销号');
    await expect.poll(() => page.getByTestId('rect-events').textContent()).toContain('自动销号');
    await page.screenshot({ path: outputPath('loop-rect-closed.png'), fullPage: true });
  });

  it("a work order from the phone report to the community's score", async () => {
    const grid = fx.grids.find((g) => g.workers > 0)!;
    const unit = await server.ok(
      `mutation($v: ID!) { createMemberUnit(name: "测试供电公司", kind: ENTERPRISE, pairedVillageIds: [$v]) { id } }`,
      { v: grid.villageId },
    );
    await signInAs('test-admin');
    await page.setViewportSize({ width: 390, height: 800 });
    await page.goto(`${server.base}/report`);
    await page.getByTestId('report-title').fill('路灯不亮');
    await page.getByTestId('report-lng').fill(String(grid.center[0]));
    await page.getByTestId('report-lat').fill(String(grid.center[1]));
    await expect.poll(() => page.getByTestId('report-route').textContent(), { timeout: 20_000 }).toContain(grid.name);
    await page.screenshot({ path: outputPath('loop-report-phone.png') });
    await page.getByTestId('report-send').click();
    await page.getByTestId('report-sent').waitFor({ timeout: 20_000 });
    await page.getByRole('link', { name: '查看交办单' }).click();
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.getByTestId('wo-actions').waitFor({ timeout: 20_000 });
    const status = () => page.getByTestId('wo-status').first().textContent();
    expect(await status()).toBe('已上报');
    await expect
      .poll(() => page.getByTestId('wo-routing').textContent(), { timeout: 10_000 })
      .toContain('位于一个网格内');

    await page.getByRole('combobox', { name: '成员单位' }).click();
    await page.getByRole('option', { name: '测试供电公司' }).click();
    await page.getByTestId('wo-deadline').fill('2030-01-15');
    await page.getByTestId('wo-assign').click();
    await expect.poll(status, { timeout: 20_000 }).toBe('已交办');
    await page.getByTestId('wo-claim').click();
    await expect.poll(status, { timeout: 20_000 }).toBe('已认领');
    await page.getByTestId('wo-result').fill('已更换灯泡');
    await page.getByTestId('wo-report').click();
    await expect.poll(status, { timeout: 20_000 }).toBe('已办结');
    await page.getByTestId('wo-score').fill('4');
    await page.getByTestId('wo-score-comment').fill('及时');
    await page.getByTestId('wo-score-send').click();
    await expect.poll(status, { timeout: 20_000 }).toBe('已评价');
    await page.screenshot({ path: outputPath('loop-work-order-scored.png'), fullPage: true });

    const { allWorkOrders } = await server.ok(
      `query($m: ID) { allWorkOrders(filter: { memberUnitId: $m }) { status score scoreScale score100 scoreComment channel gridId deadline } }`,
      { m: unit.createMemberUnit.id },
    );
    expect(allWorkOrders).toEqual([
      {
        status: 'SCORED',
        score: 4,
        scoreScale: 'FIVE',
        score100: 80,
        scoreComment: '及时',
        channel: 'GRID_WORKER',
        gridId: grid.id,
        deadline: '2030-01-15',
      },
    ]);
    const audit = await server.ok(
      `{ allAuditEvents(filter: { recordType: "WorkOrder" }, sortField: "id", sortOrder: "ASC") { operation } }`,
    );
    expect(audit.allAuditEvents.map((e: { operation: string }) => e.operation)).toEqual([
      'create',
      'assign',
      'claim',
      'report',
      'score',
    ]);
  });

  it("the trend chart draws the coverage history on the dashboard and on a unit's page", async () => {
    await server.app.orm.em.fork().transactional(async (em) => {
      await coverageHistory.generate(em, '2019-01-01');
      await coverageHistory.snapshot(em);
    });
    await page.goto(`${server.base}/`);
    const chart = page.getByTestId('trend-chart').first();
    await chart.waitFor({ timeout: 30_000 });
    // Generated months (dashed) and the real snapshot (solid) of the covered share.
    expect(await chart.locator('path[stroke-dasharray]').count()).toBeGreaterThan(0);
    const d = await chart.locator('path').first().getAttribute('d');
    expect((d ?? '').split('L').length).toBeGreaterThan(12);
    await expect
      .poll(() => page.getByTestId('trend-card').first().textContent(), { timeout: 10_000 })
      .toContain('覆盖率');
    await page
      .getByTestId('trend-card')
      .first()
      .screenshot({ path: outputPath('loop-trend.png') });

    const v = fx.villages[0]!;
    await page.goto(`${server.base}/${v.kind === 'COMMUNITY' ? 'communities' : 'villages'}/${v.id}/show`);
    await page.getByTestId('trend-chart').first().waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('trend-chart-gaps').locator('path').count()).toBeGreaterThan(0);
    expect(pageErrors).toEqual([]);
  });
});
