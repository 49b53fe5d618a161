import type { EntityManager } from '@mikro-orm/postgresql';
import { Role } from '../auth/auth.entities';
import { AUTH_MESSAGES, forbidden, requireAdmin } from '../auth/principal';
import { runChange, type ChangeTx } from '../changes/corridor';
import { badInput, conflict, messages, notFound } from '../common/errors';
import type { ListArgs } from '../common/list.inputs';
import { intArray, query, queryNamed, Where } from '../common/sql';
import { INPUT_MESSAGES } from '../common/input-guard';
import { requireScope } from '../rectification/access';
import { pageOf, type LoopDeps } from '../rectification/rectification.service';
import { MEMBER_UNIT_SQL } from './member-unit.sql';
import type { CreateMemberUnitArgs, MemberUnit, MemberUnitFilter, UpdateMemberUnitArgs } from './member-unit.types';

/** As the names of the other records (their columns are varchar(200)). */
const MAX_NAME = 200;

const SORTABLE: Record<string, string> = {
  id: 'm.id',
  name: 'm.name',
  kind: 'm.kind',
  committeeVillageId: 'm.committee_village_id',
  reportedMembers: 'm.reported_members',
  updatedAt: 'm.updated_at',
};
const idNum = (id: string | number | null | undefined) => {
  const n = Number(id);
  return Number.isSafeInteger(n) && n > 0 ? n : -1;
};

export function toMemberUnit(r: Record<string, any>): MemberUnit {
  return {
    id: String(r.id),
    version: r.version,
    name: r.name,
    kind: r.kind,
    contactName: r.contact_name,
    contactPhone: r.contact_phone,
    committeeVillageId: r.committee_village_id ? String(r.committee_village_id) : null,
    committeeVillageName: r.committee_village_name ?? null,
    pairedVillageIds: (r.paired ?? []).map(String),
    userIds: (r.users ?? []).map(String),
    reportedMembers: r.reported_members,
    generated: r.generated,
    createdAt: new Date(r.created_at),
    updatedAt: new Date(r.updated_at),
  };
}

/** 联合党委成员单位: CRUD with scope checks (editors: units of communities in their scope) and audit. */
export class MemberUnitService {
  constructor(private readonly d: LoopDeps) {}

  where(f: MemberUnitFilter = {}): Where {
    const w = new Where();
    if (f.q?.trim()) w.add('(m.name ilike ? or m.contact_name ilike ?)', `%${f.q.trim()}%`, `%${f.q.trim()}%`);
    if (f.ids) w.add('m.id = any(?::int[])', intArray(f.ids.map(idNum)));
    if (f.kind) w.add('m.kind = ?', f.kind);
    if (f.committeeVillageId) w.add('m.committee_village_id = ?', idNum(f.committeeVillageId));
    if (f.villageId)
      w.add(
        '(m.committee_village_id = ? or exists (select 1 from member_unit_pairing p where p.member_unit_id = m.id and p.village_id = ?))',
        idNum(f.villageId),
        idNum(f.villageId),
      );
    const inUnits = (cond: string) => `(m.committee_village_id in (select v.id from village v where ${cond})
      or exists (select 1 from member_unit_pairing p join village v on v.id = p.village_id where p.member_unit_id = m.id and ${cond}))`;
    if (f.townshipId) w.add(inUnits('v.township_id = ?'), idNum(f.townshipId), idNum(f.townshipId));
    if (f.countyId)
      w.add(
        inUnits('v.township_id in (select t.id from township t where t.county_id = ?)'),
        idNum(f.countyId),
        idNum(f.countyId),
      );
    if (f.userId)
      w.add(
        'exists (select 1 from member_unit_user u where u.member_unit_id = m.id and u.user_id = ?)',
        idNum(f.userId),
      );
    if (f.generated != null) w.add('m.generated = ?', f.generated);
    return w;
  }

