import type { EntityManager } from '@mikro-orm/postgresql';
import { Role } from '../auth/auth.entities';
import { AUTH_MESSAGES, forbidden, requireAdmin, type Principal } from '../auth/principal';
import { runChange, type CorridorDeps } from '../changes/corridor';
import type { Config } from '../config';
import { badInput, conflict, messages, notFound } from '../common/errors';
import type { ListArgs } from '../common/list.inputs';
import { query, queryNamed, textArray, intArray, Where } from '../common/sql';
import { checkDate, daysOverdue, LOOP_MESSAGES, requireScope, scopeCondition, shanghaiDate } from './access';
import { SEVERITY_ORDER } from '../coverage/coverage.sql';
import { RECTIFICATION_SQL } from './rectification.sql';
import type {
  AssignRectificationArgs,
  Rectification,
  RectificationEvent,
  RectificationFilter,
  RectificationStat,
  TownshipRectificationRank,
} from './rectification.types';

export interface LoopDeps {
  em: EntityManager;
  principal: Principal | null;
  /** The write corridor: every write is one change (server/src/changes/corridor.ts). */
  corridor: CorridorDeps;
  /** The request's change ids (the response's extensions.changeIds). */
  changeIds?: number[];
  config: Config;
  /** The clock (tests pass a fixed instant). */
  now?: () => Date;
}

const SORTABLE: Record<string, string> = {
  id: 'r.id',
  findingId: 'r.finding_id',
  kind: 'r.kind',
  subjectName: 'r.subject_name',
  status: 'r.status',
  severity: SEVERITY_ORDER('r.severity'),
  deadline: 'r.deadline',
  openedAt: 'r.opened_at',
  closedAt: 'r.closed_at',
  updatedAt: 'r.updated_at',
  villageId: 'r.village_id',
  townshipId: 'v.township_id',
};

/** A list request's page, sort and order, checked. */
export function pageOf(args: ListArgs, sortable: Record<string, string>, maxPerPage: number, defaultSort = 'id') {
  const perPage = args.perPage ?? 25;
  const page = args.page ?? 0;
  if (!Number.isInteger(page) || page < 0 || perPage < 1 || perPage > maxPerPage)
    throw badInput(messages.badPage(maxPerPage));
  const field = args.sortField ?? defaultSort;
  const sort = Object.hasOwn(sortable, field) ? sortable[field] : undefined; // not "constructor" from the prototype
  if (!sort) throw badInput(messages.badSortField(args.sortField!, Object.keys(sortable)));
  const order = (args.sortOrder ?? 'ASC').toUpperCase();
  if (order !== 'ASC' && order !== 'DESC') throw badInput(messages.badSortOrder(args.sortOrder!));
  return { perPage, page, sort, order };
}

const idNum = (id: string | number | null | undefined) => {
  const n = Number(id);
  return Number.isSafeInteger(n) && n > 0 ? n : -1;
};

/**
 * 整改闭环: assigning, waiving and commenting on the rectification of coverage findings.
 * Opening, closing and reopening are not here: the database does them when coverage is
 * recomputed (the rectification_sync trigger, migration Migration20261130070000Loop).
 */
export class RectificationService {
  constructor(private readonly d: LoopDeps) {}

  private now(): Date {
    return this.d.now?.() ?? new Date();
  }

  toRectification(r: Record<string, any>): Rectification {
    const open = r.status === 'OPEN';
    const late = open ? daysOverdue(r.deadline_text, this.now()) : 0;
    const s = (v: unknown) => (v === null || v === undefined ? null : String(v));
    return {
      id: String(r.id),
      version: r.version,
      findingId: r.finding_id,
      kind: r.kind,
      severity: r.severity,
      villageId: String(r.village_id),
      villageName: r.village_name ?? null,
      townshipId: s(r.township_id),
      townshipName: r.township_name ?? null,
      countyId: s(r.county_id),
      gridId: s(r.grid_id),
      subjectName: r.subject_name,
      status: r.status,
      assigneeTownshipId: s(r.assignee_township_id),
      assigneeTownshipName: r.assignee_township_name ?? null,
      assigneeUserId: s(r.assignee_user_id),
      assigneeUsername: r.assignee_username ?? null,
      deadline: r.deadline_text ?? null,
      note: r.note,
      waiveReason: r.waive_reason,
      overdue: late > 0,
      daysOverdue: late,
      openedAt: new Date(r.opened_at),
      closedAt: r.closed_at ? new Date(r.closed_at) : null,
      reopenCount: r.reopen_count,
      createdAt: new Date(r.created_at),
      updatedAt: new Date(r.updated_at),
    };
  }

