import type { EntityManager } from '@mikro-orm/postgresql';
import type { Principal } from '../auth/principal';
import { AppError, conflict } from '../common/errors';
import { intArray, query, textArray } from '../common/sql';
import type { CoverageService } from '../coverage/coverage.service';
import { CHANGE_SQL } from './change.sql';
import { RECORD_KINDS, type RecordType } from './records';
import { checkPlaced, checkRole, checkVillages, isScoped } from './scope';

/**
 * THE WRITE CORRIDOR. Every change of data goes this one way, top to bottom:
 *
 *   1. open a transaction and take the writers' lock (the data_version row: one lock, one order);
 *   2. the work declares each record it is about to change (`tx.touch`): the corridor snapshots it
 *      and checks the principal's scope on it NOW, before anything changes (FORBIDDEN comes first);
 *   3. the work changes the records (the service says WHAT changes, nothing else);
 *   4. the corridor snapshots every declared record again, and for each one whose row or relations
 *      changed: checks the scope again (nothing may move out of it), writes one audit event;
 *   5. recomputes coverage for the villages touched (which bumps the data version);
 *   6. closes the change row (who, when, operation, summary, villages) and commits.
 *
 * Deadlocks and serialisation failures are retried a few times; then a typed CONFLICT with
 * `retryable: true`. Callable from anything: GraphQL services, scripts (principal null), the import.
 */

export interface ChangeRequest {
  /** Who; null for a command-line script (written as "system"). */
  principal: Principal | null;
  /** The change's name, e.g. the mutation: createGrid, splitGrid, import. */
  name: string;
  /** The audit events' operation (create, update, delete, split…); defaults to name. */
  operation?: string;
  /** A change this one reverts (undo), or that it re-applies (redo of an undo). */
  revertsChangeId?: number;
  /**
   * The caller authorised the principal already (a user's own password): no role or scope check.
   * Everything else (audit, change row) still happens.
   */
  preAuthorized?: boolean;
}

export interface ChangeResult<R> {
  result: R;
  changeId: number;
}

export interface CorridorDeps {
  coverage: CoverageService;
  /** Bounded retries of deadlocks and serialisation failures (default 4 attempts). */
  maxAttempts?: number;
}

type Row = Record<string, unknown>;

interface Tracked {
  type: RecordType;
  id: number;
  before: Row | null;
  villagesBefore: Set<number>;
  /** Declared by the work (its subject); watched records are only side effects. */
  primary: boolean;
}

const key = (type: RecordType, id: number) => `${type}:${id}`;
/** Audit events written per statement. */
const EVENT_BATCH = 1000;
/**
 * From this many records of one type created by one change (an import), their events are written
 * from the rows by one statement, not snapshotted through Node and sent back (every boundary twice).
 */
const BULK_CREATED = 1000;

/** What the work sees: the transaction's entity manager and the declarations. */
export class ChangeTx {
  private readonly tracked = new Map<string, Tracked>();
  private text: string | undefined;
  private readonly events: { type: string; id: number | null; before: unknown; after: unknown }[] = [];

  constructor(
    readonly em: EntityManager,
    readonly principal: Principal | null,
    private readonly preAuthorized: boolean,
  ) {}

  /**
   * Declares records the work is about to change or delete. Their scope is checked here, before the
   * change; records linked to them (a grid's workers and party units, a worker's grids) are watched,
   * so a relation that changes is audited and checked too.
   */
  async touch(type: RecordType, ids: readonly number[]): Promise<void> {
    if (!this.preAuthorized) checkRole(this.principal, type);
    const fresh = await this.track(type, ids, true);
    // One check for all of them (an import declares thousands). A record in no village (an unplaced
    // worker, a detached party unit) is for administrators, unless this very change places it
    // inside the editor's scope (checked at the end).
    if (!this.preAuthorized)
      await checkVillages(
        this.em,
        this.principal,
        type,
        fresh.flatMap((t) => [...t.villagesBefore]),
      );
    await this.watchLinked(type, ids);
  }

  /** Watches records that may change as a side effect (checked and audited only if they do). */
  async watch(type: RecordType, ids: readonly number[]): Promise<void> {
    await this.track(type, ids, false);
  }