  async list(args: ListArgs, filter?: MemberUnitFilter): Promise<MemberUnit[]> {
    const { perPage, page, sort, order } = pageOf(args, SORTABLE, this.d.config.maxPerPage);
    const w = this.where(filter);
    const rows = await query(
      this.d.em,
      `${MEMBER_UNIT_SQL.select} where ${w.toSql()} order by ${sort} ${order} nulls last, m.id limit ? offset ?`,
      [...w.params, perPage, page * perPage],
    );
    return rows.map(toMemberUnit);
  }

  async count(filter?: MemberUnitFilter): Promise<number> {
    const w = this.where(filter);
    const [r] = await query<{ n: string }>(
      this.d.em,
      `select count(*) as n from member_unit m where ${w.toSql()}`,
      w.params,
    );
    return Number(r?.n ?? 0);
  }

  async find(em: EntityManager, id: string | number): Promise<MemberUnit | null> {
    const [r] = await query(em, `${MEMBER_UNIT_SQL.select} where m.id = ?`, [idNum(id)]);
    return r ? toMemberUnit(r) : null;
  }

  private async villagesOf(em: EntityManager, id: number): Promise<number[]> {
    return (await query<{ id: number }>(em, MEMBER_UNIT_SQL.villagesOf, [id, id])).map((r) => Number(r.id));
  }

  /** Editors may write units of communities in their scope (every community the unit is in or paired with). */
  private async check(em: EntityManager, villageIds: number[]): Promise<void> {
    const p = this.d.principal;
    if (!p || p.role === Role.ADMIN) return;
    if (p.role !== Role.EDITOR) throw forbidden(AUTH_MESSAGES.readOnly(p.role));
    await requireScope(em, p, villageIds);
  }

  /**
   * One write through the change corridor, preAuthorized: this module's rule (an editor writes
   * units of communities in its scope, before and after) is checked here; the corridor snapshots
   * the unit with its pairings and users and writes the change and its event.
   */
  private async write(
    operation: string,
    id: number | null,
    work: (em: EntityManager, tx: ChangeTx) => Promise<number>,
  ): Promise<MemberUnit> {
    const name = `${operation}MemberUnit`;
    const { result, changeId } = await runChange(
      this.d.em,
      this.d.corridor,
      { principal: this.d.principal, name, operation, preAuthorized: true },
      async (tx) => {
        const em = tx.em;
        if (id !== null) {
          const [row] = await query(em, MEMBER_UNIT_SQL.lock, [id]);
          if (!row) throw notFound('MemberUnit', id);
          await this.check(em, await this.villagesOf(em, id));
          await tx.touch('MemberUnit', [id]);
        }
        const result = await work(em, tx);
        if (id === null) tx.created('MemberUnit', [result]);
        const found = await this.find(em, result);
        if (operation !== 'delete') await this.check(em, await this.villagesOf(em, result));
        return found as MemberUnit; // null after a delete: delete() returns the unit as it was
      },
    );
    this.d.changeIds?.push(changeId);
    return result;
  }

  private async assign(em: EntityManager, id: number, input: Partial<CreateMemberUnitArgs>): Promise<void> {
    const sets: string[] = [];
    const params: unknown[] = [];
    const set = (col: string, v: unknown) => {
      sets.push(`${col} = ?`);
      params.push(v);
    };
    if (input.name !== undefined) set('name', input.name.trim());
    if (input.kind != null) set('kind', input.kind);
    if (input.contactName !== undefined) set('contact_name', input.contactName?.trim() || null);
    if (input.contactPhone !== undefined) set('contact_phone', input.contactPhone?.trim() || null);
    if (input.committeeVillageId !== undefined)
      set('committee_village_id', input.committeeVillageId === null ? null : idNum(input.committeeVillageId));
    if (input.reportedMembers != null) set('reported_members', input.reportedMembers);
    if (sets.length)
      await query(
        em,
        `update member_unit set ${sets.join(', ')}, version = version + 1, updated_at = now() where id = ?`,
        [...params, id],
      );
    if (input.pairedVillageIds) {
      await query(em, MEMBER_UNIT_SQL.clearPairings, [id]);
      await query(em, MEMBER_UNIT_SQL.addPairings, [id, intArray(input.pairedVillageIds.map(idNum))]);
    }
    if (input.userIds) {
      await query(em, MEMBER_UNIT_SQL.clearUsers, [id]);
      await query(em, MEMBER_UNIT_SQL.addUsers, [id, intArray(input.userIds.map(idNum))]);
    }
  }

