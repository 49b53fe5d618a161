import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type TestServer } from '../../../tests/helpers/server';

const SET = `mutation($b: [BaseMapInput!]!, $k: String, $d: String) {
  updateMapSettings(baseMaps: $b, tiandituKey: $k, defaultBaseMap: $d) { tiandituKey defaultBaseMap updatedBy baseMaps { id name kind preset url gcj02 maxZoom attribution } } }`;
const READ =
  '{ mapSettings { tiandituKey defaultBaseMap baseMaps { id kind preset url labelUrl subdomains attribution gcj02 maxZoom } } }';

const TDT = { id: 'tdt-img', name: '天地图影像', kind: 'TIANDITU', preset: 'IMG' };
const XYZ = {
  id: 'gaode',
  name: '高德',
  kind: 'XYZ',
  url: 'https://example.invalid/{z}/{x}/{y}.png',
  attribution: '© 高德',
  gcj02: true,
};

describe('map settings (base maps at run time)', () => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startServer();
    await s.sql(`delete from app_setting where key = 'map_settings'`);
  });
  afterAll(async () => {
    await s.sql(`delete from app_setting where key = 'map_settings'`);
    await s.close();
  });

  it('is offline by default: no base maps, no key', async () => {
    const d = await s.ok<any>(READ);
    expect(d.mapSettings).toEqual({ tiandituKey: null, defaultBaseMap: null, baseMaps: [] });
  });

  it('an administrator stores 天地图 and an XYZ template; signed-in users read them; the change is audited with the key masked', async () => {
    const d = await s.ok<any>(SET, { b: [TDT, XYZ], k: 'abcdef0123456789abcdef0123456789', d: 'tdt-img' });
    expect(d.updateMapSettings.updatedBy).toBe('test-admin');
    const analyst = await s.signIn('settings-analyst', 'ANALYST');
    const r = await s.gql<any>(READ, {}, analyst);
    expect(r.errors).toBeUndefined();
    expect(r.data.mapSettings.tiandituKey).toBe('abcdef0123456789abcdef0123456789');
    expect(r.data.mapSettings.defaultBaseMap).toBe('tdt-img');
    expect(r.data.mapSettings.baseMaps).toEqual([
      {
        id: 'tdt-img',
        kind: 'TIANDITU',
        preset: 'IMG',
        url: null,
        labelUrl: null,
        subdomains: null,
        attribution: null,
        gcj02: false,
        maxZoom: 18,
      },
      {
        id: 'gaode',
        kind: 'XYZ',
        preset: null,
        url: XYZ.url,
        labelUrl: null,
        subdomains: null,
        attribution: '© 高德',
        gcj02: true,
        maxZoom: 18,
      },
    ]);
    const [ev] = await s.sql<any>(
      `select operation, username, after from audit_event where record_type = 'MapSettings' order by id desc limit 1`,
    );
    expect(ev.operation).toBe('UPDATE');
    expect(ev.username).toBe('test-admin');
    expect(ev.after.tiandituKey).toBe('…6789');
    expect(JSON.stringify(ev.after)).not.toContain('abcdef0123456789');
  });

  it('only an administrator may change them', async () => {
    const editor = await s.signIn('settings-editor', 'EDITOR', { countyIds: [1] });
    const r = await s.gql<any>(SET, { b: [] }, editor);
    expect(r.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const analyst = await s.signIn('settings-analyst', 'ANALYST');
    expect((await s.gql<any>(SET, { b: [] }, analyst)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await s.ok<any>(READ)).mapSettings.baseMaps).toHaveLength(2);
  });

  it.each([
    ['a 天地图 base map without the key', [TDT], null, null, 'tiandituKey'],
    ['a 天地图 base map without a preset', [{ ...TDT, preset: null }], 'abcdef0123', null, 'baseMaps.preset'],
    [
      'a template without {z}/{x}/{y}',
      [{ ...XYZ, url: 'https://example.invalid/tiles.png' }],
      null,
      null,
      'baseMaps.url',
    ],
    ['a javascript: URL', [{ ...XYZ, url: 'javascript:alert(1)//{z}{x}{y}' }], null, null, 'baseMaps.url'],
    ['a template without attribution', [{ ...XYZ, attribution: ' ' }], null, null, 'baseMaps.attribution'],
    ['two base maps with one id', [XYZ, XYZ], null, null, 'baseMaps.id'],
    ['a default that is not in the list', [XYZ], null, 'nope', 'defaultBaseMap'],
    ['a key with odd characters', [], 'abc def 123', null, 'tiandituKey'],
  ])('refuses %s whole and writes nothing', async (_what, b, k, d, field) => {
    const before = await s.ok<any>(READ);
    const events = (await s.sql<any>(`select count(*)::int as n from audit_event where record_type = 'MapSettings'`))[0]
      .n;
    const r = await s.gql<any>(SET, { b, k, d });
    expect(r.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(r.errors?.[0]?.extensions?.field).toBe(field);
    expect(await s.ok<any>(READ)).toEqual(before);
    expect(
      (await s.sql<any>(`select count(*)::int as n from audit_event where record_type = 'MapSettings'`))[0].n,
    ).toBe(events);
  });
});