  /** Declares records the work created (after their flush). */
  created(type: RecordType, ids: readonly number[]): void {
    for (const id of ids) {
      const k = key(type, id);
      if (!this.tracked.has(k))
        this.tracked.set(k, { type, id, before: null, villagesBefore: new Set(), primary: true });
    }
  }

  /** Refuses, before any work, a write that would put a record of `type` into these villages. */
  async checkTarget(type: RecordType, villageIds: readonly number[]): Promise<void> {
    if (!this.preAuthorized) await checkVillages(this.em, this.principal, type, villageIds);
  }

  /**
   * An audit event for a record that lives outside the corridor's tables (the map settings value):
   * the work says what it was and what it became; the event joins this change.
   */
  event(type: string, id: number | null, before: unknown, after: unknown): void {
    this.events.push({ type, id, before, after });
  }

  /** A line for the change's summary (defaults to the records changed). */
  summary(text: string): void {
    this.text = text;
  }

  private async track(type: RecordType, ids: readonly number[], primary: boolean): Promise<Tracked[]> {
    const fresh = [...new Set(ids.map(Number))].filter((id) => {
      const t = this.tracked.get(key(type, id));
      if (t && primary) t.primary = true;
      return !t;
    });
    if (!fresh.length) return [];
    const rows = await snapshot(this.em, type, fresh);
    const villages = await villagesOf(this.em, type, fresh);
    const out: Tracked[] = [];
    for (const id of fresh) {
      const t: Tracked = {
        type,
        id,
        before: rows.get(id) ?? null,
        villagesBefore: villages.get(id) ?? new Set(),
        primary,
      };
      this.tracked.set(key(type, id), t);
      out.push(t);
    }
    return out;
  }

  private async watchLinked(type: RecordType, ids: readonly number[]): Promise<void> {
    const list = intArray(ids);
    if (type === 'Grid') {
      await this.watch(
        'GridWorker',
        (await query<{ id: number }>(this.em, CHANGE_SQL.linkedWorkers, [list])).map((r) => Number(r.id)),
      );
      await this.watch(
        'PartyUnit',
        (await query<{ id: number }>(this.em, CHANGE_SQL.linkedPartyUnits, [list])).map((r) => Number(r.id)),
      );
    } else if (type === 'GridWorker') {
      await this.watch(
        'Grid',
        (await query<{ id: number }>(this.em, CHANGE_SQL.linkedGrids, [list])).map((r) => Number(r.id)),
      );
    }
  }

