import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type TestServer } from '../helpers/server';
import {
  ADMIN_DIST,
  ensureAdminBuild,
  hasChromium,
  launch,
  outputPath,
  signIn,
  resetData,
  type Browser,
} from './browser';
import { seedFixture, type Fixture } from './fixture';

/**
 * Issue 7 in the admin, in headless chromium against the real server: role-aware
 * buttons and menus, users and API keys, changing one's password, the History tab
 * with a grid restore, and an unsaved form kept across the end of a session.
 */
describe.skipIf(!hasChromium)('accounts, roles and history in the admin', () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  let fx: Fixture;
  /** A grid of Litong (the first county) and one of Tongxin (the fourth). */
  let litongGrid: { id: string; name: string; households: number | null };
  let tongxinGrid: { id: string; name: string };
  const pageErrors: string[] = [];

  const gridsOf = async (countyId: string) =>
    (
      await server.ok<{ allGrids: { id: string; name: string; households: number | null }[] }>(
        'query($c: ID) { allGrids(filter: { countyId: $c }, perPage: 50, sortField: "code") { id name households } }',
        { c: countyId },
      )
    ).allGrids;

  /** Signs out (forgets the session) and signs in as someone else. */
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
    fx = await seedFixture((q, v) => server.ok(q, v));
    litongGrid = (await gridsOf(fx.counties[0]!.id))[0]!;
    tongxinGrid = (await gridsOf(fx.counties[3]!.id))[0]!;
    await server.signIn('analyst-li', 'ANALYST');
    await server.signIn('editor-litong', 'EDITOR', { countyIds: [Number(fx.counties[0]!.id)] });
    browser = await launch();
    page = await browser.context.newPage();
    page.on('pageerror', (e) => pageErrors.push(String(e)));
  }, 240_000);

  afterEach(async (ctx) => {
    if (ctx.task.result?.state === 'fail')
      await page
        ?.screenshot({
          path: outputPath(`accounts-failed-${ctx.task.name.slice(0, 40).replace(/[^a-z0-9]+/gi, '-')}.png`),
        })
        .catch(() => undefined);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('the login page, in Chinese', async () => {
    await page.goto(`${server.base}/login`);
    await page.locator('input[name="username"]').waitFor();
    await page.waitForTimeout(300);
    await page.screenshot({ path: outputPath('accounts-login-zh.png') });
  });

  it('an analyst sees no create, edit or delete buttons, no edit route and no admin menus', async () => {
    await signInAs('analyst-li');
    await expect.poll(() => page.getByTestId('whoami').innerText(), { timeout: 10_000 }).toContain('分析员');

    await page.goto(`${server.base}/grids`);
    await page.getByText(litongGrid.name, { exact: true }).first().waitFor({ timeout: 20_000 });
    await page.waitForTimeout(800); // access checks answered
    expect(await page.locator('a[href="/grids/create"]').count()).toBe(0);
    expect(await page.getByRole('menuitem', { name: '用户', exact: true }).count()).toBe(0);
    expect(await page.getByRole('menuitem', { name: 'API 密钥' }).count()).toBe(0);
    expect(await page.getByRole('menuitem', { name: '网格', exact: true }).isVisible()).toBe(true);
    await page.screenshot({ path: outputPath('roles-analyst-grids.png') });

    await page.goto(`${server.base}/grids/${litongGrid.id}/show`);
    await page.getByText(litongGrid.name, { exact: true }).first().waitFor({ timeout: 20_000 });
    await page.waitForTimeout(800);
    expect(await page.locator(`a[href="/grids/${litongGrid.id}"]`).count()).toBe(0);
    expect(await page.getByRole('button', { name: '删除' }).count()).toBe(0);
    // The History tab is there for readers too.
    expect(await page.getByRole('tab', { name: '修改记录' }).isVisible()).toBe(true);
    await page.screenshot({ path: outputPath('roles-analyst-show.png') });

    // The edit route itself is refused, and the admin's lists too.
    await page.goto(`${server.base}/grids/${litongGrid.id}`);
    await page.waitForURL(/access-denied/, { timeout: 10_000 });
    await page.goto(`${server.base}/users`);
    await page.waitForURL(/access-denied/, { timeout: 10_000 });

    // The map has no drawing tools for a reader.
    await page.goto(`${server.base}/map`);
    await page.waitForFunction(() => Boolean((window as any).__wzMapReady), undefined, { timeout: 30_000 });
    expect(await page.getByTestId('draw-tools').count()).toBe(0);
  });

  it('an editor sees the buttons; a write outside its scope shows the FORBIDDEN message', async () => {
    await signInAs('editor-litong');
    await expect.poll(() => page.getByTestId('whoami').innerText(), { timeout: 10_000 }).toContain('编辑');
    await page.goto(`${server.base}/grids`);
    await page.locator('a[href="/grids/create"]').waitFor({ timeout: 20_000 });
    expect(await page.getByRole('menuitem', { name: '用户', exact: true }).count()).toBe(0);

    await page.goto(`${server.base}/grids/${litongGrid.id}/show`);
    await page.locator(`a[href="/grids/${litongGrid.id}"]`).first().waitFor({ timeout: 20_000 });
    // Counties are the administrators' business: no edit button there.
    await page.goto(`${server.base}/counties/${fx.counties[0]!.id}/show`);
    await page.getByText(fx.counties[0]!.name, { exact: true }).first().waitFor({ timeout: 20_000 });
    await page.waitForTimeout(800);
    expect(await page.locator(`a[href="/counties/${fx.counties[0]!.id}"]`).count()).toBe(0);

    // A Tongxin grid: the button is there (the scope is the server's), the save is refused.
    await page.goto(`${server.base}/grids/${tongxinGrid.id}`);
    const name = page.locator('input[name="name"]');
    await name.waitFor({ timeout: 20_000 });
    await expect.poll(() => name.inputValue()).toBe(tongxinGrid.name);
    await name.fill(`${tongxinGrid.name}（越权）`);
    await page.getByRole('button', { name: '保存' }).click();
    const alert = page.locator('.MuiSnackbar-root, [role="alert"]').filter({ hasText: '不允许' });
    await alert.first().waitFor({ timeout: 10_000 });
    // The server's reason, in Chinese (issue 13).
    expect(await alert.first().innerText()).toContain('此记录不在您可编辑的县区、乡镇范围内');
    await page.screenshot({ path: outputPath('roles-editor-forbidden.png') });
    const after = await server.ok<{ Grid: { name: string } }>('query($id: ID!) { Grid(id: $id) { name } }', {
      id: tongxinGrid.id,
    });
    expect(after.Grid.name).toBe(tongxinGrid.name);
  });

  it('an administrator creates a user with a scope', async () => {
    await signInAs('test-admin', 'pw-test-admin-secret');
    await expect.poll(() => page.getByTestId('whoami').innerText(), { timeout: 10_000 }).toContain('管理员');
    expect(await page.getByRole('menuitem', { name: '用户', exact: true }).isVisible()).toBe(true);
    await page.goto(`${server.base}/users/create`);
    await page.locator('input[name="username"]').fill('editor-new');
    await page.locator('input[name="displayName"]').fill('新编辑');
    await page.locator('input[name="password"]').fill('pw-editor-new-secret');
    await page.getByRole('combobox', { name: '角色' }).click();
    await page.getByRole('option', { name: '编辑' }).click();
    const counties = page.getByRole('combobox', { name: /县区/ });
    await counties.click();
    await counties.fill(fx.counties[0]!.name.slice(0, 2));
    await page.getByRole('option', { name: fx.counties[0]!.name }).click();
    await page.getByRole('button', { name: '保存' }).click();
    await page.waitForURL(/\/users$/, { timeout: 10_000 });
    await page.getByText('editor-new').waitFor({ timeout: 10_000 });
    await page.waitForTimeout(500);
    await page.screenshot({ path: outputPath('users-list.png') });
    const made = await server.ok<{
      allUsers: { username: string; role: string; countyIds: string[]; active: boolean }[];
    }>('{ allUsers(filter: { q: "editor-new" }) { username role countyIds active } }');
    expect(made.allUsers).toEqual([
      { username: 'editor-new', role: 'EDITOR', countyIds: [fx.counties[0]!.id], active: true },
    ]);
    // The new account signs in with its password.
    const login = await server.gql(
      'mutation { login(username: "editor-new", password: "pw-editor-new-secret") { user { role } } }',
      {},
      {},
    );
    expect(login.data?.login.user.role).toBe('EDITOR');
  });

  it('an administrator creates an API key (shown once, copyable), then revokes it', async () => {
    await page.goto(`${server.base}/keys/create`);
    await page.locator('input[name="name"]').fill('城市报表服务');
    await page.locator('input[name="coverageOnly"]').check();
    await page.getByRole('button', { name: '保存' }).click();
    const field = page.getByTestId('new-api-key').locator('input');
    await field.waitFor({ timeout: 10_000 });
    const key = await field.inputValue();
    expect(key.length).toBeGreaterThan(20);
    expect(await page.getByTestId('api-key-dialog').innerText()).toContain('不再显示');
    await page.getByTestId('copy-api-key').click();
    await page.getByText('已复制到剪贴板').first().waitFor({ timeout: 5_000 });
    await page.screenshot({ path: outputPath('api-key-created.png') });

    // The key works (coverage only).
    const asService = { authorization: `ApiKey ${key}` };
    const ok = await server.gql('{ gridAt(lat: 37.9, lng: 105.96) { id } }', {}, asService);
    expect(ok.errors).toBeUndefined();

    await page.getByTestId('api-key-done').click();
    await page.waitForURL(/\/keys$/, { timeout: 10_000 });
    const row = page.locator('tr', { hasText: '城市报表服务' });
    await row.waitFor({ timeout: 10_000 });
    expect(await row.getByTestId('key-status').innerText()).toBe('有效');
    // Shown once: nowhere in the list.
    expect(await page.content()).not.toContain(key);

    await row.getByTestId('revoke-key').click();
    await page.getByRole('dialog').getByRole('button', { name: '吊销' }).click();
    await expect.poll(() => row.getByTestId('key-status').innerText(), { timeout: 10_000 }).toBe('已吊销');
    await page.screenshot({ path: outputPath('api-keys-revoked.png') });
    const refused = await server.gql('{ gridAt(lat: 37.9, lng: 105.96) { id } }', {}, asService);
    expect(refused.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('the History tab shows an update made in the admin, and an administrator restores the previous version', async () => {
    const before = await server.ok<{ Grid: { name: string; households: number | null } }>(
      'query($id: ID!) { Grid(id: $id) { name households } }',
      { id: litongGrid.id },
    );
    await page.goto(`${server.base}/grids/${litongGrid.id}`);
    const name = page.locator('input[name="name"]');
    await name.waitFor({ timeout: 20_000 });
    await expect.poll(() => name.inputValue()).toBe(before.Grid.name);
    await name.fill(`${before.Grid.name}（改）`);
    await page.locator('input[name="households"]').fill('777');
    await page.getByRole('button', { name: '保存' }).click();
    await expect
      .poll(
        async () =>
          (
            await server.ok<{ Grid: { households: number } }>('query($id: ID!) { Grid(id: $id) { households } }', {
              id: litongGrid.id,
            })
          ).Grid.households,
        { timeout: 10_000 },
      )
      .toBe(777);

    await page.goto(`${server.base}/grids/${litongGrid.id}/show`);
    await page.getByRole('tab', { name: '修改记录' }).click();
    await page.waitForURL(/\/show\/history$/);
    const newest = page.getByTestId('history-event').first();
    await newest.waitFor({ timeout: 10_000 });
    expect(await newest.getAttribute('data-operation')).toBe('update');
    expect(await newest.getByTestId('history-who').innerText()).toContain('test-admin');
    const nameRow = newest.locator('tr[data-field="name"]');
    expect(await nameRow.getByTestId('history-before').innerText()).toBe(before.Grid.name);
    expect(await nameRow.getByTestId('history-after').innerText()).toBe(`${before.Grid.name}（改）`);
    expect(await newest.locator('tr[data-field="households"]').getByTestId('history-after').innerText()).toBe('777');
    await page.screenshot({ path: outputPath('history-grid.png') });

    await newest.getByTestId('restore-before').click();
    await page.getByRole('dialog').getByRole('button', { name: '恢复' }).click();
    await expect
      .poll(
        async () =>
          (
            await server.ok<{ Grid: { name: string; households: number | null } }>(
              'query($id: ID!) { Grid(id: $id) { name households } }',
              { id: litongGrid.id },
            )
          ).Grid,
        { timeout: 10_000 },
      )
      .toEqual(before.Grid);
    // The restore is itself recorded, and the page refreshed.
    await expect
      .poll(() => page.getByTestId('history-event').first().getAttribute('data-operation'), { timeout: 10_000 })
      .toBe('restore');
    await page.waitForTimeout(400);
    await page.screenshot({ path: outputPath('history-grid-restored.png') });
  });

  it('a 401 while editing returns to the login page and the unsaved form comes back after signing in', async () => {
    const grid = (await gridsOf(fx.counties[1]!.id))[0]!;
    await page.goto(`${server.base}/grids/${grid.id}`);
    const name = page.locator('input[name="name"]');
    await name.waitFor({ timeout: 20_000 });
    await expect.poll(() => name.inputValue()).toBe(grid.name);
    await name.fill(`${grid.name}（未保存）`);
    await page.locator('input[name="households"]').fill('4321');
    // The server stops accepting the token (as when it has expired or the password changed elsewhere).
    await page.evaluate(() => localStorage.setItem('wz.token', 'not-a-valid-token'));
    await page.getByRole('button', { name: '保存' }).click();
    await page.waitForURL(/\/login/, { timeout: 10_000 });

    await page.locator('input[name="username"]').fill('test-admin');
    await page.locator('input[name="password"]').fill('pw-test-admin-secret');
    await page.locator('button[type="submit"]').click();
    await page.waitForURL(new RegExp(`/grids/${grid.id}$`), { timeout: 20_000 });
    await page.getByTestId('draft-restored').waitFor({ timeout: 10_000 });
    await expect.poll(() => page.locator('input[name="name"]').inputValue()).toBe(`${grid.name}（未保存）`);
    expect(await page.locator('input[name="households"]').inputValue()).toBe('4321');
    await page.screenshot({ path: outputPath('session-draft-restored.png') });
    // Nothing was written meanwhile; saving now writes it and drops the draft.
    expect(
      (await server.ok<{ Grid: { name: string } }>('query($id: ID!) { Grid(id: $id) { name } }', { id: grid.id })).Grid
        .name,
    ).toBe(grid.name);
    await page.getByRole('button', { name: '保存' }).click();
    await expect
      .poll(
        async () =>
          (await server.ok<{ Grid: { name: string } }>('query($id: ID!) { Grid(id: $id) { name } }', { id: grid.id }))
            .Grid.name,
        { timeout: 10_000 },
      )
      .toBe(`${grid.name}（未保存）`);
    await page.waitForURL((u) => !u.pathname.endsWith(`/grids/${grid.id}`), { timeout: 10_000 });
    expect(
      await page.evaluate(
        (id) => Object.keys(localStorage).filter((k) => k.startsWith('wz.draft:') && k.endsWith(`/grids/${id}`)),
        grid.id,
      ),
    ).toEqual([]);
  });

  it('an expired token, with no request, also returns to the login page keeping the form', async () => {
    const worker = (
      await server.ok<{ allGridWorkers: { id: string; name: string }[] }>(
        '{ allGridWorkers(perPage: 1, sortField: "name") { id name } }',
      )
    ).allGridWorkers[0]!;
    await page.goto(`${server.base}/grid-workers/${worker.id}`);
    const name = page.locator('input[name="name"]');
    await name.waitFor({ timeout: 20_000 });
    await expect.poll(() => name.inputValue()).toBe(worker.name);
    await name.fill(`${worker.name}乙`);
    await page.locator('input[name="phone"]').fill('13900000000');
    // The token's lifetime ends (the session's expiry is in the past), then the tab is looked at again.
    await page.evaluate(() => {
      const u = JSON.parse(localStorage.getItem('wz.user')!);
      localStorage.setItem('wz.user', JSON.stringify({ ...u, expiresAt: new Date(Date.now() - 1000).toISOString() }));
      document.dispatchEvent(new Event('visibilitychange'));
    });
    await page.waitForURL(/\/login/, { timeout: 10_000 });
    await page.locator('input[name="username"]').fill('test-admin');
    await page.locator('input[name="password"]').fill('pw-test-admin-secret');
    await page.locator('button[type="submit"]').click();
    await page.waitForURL(new RegExp(`/grid-workers/${worker.id}$`), { timeout: 20_000 });
    await page.getByTestId('draft-restored').waitFor({ timeout: 10_000 });
    await expect.poll(() => page.locator('input[name="name"]').inputValue()).toBe(`${worker.name}乙`);
    expect(await page.locator('input[name="phone"]').inputValue()).toBe('13900000000');
    // Discarding puts the record's values back and forgets the draft.
    await page.getByTestId('draft-restored').getByRole('button').click();
    await expect.poll(() => page.locator('input[name="name"]').inputValue()).toBe(worker.name);
    await page.getByRole('menuitem', { name: '首页' }).click();
    await page.getByTestId('dashboard').waitFor({ timeout: 10_000 });
    expect(
      await page.evaluate(
        (id) => Object.keys(localStorage).filter((k) => k.startsWith('wz.draft:') && k.endsWith(`/grid-workers/${id}`)),
        worker.id,
      ),
    ).toEqual([]);
  });

  it('a user changes their own password from the user menu and stays signed in', async () => {
    await server.signIn('analyst-pw', 'ANALYST');
    await signInAs('analyst-pw');
    await page.getByRole('button', { name: '个人资料' }).click();
    await page.getByTestId('menu-change-password').click();
    await page.waitForURL(/\/account\/password$/);
    await page.locator('input[name="oldPassword"]').fill('wrong-old-password');
    await page.locator('input[name="newPassword"]').fill('a-new-password-1');
    await page.locator('input[name="repeatPassword"]').fill('a-new-password-1');
    await page.getByRole('button', { name: '修改密码' }).click();
    await page.getByTestId('change-password-error').waitFor({ timeout: 10_000 });
    expect(await page.getByTestId('change-password-error').innerText()).toContain('当前密码不正确');
    expect(page.url()).toMatch(/\/account\/password$/); // still signed in

    await page.locator('input[name="oldPassword"]').fill('pw-analyst-pw-secret');
    await page.getByRole('button', { name: '修改密码' }).click();
    await page.waitForURL((u) => u.pathname === '/', { timeout: 10_000 });
    await page.getByTestId('dashboard').waitFor({ timeout: 10_000 });
    const login = await server.gql(
      'mutation { login(username: "analyst-pw", password: "a-new-password-1") { token } }',
      {},
      {},
    );
    expect(login.errors).toBeUndefined();

    // Sign out from the user menu.
    await page.getByRole('button', { name: '个人资料' }).click();
    await page.getByRole('menuitem', { name: '退出' }).click();
    await page.waitForURL(/\/login/, { timeout: 10_000 });
    expect(await page.evaluate(() => localStorage.getItem('wz.token'))).toBeNull();
  });

  it('the whole change history (administrators) filters by record type and expands to the diff', async () => {
    await signInAs('test-admin', 'pw-test-admin-secret');
    await page.getByRole('menuitem', { name: '修改记录' }).click();
    await page.waitForURL(/\/audit-events/);
    await page.getByRole('combobox', { name: '记录类型' }).click();
    await page.getByRole('option', { name: '网格', exact: true }).click();
    await page.waitForURL(/recordType/);
    // Only grid events are left.
    await expect
      .poll(
        async () =>
          (await page.locator('tbody tr td:last-child').allInnerTexts())
            .filter((t) => t.trim())
            .every((t) => t.startsWith('网格 ·')),
        { timeout: 10_000 },
      )
      .toBe(true);
    const row = page.locator('tbody tr', { hasText: '恢复' }).first();
    await row.waitFor({ timeout: 10_000 });
    expect(await row.innerText()).toContain('test-admin');
    await row.click();
    await page.getByTestId('history-diff').first().waitFor({ timeout: 10_000 });
    expect(await page.getByTestId('history-diff').first().innerText()).toContain('777');
    await page.screenshot({ path: outputPath('history-all.png') });
  });

  it('the History tab and the users page in English', async () => {
    await page.goto(`${server.base}/grids/${litongGrid.id}/show/history`);
    await page.getByTestId('history-event').first().waitFor({ timeout: 20_000 });
    await page
      .getByRole('button', { name: /语言|Language|中文/ })
      .first()
      .click();
    await page.getByRole('menuitem', { name: 'English' }).click();
    await page.getByRole('tab', { name: 'History' }).waitFor({ timeout: 10_000 });
    expect(await page.getByTestId('history-event').first().innerText()).toContain('Restored');
    await page.screenshot({ path: outputPath('history-grid-en.png') });
    await page.goto(`${server.base}/users`);
    await page.getByText('editor-new').waitFor({ timeout: 10_000 });
    expect(await page.getByRole('menuitem', { name: 'API keys' }).isVisible()).toBe(true);
    await page.screenshot({ path: outputPath('users-list-en.png') });
    // Back to Chinese for whoever uses this profile next.
    await page
      .getByRole('button', { name: /Language|English/ })
      .first()
      .click();
    await page.getByRole('menuitem', { name: '中文' }).click();
  });

  it('raised no uncaught errors in the page', () => {
    expect(pageErrors).toEqual([]);
  });
});
