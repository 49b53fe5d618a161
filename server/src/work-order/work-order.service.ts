import type { EntityManager } from '@mikro-orm/postgresql';
import { Role } from '../auth/auth.entities';
import { AUTH_MESSAGES, forbidden, requireAdmin } from '../auth/principal';
import { runChange } from '../changes/corridor';
import { badInput, conflict, messages, notFound } from '../common/errors';
import { checkPoint } from '../common/geometry.service';
import type { ListArgs } from '../common/list.inputs';
import { intArray, query, queryNamed, textArray, Where } from '../common/sql';
import { MEMBER_UNIT_SQL } from '../member-unit/member-unit.sql';
import type { WorkOrderFigures } from '../member-unit/member-unit.types';
import {
  checkDate,
  daysOverdue,
  LOOP_MESSAGES,
  requireScope,
  scopeCondition,
  shanghaiDate,
} from '../rectification/access';
import { pageOf, type LoopDeps } from '../rectification/rectification.service';
import { WORK_ORDER_SQL } from './work-order.sql';
import {
  ScoreScale,
  WorkOrderChannel,
  WorkOrderRouting,
  type CreateWorkOrderArgs,
  type UpdateWorkOrderArgs,
  type WorkOrder,
  type WorkOrderFilter,
  type WorkOrderReport,
  type WorkOrderRoute,
} from './work-order.types';

/** The scope an API key needs to create work orders. */
export const WORK_ORDERS_CREATE = 'WORK_ORDERS_CREATE';
/** Days a member unit gets when the community hands an order on without a deadline. */
export const DEFAULT_DAYS = 7;

const SORTABLE: Record<string, string> = {
  id: 'w.id',
  code: 'w.code',
  title: 'w.title',
  status: 'w.status',
  deadline: 'w.deadline',
  createdAt: 'w.created_at',
  updatedAt: 'w.updated_at',
  villageId: 'w.village_id',
  gridId: 'w.grid_id',
  memberUnitId: 'w.member_unit_id',
  score100: 'w.score100',
  category: 'w.category',
};
const idNum = (id: string | number | null | undefined) => {
  const n = Number(id);
  return Number.isSafeInteger(n) && n > 0 ? n : -1;
};
const s = (v: unknown) => (v === null || v === undefined ? null : String(v));
const d = (v: unknown) => (v ? new Date(v as string) : null);

/** Which statuses a transition starts from. */
const FROM = {
  assign: ['REPORTED', 'ASSIGNED'],
  claim: ['ASSIGNED'],
  report: ['CLAIMED'],
  score: ['DONE'],
  cancel: ['REPORTED', 'ASSIGNED', 'CLAIMED'],
  update: ['REPORTED', 'ASSIGNED'],
} as const;

/**
 * 民情交办单: report (routed by grid) → hand to a member unit (交办) → claim (认领) →
 * report the result (办结) → score (考核赋分). Each transition checks who may make it and
 * the record's scope before changing it, in one transaction with its audit event.
 */
export class WorkOrderService {
  constructor(private readonly deps: LoopDeps) {}

  private now(): Date {
    return this.deps.now?.() ?? new Date();
  }

