import type { TestServer } from '../helpers/server';

/**
 * A checksum of everything a refused request must not change: the data tables, the
 * coverage tables, the audit trail and the data version (sign-in counters and key
 * use times are left out: a refused login counts by design).
 */
export async function databaseChecksum(t: TestServer): Promise<string> {
  const tables: [string, string][] = [
    ['county', 'x'],
    ['township', 'x'],
    ['village', 'x'],
    ['grid', 'x'],
    ['party_unit', 'x'],
    ['grid_worker', 'x'],
    ['grid_worker_grids', 'x'],
    ['coverage_unit', 'x'],
    ['coverage_finding', 'x'],
    ['audit_event', 'x'],
    ['data_version', 'x'],
    ['app_user', `(to_jsonb(x) - 'failed_attempts' - 'locked_until')`],
    ['api_key', `(to_jsonb(x) - 'last_used_at')`],
  ];
  const parts = tables.map(
    ([table, row]) =>
      `select '${table}' as t, md5(coalesce(string_agg(${row === 'x' ? 'x::text' : `${row}::text`}, '|' order by ${row === 'x' ? 'x::text' : `${row}::text`}), '')) as h from ${table} x`,
  );
  const rows = await t.sql<{ t: string; h: string }>(parts.join(' union all '));
  return rows
    .map((r) => `${r.t}:${r.h}`)
    .sort()
    .join(',');
}