  where(filter: RectificationFilter = {}): Where {
    const w = new Where();
    const today = shanghaiDate(this.now());
    if (filter.q?.trim())
      w.add(
        '(r.subject_name ilike ? or r.finding_id ilike ? or v.name ilike ?)',
        ...Array(3).fill(`%${filter.q.trim()}%`),
      );
    if (filter.ids) w.add('r.id = any(?::int[])', intArray(filter.ids.map(idNum)));
    if (filter.status) w.add('r.status = ?', filter.status);
    if (filter.statuses?.length) w.add('r.status = any(?::text[])', textArray(filter.statuses));
    if (filter.kind) w.add('r.kind = ?', filter.kind);
    if (filter.severity) w.add('r.severity = ?', filter.severity);
    if (filter.countyId) w.add('t.county_id = ?', idNum(filter.countyId));
    if (filter.townshipId) w.add('v.township_id = ?', idNum(filter.townshipId));
    if (filter.villageId) w.add('r.village_id = ?', idNum(filter.villageId));
    if (filter.gridId) w.add('r.grid_id = ?', idNum(filter.gridId));
    if (filter.findingId) w.add('r.finding_id = ?', filter.findingId);
    if (filter.assigneeTownshipId) w.add('r.assignee_township_id = ?', idNum(filter.assigneeTownshipId));
    if (filter.assigneeUserId) w.add('r.assignee_user_id = ?', idNum(filter.assigneeUserId));
    if (filter.assigned != null)
      w.add(
        filter.assigned
          ? '(r.assignee_township_id is not null or r.assignee_user_id is not null)'
          : '(r.assignee_township_id is null and r.assignee_user_id is null)',
      );
    if (filter.overdue != null)
      w.add(
        filter.overdue
          ? "(r.status = 'OPEN' and r.deadline < ?::date)"
          : "not (r.status = 'OPEN' and coalesce(r.deadline < ?::date, false))",
        today,
      );
    const p = this.d.principal;
    if (filter.mine && p) {
      if (p.role === Role.EDITOR) {
        const sc = scopeCondition(p);
        w.add(`(${sc.sql} or r.assignee_user_id = ?)`, ...sc.params, p.kind === 'user' ? p.id : -1);
      } else if (p.role !== Role.ADMIN) w.add('r.assignee_user_id = ?', p.kind === 'user' ? p.id : -1);
    }
    return w;
  }

  async list(args: ListArgs, filter?: RectificationFilter): Promise<Rectification[]> {
    const { perPage, page, sort, order } = pageOf(args, SORTABLE, this.d.config.maxPerPage);
    const w = this.where(filter);
    const rows = await query(
      this.d.em,
      `${RECTIFICATION_SQL.select} where ${w.toSql()} order by ${sort} ${order} nulls last, r.id limit ? offset ?`,
      [...w.params, perPage, page * perPage],
    );
    return rows.map((r) => this.toRectification(r));
  }

  async byFindingIds(fids: readonly string[]): Promise<Rectification[]> {
    const rows = await query(this.d.em, `${RECTIFICATION_SQL.select} where r.finding_id = any(?::text[])`, [
      textArray(fids),
    ]);
    return rows.map((r) => this.toRectification(r));
  }

  async count(filter?: RectificationFilter): Promise<number> {
    const w = this.where(filter);
    const [row] = await query<{ n: string }>(
      this.d.em,
      `select count(*) as n from rectification r join village v on v.id = r.village_id join township t on t.id = v.township_id where ${w.toSql()}`,
      w.params,
    );
    return Number(row?.n ?? 0);
  }