  /** Steps 4–6: after-snapshots, the second scope check, audit events, coverage, the change row. */
  async finish(changeId: number, request: ChangeRequest, coverage: CoverageService): Promise<void> {
    const em = this.em;
    const byType = new Map<RecordType, Tracked[]>();
    // Pushed, not spread: a copy of the list per record was quadratic (50,000 records of an import: minutes).
    for (const t of this.tracked.values()) {
      const list = byType.get(t.type);
      if (list) list.push(t);
      else byType.set(t.type, [t]);
    }

    const changed: { t: Tracked; after: Row | null; villagesAfter: Set<number> }[] = [];
    const bulk: { type: RecordType; ids: number[] }[] = [];
    for (const [type, all] of byType) {
      let list = all;
      const born = all.filter((t) => t.before === null && t.primary);
      if (born.length >= BULK_CREATED) {
        // Created in bulk: each one that exists is a change; its event is written below, in SQL.
        const ids = born.map((t) => t.id);
        const exists = new Set(
          (await query<{ id: number }>(em, CHANGE_SQL.existing(RECORD_KINDS[type].table), [intArray(ids)])).map((r) =>
            Number(r.id),
          ),
        );
        const villagesOfBorn = await villagesOf(em, type, ids);
        for (const t of born)
          if (exists.has(t.id))
            changed.push({ t, after: { created: true }, villagesAfter: villagesOfBorn.get(t.id) ?? new Set() });
        bulk.push({ type, ids: ids.filter((id) => exists.has(id)) });
        list = all.filter((t) => !(t.before === null && t.primary));
      }
      const ids = list.map((t) => t.id);
      const rows = await snapshot(em, type, ids);
      const villages = await villagesOf(em, type, ids);
      for (const t of list) {
        const after = rows.get(t.id) ?? null;
        if (sameRow(t.before, after)) continue; // untouched: no event, no check
        changed.push({ t, after, villagesAfter: villages.get(t.id) ?? new Set() });
      }
    }

    // The scope again, on what changed: nothing may leave the editor's villages or land outside them.
    if (!this.preAuthorized) {
      for (const { t, after, villagesAfter } of changed) {
        checkRole(this.principal, t.type);
        if (!isScoped(this.principal) || !RECORD_KINDS[t.type].villages) continue;
        await checkVillages(em, this.principal, t.type, [...t.villagesBefore, ...villagesAfter]);
        if (after) {
          // Left in no village: refused for the subject of the change (a detach); allowed for a side
          // effect of deleting or merging the grids it was on (their villages were checked).
          if (t.primary || !t.villagesBefore.size) checkPlaced(this.principal, villagesAfter);
        } else {
          checkPlaced(this.principal, t.villagesBefore); // deleting a record in no village
        }
      }
    }

    // One audit event per record whose row or relations changed.
    const operation = request.operation ?? request.name;
    const p = this.principal;
    // In batches (an import changes thousands of records in one change), in the order of the records.
    const who = [changeId, p?.kind === 'user' ? p.id : null, p?.username ?? 'system', p?.role ?? 'SYSTEM', operation];
    for (const { type, ids } of bulk) {
      const kind = RECORD_KINDS[type];
      for (let i = 0; i < ids.length; i += EVENT_BATCH * 10) {
        await query(em, CHANGE_SQL.insertCreatedEvents(kind.table, kind.hasGeometry, kind.relations), [
          ...who,
          type,
          intArray(ids.slice(i, i + EVENT_BATCH * 10)),
        ]);
      }
    }
    const inBulk = new Set(bulk.flatMap(({ type, ids }) => ids.map((id) => key(type, id))));
    const events = [
      ...changed
        .filter(({ t }) => !inBulk.has(key(t.type, t.id)))
        .map(({ t, after }) => ({ type: t.type as string, id: t.id as number | null, before: t.before, after })),
      ...this.events,
    ];
    for (let i = 0; i < events.length; i += EVENT_BATCH) {
      await query(em, CHANGE_SQL.insertEvents, [...who, JSON.stringify(events.slice(i, i + EVENT_BATCH))]);
    }

    // Coverage of the villages touched, in this transaction (recompute bumps the data version).
    const villageIds = new Set<number>();
    const gridIds: number[] = [];
    for (const { t, villagesAfter } of changed) {
      if (!RECORD_KINDS[t.type].coverage) continue;
      for (const v of [...t.villagesBefore, ...villagesAfter]) villageIds.add(v);
      if (t.type === 'Grid') gridIds.push(t.id);
    }
    await coverage.recompute(em, [...villageIds], gridIds);

    const types = [...new Set([...changed.map((c) => c.t.type as string), ...this.events.map((e) => e.type)])].sort();
    const summary =
      this.text ?? describe(changed.map((c) => ({ type: c.t.type, id: c.t.id, before: c.t.before, after: c.after })));
    await query(em, CHANGE_SQL.closeChange, [
      changeId,
      summary,
      intArray([...villageIds].sort((a, b) => a - b)),
      textArray(types),
      changed.length + this.events.length,
    ]);
  }
}

/**
 * Runs one change through the corridor. `em` is any entity manager (it is forked: the work sees
 * a fresh identity map); `work` receives the transaction and must be safe to run again (a retry).
 */
export async function runChange<R>(
  em: EntityManager,
  deps: CorridorDeps,
  request: ChangeRequest,
  work: (tx: ChangeTx) => Promise<R>,
): Promise<ChangeResult<R>> {
  const attempts = deps.maxAttempts ?? 4;
  for (let attempt = 1; ; attempt++) {
    try {
      return await em.fork({ clear: true }).transactional(async (txEm) => {
        // 1. The lock every writer takes first.
        await query(txEm, CHANGE_SQL.lock);
        const p = request.principal;
        const [opened] = await query<{ id: string }>(txEm, CHANGE_SQL.insertChange, [
          p?.kind === 'user' ? p.id : null,
          p?.username ?? 'system',
          p?.role ?? 'SYSTEM',
          request.name,
          request.revertsChangeId ?? null,
        ]);
        const changeId = Number(opened!.id);
        // The change's id for the database's own writes in this transaction: the deferred
        // rectification trigger (migration Migration20261130080000ChangeTrigger) files its audit
        // events under it and counts them into the change's event_count at commit.
        await query(txEm, CHANGE_SQL.setChangeId, [String(changeId)]);
        const tx = new ChangeTx(txEm, p, Boolean(request.preAuthorized));
        // 2–3. The work: declare, then change.
        const result = await work(tx);
        await txEm.flush();
        // 4–6.
        await tx.finish(changeId, request, deps.coverage);
        return { result, changeId };
      });
    } catch (e) {
      if (!isRetryable(e)) throw e;
      if (attempt >= attempts) throw conflict(RETRY_MESSAGE, { retryable: true });
      await new Promise((r) => setTimeout(r, 5 + Math.random() * 20 * attempt));
    }
  }
}

