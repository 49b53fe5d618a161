import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type TestServer } from '../helpers/server';
import { hasChromium, launch, outputPath, type Browser } from './browser';

/** The offline GraphQL IDE at /graphql: sign in, run a query, read the schema. */
describe.skipIf(!hasChromium)('GraphQL IDE in headless chromium', () => {
  let server: TestServer;
  let browser: Browser;
  beforeAll(async () => {
    server = await startServer();
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('needs signing in, then runs queries and shows the schema, with nothing from the internet', async () => {
    const page = await browser.context.newPage();
    const external: string[] = [];
    page.on('request', (r) => !r.url().startsWith(server.base) && external.push(r.url()));
    await page.goto(`${server.base}/graphql`);
    await expect.poll(() => page.locator('#docs').innerText()).toContain('Sign in');
    await page.locator('#username').fill('test-admin');
    await page.locator('#password').fill('pw-test-admin-secret');
    await page.locator('#signin button').click();
    await expect.poll(() => page.locator('#who').innerText()).toContain('test-admin');
    await expect.poll(() => page.locator('#docs').innerText(), { timeout: 10_000 }).toContain('allGrids');
    await page.locator('#run').click();
    await expect.poll(() => page.locator('#result').innerText(), { timeout: 10_000 }).toContain('_allCountiesMeta');
    await page.screenshot({ path: outputPath('ide.png') });
    expect(external).toEqual([]);
  });
});
