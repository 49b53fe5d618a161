import { ConstraintViolationException } from '@mikro-orm/core';
import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { toEvent } from '../audit/audit.resolver';
import { AuditEvent } from '../audit/audit.types';
import { Role } from '../auth/auth.entities';
import type { Context } from '../context';
import { badInput, conflict, messages, notFound } from '../common/errors';
import { ListArgs, ListMetadata } from '../common/list.inputs';
import { query, Where } from '../common/sql';
import { CHANGE_LIST_SQL as SQL } from './change.sql';
import { Change, ChangeFilter, RevertChangeArgs } from './change.types';
import { revertChange, REVERT_MESSAGES } from './revert';

type Row = Record<string, any>;

const toChange = (r: Row): Change => ({
  id: String(r.id),
  at: new Date(r.at),
  userId: r.user_id != null ? String(r.user_id) : null,
  username: r.username,
  role: r.role,
  operation: r.operation,
  summary: r.summary,
  villageIds: (r.village_ids ?? []).map(String),
  recordTypes: r.record_types ?? [],
  eventCount: Number(r.event_count ?? 0),
  revertsChangeId: r.reverts_change_id != null ? String(r.reverts_change_id) : null,
});

const parseId = (id: string | undefined | null): number | null => (id && /^\d{1,15}$/.test(id) ? Number(id) : null);

function where(ctx: Context, f: ChangeFilter = {}): Where {
  const w = new Where();
  if (ctx.principal && ctx.principal.role !== Role.ADMIN) w.add(SQL.notAccounts);
  if (f.q?.trim()) w.add(SQL.q, ...Array(3).fill(`%${f.q.trim().replace(/[\\%_]/g, (c) => `\\${c}`)}%`));
  if (f.ids)
    w.add(
      SQL.ids,
      `{${f.ids
        .map(parseId)
        .filter((n) => n !== null)
        .join(',')}}`,
    );
  if (f.userId) w.add(SQL.userId, parseId(f.userId) ?? 0);
  const unit = f.unit ?? f.villageId;
  if (unit) w.add(SQL.unit, parseId(unit) ?? 0);
  if (f.recordType && f.recordId) w.add(SQL.record, f.recordType, parseId(f.recordId) ?? 0);
  else if (f.recordType) w.add(SQL.recordType, f.recordType);
  else if (f.recordId) w.add(SQL.recordId, parseId(f.recordId) ?? 0);
  if (f.operation) w.add(SQL.operation, f.operation);
  if (f.from) w.add(SQL.from, f.from);
  if (f.to) w.add(SQL.to, f.to);
  return w;
}

/** Changes (who changed what, grouped per write), and undo/redo of a whole change on the server. */
@Resolver(() => Change)
export class ChangeResolver {
  @Query(() => Change, { name: 'Change', nullable: true })
  async one(@Arg('id', () => ID) id: string, @Ctx() ctx: Context): Promise<Change | null> {
    const w = where(ctx, { ids: [id] });
    const [row] = await query<Row>(ctx.em, SQL.page(w.toSql(), 'c.id', 'asc'), [...w.params, 1, 0]);
    return row ? toChange(row) : null;
  }

  @Query(() => [Change], {
    name: 'allChanges',
    description: 'Changes, newest first by default; filter by user, unit, record, time.',
  })
  async all(
    @Args(() => ListArgs) list: ListArgs,
    @Arg('filter', () => ChangeFilter, { nullable: true }) filter: ChangeFilter | undefined,
    @Ctx() ctx: Context,
  ) {
    const sortField = list.sortField ?? 'id';
    const sort = Object.hasOwn(SQL.sortable, sortField) ? SQL.sortable[sortField] : undefined;
    if (!sort) throw badInput(messages.badSortField(sortField, Object.keys(SQL.sortable)));
    const sortOrder = (list.sortOrder ?? 'DESC').toUpperCase();
    if (sortOrder !== 'ASC' && sortOrder !== 'DESC') throw badInput(messages.badSortOrder(list.sortOrder!));
    const order = sortOrder === 'ASC' ? 'asc' : 'desc';
    const perPage = list.perPage ?? 25;
    const page = list.page ?? 0;
    if (!Number.isInteger(page) || page < 0 || perPage < 1 || perPage > ctx.config.maxPerPage)
      throw badInput(messages.badPage(ctx.config.maxPerPage));
    const w = where(ctx, filter ?? undefined);
    return (await query<Row>(ctx.em, SQL.page(w.toSql(), sort, order), [...w.params, perPage, page * perPage])).map(
      toChange,
    );
  }

  @Query(() => ListMetadata, { name: '_allChangesMeta' })
  async meta(
    @Args(() => ListArgs) _l: ListArgs,
    @Arg('filter', () => ChangeFilter, { nullable: true }) filter: ChangeFilter | undefined,
    @Ctx() ctx: Context,
  ) {
    const w = where(ctx, filter ?? undefined);
    const [row] = await query<{ n: string }>(ctx.em, SQL.count(w.toSql()), w.params);
    return { count: Number(row?.n ?? 0) };
  }

  @Mutation(() => Change, {
    description:
      'Undoes a whole change in one transaction (all grids of a split, merge, shared-edge move…; geometry, attributes, workers, party links). ' +
      'The undo is itself a change: revert it to redo. CONFLICT when a later change touched the same records (it names that change). ' +
      'Editors within their scope.',
  })
  async revertChange(@Args(() => RevertChangeArgs) args: RevertChangeArgs, @Ctx() ctx: Context): Promise<Change> {
    const id = parseId(args.id);
    if (id === null) throw notFound('Change', args.id);
    let changeId: number;
    try {
      ({ changeId } = await revertChange(ctx.em, { coverage: ctx.services.coverage }, ctx.principal, id));
    } catch (e) {
      // A code now used by another record, a record it refers to deleted since: refused whole, typed.
      if (e instanceof ConstraintViolationException) throw conflict(REVERT_MESSAGES.clash(id));
      throw e;
    }
    ctx.changeIds?.push(changeId);
    ctx.loaders.clear();
    const [row] = await query<Row>(ctx.em.fork(), SQL.one, [changeId]);
    return toChange(row!);
  }

  @FieldResolver(() => [AuditEvent], { description: 'The records it changed, one event each (before and after).' })
  async events(@Root() change: Change, @Ctx() ctx: Context): Promise<AuditEvent[]> {
    return (await query<Row>(ctx.em, SQL.events, [`{${change.id}}`])).map(toEvent);
  }

  @FieldResolver(() => ID, { nullable: true, description: 'The latest change that undid this one, if any.' })
  async revertedByChangeId(@Root() change: Change, @Ctx() ctx: Context): Promise<string | null> {
    const [row] = await query<{ by: string }>(ctx.em, SQL.revertedBy, [`{${change.id}}`]);
    return row ? String(row.by) : null;
  }
}
