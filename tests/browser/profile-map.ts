/**
 * `npx tsx tests/browser/profile-map.ts <base> [--cold]`: where the coverage map's time to interactive goes.
 * One page at /map in headless chromium with the V8 sampling profiler on (DevTools protocol),
 * then prints the self time per function (top 40) and per script, up to the moment the map said
 * it was ready (window.__wzMapReady), plus the main thread's long tasks. Sign-in as in bench:map.
 */
import { launch, signIn } from './browser';

const args = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const base = args[0] ?? 'http://127.0.0.1:4107';
const warmups = Number(args[1] ?? 1);

const b = await launch();
try {
  const login = await b.context.newPage();
  await signIn(
    login,
    base,
    process.env.MEASURE_USERNAME ?? 'admin',
    process.env.MEASURE_PASSWORD ?? process.env.ADMIN_PASSWORD ?? '',
  );
  await login.close();
  for (let i = 0; i < warmups; i++) {
    const w = await b.context.newPage();
    await w.goto(`${base}/map`);
    await w.waitForFunction(() => Boolean(window.__wzMapReady), undefined, { timeout: 120_000 });
    await w.close();
  }
  const page = await b.context.newPage();
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  await cdp.send('Profiler.start');
  await page.addInitScript(() => {
    (window as any).__longTasks = [];
    new PerformanceObserver((l) => {
      for (const e of l.getEntries())
        (window as any).__longTasks.push([Math.round(e.startTime), Math.round(e.duration)]);
    }).observe({ type: 'longtask', buffered: true });
  });
  await page.goto(`${base}/map`);
  await page.waitForFunction(() => Boolean(window.__wzMapReady), undefined, { timeout: 120_000 });
  const { profile } = await cdp.send('Profiler.stop');
  const ready = await page.evaluate(() => window.__wzMapReady!.ms);
  const longTasks = await page.evaluate(() => (window as any).__longTasks as [number, number][]);
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<number, number>();
  const dts = profile.timeDeltas ?? [];
  (profile.samples ?? []).forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (dts[i] ?? 0) / 1000));
  const perFn = new Map<string, number>();
  const perScript = new Map<string, number>();
  for (const [id, ms] of self) {
    const cf = byId.get(id)!.callFrame;
    const script = cf.url.replace(/^.*\//, '') || `(${cf.functionName || 'native'})`;
    const fn = `${cf.functionName || '(anonymous)'} ${script}:${cf.lineNumber + 1}:${cf.columnNumber + 1}`;
    perFn.set(fn, (perFn.get(fn) ?? 0) + ms);
    perScript.set(script, (perScript.get(script) ?? 0) + ms);
  }
  const top = (m: Map<string, number>, n: number) =>
    [...m]
      .sort((a, x) => x[1] - a[1])
      .slice(0, n)
      .map(([k, v]) => `  ${v.toFixed(1).padStart(8)} ms  ${k}`)
      .join('\n');
  // The busiest functions per 200 ms of the profile (from its start, about the navigation).
  const windows = new Map<number, Map<string, number>>();
  let t = 0;
  (profile.samples ?? []).forEach((id, i) => {
    t += (dts[i] ?? 0) / 1000;
    const cf = byId.get(id)!.callFrame;
    if (cf.functionName === '(idle)') return;
    const w = Math.floor(t / 200) * 200;
    const m = windows.get(w) ?? new Map<string, number>();
    const fn = `${cf.functionName || '(anon)'}@${cf.lineNumber + 1}:${cf.columnNumber + 1}`;
    m.set(fn, (m.get(fn) ?? 0) + (dts[i] ?? 0) / 1000);
    windows.set(w, m);
  });
  for (const [w, m] of windows) {
    const busy = [...m.values()].reduce((a, x) => a + x, 0);
    const tops = [...m]
      .sort((a, x) => x[1] - a[1])
      .slice(0, 5)
      .map(([k, v]) => `${k} ${v.toFixed(0)}`)
      .join(', ');
    console.log(`  ${String(w).padStart(5)} ms: busy ${busy.toFixed(0)} ms; ${tops}`);
  }
  console.log(`ready ${ready} ms`);
  console.log(`long tasks (start, ms): ${longTasks.map(([s, d]) => `${s}+${d}`).join(' ')}`);
  console.log(`self time per script:\n${top(perScript, 12)}`);
  console.log(`self time per function:\n${top(perFn, 40)}`);
} finally {
  await b.close();
}