describe('suggestGridCode: village code + 3 digits', () => {
  let s: TestServer;
  let villageId: string;
  beforeAll(async () => {
    s = await startServer();
    const box = (x0: number, y0: number, x1: number, y1: number) => ({
      type: 'Polygon',
      coordinates: [
        [
          [x0, y0],
          [x1, y0],
          [x1, y1],
          [x0, y1],
          [x0, y0],
        ],
      ],
    });
    const c = await s.ok<any>(
      'mutation($g: GeoJSON) { createCounty(code: "649901", name: "码县", geometry: $g) { id } }',
      { g: box(106, 37.5, 106.1, 37.6) },
    );
    const t = await s.ok<any>(
      'mutation($c: ID!, $g: GeoJSON) { createTownship(code: "649901001", name: "码镇", countyId: $c, geometry: $g) { id } }',
      { c: c.createCounty.id, g: box(106, 37.5, 106.1, 37.6) },
    );
    const v = await s.ok<any>(
      'mutation($t: ID!, $g: GeoJSON) { createVillage(code: "649901001201", name: "码村", townshipId: $t, geometry: $g) { id } }',
      { t: t.createTownship.id, g: box(106, 37.5, 106.1, 37.6) },
    );
    villageId = v.createVillage.id;
  });
  afterAll(async () => {
    await s.sql(`delete from grid where village_id = ?`, [Number(villageId)]);
    await s
      .sql(`delete from coverage_finding where village_id in (select id from village where code like '6499010012%')`)
      .catch(() => undefined);
    await s
      .sql(`delete from coverage_unit where village_id in (select id from village where code like '6499010012%')`)
      .catch(() => undefined);
    await s.sql(`delete from village where code = '649901001201'`);
    await s.sql(`delete from township where code = '649901001'`);
    await s.sql(`delete from county where code = '649901'`);
    await s.close();
  });
  const suggest = async () =>
    (await s.ok<any>('query($v: ID!) { suggestGridCode(villageId: $v) }', { v: villageId })).suggestGridCode;

  it('starts at 001 and follows the highest sequence used; the code stays unique', async () => {
    expect(await suggest()).toBe('649901001201001');
    const box = (x0: number) => ({
      type: 'Polygon',
      coordinates: [
        [
          [x0, 37.5],
          [x0 + 0.01, 37.5],
          [x0 + 0.01, 37.51],
          [x0, 37.51],
          [x0, 37.5],
        ],
      ],
    });
    const create = (code: string, x0: number) =>
      s.gql<any>(
        'mutation($v: ID!, $c: String, $g: GeoJSON!) { createGrid(villageId: $v, name: "码格", code: $c, geometry: $g) { id code } }',
        { v: villageId, c: code, g: box(x0) },
      );
    expect((await create('649901001201001', 106)).errors).toBeUndefined();
    expect((await create('649901001201007', 106.02)).errors).toBeUndefined();
    expect((await create('649901001201A12', 106.04)).errors).toBeUndefined(); // not a 3-digit sequence: ignored
    expect(await suggest()).toBe('649901001201008');
    const dup = await create('649901001201007', 106.06);
    expect(dup.errors?.[0]?.extensions?.code).toBe('CONFLICT');
  });

  it('gridsBesideGap lists only the grids that share an edge with the gap; createGridFromGap builds the party unit on the new grid', async () => {
    const box = (x0: number, y0: number, x1: number, y1: number) => ({
      type: 'Polygon',
      coordinates: [
        [
          [x0, y0],
          [x1, y0],
          [x1, y1],
          [x0, y1],
          [x0, y0],
        ],
      ],
    });
    const t = (await s.ok<any>('{ allTownships(filter: { q: "码镇" }) { id } }')).allTownships[0].id;
    const v = (
      await s.ok<any>(
        'mutation($t: ID!, $g: GeoJSON) { createVillage(code: "649901001202", name: "隙村", townshipId: $t, geometry: $g) { id } }',
        { t, g: box(106.0, 37.5, 106.1, 37.6) },
      )
    ).createVillage.id;
    const mk = async (name: string, g: object) =>
      (
        await s.ok<any>(
          'mutation($v: ID!, $n: String!, $g: GeoJSON!) { createGrid(villageId: $v, name: $n, geometry: $g) { id } }',
          { v, n: name, g },
        )
      ).createGrid.id as string;
    const l1 = await mk('L1', box(106.0, 37.5, 106.015, 37.6));
    const l2 = await mk('L2', box(106.015, 37.5, 106.03, 37.6));
    const c = await mk('C', box(106.03, 37.5, 106.06, 37.55));
    const r = await mk('R', box(106.06, 37.5, 106.1, 37.6));
    const beside = (
      await s.ok<any>('query($v: ID!) { gridsBesideGap(villageId: $v, lng: 106.045, lat: 37.575) { id name } }', { v })
    ).gridsBesideGap;
    expect(beside.map((g: any) => g.id).sort()).toEqual([l2, c, r].sort());
    expect(beside.map((g: any) => g.id)).not.toContain(l1);
    expect(
      (await s.ok<any>('query($v: ID!) { gridsBesideGap(villageId: $v, lng: 106.01, lat: 37.55) { id } }', { v }))
        .gridsBesideGap,
    ).toEqual([]);
    const party = (
      await s.ok<any>(
        'mutation($v: ID) { createPartyUnit(name: "隙村网格党小组", villageId: $v, kind: GRID, level: GROUP) { id } }',
        { v },
      )
    ).createPartyUnit.id;
    const made = (
      await s.ok<any>(
        'mutation($v: ID!, $p: ID) { createGridFromGap(villageId: $v, point: [106.045, 37.575], name: "隙村补格", partyUnitId: $p) { id partyUnit { id } } }',
        { v, p: party },
      )
    ).createGridFromGap;
    expect(made.partyUnit).toEqual({ id: party });
    await s.sql('delete from party_unit where id = ?', [Number(party)]);
    await s.sql('delete from grid where village_id = ?', [Number(v)]);
    await s.sql('delete from coverage_finding where village_id = ?', [Number(v)]).catch(() => undefined);
    await s.sql('delete from coverage_unit where village_id = ?', [Number(v)]).catch(() => undefined);
    await s.sql('delete from village where id = ?', [Number(v)]);
  });

  it('refuses a bad id and says which village does not exist', async () => {
    expect((await s.gql<any>('{ suggestGridCode(villageId: "x") }')).errors?.[0]?.extensions?.code).toBe(
      'BAD_USER_INPUT',
    );
    expect((await s.gql<any>('{ suggestGridCode(villageId: "999999") }')).errors?.[0]?.extensions?.code).toBe(
      'NOT_FOUND',
    );
  });
});

