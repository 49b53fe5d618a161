/**
 * The statements of the write corridor and of undo/redo. Statements with more than three
 * parameters name them in a `p` CTE (one `?` per line, in order), so the binding list reads
 * like a record.
 */
export const CHANGE_SQL = {
  /**
   * The first statement of every write: the lock all writers take, in the same order, before
   * touching any row. One row, so two writers can never hold locks in opposite orders.
   */
  lock: 'select n from data_version where id = 1 for update',
  /** Village-level units outside an editor's counties and townships. */
  outOfScope: `select count(*) as n from village v join township t on t.id = v.township_id
               where v.id = any(?::int[]) and not (t.county_id = any(?::int[]) or t.id = any(?::int[]))`,
  /** Opens a change; its summary and units are filled in when it ends. */
  insertChange: `
    with p as (select ?::int as user_id, ?::text as username, ?::text as role, ?::text as operation, ?::bigint as reverts_change_id)
    insert into change (user_id, username, role, operation, reverts_change_id)
    select user_id, username, role, operation, reverts_change_id from p
    returning id`,
  /** Transaction-local: database triggers read it (current_setting('wz.change_id', true)). */
  setChangeId: "select set_config('wz.change_id', ?::text, true)",
  closeChange: `
    with p as (select ?::bigint as id, ?::text as summary, ?::int[] as village_ids, ?::text[] as record_types, ?::int as event_count)
    update change c set summary = p.summary, village_ids = p.village_ids, record_types = p.record_types, event_count = p.event_count
    from p where c.id = p.id`,
  /** The change's audit events from a JSON array of { type, id, before, after }, in its order. */
  insertEvents: `
    with p as (select ?::bigint as change_id, ?::int as user_id, ?::text as username, ?::text as role, ?::text as operation, ?::jsonb as events)
    insert into audit_event (change_id, user_id, username, role, operation, record_type, record_id, before, after)
    select p.change_id, p.user_id, p.username, p.role, p.operation, e.v->>'type', (e.v->>'id')::int,
           nullif(e.v->'before', 'null'::jsonb), nullif(e.v->'after', 'null'::jsonb)
    from p, jsonb_array_elements(p.events) with ordinality as e(v, ord) order by e.ord`,
  /** Rows as JSON (secrets left out), geometry as GeoJSON at 9 decimals, relations as id arrays. */
  snapshot: (table: string, hasGeometry: boolean, relations: string | undefined) => `
    select t.id, ${snapshotRow(hasGeometry, relations)} as row
    from ${table} t where t.id = any(?::int[])`,
  existing: (table: string) => `select t.id from ${table} t where t.id = any(?::int[])`,
  /** The events of records created in bulk, from their rows in one statement (the same snapshot as above). */
  insertCreatedEvents: (table: string, hasGeometry: boolean, relations: string | undefined) => `
    insert into audit_event (change_id, user_id, username, role, operation, record_type, record_id, before, after)
    select ?::bigint, ?::int, ?::text, ?::text, ?::text, ?::text, t.id, null, ${snapshotRow(hasGeometry, relations)}
    from ${table} t where t.id = any(?::int[]) order by t.id`,
  linkedWorkers: 'select grid_worker_id as id from grid_worker_grids where grid_id = any(?::int[])',
  linkedPartyUnits: 'select id from party_unit where grid_id = any(?::int[])',
  linkedGrids: 'select grid_id as id from grid_worker_grids where grid_worker_id = any(?::int[])',

  // ---- undo and redo
  change: 'select * from change where id = ?',
  events: 'select * from audit_event where change_id = ? order by id',
  /** The latest change that touched a record. */
  latestChangeOf: `select e.change_id, c.operation, c.username, c.at from audit_event e join change c on c.id = e.change_id
                   where e.record_type = ? and e.record_id = ? order by e.id desc limit 1`,
  revertedBy: 'select id from change where reverts_change_id = ? order by id desc limit 1',
  columns: `select column_name from information_schema.columns where table_schema = current_schema() and table_name = ?`,
  villageOfGrid: 'select village_id as id from grid where id = any(?::int[])',
  clearGridWorkers: 'delete from grid_worker_grids where grid_id = ?',
  addGridWorkers:
    'insert into grid_worker_grids (grid_worker_id, grid_id) select unnest(?::int[]), ? on conflict do nothing',
  clearWorkerGrids: 'delete from grid_worker_grids where grid_worker_id = ?',
  addWorkerGrids:
    'insert into grid_worker_grids (grid_worker_id, grid_id) select ?, unnest(?::int[]) on conflict do nothing',
} as const;

/** Reading the list of changes (ra-data-graphql-simple: allChanges, _allChangesMeta). */
export const CHANGE_LIST_SQL = {
  sortable: {
    id: 'c.id',
    at: 'c.at',
    username: 'c.username',
    operation: 'c.operation',
    eventCount: 'c.event_count',
  } as Readonly<Record<string, string>>,
  q: '(c.username ilike ? or c.operation ilike ? or c.summary ilike ?)',
  ids: 'c.id = any(?::bigint[])',
  userId: 'c.user_id = ?',
  unit: 'c.village_ids @> array[?::int]',
  recordType: 'c.record_types @> array[?::text]',
  record: 'exists (select 1 from audit_event e where e.change_id = c.id and e.record_type = ? and e.record_id = ?)',
  recordId: 'exists (select 1 from audit_event e where e.change_id = c.id and e.record_id = ?)',
  operation: 'c.operation = ?',
  from: 'c.at >= ?',
  to: 'c.at <= ?',
  /** Accounts and keys are for administrators' eyes. */
  notAccounts: "not (c.record_types && array['User', 'ApiKey']::text[])",
  page: (where: string, sort: string, order: string) =>
    `select c.* from change c where ${where} order by ${sort} ${order}, c.id ${order} limit ? offset ?`,
  count: (where: string) => `select count(*) as n from change c where ${where}`,
  one: 'select c.* from change c where c.id = ?',
  events: 'select * from audit_event where change_id = any(?::bigint[]) order by id',
  revertedBy:
    'select reverts_change_id as id, max(id) as by from change where reverts_change_id = any(?::bigint[]) group by reverts_change_id',
} as const;

/** A record as its audit events keep it: the row without secrets, the geometry as GeoJSON, its relations. */
function snapshotRow(hasGeometry: boolean, relations: string | undefined): string {
  return `(to_jsonb(t) - 'geom' - 'password_hash' - 'key_hash')
      ${hasGeometry ? `|| jsonb_build_object('geometry', ST_AsGeoJSON(t.geom, 9)::jsonb)` : ''}
      ${relations ? `|| ${relations}` : ''}`;
}
