/**
 * `npm run bench:map -- <base> [runs] [label]`: the coverage map's time to interactive in headless
 * chromium against a running server (sign-in as MEASURE_USERNAME / MEASURE_PASSWORD, default
 * admin / ADMIN_PASSWORD). Per run, a fresh page at /map (the whole city or province in view):
 *  - ready: window.__wzMapReady.ms, every layer fetched and drawn (tiles in view loaded), from navigation start;
 *  - hover: the mouse moves onto the village nearest the middle of the map (at a province overview,
 *    where no unit is drawn, the county nearest it) → its tooltip shows;
 *  - heap: the page's JS heap after that (Chrome DevTools Performance.getMetrics), and the bytes transferred.
 * Prints one Markdown row with medians. Works against both the GeoJSON map and the vector-tile map.
 *
 * Options (after the positional ones):
 *  --cold       every run in a new browser profile (empty HTTP cache, no compiled-code cache: a first
 *               visit); signed in by the session the first sign-in left in localStorage. Without it,
 *               every run is a new page of one browser that signed in on the login page (scripts
 *               cached: a return visit).
 *  --waterfall  prints, for each run, every request the page made: start and end in ms from navigation
 *               start (Resource Timing), bytes transferred, and the page's milestones.
 */
import type { Page } from 'playwright-core';
import { launch, signIn, type Browser } from './browser';

const args = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const flags = new Set(process.argv.slice(2).filter((a) => a.startsWith('--')));
const base = args[0] ?? 'http://127.0.0.1:4107';
const runs = Number(args[1] ?? 3);
const cold = flags.has('--cold');
const label = args[2] ?? `${base}${cold ? ' (cold)' : ''}`;

const median = (xs: number[]) => {
  const s = [...xs].filter(Number.isFinite).sort((a, b) => a - b);
  return s.length ? s[Math.floor((s.length - 1) / 2)]! : NaN;
};

/** The requests of a page as Resource Timing saw them, and its milestones, ms from navigation start. */
async function waterfall(page: Page): Promise<string> {
  const w = await page.evaluate(() => {
    const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
    const res = (performance.getEntriesByType('resource') as PerformanceResourceTiming[]).map((r) => ({
      url: r.name.replace(location.origin, ''),
      start: Math.round(r.startTime),
      end: Math.round(r.responseEnd),
      kb: r.transferSize / 1024,
    }));
    const marks = performance.getEntriesByType('mark').map((m) => `${m.name} ${Math.round(m.startTime)}`);
    return {
      res,
      marks,
      html: nav ? Math.round(nav.responseEnd) : NaN,
      dcl: nav ? Math.round(nav.domContentLoadedEventEnd) : NaN,
    };
  });
  const lines = w.res
    .sort((a, b) => a.start - b.start)
    .map(
      (r) =>
        `  ${String(r.start).padStart(6)} → ${String(r.end).padStart(6)} ms ${r.kb.toFixed(1).padStart(8)} KB  ${r.url.slice(0, 110)}`,
    );
  return [`  html ${w.html} ms, DOMContentLoaded ${w.dcl} ms; marks: ${w.marks.join(', ') || '-'}`, ...lines].join(
    '\n',
  );
}

let b = await launch();
const browsers: Browser[] = [b];
const rows: { ready: number; hover: number; heapMb: number; kb: number }[] = [];
try {
  const login = await b.context.newPage();
  await signIn(
    login,
    base,
    process.env.MEASURE_USERNAME ?? 'admin',
    process.env.MEASURE_PASSWORD ?? process.env.ADMIN_PASSWORD ?? '',
  );
  // The session (token and user) as the login left it, for the cold runs' fresh profiles.
  const session = await login.evaluate(() => ({
    token: localStorage.getItem('wz.token'),
    user: localStorage.getItem('wz.user'),
  }));
  await login.close();
  for (let i = 0; i < runs; i++) {
    if (cold) {
      b = await launch();
      browsers.push(b);
      await b.context.addInitScript((s) => {
        if (!localStorage.getItem('wz.token')) {
          localStorage.setItem('wz.token', s.token ?? '');
          localStorage.setItem('wz.user', s.user ?? '');
        }
      }, session);
    }
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
      // A province overview draws no units (below the units' zoom): a county then, as a user would hover.
      if (!candidates.length)
        for (const path of h.index.get('counties')?.values() ?? []) {
          const c = path.getBounds().getCenter();
          const p = h.map.latLngToContainerPoint(c);
          const inView = p.x > 0 && p.y > 0 && p.x < size.x && p.y < size.y;
          if (inView && path._containsPoint(h.map.latLngToLayerPoint(c))) candidates.push(p);
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
    if (flags.has('--waterfall')) console.error(await waterfall(page));
    await page.close();
    if (cold) await b.close();
  }
} finally {
  for (const x of browsers) await x.close().catch(() => undefined);
}
console.log(
  `| ${label} | ${median(rows.map((r) => r.ready))} ms | ${median(rows.map((r) => r.hover))} ms | ${median(rows.map((r) => r.heapMb)).toFixed(1)} MB | ${median(rows.map((r) => r.kb)).toFixed(0)} KB |`,
);
