/**
 * `npm run bench:map -- <base> [runs] [label]`: the coverage map's time to interactive in headless
 * chromium against a running server (sign-in as MEASURE_USERNAME / MEASURE_PASSWORD, default
 * admin / ADMIN_PASSWORD). Per run, a fresh page at /map (the whole city or province in view):
 *  - ready: window.__wzMapReady.ms, every layer fetched and drawn (tiles in view loaded), from navigation start;
 *  - hover: the mouse moves onto the village nearest the middle of the map → its tooltip shows;
 *  - heap: the page's JS heap after that (Chrome DevTools Performance.getMetrics), and the bytes transferred.
 * Prints one Markdown row with medians. Works against both the GeoJSON map and the vector-tile map.
 */
import { launch, signIn } from './browser';

const base = process.argv[2] ?? 'http://127.0.0.1:4107';
const runs = Number(process.argv[3] ?? 3);
const label = process.argv[4] ?? base;

const median = (xs: number[]) => {
  const s = [...xs].filter(Number.isFinite).sort((a, b) => a - b);
  return s.length ? s[Math.floor((s.length - 1) / 2)]! : NaN;
};

const b = await launch();
const rows: { ready: number; hover: number; heapMb: number; kb: number }[] = [];
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
    let bytes = 0;
    page.on('response', (r) => {
      void r
        .request()
        .sizes()
        .then((s) => (bytes += s.responseBodySize + s.responseHeadersSize))
        .catch(() => undefined);
    });
    await page.goto(`${base}/map`);
    await page.waitForFunction(() => Boolean(window.__wzMapReady), undefined, { timeout: 120_000 });
    const ready = await page.evaluate(() => window.__wzMapReady!);
    const box = (await page.getByTestId('coverage-map').boundingBox())!;
    // A village nearest the middle of the map whose centre lies inside it (from the tiles or the GeoJSON).
    const target = await page.evaluate(() => {
      const h = (window as any).__wzMap;
      const tiles = (window as any).__wzTiles?.get('villages');
      const size = h.map.getSize();
      const candidates: { x: number; y: number }[] = [];
      if (tiles) {
        for (const [key, r] of Object.entries<any>(tiles._vectorTiles ?? {})) {
          const [x, y, z] = key.split(':').map(Number) as [number, number, number];
          for (const id of Object.keys(r._features ?? {})) {
            const c = r._features[id].feature._getPixelBounds().getCenter();
            const ll = h.map.unproject([x * 256 + c.x, y * 256 + c.y], z);
            if (tiles.featureAt(ll)?.id === id) candidates.push(h.map.latLngToContainerPoint(ll));
          }
        }
      } else {
        for (const path of h.index.get('villages')?.values() ?? []) {
          const c = path.getBounds().getCenter();
          if (path._containsPoint(h.map.latLngToLayerPoint(c))) candidates.push(h.map.latLngToContainerPoint(c));
        }
      }
      // (no named helper: tsx would wrap it in __name, which the page does not have)
      candidates.sort(
        (a, b) => Math.hypot(a.x - size.x / 2, a.y - size.y / 2) - Math.hypot(b.x - size.x / 2, b.y - size.y / 2),
      );
      return candidates[0] ?? { x: size.x / 2, y: size.y / 2 };
    });
    await page.mouse.move(box.x + 10, box.y + box.height - 10);
    await page.waitForTimeout(300);
    const t0 = Date.now();
    await page.mouse.move(box.x + target.x, box.y + target.y);
    let hover = NaN;
    try {
      await page.locator('.leaflet-tooltip.wz-tooltip').first().waitFor({ state: 'visible', timeout: 10_000 });
      hover = Date.now() - t0;
    } catch {
      /* nothing under the centre */
    }
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Performance.enable');
    const { metrics } = await cdp.send('Performance.getMetrics');
    const heap = metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? NaN;
    rows.push({ ready: ready.ms, hover, heapMb: heap / 1024 / 1024, kb: bytes / 1024 });
    console.error(
      `run ${i + 1}: ready ${ready.ms} ms, hover ${hover} ms, heap ${(heap / 1048576).toFixed(1)} MB, ${(bytes / 1024).toFixed(0)} KB, features ${JSON.stringify(ready.features)}`,
    );
    await page.close();
  }
} finally {
  await b.close();
}
console.log(
  `| ${label} | ${median(rows.map((r) => r.ready))} ms | ${median(rows.map((r) => r.hover))} ms | ${median(rows.map((r) => r.heapMb)).toFixed(1)} MB | ${median(rows.map((r) => r.kb)).toFixed(0)} KB |`,
);