  async find(em: EntityManager, id: string | number): Promise<Rectification | null> {
    const [row] = await query(em, RECTIFICATION_SQL.one, [idNum(id)]);
    return row ? this.toRectification(row) : null;
  }

  async events(ids: readonly number[]): Promise<RectificationEvent[][]> {
    const rows = await query<Record<string, any>>(this.d.em, RECTIFICATION_SQL.events, [intArray(ids)]);
    return ids.map((id) =>
      rows
        .filter((r) => Number(r.rectification_id) === id)
        .map((r) => ({
          id: String(r.id),
          at: new Date(r.at),
          action: r.action,
          username: r.username,
          role: r.role,
          text: r.text,
        })),
    );
  }

  /**
   * One transition in one transaction: lock the row, check the version, the role and the
   * scope of the finding's unit (before anything changes), change it, write its history
   * event and the audit event.
   */
  private async transition(
    id: string,
    version: number | null | undefined,
    operation: string,
    change: (
      em: EntityManager,
      r: Record<string, any>,
    ) => Promise<{ action: string; text?: string | null; data?: unknown } | null>,
  ): Promise<Rectification> {
    const p = this.d.principal;
    if (p && p.role !== Role.ADMIN && p.role !== Role.EDITOR) throw forbidden(AUTH_MESSAGES.readOnly(p.role));
    // Through the write corridor; this module's own rules (role, the finding's unit) are checked
    // before the record is declared, so the change runs preAuthorized.
    const name = `${operation}Rectification`;
    const { result, changeId } = await runChange(
      this.d.em,
      this.d.corridor,
      { principal: p, name, operation, preAuthorized: true },
      async (tx) => {
        const em = tx.em;
        const [r] = await query<Record<string, any>>(em, RECTIFICATION_SQL.lock, [idNum(id)]);
        if (!r) throw notFound('Rectification', id);
        if (version !== undefined && version !== null && version !== r.version) {
          throw conflict(messages.staleVersion('Rectification', id, version, r.version), { currentVersion: r.version });
        }
        await requireScope(em, p, [Number(r.village_id)]);
        await tx.touch('Rectification', [Number(r.id)]);
        const ev = await change(em, r);
        if (ev) {
          await query(em, 'update rectification set version = version + 1, updated_at = now() where id = ?', [r.id]);
          await queryNamed(em, RECTIFICATION_SQL.event, {
            rectificationId: r.id,
            action: ev.action,
            username: p?.username ?? 'system',
            role: p?.role ?? 'SYSTEM',
            text: ev.text ?? null,
            data: ev.data === undefined ? null : JSON.stringify(ev.data),
          });
        }
        return (await this.find(em, r.id))!;
      },
    );
    this.d.changeIds?.push(changeId);
    return result;
  }

  /** Assigns to a township and/or a user, with a deadline and a note (editors: inside their scope, to a township in it). */
  assign(args: AssignRectificationArgs): Promise<Rectification> {
    const deadline = checkDate(args.deadline, 'deadline');
    const given = ['townshipId', 'userId', 'deadline', 'note'].filter(
      (k) => (args as unknown as Record<string, unknown>)[k] !== undefined,
    );
    if (!given.length) throw badInput(LOOP_MESSAGES.assignNeedsTarget());
    return this.transition(args.id, args.version, 'assign', async (em, r) => {
      if (r.status === 'CLOSED') throw badInput(LOOP_MESSAGES.closedCannot('assigned'));
      const sets: string[] = [];
      const params: unknown[] = [];
      if (args.townshipId !== undefined) {
        let t: number | null = null;
        if (args.townshipId !== null) {
          t = idNum(args.townshipId);
          if (!(await query(em, RECTIFICATION_SQL.townshipExists, [t])).length)
            throw notFound('Township', args.townshipId);
          const p = this.d.principal;
          if (p && p.role === Role.EDITOR) {
            const [ok] = await query<{ ok: boolean }>(
              em,
              'select (t.county_id = any(?::int[]) or t.id = any(?::int[])) as ok from township t where t.id = ?',
              [intArray(p.countyIds), intArray(p.townshipIds), t],
            );
            if (!ok?.ok) throw forbidden(AUTH_MESSAGES.outOfScope());
          }
        }
        sets.push('assignee_township_id = ?');
        params.push(t);
      }
      if (args.userId !== undefined) {
        let u: number | null = null;
        if (args.userId !== null) {
          u = idNum(args.userId);
          if (!(await query(em, RECTIFICATION_SQL.userExists, [u])).length) throw notFound('User', args.userId);
        }
        sets.push('assignee_user_id = ?');
        params.push(u);
      }
      if (deadline !== undefined) {
        sets.push('deadline = ?::date');
        params.push(deadline);
      }
      if (args.note !== undefined) {
        sets.push('note = ?');
        params.push(args.note?.trim() || null);
      }
      await query(em, `update rectification set ${sets.join(', ')} where id = ?`, [...params, r.id]);
      return {
        action: 'ASSIGNED',
        text: args.note ?? null,
        data: { townshipId: args.townshipId, userId: args.userId, deadline },
      };
    });
  }

