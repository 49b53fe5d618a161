/** The statements of the member-unit module. */
const SELECT = `
  select m.*, cv.name as committee_village_name,
         coalesce((select array_agg(p.village_id order by p.village_id) from member_unit_pairing p where p.member_unit_id = m.id), '{}') as paired,
         coalesce((select array_agg(u.user_id order by u.user_id) from member_unit_user u where u.member_unit_id = m.id), '{}') as users
  from member_unit m left join village cv on cv.id = m.committee_village_id`;

export const MEMBER_UNIT_SQL = {
  select: SELECT,
  /** The unit in the audit trail: its row with its pairings and users. */
  snapshot: `select m.id, to_jsonb(m) || jsonb_build_object(
               'paired_village_ids', coalesce((select jsonb_agg(p.village_id order by p.village_id) from member_unit_pairing p where p.member_unit_id = m.id), '[]'),
               'user_ids', coalesce((select jsonb_agg(u.user_id order by u.user_id) from member_unit_user u where u.member_unit_id = m.id), '[]')) as row
             from member_unit m where m.id = any(?::int[])`,
  /** Communities in which the unit acts: its committee's and those it is paired with. */
  villagesOf: `select committee_village_id as id from member_unit where id = ? and committee_village_id is not null
               union select village_id from member_unit_pairing where member_unit_id = ?`,
  insert: `insert into member_unit (name, kind, contact_name, contact_phone, committee_village_id, reported_members)
           values (:name, :kind, :contactName, :contactPhone, :committeeVillageId, :reportedMembers) returning id`,
  villagesExist: 'select count(*)::int as n from village where id = any(?::int[])',
  usersExist: 'select count(*)::int as n from app_user where id = any(?::int[])',
  clearPairings: 'delete from member_unit_pairing where member_unit_id = ?',
  addPairings:
    'insert into member_unit_pairing (member_unit_id, village_id) select ?, unnest(?::int[]) on conflict do nothing',
  clearUsers: 'delete from member_unit_user where member_unit_id = ?',
  addUsers: 'insert into member_unit_user (member_unit_id, user_id) select ?, unnest(?::int[]) on conflict do nothing',
  lock: 'select * from member_unit where id = ? for update',
  orderCount: `select count(*)::int as n from work_order where member_unit_id = ? and status not in ('SCORED', 'CANCELLED')`,
  delete: 'delete from member_unit where id = ?',
  /** Whether a unit may take a community's orders: in its joint committee or paired with it. */
  linked: `select exists (select 1 from member_unit m where m.id = ? and (m.committee_village_id = ?
             or exists (select 1 from member_unit_pairing p where p.member_unit_id = m.id and p.village_id = ?))) as ok`,
  isUnitUser: 'select exists (select 1 from member_unit_user where member_unit_id = ? and user_id = ?) as ok',
} as const;
