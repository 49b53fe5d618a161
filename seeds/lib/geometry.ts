/**
 * Boundaries: townships partition their county, units their township, grids
 * their unit. Seeded points (points.ts) → ST_VoronoiPolygons per parent → each
 * cell clipped to the parent with a fixed-precision overlay (grid size 1e-7°),
 * so every output vertex lies on the same 1e-7° grid, shared edges come out
 * identical on both sides, and every geometry is valid. Set-based: one
 * statement per county and level.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { query } from '../../server/src/common/sql';
import type { Plan } from './plan';
import { Poly, round7, scatter, type LngLat } from './points';
import { Rng } from './prng';

/** Approximate seats of the county governments (WGS 84-ish, as the county polygons). */
export const COUNTY_SEATS: Record<string, LngLat> = {
  '640302': [106.199, 37.985], // 利通区, Wuzhong city proper
  '640303': [106.062, 37.425], // 红寺堡区
  '640323': [107.407, 37.784], // 盐池县 花马池镇
  '640324': [105.914, 36.978], // 同心县 豫海镇
  '640381': [106.078, 38.021], // 青铜峡市 裕民街道
};

export const GRID_SIZE = 1e-8;
/**
 * Longest edge (degrees, about 200 m) of any generated boundary. Areas are measured on the
 * spheroid (geography), where a long straight lng/lat edge and the same edge split by a vertex
 * differ by a sliver of up to thousands of m² over tens of km; short edges make that negligible.
 */
export const MAX_EDGE_DEG = 0.002;

interface PointRow {
  parent_id: number;
  child_id: number;
  lng: number;
  lat: number;
}

/** Voronoi cells of the points, per parent, clipped to the parent: `select child_id, geom` rows. */
const CELLS = (parentTable: string) => `
  with pts as (
    select x.parent_id, x.child_id, ST_SetSRID(ST_MakePoint(x.lng, x.lat), 4326) as geom
    from json_to_recordset(?::json) as x(parent_id int, child_id int, lng float8, lat float8)),
  par as (select p.id, p.geom from ${parentTable} p where p.id in (select parent_id from pts)),
  groups as (select parent_id, ST_Collect(geom) as pts, count(*) as n from pts group by parent_id),
  cells as (
    select g.parent_id, d.geom as cell
    from groups g join par on par.id = g.parent_id
    cross join lateral ST_Dump(case when g.n = 1 then ST_Envelope(ST_Expand(par.geom, 0.01))
                                    else ST_VoronoiPolygons(g.pts, 0, ST_Expand(par.geom, 0.01)) end) d),
  clipped as (
    select pts.child_id, ST_Multi(ST_CollectionExtract(ST_Intersection(ST_Segmentize(c.cell, ${MAX_EDGE_DEG}), par.geom, ${GRID_SIZE}), 3)) as geom
    from pts join cells c on c.parent_id = pts.parent_id and ST_Intersects(c.cell, pts.geom)
    join par on par.id = pts.parent_id)
  select child_id, case when ST_IsValid(geom) then geom
                        else ST_Multi(ST_CollectionExtract(ST_MakeValid(geom), 3)) end as geom
  from clipped`;

const ids = async (em: EntityManager, table: string) =>
  new Map(
    (await query<{ id: number; code: string }>(em, `select id, code from ${table}`)).map((r) => [r.code, Number(r.id)]),
  );

async function parents(em: EntityManager, table: string, where: string, params: unknown[]): Promise<Map<string, Poly>> {
  const rows = await query<{ code: string; g: string }>(
    em,
    `select code, ST_AsGeoJSON(geom, 9) as g from ${table} where ${where}`,
    params,
  );
  return new Map(rows.map((r) => [r.code, new Poly(JSON.parse(r.g))]));
}

function row(parentId: number, childId: number, poly: Poly, xy: [number, number]): PointRow {
  const [lng, lat] = poly.toLngLat(xy);
  return { parent_id: parentId, child_id: childId, lng: round7(lng), lat: round7(lat) };
}