  toWorkOrder(r: Record<string, any>): WorkOrder {
    const open = ['REPORTED', 'ASSIGNED', 'CLAIMED'].includes(r.status);
    const late = open ? daysOverdue(r.deadline_text, this.now()) : 0;
    const flags: string[] = [];
    if (r.routing === 'UNCOVERED') flags.push('UNCOVERED_LAND');
    if (!r.grid_id) flags.push('NO_GRID');
    if (r.grid_id && !r.worker_id) flags.push('NO_WORKER');
    return {
      id: String(r.id),
      version: r.version,
      code: r.code,
      title: r.title,
      description: r.description,
      category: r.category,
      address: r.address,
      point: r.point_json ?? null,
      channel: r.channel,
      reportedBy: r.reported_by,
      reporterName: r.reporter_name,
      reporterPhone: r.reporter_phone,
      villageId: s(r.village_id),
      villageName: r.village_name ?? null,
      townshipId: s(r.township_id),
      countyId: s(r.county_id),
      gridId: s(r.grid_id),
      gridName: r.grid_name ?? null,
      workerId: s(r.worker_id),
      workerName: r.worker_name ?? null,
      routing: r.routing,
      candidateGridIds: (r.candidate_grid_ids ?? []).map(String),
      flagged: r.flagged,
      flags,
      status: r.status,
      memberUnitId: s(r.member_unit_id),
      memberUnitName: r.member_unit_name ?? null,
      deadline: r.deadline_text ?? null,
      overdue: late > 0,
      daysOverdue: late,
      assignedAt: d(r.assigned_at),
      claimedAt: d(r.claimed_at),
      doneAt: d(r.done_at),
      scoredAt: d(r.scored_at),
      result: r.result,
      score: r.score,
      scoreScale: r.score_scale,
      score100: r.score100,
      scoreComment: r.score_comment,
      generated: r.generated,
      createdAt: new Date(r.created_at),
      updatedAt: new Date(r.updated_at),
    };
  }

  where(f: WorkOrderFilter = {}): Where {
    const w = new Where();
    const today = shanghaiDate(this.now());
    if (f.q?.trim())
      w.add('(w.title ilike ? or w.code ilike ? or w.address ilike ?)', ...Array(3).fill(`%${f.q.trim()}%`));
    if (f.ids) w.add('w.id = any(?::int[])', intArray(f.ids.map(idNum)));
    if (f.status) w.add('w.status = ?', f.status);
    if (f.statuses?.length) w.add('w.status = any(?::text[])', textArray(f.statuses));
    if (f.open != null) w.add(`${f.open ? '' : 'not '}(w.status in ('REPORTED', 'ASSIGNED', 'CLAIMED'))`);
    if (f.countyId) w.add('t.county_id = ?', idNum(f.countyId));
    if (f.townshipId) w.add('v.township_id = ?', idNum(f.townshipId));
    if (f.villageId) w.add('w.village_id = ?', idNum(f.villageId));
    if (f.gridId) w.add('w.grid_id = ?', idNum(f.gridId));
    if (f.memberUnitId) w.add('w.member_unit_id = ?', idNum(f.memberUnitId));
    if (f.channel) w.add('w.channel = ?', f.channel);
    if (f.category) w.add('w.category = ?', f.category);
    if (f.flagged != null) w.add('w.flagged = ?', f.flagged);
    if (f.overdue != null) {
      w.add(
        `${f.overdue ? '' : 'not '}(w.status in ('REPORTED', 'ASSIGNED', 'CLAIMED') and coalesce(w.deadline < ?::date, false))`,
        today,
      );
    }
    if (f.bbox) {
      const [a, b, c, e] = f.bbox;
      if (f.bbox.length !== 4 || !(a! < c! && b! < e!)) throw badInput(messages.badBbox());
      w.add('w.point && ST_MakeEnvelope(?, ?, ?, ?, 4326)', a, b, c, e);
    }
    const p = this.deps.principal;
    if (f.mine && p && p.role !== Role.ADMIN) {
      const unitCond = 'w.member_unit_id in (select member_unit_id from member_unit_user where user_id = ?)';
      const uid = p.kind === 'user' ? p.id : -1;
      if (p.role === Role.EDITOR) {
        const sc = scopeCondition(p);
        w.add(`(${sc.sql} or ${unitCond})`, ...sc.params, uid);
      } else w.add(unitCond, uid);
    }
    return w;
  }

  async list(args: ListArgs, filter?: WorkOrderFilter): Promise<WorkOrder[]> {
    const { perPage, page, sort, order } = pageOf(args, SORTABLE, this.deps.config.maxPerPage);
    const w = this.where(filter);
    const rows = await query(
      this.deps.em,
      `${WORK_ORDER_SQL.select} where ${w.toSql()} order by ${sort} ${order} nulls last, w.id limit ? offset ?`,
      [...w.params, perPage, page * perPage],
    );
    return rows.map((r) => this.toWorkOrder(r));
  }

