/** The statements of the work-order module. `?::date` "today" is the day in Asia/Shanghai, computed by the caller. */
const SELECT = `
  select w.*, ST_AsGeoJSON(w.point, 7)::json as point_json, to_char(w.deadline, 'YYYY-MM-DD') as deadline_text,
         v.name as village_name, v.township_id, t.county_id, g.name as grid_name, gw.name as worker_name, m.name as member_unit_name
  from work_order w
  left join village v on v.id = w.village_id
  left join township t on t.id = v.township_id
  left join grid g on g.id = w.grid_id
  left join grid_worker gw on gw.id = w.worker_id
  left join member_unit m on m.id = w.member_unit_id`;

const FIGURES = `
  count(*)::int as total,
  count(*) filter (where w.claimed_at is not null)::int as claimed,
  count(*) filter (where w.status in ('DONE', 'SCORED'))::int as done,
  count(*) filter (where w.status = 'SCORED')::int as scored,
  avg(w.score100) as average_score,
  count(*) filter (where w.status in ('REPORTED', 'ASSIGNED', 'CLAIMED') and w.deadline < ?::date)::int as overdue`;

export const WORK_ORDER_SQL = {
  select: SELECT,
  from: `from work_order w left join village v on v.id = w.village_id left join township t on t.id = v.township_id`,
  /** Grids containing a point, as gridAt orders them: the smallest first, then the lowest id. */
  gridsAt: `select g.id, g.name, g.village_id from grid g
            where ST_Intersects(g.geom, ST_SetSRID(ST_Point(?, ?), 4326)) order by ST_Area(g.geom), g.id`,
  villageAt: `select v.id, v.name from village v where ST_Intersects(v.geom, ST_SetSRID(ST_Point(?, ?), 4326))
              order by ST_Area(v.geom), v.id limit 1`,
  village: 'select id, name from village where id = ?',
  workerOf: `select w.id, w.name from grid_worker_grids gw join grid_worker w on w.id = gw.grid_worker_id
             where gw.grid_id = ? and w.active order by w.id limit 1`,
  insert: `insert into work_order (code, title, description, category, address, point, channel, reported_by, reporter_name, reporter_phone,
             village_id, grid_id, worker_id, routing, candidate_grid_ids, flagged)
           values ('MQ' || to_char(now() at time zone 'Asia/Shanghai', 'YYYYMMDD') || '-' || lpad(nextval('work_order_code_seq')::text, 5, '0'),
             :title, :description, :category, :address, case when :lng::float8 is null then null else ST_SetSRID(ST_Point(:lng, :lat), 4326) end,
             :channel, :reportedBy, :reporterName, :reporterPhone, :villageId, :gridId, :workerId, :routing, :candidateGridIds::int[], :flagged)
           returning id`,
  lock: `select w.*, to_char(w.deadline, 'YYYY-MM-DD') as deadline_text from work_order w where w.id = ? for update`,
  score: `update work_order set status = 'SCORED', score = :score, score_scale = :scale, score100 = :score100, score_comment = :comment, scored_at = now()
          where id = :id`,
  snapshot: `select w.id, (to_jsonb(w) - 'point') || jsonb_build_object('point', ST_AsGeoJSON(w.point, 7)::jsonb) as row
             from work_order w where w.id = any(?::int[])`,
  hasScope: 'select exists (select 1 from api_key_scope where api_key_id = ? and scope = ?) as ok',

  figuresTotal: (where: string) =>
    `select ${FIGURES} from work_order w left join village v on v.id = w.village_id left join township t on t.id = v.township_id where ${where}`,
  figuresByCommunity: (where: string) => `
    select v.id, v.name, ${FIGURES}
    from work_order w join village v on v.id = w.village_id join township t on t.id = v.township_id
    where ${where} group by v.id, v.name order by total desc, v.id`,
  figuresByUnit: (where: string) => `
    select m.id, m.name, ${FIGURES}
    from work_order w join member_unit m on m.id = w.member_unit_id left join village v on v.id = w.village_id left join township t on t.id = v.township_id
    where ${where} group by m.id, m.name order by total desc, m.id`,

  /** cityReport's additions: member units, pairings, 双报到, work orders; one parameter pair (county id twice) after today. */
  report: `
    with params as (select ?::date as today, ?::int as county_id),
    u as (select v.id from village v join township t on t.id = v.township_id, params where params.county_id is null or t.county_id = params.county_id),
    m as (select m.* from member_unit m, params where params.county_id is null or m.committee_village_id in (select id from u)
            or exists (select 1 from member_unit_pairing p where p.member_unit_id = m.id and p.village_id in (select id from u))),
    w as (select w.* from work_order w where w.village_id in (select id from u))
    select (select count(*) from m)::int as member_units,
           (select count(*) from m where committee_village_id is not null)::int as committee_member_units,
           (select count(distinct committee_village_id) from m)::int as joint_committees,
           (select count(*) from member_unit_pairing p where p.village_id in (select id from u))::int as pairings,
           (select count(distinct p.village_id) from member_unit_pairing p where p.village_id in (select id from u))::int as paired_communities,
           (select coalesce(sum(reported_members), 0) from m)::int as reported_party_members,
           (select count(*) from w)::int as work_orders,
           (select count(*) from w where claimed_at is not null)::int as claimed,
           (select count(*) from w where status in ('DONE', 'SCORED'))::int as done,
           (select count(*) from w where status = 'SCORED')::int as scored,
           (select avg(score100) from w) as average_score,
           (select count(*) from w, params where status in ('REPORTED', 'ASSIGNED', 'CLAIMED') and deadline < params.today)::int as overdue`,

  /** Open orders as map features. */
  mapPoints: (where: string) => `
    select w.id, w.code, w.title, w.status, w.grid_id, g.name as grid_name, v.name as village_name, w.flagged,
           to_char(w.deadline, 'YYYY-MM-DD') as deadline, (w.deadline < ?::date) as overdue, ST_AsGeoJSON(w.point, 7)::json as g
    from work_order w left join grid g on g.id = w.grid_id left join village v on v.id = w.village_id left join township t on t.id = v.township_id
    where w.point is not null and ${where} order by w.id limit 5000`,
  mapGrids: (where: string) => `
    select g.id, g.name, count(*)::int as open, count(*) filter (where w.deadline < ?::date)::int as overdue,
           ST_AsGeoJSON(g.geom, 7)::json as g
    from work_order w join grid g on g.id = w.grid_id left join village v on v.id = w.village_id left join township t on t.id = v.township_id
    where ${where} group by g.id, g.name, g.geom order by g.id`,
} as const;
