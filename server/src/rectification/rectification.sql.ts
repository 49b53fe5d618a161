import { Severity } from '../coverage/coverage.rules';

/** The statements of the rectification module. `?::date` "today" is the day in Asia/Shanghai, computed by the caller. */
const SELECT = `
  select r.*, v.name as village_name, v.township_id, t.name as township_name, t.county_id,
         at.name as assignee_township_name, u.username as assignee_username,
         to_char(r.deadline, 'YYYY-MM-DD') as deadline_text
  from rectification r
  join village v on v.id = r.village_id
  join township t on t.id = v.township_id
  left join township at on at.id = r.assignee_township_id
  left join app_user u on u.id = r.assignee_user_id`;

export const RECTIFICATION_SQL = {
  select: SELECT,
  one: `${SELECT} where r.id = ?`,
  lock: "select r.*, to_char(r.deadline, 'YYYY-MM-DD') as deadline_text from rectification r where r.id = ? for update",
  event: `insert into rectification_event (rectification_id, action, username, role, text, data)
          values (:rectificationId, :action, :username, :role, :text, :data::jsonb)`,
  events: `select * from rectification_event where rectification_id = any(?::int[]) order by at, id`,
  userExists: 'select id from app_user where id = ?',
  townshipExists: 'select id from township where id = ?',

  /** Per township and kind; `today` first, then the scope condition's parameters. */
  stats: (where: string) => `
    select t.id as township_id, t.name as township_name, t.county_id, r.kind,
           count(*) filter (where r.status = 'OPEN')::int as open,
           count(*) filter (where r.status = 'OPEN' and r.severity = '${Severity.CRITICAL}')::int as open_critical,
           count(*) filter (where r.status = 'OPEN' and r.deadline < ?::date)::int as overdue,
           count(*) filter (where r.status = 'WAIVED')::int as waived,
           count(*) filter (where r.status = 'CLOSED')::int as closed
    from rectification r join village v on v.id = r.village_id join township t on t.id = v.township_id
    where ${where}
    group by t.id, t.name, t.county_id, r.kind order by t.id, r.kind`,

  /** Townships ranked: most open critical findings first, then most days overdue. */
  ranking: (where: string) => `
    with x as (
      select t.id as township_id, t.name as township_name, t.county_id, c.name as county_name,
             count(r.id) filter (where r.status = 'OPEN')::int as open,
             count(r.id) filter (where r.status = 'OPEN' and r.severity = '${Severity.CRITICAL}')::int as open_critical,
             count(r.id) filter (where r.status = 'OPEN' and r.deadline < ?::date)::int as overdue,
             coalesce(sum(?::date - r.deadline) filter (where r.status = 'OPEN' and r.deadline < ?::date), 0)::int as days_overdue,
             coalesce(max(?::date - r.deadline) filter (where r.status = 'OPEN' and r.deadline < ?::date), 0)::int as max_days_overdue,
             count(r.id) filter (where r.status = 'CLOSED')::int as closed,
             count(r.id) filter (where r.status = 'WAIVED')::int as waived
      from township t join county c on c.id = t.county_id
      left join village v on v.township_id = t.id
      left join rectification r on r.village_id = v.id
      where ${where}
      group by t.id, t.name, t.county_id, c.name)
    select rank() over (order by open_critical desc, days_overdue desc, open desc)::int as rank, x.*
    from x order by rank, township_id`,
} as const;
