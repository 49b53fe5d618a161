import { ACTIVE_WORKER_EXISTS } from '../grid-worker/grid-worker.sql';

/** The statements the grid module runs. */
export const GRID_SQL = {
  inCounty:
    'e.village_id in (select v.id from village v join township t on t.id = v.township_id where t.county_id = ?)',
  inTownship: 'e.village_id in (select v.id from village v where v.township_id = ?)',
  hasWorker: ACTIVE_WORKER_EXISTS('e.id'),
  hasPartyUnit: 'exists (select 1 from party_unit p where p.grid_id = e.id)',
  ofWorker: 'e.id in (select grid_id from grid_worker_grids where grid_worker_id = ?)',
  /** Grids containing a point (boundary included), smallest first. */
  at: `select id from grid where ST_Intersects(geom, ST_SetSRID(ST_Point(?, ?), 4326)) order by ST_Area(geom), id`,
} as const;

/**
 * Statements of the map-editing operations (issue #6): clip, trim, split, merge, shared edges, gaps.
 * Overlays run on a 1e-9° grid (about 0.1 mm) so that edges computed from different
 * inputs meet exactly and results are valid; stored coordinates keep 9 decimals.
 */
export const GRID_EDIT_SQL = {
  /** The geometry clipped to its village (polygons only). */
  clip: `select ST_AsGeoJSON(ST_Multi(ST_CollectionExtract(ST_Intersection(ST_SetSRID(ST_GeomFromGeoJSON(?), 4326), v.geom, 1e-9), 3)), 9) as g
         from village v where v.id = ?`,
  /** Sibling grids whose interiors meet the geometry, with the shared area. */
  siblingOverlaps: `
    select s.id, s.name, ST_Area(ST_Intersection(x.g, s.geom, 1e-9)::geography) as area_m2
    from (select ST_SetSRID(ST_GeomFromGeoJSON(?), 4326) as g) x
    join grid s on s.geom && x.g and ST_Relate(x.g, s.geom, '2********')
    where s.village_id = ? and s.id <> ?
    order by area_m2 desc`,
  /** The geometry minus the given grids. */
  trim: `select ST_AsGeoJSON(ST_Multi(ST_CollectionExtract(ST_Difference(ST_SetSRID(ST_GeomFromGeoJSON(?), 4326),
           (select ST_Union(geom) from grid where id = any(?::int[])), 1e-9), 3)), 9) as g`,
  isEmptyOrTiny: `select ST_IsEmpty(g) or ST_Area(g::geography) < 1 as empty, ST_IsValid(g) as valid, ST_IsValidReason(g) as reason from (select ST_SetSRID(ST_GeomFromGeoJSON(?), 4326) as g) x`,
  geometry: 'select ST_AsGeoJSON(geom, 9) as g from grid where id = ?',
  /** The grid cut by a line: its polygons, largest first. */
  split: `
    select ST_AsGeoJSON(ST_Multi(d.geom), 9) as g, ST_Area(d.geom::geography) as area_m2
    from grid gr, ST_Dump(ST_Split(gr.geom, ST_SetSRID(ST_GeomFromGeoJSON(?), 4326))) d
    where gr.id = ? and ST_Dimension(d.geom) = 2
    order by area_m2 desc`,
  area: 'select ST_Area(geom::geography) as area_m2 from grid where id = ?',
  /** Union of grids, and how many separate polygons it makes (1 when they touch). */
  union: `select ST_AsGeoJSON(ST_Multi(u.g), 9) as g, ST_NumGeometries(u.g) as parts
          from (select ST_UnaryUnion(ST_Collect(geom), 1e-9) as g from grid where id = any(?::int[])) u`,
  moveWorkers: `insert into grid_worker_grids (grid_worker_id, grid_id)
                select distinct grid_worker_id, ? from grid_worker_grids where grid_id = any(?::int[]) on conflict do nothing`,
  movePartyUnits: 'update party_unit set grid_id = ?, version = version + 1 where grid_id = any(?::int[])',
  /**
   * Grids of OTHER units that the new geometry overlaps more than the grid's stored geometry did
   * (a boundary move must not push into another unit's grids). Parameters: grid id, geometry, village id.
   */
  otherVillageOverlapGrowth: `
    with p as (select ?::int as grid_id, ST_SetSRID(ST_GeomFromGeoJSON(?), 4326) as g, ?::int as village_id),
    old as (select gr.geom from grid gr, p where gr.id = p.grid_id)
    select o.id, o.name,
           ST_Area(ST_Intersection(p.g, o.geom, 1e-9)::geography)
             - coalesce((select ST_Area(ST_Intersection(old.geom, o.geom, 1e-9)::geography) from old), 0) as grown_m2
    from p join grid o on o.geom && p.g and ST_Relate(p.g, o.geom, '2********')
    where o.village_id <> p.village_id`,
  /** Whether a line (or any part of a multi-line) is a closed loop: a loop cuts out an island, it does not split. */
  lineClosed: `select bool_or(ST_IsClosed(d.geom)) as closed from ST_Dump(ST_SetSRID(ST_GeomFromGeoJSON(?), 4326)) d`,
  /** The uncovered piece of a unit containing a point. */
  gapAt: `select ST_AsGeoJSON(ST_Multi(d.geom), 9) as g, ST_Area(d.geom::geography) as area_m2
          from coverage_unit c, ST_Dump(c.uncovered) d
          where c.village_id = ? and ST_Intersects(d.geom, ST_SetSRID(ST_Point(?, ?), 4326))`,
  /** The grid and a piece of land, as one geometry. */
  extend: `select ST_AsGeoJSON(ST_Multi(ST_UnaryUnion(ST_Collect(gr.geom, ST_SetSRID(ST_GeomFromGeoJSON(?), 4326)), 1e-9)), 9) as g
           from grid gr where gr.id = ?`,
  /** Does the grid share an edge (not just a point) with the geometry? */
  sharesEdge: `select ST_Length(ST_CollectionExtract(ST_Intersection(ST_Boundary(gr.geom), ST_Buffer(ST_SetSRID(ST_GeomFromGeoJSON(?), 4326), 1e-7)), 2)::geography) > 1 as ok
               from grid gr where gr.id = ?`,
  /**
   * Moving a boundary: land the grid gives up goes, piece by piece, to the sibling sharing the
   * longest border with the piece; land it takes is removed from the siblings. Returns each
   * changed sibling's new geometry.
   */
  neighbourShapes: `
    with p as (select ?::int as grid_id, ST_SetSRID(ST_GeomFromGeoJSON(?), 4326) as geom, ?::int as village_id),
    old as (select g.geom from grid g, p where g.id = p.grid_id),
    new as (select p.geom from p),
    released as (select d.path[1] as n, d.geom from old, new, ST_Dump(ST_CollectionExtract(ST_Difference(old.geom, new.geom, 1e-9), 3)) d),
    sibs as (select s.id, s.geom from grid s, old, p where s.village_id = p.village_id and s.id <> p.grid_id and ST_DWithin(s.geom, old.geom, 1e-6)),
    owner as (
      select distinct on (r.n) r.n, r.geom, s.id
      from released r join sibs s on ST_DWithin(s.geom, r.geom, 1e-7)
      order by r.n, ST_Length(ST_Intersection(ST_Boundary(r.geom), ST_Buffer(s.geom, 1e-7))::geography) desc, s.id)
    select s.id,
           ST_AsGeoJSON(ST_Multi(ST_CollectionExtract(ST_Difference(
             ST_UnaryUnion(ST_Collect(array[s.geom] || coalesce((select array_agg(o.geom) from owner o where o.id = s.id), '{}')), 1e-9),
             new.geom, 1e-9), 3)), 9) as g
    from sibs s, new
    where exists (select 1 from owner o where o.id = s.id) or ST_Relate(s.geom, new.geom, '2********')`,
} as const;
