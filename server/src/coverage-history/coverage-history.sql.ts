/**
 * Statements of the coverage-history module. LIVE gives one row per village-level unit
 * from the current coverage tables; ROLLUP turns a `vv` CTE of such rows into rows for
 * the units, townships, counties and the city (scope_id 0).
 */
import { FINDING_KINDS, FindingKind, SEVERITIES, Severity } from '../coverage/coverage.rules';

export const KIND_COLUMNS = FINDING_KINDS.map((k) => [k, `f_${k.toLowerCase()}`] as const);
export const SEVERITY_COLUMNS = SEVERITIES.map((s) => [s, `s_${s.toLowerCase()}`] as const);
const COUNT_COLUMNS = [...KIND_COLUMNS.map(([, c]) => c), ...SEVERITY_COLUMNS.map(([, c]) => c), 'oversized_critical'];
const VALUE_COLUMNS = [
  'units',
  'fully_covered',
  'area_m2',
  'uncovered_m2',
  'grids',
  'workers',
  'households',
  'households_in_grids',
  ...COUNT_COLUMNS,
];

export const LIVE = `
  with fnd as (
    select village_id, ${KIND_COLUMNS.map(([k, c]) => `count(*) filter (where kind = '${k}')::int as ${c}`).join(', ')},
           ${SEVERITY_COLUMNS.map(([s, c]) => `count(*) filter (where severity = '${s}')::int as ${c}`).join(', ')},
           count(*) filter (where kind = '${FindingKind.OVERSIZED_GRID}' and severity = '${Severity.CRITICAL}')::int as oversized_critical
    from coverage_finding group by village_id),
  wk as (
    select g.village_id, count(distinct gw.grid_worker_id)::int as n
    from grid_worker_grids gw join grid g on g.id = gw.grid_id join grid_worker w on w.id = gw.grid_worker_id and w.active
    group by g.village_id)
  select v.id as village_id, v.township_id, t.county_id,
         (c.village_id is not null)::int as units, (c.village_id is not null and c.uncovered_m2 = 0)::int as fully_covered,
         coalesce(c.area_m2, 0) as area_m2, coalesce(c.uncovered_m2, 0) as uncovered_m2, coalesce(c.grid_count, 0) as grids,
         coalesce(wk.n, 0) as workers, coalesce(v.households, 0) as households, coalesce(c.households_in_grids, 0) as households_in_grids,
         ${COUNT_COLUMNS.map((c) => `coalesce(fnd.${c}, 0) as ${c}`).join(', ')}
  from village v join township t on t.id = v.township_id
  left join coverage_unit c on c.village_id = v.id left join fnd on fnd.village_id = v.id left join wk on wk.village_id = v.id`;

const sums = VALUE_COLUMNS.map((c) => (c.endsWith('_m2') ? `sum(${c})` : `sum(${c})::int`)).join(', ');
const cols = VALUE_COLUMNS.join(', ');
const share = `case when sum(area_m2) > 0 then greatest(0, 1 - sum(uncovered_m2) / sum(area_m2)) end`;

/** Rows for every scope from `vv` (day, village_id, township_id, county_id, values…), `generated` as given. */
export const ROLLUP = (generated: boolean, conflict: 'update' | 'nothing', villageDays = 'true') => `
  insert into coverage_snapshot (day, scope_type, scope_id, ${cols}, covered_share, generated, taken_at)
  select day, 'VILLAGE', village_id, ${VALUE_COLUMNS.map((c) => `${c}`).join(', ')},
         case when area_m2 > 0 then greatest(0, 1 - uncovered_m2 / area_m2) end, ${generated}, now() from vv where ${villageDays}
  union all select day, 'TOWNSHIP', township_id, ${sums}, ${share}, ${generated}, now() from vv group by day, township_id
  union all select day, 'COUNTY', county_id, ${sums}, ${share}, ${generated}, now() from vv group by day, county_id
  union all select day, 'CITY', 0, ${sums}, ${share}, ${generated}, now() from vv group by day
  on conflict (scope_type, scope_id, day) do ${conflict === 'nothing' ? 'nothing' : `update set ${[...VALUE_COLUMNS, 'covered_share', 'generated', 'taken_at'].map((c) => `${c} = excluded.${c}`).join(', ')}`}`;

