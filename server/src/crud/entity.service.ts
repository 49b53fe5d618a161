import { OptimisticLockError, UniqueConstraintViolationException, type EntityClass } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Principal } from '../auth/principal';
import { runChange, type ChangeTx, type CorridorDeps } from '../changes/corridor';
import type { RecordType } from '../changes/records';
import type { Config } from '../config';
import { AppError, badInput, conflict, messages, notFound } from '../common/errors';
import type { GeometryService } from '../common/geometry.service';
import type { ListArgs } from '../common/list.inputs';
import { intArray, query, Where } from '../common/sql';

const MAX_INT_ID = 2_147_483_647;
/** An id as a number when it is one (digits only, 1…2³¹−1), else null. */
export function strictId(id: string | number): number | null {
  const text = String(id);
  if (!/^[1-9][0-9]{0,9}$/.test(text)) return null;
  const n = Number(text);
  return n <= MAX_INT_ID ? n : null;
}

export interface Versioned {
  id: number;
  version: number;
}

export interface ServiceDeps {
  em: EntityManager;
  geo: GeometryService;
  config: Config;
  /** What the write corridor needs (coverage). */
  corridor: CorridorDeps;
  /** The request's change ids, in order (sent back in the response's extensions). */
  changeIds?: number[];
  /** Who is writing; null for command-line scripts. */
  principal: Principal | null;
}

export interface BaseFilterShape {
  q?: string;
  ids?: string[];
}

export interface UpdateShape {
  id: string;
  version?: number;
}

/**
 * CRUD for one record type: listing with filters, and writes that validate the
 * whole input, run in one transaction and refuse stale versions. Modules say
 * what is specific (filters, how input is assigned, what blocks a delete).
 */
export abstract class EntityService<
  T extends Versioned,
  F extends BaseFilterShape,
  C extends object,
  U extends UpdateShape,
