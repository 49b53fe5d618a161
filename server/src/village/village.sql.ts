/** The statements the village module runs. */
export const VILLAGE_SQL = {
  inCounty: 'e.township_id in (select t.id from township t where t.county_id = ?)',
  gridCount: 'select count(*) as n from grid where village_id = ?',
  partyUnitCount: 'select count(*) as n from party_unit where village_id = ?',
} as const;