export const HISTORY_SQL = {
  /** Today's roll-ups from the live tables (replaces a snapshot of the same day). */
  snapshot: `with live as (${LIVE}), vv as (select ?::date as day, live.* from live) ${ROLLUP(false, 'update')}`,

  /**
   * A plausible monthly history before the first real snapshot (units quarterly, townships,
   * counties and the city monthly), from the current figures
   * and the reform's course: before 2020 grids were fewer and larger (community grids of
   * over 1,000 households), many had no worker (有网格无力量) and no party organisation,
   * and more land lay in no grid; the reform (2020–2021) closed most of it.
   * Deterministic: the jitter comes from each unit's code. Marked generated.
   */
  generate: `
    with live as materialized (${LIVE}),
    months as (select d::date as day from generate_series(?::date, ?::date, interval '1 month') d),
    course as (select day,
      -- 0 before the reform, rising through 2020–2021, near 1 after
      least(1, greatest(0, case when day < date '2020-03-01' then 0.04 * extract(month from day) / 12
                                  when day < date '2021-07-01' then 0.05 + 0.80 * ((day - date '2020-03-01') / 487.0)
                                  else 0.85 + 0.15 * least(1, (day - date '2021-07-01') / 900.0) end)) as p
      from months),
    lv as materialized (select live.*, v.kind, v.code from live join village v on v.id = live.village_id),
    vv as (
      select m.day, l.village_id, l.township_id, l.county_id, l.units,
             case when m.p >= 0.999 then l.fully_covered else 0 end as fully_covered,
             l.area_m2,
             least(l.area_m2, l.uncovered_m2 + l.area_m2 * (1 - m.p) * (0.15 + 0.35 * j.x)) as uncovered_m2,
             case when l.grids = 0 then 0 else greatest(1, round(l.grids * (0.55 + 0.45 * m.p)))::int end as grids,
             round(l.workers * (0.35 + 0.65 * m.p))::int as workers,
             l.households,
             round(l.households_in_grids * (0.6 + 0.4 * m.p))::int as households_in_grids,
             (case when l.area_m2 > 0 and m.p < 0.999 then 1 else least(l.f_uncovered_land, 1) end) as f_uncovered_land,
             round(l.f_overlap * (1 + 2 * (1 - m.p)))::int as f_overlap,
             round(l.f_spill * (1 + (1 - m.p)))::int as f_spill,
             (l.f_unstaffed_grid + round(l.grids * (0.55 + 0.45 * m.p) * 0.45 * (1 - m.p) * (0.5 + j.x)))::int as f_unstaffed_grid,
             (l.f_oversized_grid + case when l.kind = 'COMMUNITY' then round(l.grids * 0.55 * 0.6 * (1 - m.p) * (0.5 + j.x)) else 0 end)::int as f_oversized_grid,
             l.f_undersized_grid,
             (case when m.p < 0.85 and l.kind = 'VILLAGE' then 1 else l.f_grid_count_mismatch end)::int as f_grid_count_mismatch,
             (l.f_no_party_unit + round(l.grids * (0.55 + 0.45 * m.p) * 0.7 * (1 - m.p)))::int as f_no_party_unit,
             (case when l.kind = 'COMMUNITY' and m.p < 0.6 then 1 else l.f_no_grid_party_unit end)::int as f_no_grid_party_unit,
             0 as s_critical, 0 as s_warning, 0 as s_notice,
             (l.oversized_critical + case when l.kind = 'COMMUNITY' then round(l.grids * 0.55 * 0.45 * (1 - m.p) * (0.5 + j.x)) else 0 end)::int as oversized_critical,
             m.p
      from lv l
      cross join course m
      cross join lateral (select (abs(hashtext(l.code)) % 1000) / 1000.0 as x) j),
    sev as (
      select vv.*,
        -- severities follow the kinds' rules: unstaffed and >1,000-household grids are critical, and so is land ≥10% uncovered
        (f_unstaffed_grid + oversized_critical + case when area_m2 > 0 and uncovered_m2 / area_m2 >= 0.1 then f_uncovered_land else 0 end) as s_crit,
        (f_overlap + f_spill + (f_oversized_grid - oversized_critical) + f_no_party_unit + f_no_grid_party_unit
          + case when area_m2 > 0 and uncovered_m2 / area_m2 < 0.1 then f_uncovered_land else 0 end) as s_warn,
        (f_undersized_grid + f_grid_count_mismatch) as s_note
      from vv)
    , vv2 as (select day, village_id, township_id, county_id, units, fully_covered, area_m2, uncovered_m2, grids, workers, households, households_in_grids,
              ${KIND_COLUMNS.map(([, c]) => c).join(', ')}, s_crit as s_critical, s_warn as s_warning, s_note as s_notice, oversized_critical from sev)
    ${ROLLUP(true, 'nothing', 'extract(month from day) in (1, 4, 7, 10)').replace(/\bvv\b/g, 'vv2')}`,

  history: `select *, to_char(day, 'YYYY-MM-DD') as day_text from coverage_snapshot
            where scope_type = :scopeType and scope_id = :scopeId and day between :from::date and :to::date order by day`,
  asOf: `select *, to_char(day, 'YYYY-MM-DD') as day_text from coverage_snapshot
         where scope_type = ? and scope_id = ? and day <= ?::date order by day desc limit 1`,
  hasDay: `select exists (select 1 from coverage_snapshot where scope_type = 'CITY' and scope_id = 0 and day = ?::date and not generated) as ok`,
  lock: `select pg_try_advisory_xact_lock(hashtext('coverage_snapshot_daily')) as ok`,
  /** The planner over-estimates these statements and JIT-compiles them for seconds; in the caller's transaction only. */
  noJit: 'set local jit = off',
  deleteGenerated: 'delete from coverage_snapshot where generated',
} as const;
