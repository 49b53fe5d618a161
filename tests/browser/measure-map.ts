/**
 * Time to interactive of the coverage map in headless chromium, recorded into
 * docs/admin.md. Against a running server with the full dataset:
 *
 *   MEASURE_USERNAME=admin MEASURE_PASSWORD=… npx tsx tests/browser/measure-map.ts http://127.0.0.1:4000 [runs=5]
 *
 * (it signs in first, as that user: default `admin` with ADMIN_PASSWORD).
 * "Interactive" = every layer fetched, built and drawn on the canvas, measured
 * from navigation start (window.__wzMapReady.ms); then a real mouse click on a
 * grid must open the side panel (click-to-panel time).
 */
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { launch, outputPath, ROOT, signIn } from './browser';

const base = process.argv[2] ?? 'http://127.0.0.1:4000';
const runs = Number(process.argv[3] ?? 5);

const b = await launch();
const results: { ms: number; clickMs: number; features: Record<string, number> }[] = [];
try {
  const login = await b.context.newPage();
  await signIn(
    login,
    base,
    process.env.MEASURE_USERNAME ?? 'admin',
    process.env.MEASURE_PASSWORD ?? process.env.ADMIN_PASSWORD ?? '',
  );
  await login.close();
  for (let i = 0; i < runs; i++) {
    const page = await b.context.newPage();
    await page.goto(`${base}/map`);
    await page.waitForFunction(() => Boolean(window.__wzMapReady), undefined, { timeout: 60_000 });
    const ready = await page.evaluate(() => window.__wzMapReady!);
    // Click the middle of some grid at the city view.
    const target = await page.evaluate(() => {
      const h = (window as any).__wzMap;
      const ids = [...h.index.get('grids').keys()];
      const path = h.index.get('grids').get(ids[Math.floor(ids.length / 2)]);
      const c = path.getBounds().getCenter();
      h.map.setView(c, 15, { animate: false });
      const p = h.map.latLngToContainerPoint(c);
      return { x: p.x, y: p.y, name: path.feature.properties.name as string };
    });
    await page.waitForTimeout(200);
    const box = (await page.getByTestId('coverage-map').boundingBox())!;
    const t0 = Date.now();
    await page.mouse.click(box.x + target.x, box.y + target.y);
    let clickMs = NaN;
    try {
      await page.getByTestId('map-side-panel-title').filter({ hasText: target.name }).waitFor({ timeout: 10_000 });
      clickMs = Date.now() - t0;
    } catch {
      await page.screenshot({ path: outputPath(`measure-click-failed-${i + 1}.png`) });
      console.log(
        `run ${i + 1}: the click did not open ${target.name}; panel: ${await page
          .getByTestId('map-side-panel-title')
          .innerText()
          .catch(() => 'none')}`,
      );
    }
    results.push({ ms: ready.ms, clickMs, features: ready.features });
    console.log(
      `run ${i + 1}: interactive ${ready.ms} ms, click→panel ${clickMs} ms, features ${JSON.stringify(ready.features)}`,
    );
    if (i === 0) {
      await page.goto(`${base}/map`);
      await page.waitForFunction(() => Boolean(window.__wzMapReady));
      await page.waitForTimeout(300);
      await page.screenshot({ path: outputPath('map-full-dataset.png') });
    }
    await page.close();
  }
} finally {
  await b.close();
}

const sorted = results.map((r) => r.ms).sort((a, b) => a - b);
const median = sorted[Math.floor(sorted.length / 2)]!;
const f = results[0]!.features;
const lines = [
  `Measured ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC with \`npx tsx tests/browser/measure-map.ts ${base} ${runs}\` on the seeded Wuzhong dataset`,
  `(headless Debian chromium, viewport 1440×900, this machine):`,
  '',
  `- features on screen: ${f.counties ?? 0} counties, ${f.townships ?? 0} townships, ${f.villages ?? 0} villages/communities, ${f.grids ?? 0} grids, ${f.uncovered ?? 0} gaps, ${f.overlaps ?? 0} overlaps`,
  `- time to interactive (navigation start → every layer drawn), ${runs} runs: ${results.map((r) => r.ms).join(', ')} ms — median **${median} ms**`,
  `- first run: ${results[0]!.ms} ms (server body cache cold or warm depending on what ran before)`,
  `- real click on a grid → side panel with its name: ${results.map((r) => r.clickMs).join(', ')} ms`,
];
const doc = path.join(ROOT, 'docs/admin.md');
if (existsSync(doc)) {
  const text = readFileSync(doc, 'utf8');
  const start = '<!-- map-perf:start -->';
  const end = '<!-- map-perf:end -->';
  if (text.includes(start) && text.includes(end)) {
    writeFileSync(doc, text.replace(new RegExp(`${start}[\\s\\S]*${end}`), `${start}\n${lines.join('\n')}\n${end}`));
    console.log('recorded in docs/admin.md');
  }
}
console.log(lines.join('\n'));