const RETRY_MESSAGE = 'The database was busy with other edits of the same records; nothing was saved. Try again.';

/** Deadlock, serialisation failure, lock timeout: safe to run again. */
function isRetryable(e: unknown): boolean {
  if (e instanceof AppError) return false;
  const err = e as { code?: string; sqlState?: string; cause?: { code?: string } } | null;
  const code = err?.code ?? err?.sqlState ?? err?.cause?.code;
  return code === '40P01' || code === '40001' || code === '55P03';
}

/** Rows of one type as JSON, with relations; `Map<id, row>`. */
export async function snapshot(em: EntityManager, type: RecordType, ids: readonly number[]): Promise<Map<number, Row>> {
  if (!ids.length) return new Map();
  const kind = RECORD_KINDS[type];
  const rows = await query<{ id: number; row: Row }>(
    em,
    CHANGE_SQL.snapshot(kind.table, kind.hasGeometry, kind.relations),
    [intArray(ids)],
  );
  return new Map(rows.map((r) => [Number(r.id), r.row]));
}

/** The villages (village-level units, of either kind) each record lies in. */
export async function villagesOf(
  em: EntityManager,
  type: RecordType,
  ids: readonly number[],
): Promise<Map<number, Set<number>>> {
  const sql = RECORD_KINDS[type].villages;
  const out = new Map<number, Set<number>>();
  if (!sql || !ids.length) return out;
  const list = intArray(ids);
  const params = Array.from({ length: (sql.match(/\?/g) ?? []).length }, () => list);
  for (const r of await query<{ id: number; village: number | null }>(em, sql, params)) {
    if (r.village == null) continue;
    const set = out.get(Number(r.id)) ?? new Set<number>();
    set.add(Number(r.village));
    out.set(Number(r.id), set);
  }
  return out;
}

/** Equal rows: the same content (the update time alone is no change). */
export function sameRow(a: Row | null, b: Row | null): boolean {
  if (!a || !b) return a === b;
  return canonical(a, ['updated_at']) === canonical(b, ['updated_at']);
}

/** Equal content: neither the version nor the update time counts (undo compares states this way). */
export function sameContent(a: Row | null, b: Row | null): boolean {
  if (!a || !b) return a === b;
  return canonical(a, ['updated_at', 'version']) === canonical(b, ['updated_at', 'version']);
}

function canonical(row: Row, skip: string[]): string {
  const sorted = (v: unknown): unknown =>
    Array.isArray(v)
      ? v.map(sorted)
      : v && typeof v === 'object'
        ? Object.fromEntries(
            Object.keys(v as Row)
              .sort()
              .map((k) => [k, sorted((v as Row)[k])]),
          )
        : v;
  const copy = { ...row };
  for (const k of skip) delete copy[k];
  return JSON.stringify(sorted(copy));
}

/** "Grid 12 updated, Grid 40 created, GridWorker 7 updated" (names where the row has one). */
function describe(items: { type: RecordType; id: number; before: Row | null; after: Row | null }[]): string {
  const parts = items.slice(0, 12).map(({ type, id, before, after }) => {
    const what = !before ? 'created' : !after ? 'deleted' : 'updated';
    const name = (after?.name ?? before?.name ?? after?.username ?? before?.username) as string | undefined;
    return `${type} ${id}${name ? ` ${name}` : ''} ${what}`;
  });
  if (items.length > 12) parts.push(`and ${items.length - 12} more`);
  return parts.join('; ') || 'nothing changed';
}