  async count(filter?: WorkOrderFilter): Promise<number> {
    const w = this.where(filter);
    const [r] = await query<{ n: string }>(
      this.deps.em,
      `select count(*) as n ${WORK_ORDER_SQL.from} where ${w.toSql()}`,
      w.params,
    );
    return Number(r?.n ?? 0);
  }

  async find(em: EntityManager, id: string | number): Promise<WorkOrder | null> {
    const [r] = await query(em, `${WORK_ORDER_SQL.select} where w.id = ?`, [idNum(id)]);
    return r ? this.toWorkOrder(r) : null;
  }

  /**
   * Where a point goes. The grids containing it come in gridAt's order (smallest first,
   * then lowest id); on a shared edge (or in an overlap) the first is chosen and the others
   * are kept as candidates. In no grid: the village or community containing it, flagged.
   */
  async route(
    em: EntityManager,
    point: number[] | null | undefined,
    villageId?: string | null,
  ): Promise<WorkOrderRoute> {
    if (point) {
      const [lng, lat] = checkPoint(point);
      const grids = await query<{ id: number; name: string; village_id: number }>(em, WORK_ORDER_SQL.gridsAt, [
        lng,
        lat,
      ]);
      if (grids.length) {
        const g = grids[0]!;
        const [worker] = await query<{ id: number; name: string }>(em, WORK_ORDER_SQL.workerOf, [g.id]);
        const [v] = await query<{ id: number; name: string }>(em, WORK_ORDER_SQL.village, [g.village_id]);
        return {
          routing: grids.length > 1 ? WorkOrderRouting.SHARED_BOUNDARY : WorkOrderRouting.GRID,
          gridId: String(g.id),
          gridName: g.name,
          candidateGridIds: grids.map((x) => String(x.id)),
          workerId: s(worker?.id),
          workerName: worker?.name ?? null,
          villageId: String(v!.id),
          villageName: v!.name,
          flags: worker ? [] : ['NO_WORKER'],
        };
      }
      const [v] = await query<{ id: number; name: string }>(em, WORK_ORDER_SQL.villageAt, [lng, lat]);
      if (!v) throw badInput(LOOP_MESSAGES.outsideEveryUnit());
      return {
        routing: WorkOrderRouting.UNCOVERED,
        gridId: null,
        gridName: null,
        candidateGridIds: [],
        workerId: null,
        workerName: null,
        villageId: String(v.id),
        villageName: v.name,
        flags: ['UNCOVERED_LAND', 'NO_GRID'],
      };
    }
    if (!villageId) throw badInput(LOOP_MESSAGES.needPointOrUnit());
    const [v] = await query<{ id: number; name: string }>(em, WORK_ORDER_SQL.village, [idNum(villageId)]);
    if (!v) throw notFound('Village', villageId);
    return {
      routing: WorkOrderRouting.GIVEN,
      gridId: null,
      gridName: null,
      candidateGridIds: [],
      workerId: null,
      workerName: null,
      villageId: String(v.id),
      villageName: v.name,
      flags: ['NO_GRID'],
    };
  }

  private checkText(input: { title?: string | null }, creating: boolean): void {
    if ((creating || input.title !== undefined) && !input.title?.trim()) throw badInput(LOOP_MESSAGES.emptyTitle());
    for (const [k, v] of Object.entries(input)) {
      if (typeof v === 'string' && v.length > 2000) throw badInput(`${k} is longer than 2,000 characters.`);
    }
  }