> {
  abstract readonly entity: EntityClass<T> & (new () => T);
  abstract readonly typeName: RecordType;
  abstract readonly table: string;
  /** GraphQL sort field → SQL expression over alias `e`. */
  abstract readonly sortable: Readonly<Record<string, string>>;
  /** Columns `q` searches. */
  protected readonly searchColumns: readonly string[] = ['e.name', 'e.code'];

  constructor(protected readonly deps: ServiceDeps) {}

  protected get em(): EntityManager {
    return this.deps.em;
  }

  /** Adds the type's own filter conditions. */
  protected abstract filterBy(em: EntityManager, where: Where, filter: F): Promise<void> | void;
  /**
   * Copies the input onto the entity, checking every field; throws before anything is written.
   * Records a relation field changes (a party unit, workers) are declared with `tx.touch` first.
   */
  protected abstract assign(tx: ChangeTx, entity: T, input: Partial<C>, creating: boolean): Promise<void>;
  /** Throws when deleting would leave records pointing at nothing. */
  protected async checkDelete(_em: EntityManager, _entity: T): Promise<void> {}

  /** Ids are digits only, 1…2³¹−1 (the GraphQL layer refuses others as BAD_USER_INPUT first). */
  parseId(id: string | number): number {
    const n = strictId(id);
    if (n === null) throw notFound(this.typeName, id);
    return n;
  }

  async find(id: string | number): Promise<T | null> {
    const n = strictId(id);
    if (n === null) return null;
    return this.em.findOne(this.entity, { id: n } as never);
  }

  async get(em: EntityManager, id: string | number): Promise<T> {
    const found = await em.findOne(this.entity, { id: this.parseId(id) } as never);
    if (!found) throw notFound(this.typeName, id);
    return found;
  }

  async where(em: EntityManager, filter: F | undefined): Promise<Where> {
    const where = new Where();
    if (!filter) return where;
    if (filter.q?.trim()) {
      const like = `%${filter.q.trim().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      where.add(this.searchColumns.map((c) => `${c} ilike ?`).join(' or '), ...this.searchColumns.map(() => like));
    }
    if (filter.ids)
      where.add('e.id = any(?::int[])', intArray(filter.ids.map(strictId).filter((i): i is number => i !== null)));
    await this.filterBy(em, where, filter);
    return where;
  }

  async list(args: ListArgs, filter?: F): Promise<T[]> {
    const { where, orderBy, perPage, page } = await this.pageQuery(args, filter);
    const rows = await query<{ id: number }>(
      this.em,
      `select e.id from ${this.table} e where ${where.toSql()} order by ${orderBy} limit ? offset ?`,
      [...where.params, perPage, page * perPage],
    );
    const ids = rows.map((r) => Number(r.id));
    if (!ids.length) return [];
    const found = new Map((await this.em.find(this.entity, { id: { $in: ids } } as never)).map((e) => [e.id, e]));
    return ids.map((id) => found.get(id)!).filter(Boolean);
  }

  /** A list's checked paging, order (over alias `e`) and filter: the resolvers and the read compiler (server/src/read) share it. */
  async pageQuery(
    args: ListArgs,
    filter?: F,
  ): Promise<{ where: Where; orderBy: string; perPage: number; page: number }> {
    const perPage = args.perPage ?? 25;
    const page = args.page ?? 0;
    if (!Number.isInteger(page) || page < 0 || perPage < 1 || perPage > this.deps.config.maxPerPage) {
      throw badInput(messages.badPage(this.deps.config.maxPerPage));
    }
    const sortField = args.sortField ?? 'id';
    // Own properties only: `constructor`, `toString`, `__proto__` are not sort fields.
    const sortExpr = Object.hasOwn(this.sortable, sortField)
      ? this.sortable[sortField]
      : sortField === 'id'
        ? 'e.id'
        : undefined;
    if (!sortExpr) throw badInput(messages.badSortField(sortField, ['id', ...Object.keys(this.sortable)]));
    const order = (args.sortOrder ?? 'ASC').toUpperCase();
    if (order !== 'ASC' && order !== 'DESC') throw badInput(messages.badSortOrder(args.sortOrder ?? ''));

    const where = await this.where(this.em, filter);
    return { where, orderBy: `${sortExpr} ${order} nulls last, e.id ${order}`, perPage, page };
  }

  async count(filter?: F): Promise<number> {
    const where = await this.where(this.em, filter);
    const [row] = await query<{ count: string }>(
      this.em,
      `select count(*) as count from ${this.table} e where ${where.toSql()}`,
      where.params,
    );
    return Number(row?.count ?? 0);
  }

  /**
   * Every write goes through the change corridor (server/src/changes/corridor.ts): the
   * transaction, the lock, the scope before and after, the audit events, coverage and the
   * change row are its business; the methods below only say what changes.
   */
  protected async change<R>(name: string, operation: string, work: (tx: ChangeTx) => Promise<R>): Promise<R> {
    try {
      const { result, changeId } = await runChange(
        this.em,
        this.deps.corridor,
        { principal: this.deps.principal, name, operation },
        work,
      );
      this.deps.changeIds?.push(changeId);
      return result;
    } catch (e) {
      throw this.translate(e);
    }
  }

  async create(input: C): Promise<T> {
    return this.change(`create${this.typeName}`, 'create', async (tx) => {
      await tx.checkTarget(this.typeName, []); // the role, before any validation
      const entity = new this.entity();
      await this.assign(tx, entity, input, true);
      tx.em.persist(entity);
      await tx.em.flush();
      tx.created(this.typeName, [entity.id]);
      return entity;
    });
  }

  async update(input: U): Promise<T> {
    const id = this.parseId(input.id);
    return this.change(`update${this.typeName}`, 'update', async (tx) => {
      // The record must be in the writer's scope before the change (the corridor checks after too).
      await tx.touch(this.typeName, [id]);
      const entity = await this.get(tx.em, id);
      if (input.version !== undefined && input.version !== null && input.version !== entity.version) {
        throw conflict(messages.staleVersion(this.typeName, input.id, input.version, entity.version), {
          currentVersion: entity.version,
        });
      }
      const { id: _id, version: _version, ...fields } = input;
      await this.assign(tx, entity, fields as unknown as Partial<C>, false);
      await tx.em.flush();
      return entity;
    });
  }

  async delete(id: string): Promise<T> {
    const n = this.parseId(id);
    return this.change(`delete${this.typeName}`, 'delete', async (tx) => {
      // Scope first, on the record as it is: a deleted row can no longer say where it was.
      await tx.touch(this.typeName, [n]);
      const entity = await this.get(tx.em, n);
      await this.checkDelete(tx.em, entity);
      const snapshot = { ...entity };
      tx.em.remove(entity);
      await tx.em.flush();
      return snapshot as T;
    });
  }

  protected translate(e: unknown): unknown {
    if (e instanceof AppError) return e;
    if (e instanceof OptimisticLockError) return conflict(messages.concurrentEdit(this.typeName));
    if (e instanceof UniqueConstraintViolationException) return conflict(messages.duplicateCode(this.typeName));
    return e;
  }

  /** Integer fields that cannot be negative. */
  protected checkCounts(input: Record<string, unknown>, fields: readonly string[]): void {
    for (const f of fields) {
      const v = input[f];
      if (typeof v === 'number' && v < 0) throw badInput(messages.negative(f));
    }
  }

  protected checkName(name: unknown): void {
    if (typeof name === 'string' && !name.trim()) throw badInput(messages.emptyName());
  }
}
