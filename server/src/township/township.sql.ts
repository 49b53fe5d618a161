/** The statements the township module runs. */
export const TOWNSHIP_SQL = {
  villageCount: 'select count(*) as n from village where township_id = ?',
} as const;