  /** Reports a problem: routed, scope-checked (editors: the unit it lands in), written and audited in one transaction. */
  async create(input: CreateWorkOrderArgs): Promise<WorkOrder> {
    const p = this.deps.principal;
    this.checkText(input, true);
    // Through the write corridor, preAuthorized: who may report where is this module's rule
    // (an API key's scope, an editor's units), checked below before anything is written.
    const { result, changeId } = await runChange(
      this.deps.em,
      this.deps.corridor,
      { principal: p, name: 'createWorkOrder', operation: 'create', preAuthorized: true },
      async (tx) => {
        const em = tx.em;
        let channel = input.channel ?? WorkOrderChannel.STAFF;
        if (p?.role === Role.SERVICE) {
          const [ok] = await query<{ ok: boolean }>(em, WORK_ORDER_SQL.hasScope, [p.id, WORK_ORDERS_CREATE]);
          if (!ok?.ok) throw forbidden(LOOP_MESSAGES.scopeMissing(WORK_ORDERS_CREATE));
          channel = WorkOrderChannel.SERVICE;
        } else if (channel === WorkOrderChannel.SERVICE) channel = WorkOrderChannel.STAFF;
        const route = await this.route(em, input.point, input.villageId);
        if (p?.role !== Role.SERVICE) await requireScope(em, p, [Number(route.villageId)]);
        const [lng, lat] = input.point ?? [null, null];
        const [row] = await queryNamed<{ id: number }>(em, WORK_ORDER_SQL.insert, {
          title: input.title.trim(),
          description: input.description?.trim() || null,
          category: input.category?.trim() || null,
          address: input.address?.trim() || null,
          lng,
          lat,
          channel,
          reportedBy: p?.username ?? 'system',
          reporterName: input.reporterName?.trim() || null,
          reporterPhone: input.reporterPhone?.trim() || null,
          villageId: Number(route.villageId),
          gridId: route.gridId ? Number(route.gridId) : null,
          workerId: route.workerId ? Number(route.workerId) : null,
          routing: route.routing,
          candidateGridIds: intArray(route.candidateGridIds),
          flagged: route.flags.length > 0,
        });
        const id = Number(row!.id);
        tx.created('WorkOrder', [id]);
        return (await this.find(em, id))!;
      },
    );
    this.deps.changeIds?.push(changeId);
    return result;
  }

  /**
   * One transition: lock, version, status, permission, change, audit, in one transaction.
   * `who`: 'community' (admin, or an editor whose scope holds the order's community) or
   * 'unit' (admin, or a user of the member unit it was handed to).
   */
  private async transition(
    id: string,
    version: number | null | undefined,
    operation: keyof typeof FROM,
    who: 'community' | 'unit',
    change: (em: EntityManager, r: Record<string, any>) => Promise<void>,
  ): Promise<WorkOrder> {
    const p = this.deps.principal;
    if (p && p.role !== Role.ADMIN && p.role !== Role.EDITOR) throw forbidden(AUTH_MESSAGES.readOnly(p.role));
    // Through the write corridor, preAuthorized: the module's own rules (the community's scope,
    // the member unit's users, the status) are checked before the record is declared.
    const name = `${operation}WorkOrder`;
    const { result, changeId } = await runChange(
      this.deps.em,
      this.deps.corridor,
      { principal: p, name, operation, preAuthorized: true },
      async (tx) => {
        const em = tx.em;
        const [r] = await query<Record<string, any>>(em, WORK_ORDER_SQL.lock, [idNum(id)]);
        if (!r) throw notFound('WorkOrder', id);
        if (version !== undefined && version !== null && version !== r.version) {
          throw conflict(messages.staleVersion('WorkOrder', id, version, r.version), { currentVersion: r.version });
        }
        if (who === 'community') await requireScope(em, p, [r.village_id === null ? null : Number(r.village_id)]);
        else if (p && p.role !== Role.ADMIN) {
          const [ok] = await query<{ ok: boolean }>(em, MEMBER_UNIT_SQL.isUnitUser, [
            r.member_unit_id ?? -1,
            p.kind === 'user' ? p.id : -1,
          ]);
          if (!ok?.ok) throw forbidden(LOOP_MESSAGES.notYourUnit());
        }
        const allowed = FROM[operation] as readonly string[];
        if (!allowed.includes(r.status)) throw badInput(LOOP_MESSAGES.wrongStatus(operation, r.status, allowed));
        await tx.touch('WorkOrder', [Number(r.id)]);
        await change(em, r);
        await query(em, 'update work_order set version = version + 1, updated_at = now() where id = ?', [r.id]);
        return (await this.find(em, r.id))!;
      },
    );
    this.deps.changeIds?.push(changeId);
    return result;
  }

