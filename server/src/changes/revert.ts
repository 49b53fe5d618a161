import type { EntityManager } from '@mikro-orm/postgresql';
import type { Principal } from '../auth/principal';
import { badInput, conflict, notFound } from '../common/errors';
import { query } from '../common/sql';
import { CHANGE_SQL } from './change.sql';
import { runChange, sameContent, snapshot, type ChangeResult, type CorridorDeps } from './corridor';
import { isRecordType, RECORD_KINDS, type RecordType } from './records';

type Row = Record<string, any>;

interface EventRow {
  id: string;
  record_type: string;
  record_id: number;
  before: Row | null;
  after: Row | null;
}

/** Parents before children when records come back; the reverse when they go. */
const ORDER: RecordType[] = ['County', 'Township', 'Village', 'Grid', 'GridWorker', 'PartyUnit'];

export const REVERT_MESSAGES = {
  clash: (id: number) =>
    `Change ${id} cannot be undone: what it would put back clashes with later changes (a code another record uses now, or a record it refers to that no longer exists). Nothing was changed.`,
  nothing: (id: number) => `Change ${id} changed no record; there is nothing to undo.`,
  notRevertible: (type: string) =>
    `Changes of ${type} records cannot be undone here (their secrets are not in the audit trail).`,
  changedLater: (
    type: string,
    id: number,
    by: { change_id: string; operation: string; username: string } | undefined,
  ) =>
    by
      ? `${type} ${id} was changed again later, by change ${by.change_id} (${by.operation} by ${by.username}); undo that change first.`
      : `${type} ${id} is no longer as this change left it; undo the later changes first.`,
} as const;

/**
 * Undoes a whole change in one transaction, through the corridor (so the undo is itself a change,
 * and undoing the undo is a redo): every record the change created is deleted, every record it
 * deleted comes back under its id, every record it updated gets its earlier row, geometry, worker
 * assignments and party-unit links. Refused with CONFLICT when a record is no longer as the change
 * left it (a later change touched it), naming that change.
 */
export async function revertChange(
  em: EntityManager,
  deps: CorridorDeps,
  principal: Principal | null,
  changeId: number,
): Promise<ChangeResult<number>> {
  const [target] = await query<Row>(em, CHANGE_SQL.change, [changeId]);
  if (!target) throw notFound('Change', changeId);
  const redo = target.reverts_change_id != null;
  return runChange(
    em,
    deps,
    {
      principal,
      name: redo ? 'redoChange' : 'revertChange',
      operation: redo ? 'redo' : 'revert',
      revertsChangeId: changeId,
    },
    async (tx) => {
      // Rectifications the coverage trigger opened or closed are derived data: the undo's own
      // coverage recompute opens or closes them again (and files those events under the undo).
      const events = (await query<EventRow>(tx.em, CHANGE_SQL.events, [changeId])).filter((e) => !isDerived(e));
      if (!events.length) throw badInput(REVERT_MESSAGES.nothing(changeId));
      for (const e of events) {
        if (!isRecordType(e.record_type) || !RECORD_KINDS[e.record_type].revertible)
          throw badInput(REVERT_MESSAGES.notRevertible(e.record_type));
      }
      const byType = groupByType(events);

      // 1. Scope first: every record as it is now (checked by touch), and where it goes back to.
      for (const [type, list] of byType)
        await tx.touch(
          type,
          list.map((e) => e.record_id),
        );
      for (const [type, list] of byType) await tx.checkTarget(type, targetVillages(type, list));

      // 2. Each record must still be as the change left it.
      for (const [type, list] of byType) {
        const now = await snapshot(
          tx.em,
          type,
          list.map((e) => e.record_id),
        );
        for (const e of list) {
          if (sameContent(now.get(e.record_id) ?? null, e.after)) continue;
          const [later] = await query<{ change_id: string; operation: string; username: string }>(
            tx.em,
            CHANGE_SQL.latestChangeOf,
            [type, e.record_id],
          );
          throw conflict(REVERT_MESSAGES.changedLater(type, e.record_id, later), {
            recordType: type,
            recordId: String(e.record_id),
            laterChangeId: later ? String(later.change_id) : null,
          });
        }
      }

      // 3. Put every record back: recreate what it deleted, restore what it updated, delete what it created.
      const writer = new RowWriter(tx.em);
      for (const type of ORDER) {
        for (const e of byType.get(type) ?? []) if (e.before && !e.after) await writer.insert(type, e.before);
      }
      for (const type of ORDER) {
        for (const e of byType.get(type) ?? [])
          if (e.before && e.after) await writer.update(type, e.record_id, e.before);
      }
      for (const type of [...ORDER].reverse()) {
        for (const e of byType.get(type) ?? [])
          if (!e.before) await query(tx.em, `delete from ${RECORD_KINDS[type].table} where id = ?`, [e.record_id]);
      }
      // 4. Worker assignments as they were (both sides of the pivot carry them).
      for (const e of byType.get('Grid') ?? []) {
        if (!e.before) continue;
        await query(tx.em, CHANGE_SQL.clearGridWorkers, [e.record_id]);
        await query(tx.em, CHANGE_SQL.addGridWorkers, [ids(e.before.worker_ids), e.record_id]);
      }
      for (const e of byType.get('GridWorker') ?? []) {
        if (!e.before) continue;
        await query(tx.em, CHANGE_SQL.clearWorkerGrids, [e.record_id]);
        await query(tx.em, CHANGE_SQL.addWorkerGrids, [e.record_id, ids(e.before.grid_ids)]);
      }
      for (const [type, list] of byType)
        tx.created(
          type,
          list.filter((e) => !e.after).map((e) => e.record_id),
        );
      tx.summary(
        `${redo ? 'Redo' : 'Undo'} of change ${changeId} (${target.operation}${target.summary ? `: ${target.summary}` : ''})`.slice(
          0,
          2000,
        ),
      );
      return changeId;
    },
  );
}

