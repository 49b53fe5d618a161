import { OptimisticLockError, UniqueConstraintViolationException, type EntityClass } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { AuditService } from '../audit/audit.service';
import { checkWrite, type Principal } from '../auth/principal';
import type { Config } from '../config';
import { AppError, badInput, conflict, messages, notFound } from './errors';
import type { GeometryService } from './geometry.service';
import type { WriteHooks } from './hooks';
import type { ListArgs } from './list.inputs';
import { intArray, query, Where } from './sql';

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
  hooks: WriteHooks;
  audit: AuditService;
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
export abstract class EntityService<T extends Versioned, F extends BaseFilterShape, C extends object, U extends UpdateShape> {
  abstract readonly entity: EntityClass<T> & (new () => T);
  abstract readonly typeName: string;
  abstract readonly table: string;
  /** GraphQL sort field → SQL expression over alias `e`. */
  abstract readonly sortable: Readonly<Record<string, string>>;
  /** Other units a write changed on the way (a party unit moved from another unit's grid), for the hooks. */
  protected readonly alsoTouched = new Set<number>();
  /** Whether the table has a `geom` column (audit snapshots include it as GeoJSON). */
  protected readonly hasGeometry: boolean = false;
  /** Columns `q` searches. */
  protected readonly searchColumns: readonly string[] = ['e.name', 'e.code'];

  constructor(protected readonly deps: ServiceDeps) {}

  protected get em(): EntityManager {
    return this.deps.em;
  }

  /** Adds the type's own filter conditions. */
  protected abstract filterBy(em: EntityManager, where: Where, filter: F): Promise<void> | void;
  /** Copies the input onto the entity, checking every field; throws before anything is written. */
  protected abstract assign(em: EntityManager, entity: T, input: Partial<C>, creating: boolean): Promise<void>;
  /** Throws when deleting would leave records pointing at nothing. */
  protected async checkDelete(_em: EntityManager, _entity: T): Promise<void> {}
  /** Village-level units whose coverage a change of this record affects. */
  protected async villagesOf(_em: EntityManager, _entity: T): Promise<number[]> {
    return [];
  }

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
    if (filter.ids) where.add('e.id = any(?::int[])', intArray(filter.ids.map(strictId).filter((i): i is number => i !== null)));
    await this.filterBy(em, where, filter);
    return where;
  }

  async list(args: ListArgs, filter?: F): Promise<T[]> {
    const perPage = args.perPage ?? 25;
    const page = args.page ?? 0;
    if (!Number.isInteger(page) || page < 0 || perPage < 1 || perPage > this.deps.config.maxPerPage) {
      throw badInput(messages.badPage(this.deps.config.maxPerPage));
    }
    const sortField = args.sortField ?? 'id';
    // Own properties only: `constructor`, `toString`, `__proto__` are not sort fields.
    const sortExpr = Object.hasOwn(this.sortable, sortField) ? this.sortable[sortField] : sortField === 'id' ? 'e.id' : undefined;
    if (!sortExpr) throw badInput(messages.badSortField(sortField, ['id', ...Object.keys(this.sortable)]));
    const order = (args.sortOrder ?? 'ASC').toUpperCase();
    if (order !== 'ASC' && order !== 'DESC') throw badInput(messages.badSortOrder(args.sortOrder ?? ''));

    const where = await this.where(this.em, filter);
    const rows = await query<{ id: number }>(
      this.em,
      `select e.id from ${this.table} e where ${where.toSql()} order by ${sortExpr} ${order} nulls last, e.id ${order} limit ? offset ?`,
      [...where.params, perPage, page * perPage],
    );
    const ids = rows.map((r) => Number(r.id));
    if (!ids.length) return [];
    const found = new Map((await this.em.find(this.entity, { id: { $in: ids } } as never)).map((e) => [e.id, e]));
    return ids.map((id) => found.get(id)!).filter(Boolean);
  }

  async count(filter?: F): Promise<number> {
    const where = await this.where(this.em, filter);
    const [row] = await query<{ count: string }>(this.em, `select count(*) as count from ${this.table} e where ${where.toSql()}`, where.params);
    return Number(row?.count ?? 0);
  }

  async create(input: C): Promise<T> {
    return this.write('create', [], async (em) => {
      const entity = new this.entity();
      await this.assign(em, entity, input, true);
      em.persist(entity);
      await em.flush();
      return { entity, villageIds: await this.villagesOf(em, entity) };
    });
  }

  async update(input: U): Promise<T> {
    return this.write('update', [this.parseId(input.id)], async (em) => {
      const entity = await this.get(em, input.id);
      if (input.version !== undefined && input.version !== null && input.version !== entity.version) {
        throw conflict(messages.staleVersion(this.typeName, input.id, input.version, entity.version), { currentVersion: entity.version });
      }
      const before = await this.villagesOf(em, entity);
      // The record must be in the writer's scope before the change, and stay in it after.
      await checkWrite(em, this.deps.principal, this.typeName, before);
      const { id: _id, version: _version, ...fields } = input;
      await this.assign(em, entity, fields as unknown as Partial<C>, false);
      await em.flush();
      const after = await this.villagesOf(em, entity);
      return { entity, villageIds: [...new Set([...before, ...after])] };
    });
  }

  async delete(id: string): Promise<T> {
    return this.write('delete', [this.parseId(id)], async (em) => {
      const entity = await this.get(em, id);
      await this.checkDelete(em, entity);
      const villageIds = await this.villagesOf(em, entity);
      const snapshot = { ...entity };
      em.remove(entity);
      await em.flush();
      return { entity: snapshot as T, villageIds };
    });
  }

  /** One transaction per write: validation, the write and the hooks (coverage) commit together or not at all. */
  protected async write(operation: string, beforeIds: number[], work: (em: EntityManager) => Promise<{ entity: T; villageIds: number[] }>): Promise<T> {
    return this.transaction(operation, beforeIds, async (em) => {
      const { entity, villageIds } = await work(em);
      return { result: entity, ids: [entity.id], villageIds };
    });
  }

  /**
   * Like write, for operations that touch several records (split, merge, shared edges).
   * In one transaction: the work, the scope check, the audit events (before and after
   * of every record touched) and the hooks that keep coverage current.
   */
  protected async transaction<R>(
    operation: string,
    beforeIds: number[],
    work: (em: EntityManager) => Promise<{ result: R; ids: number[]; villageIds: number[] }>,
  ): Promise<R> {
    try {
      // A fresh identity map per write: nothing stale from earlier operations of the request leaks in.
      return await this.em.fork({ clear: true }).transactional(async (em) => {
        const before = await this.deps.audit.snapshot(em, this.table, beforeIds, this.hasGeometry);
        const { result, ids, villageIds: own } = await work(em);
        const villageIds = [...new Set([...own, ...this.alsoTouched])];
        this.alsoTouched.clear();
        await checkWrite(em, this.deps.principal, this.typeName, villageIds);
        const after = await this.deps.audit.snapshot(em, this.table, ids, this.hasGeometry);
        await this.deps.audit.record(em, this.deps.principal, operation, this.typeName, before, after);
        await this.deps.hooks.run(em, { type: this.typeName, ids, villageIds: [...new Set(villageIds)] });
        return result;
      });
    } catch (e) {
      this.alsoTouched.clear();
      throw this.translate(e);
    }
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
