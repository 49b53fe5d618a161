import { PARTY_LEVEL_ORDER } from '../party-unit/party-unit.sql';

/**
 * The statements behind `cityReport`. Each takes one parameter, the county id or
 * null for the whole city; units are scoped by their township's county, grids by
 * their unit, workers by the grids they are assigned to, party units by their unit.
 */
const SCOPE = `
  with params as (select ?::int as county_id),
  u as (select v.* from village v join township t on t.id = v.township_id, params
        where params.county_id is null or t.county_id = params.county_id),
  g as (select g.* from grid g where g.village_id in (select id from u)),
  w as (select w.* from grid_worker w, params
        where params.county_id is null
           or exists (select 1 from grid_worker_grids gw join g on g.id = gw.grid_id where gw.grid_worker_id = w.id)),
  p as (select p.* from party_unit p, params
        where params.county_id is null or p.village_id in (select id from u))`;

export const REPORT_SQL = {
  totals: `${SCOPE}
    select
      (select count(*) from county, params where params.county_id is null or county.id = params.county_id)::int as counties,
      (select count(*) from township, params where params.county_id is null or township.county_id = params.county_id)::int as townships,
      (select count(*) from u where kind = 'VILLAGE')::int as villages,
      (select count(*) from u where kind = 'COMMUNITY')::int as communities,
      (select coalesce(sum(villager_groups), 0) from u where kind = 'VILLAGE')::int as villager_groups,
      (select count(*) from g)::int as grids,
      (select count(*) from g join u on u.id = g.village_id where u.kind = 'VILLAGE')::int as village_grids,
      (select count(*) from g join u on u.id = g.village_id where u.kind = 'COMMUNITY')::int as community_grids,
      (select count(*) from w)::int as workers,
      (select count(*) from w where w.active)::int as active_workers,
      (select count(*) from p)::int as party_units,
      (select count(*) from p where level = 'COMMITTEE' and kind = 'COMMUNITY')::int as community_committees,
      (select count(*) from p where level = 'GROUP' and kind = 'NATURAL_VILLAGE')::int as natural_village_groups,
      (select count(*) from p where kind = 'INDUSTRY')::int as industry_organisations,
      (select count(*) from p where level = 'BRANCH' and kind = 'GRID')::int as grid_branches,
      (select count(*) from p where level = 'GROUP' and kind in ('GRID', 'BUILDING'))::int as grid_groups,
      (select coalesce(sum(households), 0) from u)::int as households,
      (select coalesce(sum(households), 0) from u where kind = 'VILLAGE')::int as village_households,
      (select coalesce(sum(households), 0) from u where kind = 'COMMUNITY')::int as community_households,
      (select coalesce(sum(population), 0) from u)::int as population,
      (select coalesce(sum(households), 0) from g)::int as households_in_grids`,

  gridsByKind: `${SCOPE}
    select u.kind as unit_kind, g.kind, count(*)::int as count
    from g join u on u.id = g.village_id group by u.kind, g.kind order by u.kind desc, g.kind`,

  workers: `${SCOPE}
    select source, employment, count(*)::int as count, count(*) filter (where active)::int as active
    from w group by source, employment order by source, employment`,

  partyUnits: `${SCOPE}
    select level, kind, count(*)::int as count, count(grid_id)::int as on_grids
    from p group by level, kind
    order by ${PARTY_LEVEL_ORDER('level')}, kind`,
} as const;