  update(input: UpdateWorkOrderArgs): Promise<WorkOrder> {
    this.checkText(input, false);
    return this.transition(input.id, input.version, 'update', 'community', async (em, r) => {
      const cols: [string, unknown][] = [];
      if (input.title !== undefined) cols.push(['title', input.title!.trim()]);
      for (const [k, c] of [
        ['description', 'description'],
        ['category', 'category'],
        ['address', 'address'],
        ['reporterName', 'reporter_name'],
        ['reporterPhone', 'reporter_phone'],
      ] as const) {
        if (input[k] !== undefined) cols.push([c, input[k]?.trim() || null]);
      }
      if (cols.length)
        await query(em, `update work_order set ${cols.map(([c]) => `${c} = ?`).join(', ')} where id = ?`, [
          ...cols.map(([, v]) => v),
          r.id,
        ]);
    });
  }

  /** 交办: the community hands the order to a member unit of its joint committee (or paired with it), with a deadline. */
  assign(id: string, memberUnitId: string, deadline?: string | null, version?: number | null): Promise<WorkOrder> {
    const due = checkDate(deadline, 'deadline');
    return this.transition(id, version, 'assign', 'community', async (em, r) => {
      const unit = idNum(memberUnitId);
      if (!(await query(em, 'select id from member_unit where id = ?', [unit])).length)
        throw notFound('MemberUnit', memberUnitId);
      const [linked] = await query<{ ok: boolean }>(em, MEMBER_UNIT_SQL.linked, [unit, r.village_id, r.village_id]);
      if (!linked?.ok) throw badInput(LOOP_MESSAGES.unitNotLinked());
      const day = due ?? shanghaiDate(new Date(this.now().getTime() + DEFAULT_DAYS * 86_400_000));
      await query(
        em,
        `update work_order set status = 'ASSIGNED', member_unit_id = ?, deadline = ?::date, assigned_at = now(), claimed_at = null where id = ?`,
        [unit, day, r.id],
      );
    });
  }

  /** 认领: a user of the unit (or an administrator) claims it. */
  claim(id: string, version?: number | null): Promise<WorkOrder> {
    return this.transition(id, version, 'claim', 'unit', async (em, r) => {
      await query(em, `update work_order set status = 'CLAIMED', claimed_at = now() where id = ?`, [r.id]);
    });
  }

  /** 办结: the unit reports what it did. */
  report(id: string, result: string, version?: number | null): Promise<WorkOrder> {
    if (!result?.trim()) throw badInput('A result cannot be empty.');
    return this.transition(id, version, 'report', 'unit', async (em, r) => {
      await query(em, `update work_order set status = 'DONE', result = ?, done_at = now() where id = ?`, [
        result.trim(),
        r.id,
      ]);
    });
  }

  /** 考核赋分: the community scores the result, 1–5 or 0–100, with a comment. Not by the unit's own users. */
  score(
    id: string,
    score: number,
    scale: ScoreScale,
    comment?: string | null,
    version?: number | null,
  ): Promise<WorkOrder> {
    const ok =
      scale === ScoreScale.FIVE
        ? Number.isInteger(score) && score >= 1 && score <= 5
        : Number.isFinite(score) && score >= 0 && score <= 100;
    if (!ok) throw badInput(LOOP_MESSAGES.badScore(scale));
    return this.transition(id, version, 'score', 'community', async (em, r) => {
      const p = this.deps.principal;
      if (p?.kind === 'user') {
        const [own] = await query<{ ok: boolean }>(em, MEMBER_UNIT_SQL.isUnitUser, [r.member_unit_id ?? -1, p.id]);
        if (own?.ok) throw forbidden(LOOP_MESSAGES.ownUnitScores());
      }
      const s100 = scale === ScoreScale.FIVE ? score * 20 : score;
      await queryNamed(em, WORK_ORDER_SQL.score, {
        score,
        scale,
        score100: s100,
        comment: comment?.trim() || null,
        id: r.id,
      });
    });
  }

