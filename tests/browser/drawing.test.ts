import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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

type LngLat = [number, number];

/**
 * Issue 6 in a real browser: every edit is made with the mouse on the map (the API is only
 * used to find where to click and to check the result afterwards).
 */
describe.skipIf(!hasChromium)('drawing grids on the map (headless chromium)', () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  let fx: Fixture;
  const pageErrors: string[] = [];
  const dialogs: string[] = [];
  let dialogAnswer: 'accept' | 'dismiss' = 'accept';

  beforeAll(async () => {
    ensureAdminBuild();
    server = await startServer({ ADMIN_DIST });
    await resetData(server);
    fx = await seedFixture((q, v) => server.ok(q, v));
    browser = await launch();
    page = await browser.context.newPage();
    page.on('pageerror', (e) => pageErrors.push(String(e)));
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void (dialogAnswer === 'accept' ? d.accept() : d.dismiss());
    });
    await signIn(page, server.base);
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  // ---- helpers -------------------------------------------------------------------------------
  async function openMap(center: LngLat, z = 14) {
    await page.goto(`${server.base}/map?lat=${center[1]}&lng=${center[0]}&z=${z}`);
    await page.waitForFunction(() => Boolean(window.__wzMapReady), undefined, { timeout: 30_000 });
    // The layer switcher off: more map to click on (and to see in the screenshots).
    if (await page.getByTestId('legend-coverage').isVisible())
      await page.getByRole('button', { name: '图层', exact: true }).click();
  }
  /** Page coordinates of a [lng, lat] on the map. */
  async function screen([lng, lat]: LngLat): Promise<{ x: number; y: number }> {
    const p = await page.evaluate(([lng, lat]) => (window as any).__wzMap.map.latLngToContainerPoint([lat, lng]), [
      lng,
      lat,
    ] as LngLat);
    const box = (await page.getByTestId('coverage-map').boundingBox())!;
    return { x: box.x + p.x, y: box.y + p.y };
  }
  async function clickAt(ll: LngLat, modifiers: { shift?: boolean } = {}) {
    const { x, y } = await screen(ll);
    await page.mouse.move(x - 3, y - 3);
    await page.mouse.move(x, y);
    if (modifiers.shift) await page.keyboard.down('Shift');
    await page.mouse.click(x, y);
    if (modifiers.shift) await page.keyboard.up('Shift');
    await page.waitForTimeout(80); // let the next click be a separate click, not a double click
  }
  const drawState = () => page.evaluate(() => window.__wzDraw ?? null);
  async function waitTool(tool: string) {
    await page.waitForFunction((t) => window.__wzDraw?.tool === t && window.__wzDraw?.ready === true, tool, {
      timeout: 20_000,
    });
  }
  async function waitSaved(op: string, after: number): Promise<string[]> {
    await page.waitForFunction(
      ([op, after]) =>
        window.__wzDraw?.state === 'saved' &&
        window.__wzDraw.saved?.op === op &&
        window.__wzDraw.saved.n > (after as number),
      [op, after] as const,
      { timeout: 20_000 },
    );
    return (await drawState())!.saved!.ids;
  }
  const savedCount = async () => (await drawState())?.saved?.n ?? 0;
  /** Waits until the map's layers were reloaded and drawn after a save. */
  async function waitLayer(layer: string, pred: string, arg: unknown) {
    await page.waitForFunction(
      ([layer, pred, arg]) =>
        new Function('ids', 'arg', `return ${pred}`)((window as any).__wzMap.index.get(layer), arg),
      [layer, pred, arg] as const,
      { timeout: 20_000 },
    );
  }
  async function village(id: string) {
    const d = await server.ok<any>(
      `query($id: ID!) { Village(id: $id) { id name geometry coverage { uncoveredM2 coveredShare } grids { id } } }`,
      { id },
    );
    return d.Village;
  }
  const gridCount = async () => (await server.ok<any>('{ _allGridsMeta { count } }'))._allGridsMeta.count as number;
  const grid = async (id: string) =>
    (await server.ok<any>(`query($id: ID!) { Grid(id: $id) { id name areaM2 villageId geometry } }`, { id })).Grid;
  /** The bbox of a unit's rectangle: [x0, y0, x1, y1]. */
  const bbox = (g: any): [number, number, number, number] => {
    const pts: number[][] = g.type === 'Polygon' ? g.coordinates[0] : g.coordinates[0][0];
    const xs = pts.map((p) => p[0]!);
    const ys = pts.map((p) => p[1]!);
    return [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)];
  };
  async function topology(villageId: string) {
    const [row] = await server.sql<{ gap: number; overlap: number }>(
      `select ST_Area(ST_Difference(v.geom, (select ST_Union(geom) from grid where village_id = v.id))::geography) as gap,
              coalesce((select sum(ST_Area(ST_Intersection(a.geom, b.geom)::geography)) from grid a join grid b
                        on a.village_id = v.id and b.village_id = v.id and a.id < b.id and ST_Intersects(a.geom, b.geom)), 0) as overlap
       from village v where v.id = ?`,
      [Number(villageId)],
    );
    return { gap: Number(row!.gap), overlap: Number(row!.overlap) };
  }

  // ---- tests ---------------------------------------------------------------------------------
  it('draws a grid inside a unit by clicking, saves it: it is in the grid list and the uncovered m² drop by its area', async () => {
    // The unit with the first seeded gap (its last grid is missing: the upper-right quarter is uncovered).
    const gap = fx.gapPoints[0]!;
    const unit = fx.villages[1]!;
    const before = await village(unit.id);
    const [x0, y0, x1, y1] = bbox(before.geometry);
    expect(gap[0]).toBeGreaterThan(x0);
    expect(gap[0]).toBeLessThan(x1);
    expect(gap[1]).toBeGreaterThan(y0);
    expect(gap[1]).toBeLessThan(y1);
    const hx = (x1 - x0) / 8;
    const hy = (y1 - y0) / 8;
    const square: LngLat[] = [
      [gap[0] - hx, gap[1] - hy],
      [gap[0] + hx, gap[1] - hy],
      [gap[0] + hx, gap[1] + hy],
      [gap[0] - hx, gap[1] + hy],
    ];
    const countBefore = await gridCount();
    const n = await savedCount();

    await openMap(gap, 14);
    await page.getByTestId('draw-start').click();
    await clickAt(gap); // pick the unit
    await waitTool('draw');
    expect(await page.getByTestId('draw-panel-title').innerText()).toContain(unit.name);
    for (const p of square) await clickAt(p);
    await page.waitForTimeout(150);
    await page.screenshot({ path: outputPath('drawing-draw-open.png') });
    await clickAt(square[0]!); // close the shape on its first vertex
    await page.waitForFunction(() => window.__wzDraw?.state === 'shape', undefined, { timeout: 10_000 });
    expect((await drawState())!.kinks).toBe(0);
    await page.getByTestId('draw-name').fill('测试绘制网格');
    await page.getByTestId('draw-code').fill('DRAW-1');
    await page.getByTestId('draw-households').fill('120');
    // Workers of the same name are told apart: the picker shows the phone (review finding 4).
    const someone = (
      await server.ok('{ allGridWorkers(perPage: 1, sortField: "id", sortOrder: "ASC") { name phone } }')
    ).allGridWorkers[0];
    const workers = page.getByRole('combobox', { name: '网格员', exact: true });
    await workers.fill(someone.name);
    await expect
      .poll(() => page.getByRole('option').allInnerTexts(), { timeout: 10_000 })
      .toContain(`${someone.name} · ${someone.phone}`);
    await workers.fill('');
    await page.keyboard.press('Tab');
    // The party unit to build on the grid, chosen by name.
    const party = (
      await server.ok('{ allPartyUnits(perPage: 1, sortField: "id", filter: { level: GROUP }) { id name } }')
    ).allPartyUnits[0];
    await page.getByTestId('draw-party-unit').locator('input').fill(party.name);
    await page.getByRole('option', { name: party.name }).first().click();
    await page.waitForTimeout(400); // the button's colour transition, for the screenshot
    await page.screenshot({ path: outputPath('drawing-draw-form.png') });
    await page.getByTestId('draw-save').click();
    const [id] = await waitSaved('create', n);
    // The map reloads: the new grid is drawn without a page reload.
    await waitLayer('grids', 'ids.has(arg)', String(id));
    await page.waitForTimeout(300);
    await page.screenshot({ path: outputPath('drawing-draw-saved.png') });

    expect(await gridCount()).toBe(countBefore + 1);
    const created = await grid(id!);
    expect(created.name).toBe('测试绘制网格');
    expect((await server.ok('query($id: ID!) { Grid(id: $id) { partyUnit { id } } }', { id })).Grid.partyUnit).toEqual({
      id: party.id,
    });
    expect(String(created.villageId)).toBe(String(unit.id));
    const after = await village(unit.id);
    const drop = before.coverage.uncoveredM2 - after.coverage.uncoveredM2;
    // The acceptance: the uncovered m² drop by the grid's area (± 1 %).
    console.log(
      `[drawing] grid area ${created.areaM2.toFixed(0)} m², uncovered ${before.coverage.uncoveredM2.toFixed(0)} → ${after.coverage.uncoveredM2.toFixed(0)} m² (drop ${drop.toFixed(0)} m²)`,
    );
    expect(created.areaM2).toBeGreaterThan(100_000);
    expect(Math.abs(drop - created.areaM2) / created.areaM2).toBeLessThan(0.01);
    expect(after.coverage.coveredShare).toBeGreaterThan(before.coverage.coveredShare);

    // In the grid list.
    await page.goto(`${server.base}/grids?filter=${encodeURIComponent(JSON.stringify({ q: '测试绘制' }))}`);
    await expect.poll(() => page.getByText('测试绘制网格').count(), { timeout: 20_000 }).toBeGreaterThan(0);
    await page.screenshot({ path: outputPath('drawing-grid-list.png') });
  });

  it("undo and redo over the server's change ids: draw, delete, two steps back, two steps forward", async () => {
    // A corner of the first gap (the upper-right quarter of unit 1), beside the grid the first test drew in its middle.
    const [x0, y0, x1, y1] = bbox((await village(fx.villages[1]!.id)).geometry);
    const gap: LngLat = [fx.gapPoints[0]![0] + (3 * (x1 - x0)) / 16, fx.gapPoints[0]![1] + (3 * (y1 - y0)) / 16];
    const [hx, hy] = [(x1 - x0) / 40, (y1 - y0) / 40];
    const square: LngLat[] = [
      [gap[0] - hx, gap[1] - hy],
      [gap[0] + hx, gap[1] - hy],
      [gap[0] + hx, gap[1] + hy],
      [gap[0] - hx, gap[1] + hy],
    ];
    const count = await gridCount();
    const exists = async (id: string) =>
      Boolean((await server.ok<any>('query($id: ID!) { Grid(id: $id) { id } }', { id })).Grid);
    const press = async (button: 'draw-undo' | 'draw-redo') => {
      await expect.poll(() => page.getByTestId(button).isEnabled(), { timeout: 20_000 }).toBe(true);
      await page.getByTestId(button).click();
    };

    // 1. Draw a grid.
    await openMap(gap, 15);
    let n = await savedCount();
    await page.getByTestId('draw-start').click();
    await clickAt(gap);
    await waitTool('draw');
    for (const p of square) await clickAt(p);
    await clickAt(square[0]!);
    await page.waitForFunction(() => window.__wzDraw?.state === 'shape', undefined, { timeout: 10_000 });
    await page.getByTestId('draw-name').fill('撤销重做网格');
    await page.getByTestId('draw-save').click();
    const [id] = await waitSaved('create', n);
    await waitLayer('grids', 'ids.has(arg)', String(id));
    const drawn = await grid(id!);
    expect(await gridCount()).toBe(count + 1);

    // 2. Delete it from the side panel.
    await clickAt(gap);
    await expect
      .poll(() => page.getByTestId('map-side-panel-title').innerText(), { timeout: 10_000 })
      .toBe('撤销重做网格');
    await page.getByTestId('action-delete').click();
    n = await savedCount();
    await page.getByTestId('delete-confirm').click();
    await waitSaved('delete', n);
    expect(await exists(id!)).toBe(false);

    // Two steps back: the delete, then the draw (each one revertChange on the server).
    await press('draw-undo');
    await expect.poll(() => exists(id!), { timeout: 20_000 }).toBe(true);
    await waitLayer('grids', 'ids.has(arg)', String(id));
    await page.screenshot({ path: outputPath('drawing-undo.png') });
    await press('draw-undo');
    await expect.poll(() => exists(id!), { timeout: 20_000 }).toBe(false);
    expect(await gridCount()).toBe(count);
    // Two steps forward: the draw (same id, same shape), then the delete.
    await press('draw-redo');
    await expect.poll(() => exists(id!), { timeout: 20_000 }).toBe(true);
    const redrawn = await grid(id!);
    expect(redrawn.geometry).toEqual(drawn.geometry);
    expect(redrawn.name).toBe('撤销重做网格');
    await page.waitForFunction(() => window.__wzDraw?.state === 'redone', undefined, { timeout: 20_000 });
    await press('draw-redo');
    await expect.poll(() => exists(id!), { timeout: 20_000 }).toBe(false);
    expect(await gridCount()).toBe(count);
    expect(await page.getByTestId('draw-redo').isDisabled()).toBe(true);
  });

  it('a self-intersecting shape is refused at once: the crossing vertex is marked and nothing is saved', async () => {
    const g = fx.grids.find((x) => x.villageId === fx.villages[0]!.id)!;
    const [cx, cy] = g.center;
    const d = 0.003;
    const bowTie: LngLat[] = [
      [cx - d, cy - d],
      [cx + d, cy + d],
      [cx + d, cy - d],
      [cx - d, cy + d],
    ];
    const countBefore = await gridCount();
    await openMap(g.center, 14);
    await page.getByTestId('draw-start').click();
    await clickAt(g.center);
    await waitTool('draw');
    for (const p of bowTie) await clickAt(p);
    // Checked at once, before the shape is closed.
    await page.waitForFunction(() => (window.__wzDraw?.kinks ?? 0) > 0, undefined, { timeout: 10_000 });
    await clickAt(bowTie[0]!);
    await page.waitForFunction(() => window.__wzDraw?.state === 'shape', undefined, { timeout: 10_000 });
    await expect.poll(() => page.getByTestId('draw-kinks').isVisible()).toBe(true);
    expect(await page.getByTestId('kink-vertex').count()).toBeGreaterThan(0);
    await page.getByTestId('draw-name').fill('自相交');
    expect(await page.getByTestId('draw-save').isDisabled()).toBe(true);
    await page.screenshot({ path: outputPath('drawing-kinks.png') });
    expect(await gridCount()).toBe(countBefore);
    // Escape (outside a text field) leaves the tool.
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByTestId('draw-panel').count()).toBe(0);
  });

  it('an overlap is refused by the server with the grid named next to the shape; "trim to avoid overlaps" saves it trimmed', async () => {
    // In the first gap's unit: a rectangle across the west edge of the gap, half over the grid west of it.
    const unit = fx.villages[1]!;
    const v = await village(unit.id);
    const [x0, y0, x1, y1] = bbox(v.geometry);
    const dx = (x1 - x0) / 2;
    const dy = (y1 - y0) / 2;
    const ex = x0 + dx; // the gap's west edge
    const rect: LngLat[] = [
      [ex - dx / 6, y0 + 1.08 * dy],
      [ex + dx / 6, y0 + 1.08 * dy],
      [ex + dx / 6, y0 + 1.18 * dy],
      [ex - dx / 6, y0 + 1.18 * dy],
    ];
    const west = fx.grids.find((g) => g.villageId === unit.id && g.center[0] < ex && g.center[1] > y0 + dy)!;
    const countBefore = await gridCount();
    const n = await savedCount();
    await openMap([ex, y0 + 1.13 * dy], 15);
    await page.getByTestId('draw-start').click();
    await clickAt([ex + dx / 12, y0 + 1.13 * dy]);
    await waitTool('draw');
    for (const p of rect) await clickAt(p);
    await clickAt(rect[0]!);
    await page.waitForFunction(() => window.__wzDraw?.state === 'shape', undefined, { timeout: 10_000 });
    await page.getByTestId('draw-name').fill('重叠测试');
    await page.getByTestId('draw-save').click();
    await page.waitForFunction(() => window.__wzDraw?.state === 'error', undefined, { timeout: 10_000 });
    expect(await page.getByTestId('draw-error').innerText()).toContain(west.name);
    await expect.poll(() => page.locator('.wz-draw-error').innerText()).toContain(west.name); // next to the shape
    await page.screenshot({ path: outputPath('drawing-overlap-refused.png') });
    expect(await gridCount()).toBe(countBefore);
    // The way out is in view at 1440×900 without scrolling: inside the window, and nothing over it.
    const trim = (await page.getByTestId('draw-trim').boundingBox())!;
    expect(trim.y + trim.height).toBeLessThanOrEqual(900);
    expect(
      await page.evaluate(
        ([x, y]) => Boolean(document.elementFromPoint(x!, y!)?.closest('[data-testid="draw-trim"]')),
        [trim.x + trim.width / 2, trim.y + trim.height / 2],
      ),
    ).toBe(true);
    // Trimmed by the server: only the part over the gap is kept.
    await page.getByTestId('draw-trim').click();
    const [id] = await waitSaved('create', n);
    const trimmed = await grid(id!);
    const [tx0, , tx1] = bbox(trimmed.geometry);
    expect(tx0).toBeGreaterThanOrEqual(ex - 1e-6);
    expect(tx1).toBeGreaterThan(ex + dx / 8);
    expect((await topology(unit.id)).overlap).toBeLessThan(10);
    expect(await gridCount()).toBe(countBefore + 1);
  });

  it('fills a seeded gap with a new grid: its hatching disappears', async () => {
    // The third gap point: the missing last grid of a unit with no other gap.
    const gap = fx.gapPoints[2]!;
    await openMap(gap, 14);
    const gapId = await page.evaluate(([lng, lat]) => {
      const h = (window as any).__wzMap;
      const pt = h.map.latLngToLayerPoint([lat, lng]);
      for (const [id, path] of h.index.get('uncovered')) if (path._containsPoint(pt)) return id as string;
      return null;
    }, gap);
    expect(gapId).toBeTruthy();
    const villageId = gapId!.replace(/^.*-v/, '');
    const before = await village(villageId);
    expect(before.coverage.uncoveredM2).toBeGreaterThan(1000);
    await clickAt(gap);
    await expect.poll(() => page.getByTestId('map-side-panel-title').innerText(), { timeout: 10_000 }).toBe('覆盖空白');
    await page.screenshot({ path: outputPath('drawing-gap-before.png') });
    const n = await savedCount();
    await page.getByTestId('action-gap_new').click();
    await page.getByTestId('draw-name').fill('补空白网格');
    await page.getByTestId('gap-new-save').click();
    await waitSaved('gap', n);
    await waitLayer('uncovered', '!ids.has(arg)', gapId);
    await waitLayer('grids', 'ids.size > 0', null);
    await page.waitForTimeout(300);
    await page.screenshot({ path: outputPath('drawing-gap-filled.png') });
    const after = await village(villageId);
    expect(after.coverage.uncoveredM2).toBeLessThan(1);
  });

  it('splits a grid along a drawn line and merges it back to its original area (± 0.1 %)', async () => {
    const g = fx.grids.filter((x) => x.villageId === fx.villages[0]!.id)[0]!;
    const original = await grid(g.id);
    const [gx0, gy0, gx1, gy1] = bbox(original.geometry);
    const cy = (gy0 + gy1) / 2;
    const w = gx1 - gx0;
    await openMap([(gx0 + gx1) / 2, cy], 14);
    await clickAt([(gx0 + gx1) / 2, gy0 + (gy1 - gy0) / 4]);
    await expect
      .poll(() => page.getByTestId('map-side-panel-title').innerText(), { timeout: 10_000 })
      .toBe(original.name);
    await page.getByTestId('action-split').click();
    await waitTool('split');
    await clickAt([gx0 - w * 0.25, cy]);
    await clickAt([gx1 + w * 0.25, cy]);
    await page.getByTestId('split-finish').click();
    await page.waitForFunction(() => window.__wzDraw?.state === 'shape', undefined, { timeout: 10_000 });
    await page.getByTestId('split-name').fill('拆分出的网格');
    await page.screenshot({ path: outputPath('drawing-split-line.png') });
    const n = await savedCount();
    await page.getByTestId('split-save').click();
    const [origId, newId] = await waitSaved('split', n);
    expect(origId).toBe(String(g.id));
    await waitLayer('grids', 'ids.has(arg)', String(newId));
    const a = await grid(origId!);
    const b = await grid(newId!);
    expect(Math.abs(a.areaM2 + b.areaM2 - original.areaM2) / original.areaM2).toBeLessThan(0.001);
    expect(a.areaM2).toBeLessThan(original.areaM2 * 0.9);
    await page.waitForTimeout(300);
    await page.screenshot({ path: outputPath('drawing-split.png') });

    // Merge: click the original piece, shift-click the new one (which half the server kept as the original is its choice).
    const centre = (g: any): LngLat => {
      const [a0, b0, a1, b1] = bbox(g.geometry);
      return [(a0 + a1) / 2, (b0 + b1) / 2];
    };
    await clickAt(centre(a));
    await expect
      .poll(() => page.evaluate(() => new URL(location.href).searchParams.get('sel')), { timeout: 10_000 })
      .toBe(`grids:${origId}`);
    await clickAt(centre(b), { shift: true });
    await waitTool('merge');
    await expect.poll(() => page.getByTestId('merge-item').count()).toBe(2);
    await expect.poll(() => page.getByTestId('merge-save').isEnabled()).toBe(true);
    await page.waitForTimeout(400); // the button's colour transition, for the screenshot
    await page.screenshot({ path: outputPath('drawing-merge.png') });
    const m = await savedCount();
    await page.getByTestId('merge-save').click();
    const [mergedId] = await waitSaved('merge', m);
    expect(mergedId).toBe(String(g.id));
    await waitLayer('grids', '!ids.has(arg)', String(newId));
    const merged = await grid(mergedId!);
    console.log(
      `[drawing] split/merge: original ${original.areaM2.toFixed(1)} m², halves ${a.areaM2.toFixed(1)} + ${b.areaM2.toFixed(1)}, merged ${merged.areaM2.toFixed(1)} m²`,
    );
    expect(Math.abs(merged.areaM2 - original.areaM2) / original.areaM2).toBeLessThan(0.001);
    expect(await grid(newId!)).toBeNull();
  });

  it('moves a shared edge: the neighbour follows, no gap or overlap over 1 m²; undo restores it', async () => {
    // A clean unit (no seeded gap or overlap): its top-left and top-right grids share a vertical edge.
    const unit = fx.villages[2]!;
    const v = await village(unit.id);
    const [x0, y0, x1, y1] = bbox(v.geometry);
    const topo0 = await topology(unit.id);
    expect(topo0.gap).toBeLessThan(1);
    expect(topo0.overlap).toBeLessThan(1);
    const grids = fx.grids.filter((x) => x.villageId === unit.id);
    const topLeft = grids.find((x) => x.center[0] < (x0 + x1) / 2 && x.center[1] > (y0 + y1) / 2)!;
    const topRight = grids.find((x) => x.center[0] > (x0 + x1) / 2 && x.center[1] > (y0 + y1) / 2)!;
    const leftBefore = (await grid(topLeft.id)).areaM2;
    const rightBefore = (await grid(topRight.id)).areaM2;
    const mx = (x0 + x1) / 2;
    const edgeMid: LngLat = [mx, y0 + (y1 - y0) * 0.75];

    await openMap(topLeft.center, 14);
    await clickAt(topLeft.center);
    await expect
      .poll(() => page.getByTestId('map-side-panel-title').innerText(), { timeout: 10_000 })
      .toBe(topLeft.name);
    await page.getByTestId('action-edit_boundary').click();
    await waitTool('edit');
    expect(await page.getByTestId('edit-move-shared').isChecked()).toBe(true);
    // Drag the middle marker of the shared (east) edge 60 px east: a new vertex, the edge bends into the neighbour.
    const from = await screen(edgeMid);
    await page.mouse.move(from.x, from.y);
    await page.mouse.down();
    for (let i = 1; i <= 6; i++) await page.mouse.move(from.x + i * 10, from.y + i * 2);
    await page.mouse.up();
    await page.waitForFunction(() => window.__wzDraw?.state === 'shape', undefined, { timeout: 10_000 });
    await page.screenshot({ path: outputPath('drawing-edit-edge.png') });
    const n = await savedCount();
    await page.getByTestId('edit-save').click();
    const changed = await waitSaved('edit', n);
    expect(changed).toContain(String(topLeft.id));
    expect(changed).toContain(String(topRight.id));
    await page.waitForTimeout(500);
    await page.screenshot({ path: outputPath('drawing-edit-saved.png') });
    const leftAfter = (await grid(topLeft.id)).areaM2;
    const rightAfter = (await grid(topRight.id)).areaM2;
    const topo = await topology(unit.id);
    console.log(
      `[drawing] shared edge: left ${leftBefore.toFixed(0)} → ${leftAfter.toFixed(0)} m², right ${rightBefore.toFixed(0)} → ${rightAfter.toFixed(0)} m², gap ${topo.gap.toFixed(3)} m², overlap ${topo.overlap.toFixed(3)} m²`,
    );
    expect(leftAfter).toBeGreaterThan(leftBefore + 1000);
    expect(Math.abs(leftAfter - leftBefore + (rightAfter - rightBefore)) / (leftAfter - leftBefore)).toBeLessThan(
      0.001,
    );
    expect(topo.gap).toBeLessThan(1);
    expect(topo.overlap).toBeLessThan(1);

    // Undo the last saved edit through the API.
    await page.getByTestId('draw-undo').click();
    await page.waitForFunction(() => window.__wzDraw?.state === 'undone', undefined, { timeout: 20_000 });
    console.log(
      `[drawing] undo: left ${(await grid(topLeft.id)).areaM2.toFixed(1)} (was ${leftBefore.toFixed(1)}), right ${(await grid(topRight.id)).areaM2.toFixed(1)} (was ${rightBefore.toFixed(1)}), changed ${changed.join(',')}`,
      await topology(unit.id),
    );
    expect(Math.abs((await grid(topLeft.id)).areaM2 - leftBefore)).toBeLessThan(1);
    expect(Math.abs((await grid(topRight.id)).areaM2 - rightBefore)).toBeLessThan(1);
    const topo2 = await topology(unit.id);
    expect(topo2.gap).toBeLessThan(1);
    expect(topo2.overlap).toBeLessThan(1);
  });

  it('unsaved drawing: leaving the page asks first', async () => {
    const gap = fx.gapPoints[0]!;
    await openMap(gap, 14);
    await page.getByTestId('draw-start').click();
    await clickAt(gap);
    await waitTool('draw');
    const [x, y] = gap;
    await clickAt([x - 0.001, y - 0.001]);
    await clickAt([x + 0.001, y - 0.001]);
    dialogAnswer = 'dismiss';
    const before = dialogs.length;
    await page.getByRole('menuitem', { name: '网格', exact: true }).click();
    await expect.poll(() => dialogs.length).toBe(before + 1);
    expect(dialogs.at(-1)).toContain('尚未保存');
    expect(new URL(page.url()).pathname).toBe('/map');
    dialogAnswer = 'accept';
    await page.getByTestId('draw-cancel').click();
  });

  it('the grid create page draws the boundary on a small map over the unit', async () => {
    const gap = fx.gapPoints[5]!;
    const { allVillages } = await server.ok<any>(
      'query($p: [Float!]) { allVillages(filter: { containsPoint: $p }) { id name } }',
      { p: gap },
    );
    const unit = allVillages[0];
    const before = await village(unit.id);
    await page.goto(`${server.base}/grids/create`);
    await page.locator('input[name="name"]').waitFor({ timeout: 20_000 });
    await page.locator('input[name="name"]').fill('表单绘制网格');
    const villageInput = page.getByRole('combobox', { name: /村\/社区/ });
    await villageInput.click();
    await villageInput.fill(unit.name);
    await page.getByRole('option', { name: unit.name }).first().click();
    await page.waitForFunction(
      () => {
        const m = (window as any).__wzGeometryMap;
        return m && m.getZoom() > 11;
      },
      undefined,
      { timeout: 15_000 },
    );
    await page.getByTestId('geometry-redraw').click();
    const box = (await page.getByTestId('geometry-map').boundingBox())!;
    const d = 0.003;
    const pts: LngLat[] = [
      [gap[0] - d, gap[1] - d],
      [gap[0] + d, gap[1] - d],
      [gap[0] + d, gap[1] + d],
      [gap[0] - d, gap[1] + d],
      [gap[0] - d, gap[1] - d],
    ];
    for (const [lng, lat] of pts) {
      const p = await page.evaluate(
        ([lng, lat]) => (window as any).__wzGeometryMap.latLngToContainerPoint([lat, lng]),
        [lng, lat] as LngLat,
      );
      await page.mouse.move(box.x + p.x - 2, box.y + p.y - 2);
      await page.mouse.click(box.x + p.x, box.y + p.y);
      await page.waitForTimeout(80);
    }
    await expect
      .poll(() => page.locator('[data-testid="geometry-map"] .marker-icon').count(), { timeout: 10_000 })
      .toBeGreaterThanOrEqual(4);
    await page.getByTestId('geometry-map').scrollIntoViewIfNeeded();
    await page.screenshot({ path: outputPath('drawing-record-create.png') });
    const count = await gridCount();
    await page.getByRole('button', { name: '保存' }).click();
    await page.waitForURL(/\/grids\/\d+\/show/, { timeout: 20_000 });
    expect(await gridCount()).toBe(count + 1);
    const id = new URL(page.url()).pathname.split('/')[2]!;
    const created = await grid(id);
    expect(created.name).toBe('表单绘制网格');
    expect(String(created.villageId)).toBe(String(unit.id));
    const after = await village(unit.id);
    expect(
      Math.abs(before.coverage.uncoveredM2 - after.coverage.uncoveredM2 - created.areaM2) / created.areaM2,
    ).toBeLessThan(0.01);

    // Its edit page has the same map input, with the boundary editable.
    await page.goto(`${server.base}/grids/${id}/edit`);
    await expect
      .poll(() => page.locator('[data-testid="geometry-map"] .marker-icon').count(), { timeout: 15_000 })
      .toBeGreaterThanOrEqual(4);
    await page.getByTestId('geometry-map').scrollIntoViewIfNeeded();
    await page.waitForTimeout(300);
    await page.screenshot({ path: outputPath('drawing-record-edit.png') });
  });

  it('extends a neighbouring grid over a gap next to it', async () => {
    // The second gap point: a grid drawn 30 % short leaves a strip of its unit uncovered.
    const gap = fx.gapPoints[1]!;
    await openMap(gap, 14);
    const gapId = await page.evaluate(([lng, lat]) => {
      const h = (window as any).__wzMap;
      const pt = h.map.latLngToLayerPoint([lat, lng]);
      for (const [id, path] of h.index.get('uncovered')) if (path._containsPoint(pt)) return id as string;
      return null;
    }, gap);
    expect(gapId).toBeTruthy();
    const villageId = gapId!.replace(/^.*-v/, '');
    expect((await village(villageId)).coverage.uncoveredM2).toBeGreaterThan(1000);
    await clickAt(gap);
    await expect.poll(() => page.getByTestId('map-side-panel-title').innerText(), { timeout: 10_000 }).toBe('覆盖空白');
    const n = await savedCount();
    await page.getByTestId('action-gap_extend').click();
    await expect
      .poll(() => page.getByTestId('gap-extend-dialog').getByRole('radio').count(), { timeout: 10_000 })
      .toBeGreaterThan(0);
    await page.screenshot({ path: outputPath('drawing-gap-extend.png') });
    await page.getByTestId('gap-extend-save').click();
    const [id] = await waitSaved('extend', n);
    await waitLayer('uncovered', '!ids.has(arg)', gapId);
    const topo = await topology(villageId);
    console.log(
      `[drawing] extend over the gap: uncovered ${(await village(villageId)).coverage.uncoveredM2} m², PostGIS gap ${topo.gap.toFixed(2)} m², overlap ${topo.overlap.toFixed(2)} m²`,
    );
    expect((await village(villageId)).coverage.uncoveredM2).toBeLessThan(1);
    expect(String((await grid(id!)).villageId)).toBe(villageId);
    // The server's extension leaves a sliver overlap along the old edge (about 20 m² on a 2.2 km
    // edge: ~1 cm wide), under its own 10 m²-per-pair refusal scale; reported to the server side.
    expect(topo.overlap).toBeLessThan(50);
  });

  it('deletes a grid after confirmation, and undo brings it back', async () => {
    const g = fx.grids.find((x) => x.villageId === fx.villages[3]!.id)!;
    const before = await grid(g.id);
    const count = await gridCount();
    await openMap(g.center, 14);
    await clickAt(g.center);
    await expect.poll(() => page.getByTestId('map-side-panel-title').innerText(), { timeout: 10_000 }).toBe(g.name);
    await page.getByTestId('action-delete').click();
    await expect.poll(() => page.getByTestId('delete-dialog').innerText()).toContain(g.name);
    const n = await savedCount();
    await page.getByTestId('delete-confirm').click();
    await waitSaved('delete', n);
    await waitLayer('grids', '!ids.has(arg)', String(g.id));
    expect(await gridCount()).toBe(count - 1);
    await page.getByTestId('draw-undo').click();
    await page.waitForFunction(() => window.__wzDraw?.state === 'undone', undefined, { timeout: 20_000 });
    expect(await gridCount()).toBe(count);
    // restoreGrid recreates a deleted grid under a new id, with its geometry and attributes.
    const { allGrids } = await server.ok<any>(
      'query($q: String, $v: ID) { allGrids(filter: { q: $q, villageId: $v }) { id name areaM2 } }',
      { q: g.name, v: g.villageId },
    );
    expect(allGrids).toHaveLength(1);
    expect(Math.abs(allGrids[0].areaM2 - before.areaM2)).toBeLessThan(0.5);
    await waitLayer('grids', 'ids.has(arg)', String(allGrids[0].id));
  });

  it('the drawing tools speak English too', async () => {
    await page.goto(`${server.base}/grids`);
    await expect
      .poll(() => page.getByRole('menuitem', { name: '覆盖地图' }).isVisible(), { timeout: 20_000 })
      .toBe(true);
    await page
      .getByRole('button', { name: /语言|Language|中文/ })
      .first()
      .click();
    await page.getByRole('menuitem', { name: 'English' }).click();
    await expect
      .poll(() => page.getByRole('menuitem', { name: 'Coverage map' }).isVisible(), { timeout: 10_000 })
      .toBe(true);
    const gap = fx.gapPoints[0]!;
    await page.goto(`${server.base}/map?lat=${gap[1]}&lng=${gap[0]}&z=14`);
    await page.waitForFunction(() => Boolean(window.__wzMapReady), undefined, { timeout: 30_000 });
    expect((await page.getByTestId('draw-start').innerText()).toLowerCase()).toContain('draw a grid');
    await page.getByTestId('draw-start').click();
    expect(await page.getByTestId('pick-panel').innerText()).toContain('Click the village or community');
    await clickAt(gap);
    await waitTool('draw');
    expect(await page.getByTestId('draw-panel').innerText()).toContain('Snap distance');
    await page.getByTestId('draw-cancel').click();
  });

  it('had no uncaught page errors', () => {
    expect(pageErrors).toEqual([]);
  });
});