describe('villages sorted and filtered by coverage', () => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startServer();
  });
  afterAll(async () => s.close());

  it('sorts by covered share and uncovered area (worst first), filters the units not fully covered', async () => {
    const rows = (
      await s.ok<any>(
        '{ allVillages(perPage: 1000, sortField: "coverage.coveredShare", sortOrder: "ASC") { id coverage { coveredShare } } }',
      )
    ).allVillages;
    const shares = rows.map((r: any) => r.coverage?.coveredShare).filter((x: any) => x !== null && x !== undefined);
    expect(shares).toEqual([...shares].sort((a: number, b: number) => a - b));
    const byGap = (
      await s.ok<any>(
        '{ allVillages(perPage: 1000, sortField: "coverage.uncoveredM2", sortOrder: "DESC") { coverage { uncoveredM2 } } }',
      )
    ).allVillages
      .map((r: any) => r.coverage?.uncoveredM2)
      .filter((x: any) => x !== null && x !== undefined);
    expect(byGap).toEqual([...byGap].sort((a: number, b: number) => b - a));
    const partial = (
      await s.ok<any>('{ allVillages(perPage: 1000, filter: { notFullyCovered: true }) { coverage { coveredShare } } }')
    ).allVillages;
    for (const r of partial) expect(r.coverage.coveredShare).toBeLessThan(1);
    const [{ n }] = await s.sql<any>('select count(*)::int as n from coverage_unit where covered_share < 1');
    expect(partial).toHaveLength(n);
    expect(
      (await s.ok<any>('{ allVillages(perPage: 5, sortField: "areaM2", sortOrder: "DESC") { id } }')).allVillages
        .length,
    ).toBeLessThanOrEqual(5);
  });
});