  comment(id: string, text: string): Promise<Rectification> {
    if (!text?.trim()) throw badInput(LOOP_MESSAGES.emptyComment());
    return this.transition(id, undefined, 'comment', async () => ({ action: 'COMMENTED', text: text.trim() }));
  }

  /** Waives an open finding, with a reason: administrators only. */
  waive(id: string, reason: string, version?: number | null): Promise<Rectification> {
    requireAdmin(this.d.principal);
    if (!reason?.trim()) throw badInput(LOOP_MESSAGES.waiveNeedsReason());
    return this.transition(id, version, 'waive', async (em, r) => {
      if (r.status === 'CLOSED') throw badInput(LOOP_MESSAGES.closedCannot('waived'));
      await query(em, `update rectification set status = 'WAIVED', waive_reason = ? where id = ?`, [
        reason.trim(),
        r.id,
      ]);
      return { action: 'WAIVED', text: reason.trim() };
    });
  }

  /** Takes a waiver back: administrators only. */
  unwaive(id: string, version?: number | null): Promise<Rectification> {
    requireAdmin(this.d.principal);
    return this.transition(id, version, 'unwaive', async (em, r) => {
      if (r.status !== 'WAIVED') throw badInput(LOOP_MESSAGES.notWaived());
      await query(em, `update rectification set status = 'OPEN', waive_reason = null where id = ?`, [r.id]);
      return { action: 'UNWAIVED' };
    });
  }

  private scopeWhere(countyId?: string | null, townshipId?: string | null): Where {
    const w = new Where();
    if (countyId) w.add('t.county_id = ?', idNum(countyId));
    if (townshipId) w.add('t.id = ?', idNum(townshipId));
    return w;
  }

  async stats(countyId?: string | null, townshipId?: string | null): Promise<RectificationStat[]> {
    const w = this.scopeWhere(countyId, townshipId);
    const rows = await query<Record<string, any>>(this.d.em, RECTIFICATION_SQL.stats(w.toSql()), [
      shanghaiDate(this.now()),
      ...w.params,
    ]);
    return rows.map((r) => ({
      townshipId: String(r.township_id),
      townshipName: r.township_name,
      countyId: String(r.county_id),
      kind: r.kind,
      open: r.open,
      openCritical: r.open_critical,
      overdue: r.overdue,
      waived: r.waived,
      closed: r.closed,
    }));
  }

  async ranking(countyId?: string | null): Promise<TownshipRectificationRank[]> {
    const w = this.scopeWhere(countyId);
    const today = shanghaiDate(this.now());
    const rows = await query<Record<string, any>>(this.d.em, RECTIFICATION_SQL.ranking(w.toSql()), [
      today,
      today,
      today,
      today,
      today,
      ...w.params,
    ]);
    return rows.map((r) => ({
      rank: r.rank,
      townshipId: String(r.township_id),
      townshipName: r.township_name,
      countyId: String(r.county_id),
      countyName: r.county_name,
      open: r.open,
      openCritical: r.open_critical,
      overdue: r.overdue,
      daysOverdue: r.days_overdue,
      maxDaysOverdue: r.max_days_overdue,
      closed: r.closed,
      waived: r.waived,
    }));
  }
}
