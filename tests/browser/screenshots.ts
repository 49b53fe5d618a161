/**
 * Screenshots of the admin on the seeded Wuzhong dataset for the README and docs:
 *
 *   MEASURE_PASSWORD=… npx tsx tests/browser/screenshots.ts http://127.0.0.1:4000
 *
 * Writes docs/screenshots/wuzhong-*.png (signs in as MEASURE_USERNAME, default admin).
 */
import path from 'node:path';
import { launch, ROOT, signIn } from './browser';

const base = process.argv[2] ?? 'http://127.0.0.1:4000';
const out = (name: string) => path.join(ROOT, 'docs/screenshots', `wuzhong-${name}.png`);
const b = await launch();
try {
  const page = await b.context.newPage();
  await signIn(
    page,
    base,
    process.env.MEASURE_USERNAME ?? 'admin',
    process.env.MEASURE_PASSWORD ?? process.env.ADMIN_PASSWORD ?? '',
  );
  await page.goto(`${base}/`);
  await page.getByTestId('city-report').waitFor({ timeout: 30_000 });
  await page.waitForTimeout(1500);
  await page.screenshot({ path: out('dashboard'), fullPage: true });

  // A deliberate gap, close up: the first UNCOVERED_LAND finding's unit on the map.
  await page.goto(`${base}/findings`);
  await page.waitForTimeout(1500);
  const finding = await page.evaluate(async () => {
    const token = localStorage.getItem('wz.token');
    const r = await fetch('/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({
        query: '{ allCoverageFindings(filter: { kind: UNCOVERED_LAND }, perPage: 1) { villageId centroid } }',
      }),
    });
    return (await r.json()).data.allCoverageFindings[0];
  });
  const [lng, lat] = finding.centroid.coordinates;
  await page.goto(`${base}/map?lat=${lat}&lng=${lng}&z=14&sel=villages:${finding.villageId}`);
  await page.waitForFunction(() => Boolean((window as any).__wzMapReady), undefined, { timeout: 60_000 });
  await page.waitForTimeout(1500);
  await page.screenshot({ path: out('map-gap') });
  console.log('written docs/screenshots/wuzhong-{dashboard,map-gap}.png');
} finally {
  await b.close();
}
