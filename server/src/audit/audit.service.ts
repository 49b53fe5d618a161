import type { EntityManager } from '@mikro-orm/postgresql';
import type { Principal } from '../auth/principal';
import { intArray, query } from '../common/sql';

export type Snapshot = Map<number, Record<string, unknown>>;

/** Writes the audit trail inside the writing transaction: a failed write leaves no event. */
export class AuditService {
  /** Rows as JSON, geometry as GeoJSON, secrets left out. */
  async snapshot(em: EntityManager, table: string, ids: readonly number[], hasGeometry: boolean): Promise<Snapshot> {
    if (!ids.length) return new Map();
    const geometry = hasGeometry ? ` || jsonb_build_object('geometry', ST_AsGeoJSON(t.geom, 9)::jsonb)` : '';
    const rows = await query<{ id: number; row: Record<string, unknown> }>(
      em,
      `select t.id, (to_jsonb(t) - 'geom' - 'password_hash' - 'key_hash')${geometry} as row from ${table} t where t.id = any(?::int[])`,
      [intArray(ids)],
    );
    return new Map(rows.map((r) => [Number(r.id), r.row]));
  }

  async record(
    em: EntityManager, principal: Principal | null, operation: string, recordType: string,
    before: Snapshot, after: Snapshot,
  ): Promise<void> {
    const ids = [...new Set([...before.keys(), ...after.keys()])];
    for (const id of ids) {
      const b = before.get(id) ?? null;
      const a = after.get(id) ?? null;
      if (b && a && JSON.stringify(strip(b)) === JSON.stringify(strip(a))) continue; // untouched neighbour
      await query(
        em,
        `insert into audit_event (user_id, username, role, operation, record_type, record_id, before, after)
         values (?, ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb)`,
        [
          principal?.kind === 'user' ? principal.id : null, principal?.username ?? 'system', principal?.role ?? 'SYSTEM',
          operation, recordType, id, b ? JSON.stringify(b) : null, a ? JSON.stringify(a) : null,
        ],
      );
    }
  }
}

const strip = (row: Record<string, unknown>) => {
  const { updated_at: _u, version: _v, ...rest } = row;
  return rest;
};
