/** The statements the village module runs. */
export const VILLAGE_SQL = {
  inCounty: 'e.township_id in (select t.id from township t where t.county_id = ?)',
  gridCount: 'select count(*) as n from grid where village_id = ?',
  partyUnitCount: 'select count(*) as n from party_unit where village_id = ?',
} as const;

/** Sorting and filtering villages by their coverage figures (issue 13: the review's "which villages are worst covered"). */
export const VILLAGE_COVERAGE_SORT = {
  coveredShare: '(select c.covered_share from coverage_unit c where c.village_id = e.id)',
  uncoveredM2: '(select c.uncovered_m2 from coverage_unit c where c.village_id = e.id)',
  areaM2: 'ST_Area(e.geom::geography)',
  notFullyCovered: 'exists (select 1 from coverage_unit c where c.village_id = e.id and c.covered_share < 1)',
} as const;