/** Township generators of one county: the seat at the county seat, urban townships near it, the others spread out. */
export async function townshipBoundaries(
  em: EntityManager,
  plan: Plan,
  countyCode: string,
): Promise<Map<string, LngLat>> {
  const rng = Rng.of(plan.options.seed, `townships:${countyCode}`);
  const county = plan.registry.counties.find((c) => c.code === countyCode)!;
  const poly = new Poly(county.geometry);
  const countyId = (await ids(em, 'county')).get(countyCode)!;
  const townshipIds = await ids(em, 'township');
  const townships = plan.registry.townships.filter((t) => t.countyCode === countyCode);
  const seatCode = plan.seatTownship.get(countyCode)!;
  let seat = poly.toXY(COUNTY_SEATS[countyCode]!);
  if (!poly.inside(seat) || poly.edgeDistance(seat) < 1) seat = scatter(rng, poly, 1, [])[0]!;
  const urbanShare = (code: string) => {
    const u = plan.units.filter((x) => x.townshipCode === code);
    return u.filter((x) => x.kind === 'COMMUNITY').length / Math.max(u.length, 1);
  };
  const placed: [number, number][] = [seat];
  const at = new Map<string, [number, number]>([[seatCode, seat]]);
  for (const t of townships.filter((t) => t.code !== seatCode && urbanShare(t.code) >= 0.5)) {
    const [p] = scatter(rng, poly, 1, placed, {
      around: { center: seat, sigmaKm: 3 },
      avoid: { center: seat, radiusKm: 1.5 },
    });
    placed.push(p!);
    at.set(t.code, p!);
  }
  // The first three rural townships ring the seat (so the urban townships stay small); the others spread out.
  for (const [i, t] of townships.filter((t) => !at.has(t.code)).entries()) {
    const near = i < 3 ? { around: { center: seat, sigmaKm: 6 } } : {};
    const [p] = scatter(rng, poly, 1, placed, { ...near, avoid: { center: seat, radiusKm: 6 }, candidates: 20 });
    placed.push(p!);
    at.set(t.code, p!);
  }
  const rows = townships.map((t) => row(countyId, townshipIds.get(t.code)!, poly, at.get(t.code)!));
  await query(em, `with c as (${CELLS('county')}) update township t set geom = c.geom from c where t.id = c.child_id`, [
    JSON.stringify(rows),
  ]);
  return new Map([...at].map(([code, xy]) => [code, poly.toLngLat(xy)]));
}

/** Unit generators of one county's townships: communities clustered round the township's centre, villages spread out around them. */
export async function unitBoundaries(
  em: EntityManager,
  plan: Plan,
  countyCode: string,
  centres: Map<string, LngLat>,
): Promise<void> {
  const rng = Rng.of(plan.options.seed, `units:${countyCode}`);
  const townshipIds = await ids(em, 'township');
  const unitIds = await ids(em, 'village');
  const polys = await parents(em, 'township', 'county_id = (select id from county where code = ?)', [countyCode]);
  const rows: PointRow[] = [];
  for (const t of plan.registry.townships.filter((t) => t.countyCode === countyCode)) {
    const poly = polys.get(t.code)!;
    const units = plan.units.filter((u) => u.townshipCode === t.code);
    const communities = units.filter((u) => u.kind === 'COMMUNITY');
    const villages = units.filter((u) => u.kind === 'VILLAGE');
    let centre = poly.toXY(centres.get(t.code)!);
    if (!poly.inside(centre)) centre = scatter(rng, poly, 1, [])[0]!;
    // Town communities about 0.6 km apart (denser in the urban core), at most a third of the township's extent.
    const extent = Math.sqrt(poly.areaKm2);
    const sigma = Math.min(0.35 * Math.sqrt(communities.length) + 0.2, extent / 4);
    const cp = scatter(rng, poly, communities.length, [], {
      around: { center: centre, sigmaKm: sigma },
      candidates: 8,
    });
    const vp = scatter(
      rng,
      poly,
      villages.length,
      cp,
      communities.length ? { avoid: { center: centre, radiusKm: 2.2 * sigma } } : {},
    );
    communities.forEach((u, i) => rows.push(row(townshipIds.get(t.code)!, unitIds.get(u.code)!, poly, cp[i]!)));
    villages.forEach((u, i) => rows.push(row(townshipIds.get(t.code)!, unitIds.get(u.code)!, poly, vp[i]!)));
  }
  await query(
    em,
    `with c as (${CELLS('township')}) update village v set geom = c.geom from c where v.id = c.child_id`,
    [JSON.stringify(rows)],
  );
}

