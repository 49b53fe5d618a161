/**
 * The record types a change can touch, and what the corridor needs to know of each:
 * its table, whether it has a geometry, how to find the villages (village-level units) it lies in
 * (for the scope check and the coverage refresh) and which relations its audit snapshot
 * carries (a grid's workers, a worker's grids: the pivot is part of both records).
 */
export type RecordType =
  | 'County'
  | 'Township'
  | 'Village'
  | 'Grid'
  | 'PartyUnit'
  | 'GridWorker'
  | 'User'
  | 'ApiKey'
  | 'Rectification'
  | 'WorkOrder'
  | 'MemberUnit';

export interface RecordKind {
  table: string;
  hasGeometry: boolean;
  /** SQL: `(id, village)` rows for the ids in `?::int[]`: the villages (village-level units) each record lies in. */
  villages?: string;
  /** SQL fragment added to the snapshot row (`t` is the record): its relations, as sorted id arrays. */
  relations?: string;
  /** Whether revertChange may put a snapshot back (false where snapshots leave secrets out). */
  revertible: boolean;
  /** Whether a change of it can move coverage (its villages are recomputed). */
  coverage: boolean;
}

export const RECORD_KINDS: Readonly<Record<RecordType, RecordKind>> = {
  County: { table: 'county', hasGeometry: true, revertible: true, coverage: false },
  Township: { table: 'township', hasGeometry: true, revertible: true, coverage: false },
  Village: {
    table: 'village',
    hasGeometry: true,
    revertible: true,
    coverage: true,
    villages: 'select id, id as village from village where id = any(?::int[])',
  },
  Grid: {
    table: 'grid',
    hasGeometry: true,
    revertible: true,
    coverage: true,
    villages: 'select id, village_id as village from grid where id = any(?::int[])',
    relations: `jsonb_build_object('worker_ids', coalesce((select jsonb_agg(gw.grid_worker_id order by gw.grid_worker_id)
                  from grid_worker_grids gw where gw.grid_id = t.id), '[]'::jsonb))`,
  },
  PartyUnit: {
    table: 'party_unit',
    hasGeometry: false,
    revertible: true,
    coverage: true,
    villages: `select p.id, p.village_id as village from party_unit p where p.id = any(?::int[]) and p.village_id is not null
            union select p.id, g.village_id from party_unit p join grid g on g.id = p.grid_id where p.id = any(?::int[])`,
  },
  GridWorker: {
    table: 'grid_worker',
    hasGeometry: false,
    revertible: true,
    coverage: true,
    villages: `select gw.grid_worker_id as id, g.village_id as village from grid_worker_grids gw join grid g on g.id = gw.grid_id
            where gw.grid_worker_id = any(?::int[])`,
    relations: `jsonb_build_object('grid_ids', coalesce((select jsonb_agg(gw.grid_id order by gw.grid_id)
                  from grid_worker_grids gw where gw.grid_worker_id = t.id), '[]'::jsonb))`,
  },
  User: { table: 'app_user', hasGeometry: false, revertible: false, coverage: false },
  ApiKey: {
    table: 'api_key',
    hasGeometry: false,
    revertible: false,
    coverage: false,
    // What the key may do besides reading (issue 16): a change of its scopes is a change of the key.
    relations: `jsonb_build_object('scopes', coalesce((select jsonb_agg(s.scope order by s.scope)
                  from api_key_scope s where s.api_key_id = t.id), '[]'::jsonb))`,
  },
  // Issue 16 (整改闭环, 民情交办单, 联合党委成员单位). Their modules check who may write them (roles,
  // units, the member unit's users) before the change and run it preAuthorized; `units` serves the
  // change list's village filter only (not coverage).
  Rectification: {
    table: 'rectification',
    hasGeometry: false,
    revertible: false,
    coverage: false,
    villages: 'select id, village_id as village from rectification where id = any(?::int[])',
  },
  WorkOrder: {
    table: 'work_order',
    hasGeometry: false,
    revertible: false,
    coverage: false,
    villages: 'select id, village_id as village from work_order where id = any(?::int[]) and village_id is not null',
  },
  MemberUnit: {
    table: 'member_unit',
    hasGeometry: false,
    revertible: false,
    coverage: false,
    villages: `select id, committee_village_id as village from member_unit where id = any(?::int[]) and committee_village_id is not null
            union select member_unit_id, village_id from member_unit_pairing where member_unit_id = any(?::int[])`,
    relations: `jsonb_build_object(
                  'paired_village_ids', coalesce((select jsonb_agg(p.village_id order by p.village_id)
                    from member_unit_pairing p where p.member_unit_id = t.id), '[]'::jsonb),
                  'user_ids', coalesce((select jsonb_agg(u.user_id order by u.user_id)
                    from member_unit_user u where u.member_unit_id = t.id), '[]'::jsonb))`,
  },
};

export const isRecordType = (t: string): t is RecordType => Object.hasOwn(RECORD_KINDS, t);
