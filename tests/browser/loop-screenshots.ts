/**
 * Screenshots of issue #16's pages on the seeded Wuzhong dataset, for docs/operations.md:
 *
 *   MEASURE_PASSWORD=… npx tsx tests/browser/loop-screenshots.ts http://127.0.0.1:4000
 *
 * Writes docs/screenshots/loop-*.png (signs in as MEASURE_USERNAME, default admin).
 */
import path from 'node:path';
import { launch, ROOT, signIn } from './browser';

const base = process.argv[2] ?? 'http://127.0.0.1:4000';
const out = (name: string) => path.join(ROOT, 'docs/screenshots', `loop-${name}.png`);
const b = await launch();
try {
  const page = await b.context.newPage();
  await signIn(
    page,
    base,
    process.env.MEASURE_USERNAME ?? 'admin',
    process.env.MEASURE_PASSWORD ?? process.env.ADMIN_PASSWORD ?? '',
  );
  const api = (query: string) =>
    page.evaluate(async (q) => {
      const token = localStorage.getItem('wz.token');
      const r = await fetch('/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query: q }),
      });
      return (await r.json()).data;
    }, query);

  await page.goto(`${base}/`);
  await page.getByTestId('trend-chart').waitFor({ timeout: 30_000 });
  await page.getByTestId('rect-ranking').waitFor();
  await page.waitForTimeout(1500);
  await page.screenshot({ path: out('dashboard'), fullPage: true });
  await page.getByTestId('trend-card').screenshot({ path: out('trend') });

  await page.goto(`${base}/rectifications`);
  await page.getByTestId('rect-list').waitFor({ timeout: 20_000 });
  await page.waitForTimeout(800);
  await page.screenshot({ path: out('rectifications') });
  const rect = await api('{ allRectifications(filter: { status: OPEN, overdue: true }, perPage: 1) { id } }');
  await page.goto(`${base}/rectifications/${rect.allRectifications[0].id}/show`);
  await page.getByTestId('rect-actions').waitFor({ timeout: 20_000 });
  await page.waitForTimeout(800);
  await page.screenshot({ path: out('rectification-show'), fullPage: true });

  await page.goto(`${base}/work-orders`);
  await page.getByTestId('wo-list').waitFor({ timeout: 20_000 });
  await page.waitForTimeout(800);
  await page.screenshot({ path: out('work-orders') });
  const wo = await api('{ allWorkOrders(filter: { status: SCORED }, perPage: 1) { id } }');
  await page.goto(`${base}/work-orders/${wo.allWorkOrders[0].id}/show`);
  await page.getByTestId('wo-timeline').waitFor({ timeout: 20_000 });
  await page.waitForTimeout(800);
  await page.screenshot({ path: out('work-order-show'), fullPage: true });

  const mu = await api('{ allMemberUnits(filter: { generated: true }, perPage: 1, sortField: "id") { id } }');
  await page.goto(`${base}/member-units/${mu.allMemberUnits[0].id}/show`);
  await page.getByTestId('mu-figures').waitFor({ timeout: 20_000 });
  await page.waitForTimeout(800);
  await page.screenshot({ path: out('member-unit'), fullPage: true });

  const v = await api('{ allWorkOrders(perPage: 1, sortField: "id") { villageId } }');
  await page.goto(`${base}/communities/${v.allWorkOrders[0].villageId}/show`);
  await page.getByTestId('trend-chart').waitFor({ timeout: 20_000 });
  await page.waitForTimeout(800);
  await page.getByTestId('trend-card').screenshot({ path: out('unit-trend') });

  const p = await api('{ allWorkOrders(filter: { open: true }, perPage: 1) { point } }');
  const [lng, lat] = p.allWorkOrders[0].point.coordinates;
  await page.goto(`${base}/map?c=${lng.toFixed(5)},${lat.toFixed(5)}&z=14`);
  await page.getByTestId('wo-layer-toggle').waitFor({ timeout: 30_000 });
  await page.waitForTimeout(3000);
  await page.screenshot({ path: out('map-work-orders') });

  const phone = await b.context.newPage();
  await phone.setViewportSize({ width: 390, height: 800 });
  await phone.goto(`${base}/report`);
  await phone.getByTestId('report-title').fill('楼道堆放杂物');
  await phone.getByTestId('report-lng').fill(String(lng));
  await phone.getByTestId('report-lat').fill(String(lat));
  await phone.getByTestId('report-route').waitFor({ timeout: 20_000 });
  await phone.waitForTimeout(500);
  await phone.screenshot({ path: out('report-phone') });
} finally {
  await b.close();
}
