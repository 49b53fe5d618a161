/**
 * "The grid has an active worker", for any grid column. Nested exists, not a join: the planner then
 * probes the indexes per grid instead of hashing every worker.
 */
export const ACTIVE_WORKER_EXISTS = (gridId: string) =>
  `exists (select 1 from grid_worker_grids gw
           where gw.grid_id = ${gridId} and exists (select 1 from grid_worker w where w.id = gw.grid_worker_id and w.active))`;

/** The statements the grid-worker module runs. */
export const GRID_WORKER_SQL = {
  ofGrid: 'e.id in (select grid_worker_id from grid_worker_grids where grid_id = ?)',
  ofVillage: `e.id in (select gw.grid_worker_id from grid_worker_grids gw join grid g on g.id = gw.grid_id where g.village_id = ?)`,
  ofTownship: `e.id in (select gw.grid_worker_id from grid_worker_grids gw join grid g on g.id = gw.grid_id
                        join village v on v.id = g.village_id where v.township_id = ?)`,
  ofCounty: `e.id in (select gw.grid_worker_id from grid_worker_grids gw join grid g on g.id = gw.grid_id
                      join village v on v.id = g.village_id join township t on t.id = v.township_id where t.county_id = ?)`,
  villagesOf:
    'select distinct g.village_id as id from grid_worker_grids gw join grid g on g.id = gw.grid_id where gw.grid_worker_id = ?',
} as const;