function groupByType(events: EventRow[]): Map<RecordType, EventRow[]> {
  const out = new Map<RecordType, EventRow[]>();
  for (const e of events) {
    const type = e.record_type as RecordType;
    // Pushed, not spread (a copy per event is quadratic: the undo of a 50,000-grid import).
    const list = out.get(type);
    const row = { ...e, record_id: Number(e.record_id) };
    if (list) list.push(row);
    else out.set(type, [row]);
  }
  return out;
}

/** The villages records go back to, where the snapshot says so directly (the corridor checks all after). */
function targetVillages(type: RecordType, list: EventRow[]): number[] {
  const out: number[] = [];
  for (const e of list) {
    if (!e.before) continue;
    if (type === 'Village') out.push(Number(e.before.id));
    if ((type === 'Grid' || type === 'PartyUnit') && e.before.village_id != null) out.push(Number(e.before.village_id));
  }
  return out;
}

const ids = (v: unknown) => `{${(Array.isArray(v) ? v : []).map(Number).filter(Number.isSafeInteger).join(',')}}`;

/** Writes snapshot rows back, column by column as the table has them (ids and column names from the catalogue). */
class RowWriter {
  private readonly columns = new Map<string, string[]>();

  constructor(private readonly em: EntityManager) {}

  private async cols(type: RecordType, row: Row): Promise<string[]> {
    const table = RECORD_KINDS[type].table;
    if (!this.columns.has(table)) {
      this.columns.set(
        table,
        (await query<{ column_name: string }>(this.em, CHANGE_SQL.columns, [table])).map((r) => r.column_name),
      );
    }
    return this.columns.get(table)!.filter((c) => c !== 'geom' && Object.hasOwn(row, c));
  }

  private geom(type: RecordType): string {
    return RECORD_KINDS[type].hasGeometry ? 'ST_Multi(ST_SetSRID(ST_GeomFromGeoJSON(?::text), 4326))' : '';
  }

  /** Brings a deleted record back under its id, one version on. */
  async insert(type: RecordType, row: Row): Promise<void> {
    const table = RECORD_KINDS[type].table;
    const cols = await this.cols(type, row);
    const values = cols.map((c) => (c === 'version' ? 'r.version + 1' : c === 'updated_at' ? 'now()' : `r."${c}"`));
    const geo = this.geom(type);
    const names = cols
      .map((c) => `"${c}"`)
      .concat(geo ? ['geom'] : [])
      .join(', ');
    const select = values.concat(geo ? [geo] : []).join(', ');
    // Parameters in the order they appear: the geometry (in the select list), then the row.
    const params = [...(geo ? [row.geometry ? JSON.stringify(row.geometry) : null] : []), JSON.stringify(row)];
    await query(
      this.em,
      `insert into ${table} (${names}) select ${select} from jsonb_populate_record(null::${table}, ?::jsonb) r`,
      params,
    );
  }

  /** Gives an existing record its earlier row (and geometry), one version on. */
  async update(type: RecordType, id: number, row: Row): Promise<void> {
    const table = RECORD_KINDS[type].table;
    const cols = (await this.cols(type, row)).filter((c) => c !== 'id' && c !== 'version' && c !== 'updated_at');
    const geo = this.geom(type);
    const sets = `(${cols.map((c) => `"${c}"`).join(', ')}) = (select ${cols.map((c) => `r."${c}"`).join(', ')} from jsonb_populate_record(null::${table}, ?::jsonb) r)`;
    const params: unknown[] = [JSON.stringify(row)];
    let extra = '';
    if (geo) {
      extra = `, geom = ${geo}`;
      params.push(row.geometry ? JSON.stringify(row.geometry) : null);
    }
    params.push(id);
    await query(
      this.em,
      `update ${table} t set ${sets}${extra}, version = t.version + 1, updated_at = now() where t.id = ?`,
      params,
    );
  }
}

/** An event the database wrote itself (the rectification trigger, user "coverage"). */
function isDerived(e: EventRow): boolean {
  const row = e as unknown as { record_type: string; username: string; role: string };
  return row.record_type === 'Rectification' && row.username === 'coverage' && row.role === 'SYSTEM';
}