  cancel(id: string, reason: string, version?: number | null): Promise<WorkOrder> {
    if (!reason?.trim()) throw badInput('A cancellation needs a reason.');
    return this.transition(id, version, 'cancel', 'community', async (em, r) => {
      await query(em, `update work_order set status = 'CANCELLED', result = ? where id = ?`, [reason.trim(), r.id]);
    });
  }

  /** Deletes an order (administrators only; to undo a mistaken report). */
  async delete(id: string): Promise<WorkOrder> {
    requireAdmin(this.deps.principal);
    const { result, changeId } = await runChange(
      this.deps.em,
      this.deps.corridor,
      { principal: this.deps.principal, name: 'deleteWorkOrder', operation: 'delete', preAuthorized: true },
      async (tx) => {
        const was = await this.find(tx.em, id);
        if (!was) throw notFound('WorkOrder', id);
        await tx.touch('WorkOrder', [Number(was.id)]);
        await query(tx.em, 'delete from work_order where id = ?', [Number(was.id)]);
        return was;
      },
    );
    this.deps.changeIds?.push(changeId);
    return result;
  }

  private figures(r: Record<string, any> | undefined): WorkOrderFigures {
    return {
      id: s(r?.id),
      name: r?.name ?? null,
      total: r?.total ?? 0,
      claimed: r?.claimed ?? 0,
      done: r?.done ?? 0,
      scored: r?.scored ?? 0,
      averageScore:
        r?.average_score === null || r?.average_score === undefined
          ? null
          : Math.round(Number(r.average_score) * 10) / 10,
      overdue: r?.overdue ?? 0,
    };
  }

  /** Claimed, done, average score and overdue, by community and by member unit (as in the report). */
  async figuresReport(
    countyId?: string | null,
    townshipId?: string | null,
    villageId?: string | null,
  ): Promise<WorkOrderReport> {
    const w = new Where();
    if (countyId) w.add('t.county_id = ?', idNum(countyId));
    if (townshipId) w.add('v.township_id = ?', idNum(townshipId));
    if (villageId) w.add('w.village_id = ?', idNum(villageId));
    w.add("w.status <> 'CANCELLED'");
    const today = shanghaiDate(this.now());
    const [tot] = await query(this.deps.em, WORK_ORDER_SQL.figuresTotal(w.toSql()), [today, ...w.params]);
    const byC = await query(this.deps.em, WORK_ORDER_SQL.figuresByCommunity(w.toSql()), [today, ...w.params]);
    const byU = await query(this.deps.em, WORK_ORDER_SQL.figuresByUnit(w.toSql()), [today, ...w.params]);
    return {
      totals: this.figures(tot),
      byCommunity: byC.map((r) => this.figures(r)),
      byMemberUnit: byU.map((r) => this.figures(r)),
    };
  }

  /** Figures of several member units (for MemberUnit.figures). */
  async unitFigures(ids: readonly number[]): Promise<WorkOrderFigures[]> {
    const rows = await query<Record<string, any>>(
      this.deps.em,
      WORK_ORDER_SQL.figuresByUnit("m.id = any(?::int[]) and w.status <> 'CANCELLED'"),
      [shanghaiDate(this.now()), intArray(ids)],
    );
    const map = new Map(rows.map((r) => [Number(r.id), r]));
    return ids.map((id) => this.figures(map.get(id) ?? { id }));
  }

  /** cityReport's additions. */
  async reportFigures(countyId: number | null): Promise<Record<string, number | null>> {
    const [r] = await query<Record<string, any>>(this.deps.em, WORK_ORDER_SQL.report, [
      shanghaiDate(this.now()),
      countyId,
    ]);
    return { ...r, average_score: r!.average_score === null ? null : Math.round(Number(r!.average_score) * 10) / 10 };
  }
}
