import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const ADMIN_DIST = path.join(ROOT, 'admin/dist');
export const OUTPUT = path.join(ROOT, 'tests/output');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const hasChromium = existsSync(CHROMIUM);

function newest(dir: string): number {
  let max = 0;
  for (const name of readdirSync(dir)) {
    const p = path.join(dir, name);
    const s = statSync(p);
    max = Math.max(max, s.isDirectory() ? newest(p) : s.mtimeMs);
  }
  return max;
}

/** Builds admin/dist when it is missing or older than admin/src, index.html or the vite config. */
export function ensureAdminBuild(): void {
  const built = existsSync(path.join(ADMIN_DIST, 'index.html'))
    ? statSync(path.join(ADMIN_DIST, 'index.html')).mtimeMs
    : 0;
  const sources = Math.max(
    newest(path.join(ROOT, 'admin/src')),
    statSync(path.join(ROOT, 'admin/index.html')).mtimeMs,
    statSync(path.join(ROOT, 'admin/vite.config.ts')).mtimeMs,
  );
  if (built >= sources) return;
  const r = spawnSync(
    process.execPath,
    ['node_modules/vite/bin/vite.js', 'build', '--config', 'admin/vite.config.ts', '--logLevel', 'warn'],
    {
      cwd: ROOT,
      stdio: 'inherit',
    },
  );
  if (r.status !== 0) throw new Error('The admin build failed (vite build --config admin/vite.config.ts).');
}

export interface Browser {
  context: BrowserContext;
  close(): Promise<void>;
}

/** Headless Debian chromium with a fresh profile (playwright-core refuses --user-data-dir in args). */
export async function launch(): Promise<Browser> {
  const userDataDir = mkdtempSync(path.join(tmpdir(), 'wz-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1440, height: 900 },
    locale: 'zh-CN',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  return {
    context,
    async close() {
      await context.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

export function outputPath(name: string): string {
  mkdirSync(OUTPUT, { recursive: true });
  return path.join(OUTPUT, name);
}

/** Signs in through the login page, as the tests' administrator (tests/helpers/server.ts creates it). */
export async function signIn(
  page: Page,
  base: string,
  username = 'test-admin',
  password = 'pw-test-admin-secret',
): Promise<void> {
  await page.goto(`${base}/login`);
  await page.locator('input[name="username"]').fill(username);
  await page.locator('input[name="password"]').fill(password);
  await page.locator('button[type="submit"]').click();
  await page.waitForURL((url) => !url.pathname.startsWith('/login'), { timeout: 20_000 });
}

/**
 * Empties the data tables (users stay) so a browser test file can seed its fixture:
 * the fixture uses the real county codes, and the test files share one database.
 */
export async function resetData(server: { sql: (text: string) => Promise<unknown[]> }): Promise<void> {
  await server.sql(`truncate county, township, village, grid, party_unit, grid_worker, grid_worker_grids,
    coverage_unit, coverage_finding, audit_event, change, api_key restart identity cascade`);
}
