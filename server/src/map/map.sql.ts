import type { Where } from '../common/sql';
import { WORST_SEVERITY } from '../coverage/coverage.sql';
import { FindingKind } from '../coverage/coverage.rules';
import { PARTY_LEVEL_ORDER } from '../party-unit/party-unit.sql';

/** The statements of the map layers: each builds its whole FeatureCollection in PostGIS. */
export interface LayerQuery {
  where: Where;
  tolerance: number | null;
}

const FC = (features: string, from: string) =>
  `select json_build_object('type', 'FeatureCollection', 'features', coalesce(json_agg(${features}), '[]'::json))::text as body ${from}`;

const feature = (id: string, geom: string, props: string) =>
  `json_build_object('type', 'Feature', 'id', ${id}, 'geometry', ST_AsGeoJSON(${geom}, 6)::json, 'properties', json_build_object(${props}))`;

const simplified = (col: string, q: LayerQuery) =>
  q.tolerance ? `ST_SimplifyPreserveTopology(${col}, ${q.tolerance})` : col;

/** Statements of the map layers, by name. */
export const LAYERS: Record<string, (q: LayerQuery) => string> = {
  counties: (q) =>
    FC(
      feature('e.id', simplified('e.geom', q), `'id', e.id, 'code', e.code, 'name', e.name, 'coveredShare', s.share`),
      `from county e left join lateral (
         select 1 - sum(c.uncovered_m2) / nullif(sum(c.area_m2), 0) as share from coverage_unit c
         join village v on v.id = c.village_id join township t on t.id = v.township_id where t.county_id = e.id) s on true
       where e.geom is not null and ${q.where.toSql()}`,
    ),
  townships: (q) =>
    FC(
      feature(
        'e.id',
        simplified('e.geom', q),
        `'id', e.id, 'code', e.code, 'name', e.name, 'kind', e.kind, 'countyId', e.county_id, 'coveredShare', s.share`,
      ),
      `from township e left join lateral (
         select 1 - sum(c.uncovered_m2) / nullif(sum(c.area_m2), 0) as share from coverage_unit c
         join village v on v.id = c.village_id where v.township_id = e.id) s on true
       where e.geom is not null and ${q.where.toSql()}`,
    ),
  villages: (q) =>
    FC(
      feature(
        'e.id',
        simplified('e.geom', q),
        `'id', e.id, 'code', e.code, 'name', e.name, 'kind', e.kind, 'townshipId', e.township_id,
        'countyId', t.county_id, 'households', e.households, 'coveredShare', c.covered_share, 'uncoveredM2', round(c.uncovered_m2::numeric, 1),
        'findings', (select count(*) from coverage_finding f where f.village_id = e.id)`,
      ),
      `from village e join township t on t.id = e.township_id left join coverage_unit c on c.village_id = e.id
       where e.geom is not null and ${q.where.toSql()}`,
    ),
  grids: (q) =>
    // Per-grid figures are aggregated once and joined: correlated sub-queries per grid took seconds.
    `with workers as (
       select gw.grid_id, count(*) as n from grid_worker_grids gw join grid_worker w on w.id = gw.grid_worker_id and w.active group by gw.grid_id),
     party as (
       select distinct on (grid_id) grid_id, name from party_unit where grid_id is not null
       order by grid_id, ${PARTY_LEVEL_ORDER('level')}, id),
     worst as (
       select grid_id, ${WORST_SEVERITY('severity')} as severity
       from (select grid_id, severity from coverage_finding where grid_id is not null
             union all select other_grid_id, severity from coverage_finding where other_grid_id is not null) f
       group by grid_id)
     ` +
    FC(
      feature(
        'e.id',
        simplified('e.geom', q),
        `'id', e.id, 'code', e.code, 'name', e.name, 'kind', e.kind, 'villageId', e.village_id,
        'households', e.households, 'workers', coalesce(wk.n, 0), 'partyUnit', pu.name, 'severity', ws.severity`,
      ),
      `from grid e join village v on v.id = e.village_id join township t on t.id = v.township_id
       left join workers wk on wk.grid_id = e.id left join party pu on pu.grid_id = e.id left join worst ws on ws.grid_id = e.id
       where ${q.where.toSql()}`,
    ),
  uncovered: (q) =>
    FC(
      feature(
        `'${FindingKind.UNCOVERED_LAND}-v' || e.village_id`,
        simplified('e.uncovered', q),
        `'villageId', e.village_id, 'areaM2', round(e.uncovered_m2::numeric, 1), 'coveredShare', e.covered_share`,
      ),
      `from coverage_unit e join village v on v.id = e.village_id join township t on t.id = v.township_id
       where e.uncovered is not null and ${q.where.toSql()}`,
    ),
  overlaps: (q) =>
    FC(
      feature(
        'e.id',
        simplified('e.geom', q),
        `'gridAId', e.grid_id, 'gridBId', e.other_grid_id, 'villageId', e.village_id, 'areaM2', round(e.area_m2::numeric, 1)`,
      ),
      `from coverage_finding e join village v on v.id = e.village_id join township t on t.id = v.township_id
       where e.kind = '${FindingKind.OVERLAP}' and ${q.where.toSql()}`,
    ),
};

/** Findings with their messages: the SQL returns the facts, the messages come from the one message table. */
export function findingsCollection(q: LayerQuery): string {
  return FC(
    feature(
      'e.id',
      `coalesce(${simplified('e.geom', q)}, e.point)`,
      `'id', e.id, 'kind', e.kind, 'severity', e.severity, 'villageId', e.village_id,
      'gridId', e.grid_id, 'otherGridId', e.other_grid_id, 'subjectName', e.subject_name, 'otherName', e.other_name,
      'value', e.value, 'expected', e.expected, 'areaM2', round(e.area_m2::numeric, 1)`,
    ),
    `from coverage_finding e join village v on v.id = e.village_id join township t on t.id = v.township_id where ${q.where.toSql()}`,
  );
}