  /** What can be checked without the database, before any lookup (a too-long name is BAD_USER_INPUT, whatever the id). */
  private checkText(input: Partial<CreateMemberUnitArgs>): void {
    if (input.name && input.name.trim().length > MAX_NAME)
      throw badInput(INPUT_MESSAGES.tooLong('name', MAX_NAME, input.name.trim().length), { field: 'name' });
  }

  /** Checks the whole input before anything is written. */
  private async validate(em: EntityManager, input: Partial<CreateMemberUnitArgs>, creating: boolean): Promise<void> {
    if ((creating || input.name !== undefined) && !input.name?.trim()) throw badInput(messages.emptyName());
    if (input.reportedMembers != null && input.reportedMembers < 0)
      throw badInput(messages.negative('reportedMembers'));
    const villages = [
      ...(input.pairedVillageIds ?? []),
      ...(input.committeeVillageId ? [input.committeeVillageId] : []),
    ].map(idNum);
    if (villages.length) {
      const [r] = await query<{ n: number }>(em, MEMBER_UNIT_SQL.villagesExist, [intArray(villages)]);
      if (r!.n !== new Set(villages).size) throw notFound('Village', villages.join(','));
    }
    if (input.userIds) {
      requireAdmin(this.d.principal);
      const ids = input.userIds.map(idNum);
      const [r] = await query<{ n: number }>(em, MEMBER_UNIT_SQL.usersExist, [intArray(ids)]);
      if (r!.n !== new Set(ids).size) throw notFound('User', ids.join(','));
    }
  }

  create(input: CreateMemberUnitArgs): Promise<MemberUnit> {
    this.checkText(input);
    return this.write('create', null, async (em) => {
      await this.validate(em, input, true);
      const [r] = await queryNamed<{ id: number }>(em, MEMBER_UNIT_SQL.insert, {
        name: input.name.trim(),
        kind: input.kind ?? 'AGENCY',
        contactName: null,
        contactPhone: null,
        committeeVillageId: null,
        reportedMembers: input.reportedMembers ?? 0,
      });
      const id = Number(r!.id);
      await this.assign(em, id, { ...input, name: undefined as never, kind: undefined, reportedMembers: undefined });
      return id;
    });
  }

  update(input: UpdateMemberUnitArgs): Promise<MemberUnit> {
    this.checkText(input);
    const id = idNum(input.id);
    return this.write('update', id, async (em) => {
      const [row] = await query<{ version: number }>(em, 'select version from member_unit where id = ?', [id]);
      if (input.version != null && input.version !== row!.version)
        throw conflict(messages.staleVersion('MemberUnit', id, input.version, row!.version), {
          currentVersion: row!.version,
        });
      const { id: _i, version: _v, ...fields } = input;
      await this.validate(em, fields, false);
      await this.assign(em, id, fields);
      return id;
    });
  }

  async delete(idText: string): Promise<MemberUnit> {
    const id = idNum(idText);
    const was = await this.find(this.d.em, id);
    await this.write('delete', id, async (em, tx) => {
      const [r] = await query<{ n: number }>(em, MEMBER_UNIT_SQL.orderCount, [id]);
      if (r!.n > 0) throw conflict(messages.hasDependents('MemberUnit', id, 'open work orders', r!.n));
      // Its scored and cancelled orders lose it (on delete set null): watched, so they have their events.
      await tx.watch(
        'WorkOrder',
        (await query<{ id: number }>(em, 'select id from work_order where member_unit_id = ?', [id])).map((o) =>
          Number(o.id),
        ),
      );
      await query(em, MEMBER_UNIT_SQL.delete, [id]);
      return id;
    });
    return was!;
  }
}
