/** The statements the county module runs. */
export const COUNTY_SQL = {
  townshipCount: 'select count(*) as n from township where county_id = ?',
} as const;
