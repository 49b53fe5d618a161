/** The change feed's statements (the table and its trigger: Migration20261130050000GisServices). */
export const CHANGES_SQL = {
  since: `select version, at, operations, records, records_truncated, village_ids, all_units
          from change_feed where version > ? order by version limit ?`,
  one: `select version, at, operations, records, records_truncated, village_ids, all_units from change_feed where version = ?`,
  current: 'select n from data_version where id = 1',
  channel: 'wz_change',
} as const;