/** Grids of one county's units, inserted with their records. */
export async function gridBoundaries(em: EntityManager, plan: Plan, countyCode: string): Promise<number> {
  const rng = Rng.of(plan.options.seed, `grids:${countyCode}`);
  const unitIds = await ids(em, 'village');
  const polys = await parents(
    em,
    'village',
    'township_id in (select t.id from township t join county c on c.id = t.county_id where c.code = ?)',
    [countyCode],
  );
  const units = plan.units.filter((u) => u.countyCode === countyCode);
  const gridsOf = new Map<string, typeof plan.grids>();
  for (const g of plan.grids)
    if (polys.has(g.unitCode)) (gridsOf.get(g.unitCode) ?? gridsOf.set(g.unitCode, []).get(g.unitCode)!).push(g);
  const rows: PointRow[] = [];
  const records: Record<string, unknown>[] = [];
  let n = 0;
  for (const u of units) {
    const poly = polys.get(u.code)!;
    const list = gridsOf.get(u.code) ?? [];
    const pts = scatter(rng, poly, list.length, [], { candidates: 8 });
    list.forEach((g, i) => {
      const key = ++n;
      rows.push(row(unitIds.get(u.code)!, key, poly, pts[i]!));
      records.push({
        key,
        code: g.code,
        name: g.name,
        kind: g.kind,
        village_id: unitIds.get(u.code)!,
        households: g.households,
        population: g.population,
      });
    });
  }
  await query(
    em,
    `with c as (${CELLS('village')}),
     r as (select * from json_to_recordset(?::json) as x(key int, code text, name text, kind text, village_id int, households int, population int))
     insert into grid (code, name, kind, village_id, households, population, geom, created_at, updated_at)
     select r.code, r.name, r.kind, r.village_id, r.households, r.population, c.geom, now(), now()
     from r join c on c.child_id = r.key order by r.code`,
    [JSON.stringify(rows), JSON.stringify(records)],
  );
  return records.length;
}

/**
 * The deliberate gaps: in each listed unit, a round hole (about 4% of the unit's
 * area, never more than 60% of the largest inscribed circle's radius) is cut from
 * its largest grid. Returns the hole areas in m².
 */
export async function carveGaps(em: EntityManager, unitCodes: string[]): Promise<{ code: string; m2: number }[]> {
  if (!unitCodes.length) return [];
  return query<{ code: string; m2: number }>(
    em,
    `with target as (
       select distinct on (g.village_id) g.id, g.geom, v.code, ST_Area(v.geom::geography) as unit_area
       from grid g join village v on v.id = g.village_id
       where v.code = any(?::text[])
       order by g.village_id, ST_Area(g.geom::geography) desc, g.id),
     c as (select t.*, ST_MaximumInscribedCircle(ST_Transform(t.geom, 32648)) as mic from target t),
     h as (select c.id, c.code, c.geom,
                  ST_Transform(ST_Buffer((c.mic).center, least(sqrt(0.04 * c.unit_area / pi()), 0.6 * (c.mic).radius), 16), 4326) as hole
           from c),
     u as (update grid g set geom = ST_Multi(ST_CollectionExtract(ST_Difference(h.geom, h.hole, ${GRID_SIZE}), 3))
           from h where g.id = h.id returning g.id)
     select h.code, ST_Area(ST_SnapToGrid(h.hole, ${GRID_SIZE})::geography) as m2 from h order by h.code`,
    [`{${unitCodes.join(',')}}`],
  );
}
