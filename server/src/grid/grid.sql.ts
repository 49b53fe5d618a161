/** The statements the grid module runs. */
export const GRID_SQL = {
  inCounty: 'e.village_id in (select v.id from village v join township t on t.id = v.township_id where t.county_id = ?)',
  inTownship: 'e.village_id in (select v.id from village v where v.township_id = ?)',
  hasWorker: `exists (select 1 from grid_worker_grids gw join grid_worker w on w.id = gw.grid_worker_id
                      where gw.grid_id = e.id and w.active)`,
  hasPartyUnit: 'exists (select 1 from party_unit p where p.grid_id = e.id)',
  ofWorker: 'e.id in (select grid_id from grid_worker_grids where grid_worker_id = ?)',
  /** Grids containing a point (boundary included), smallest first. */
  at: `select id from grid where ST_Intersects(geom, ST_SetSRID(ST_Point(?, ?), 4326)) order by ST_Area(geom), id`,
} as const;
