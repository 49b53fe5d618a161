import { Arg, Args, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import { ID } from 'type-graphql';
import type { Context } from '../context';
import { badInput, messages, notFound } from '../common/errors';
import { strictId } from '../crud/entity.service';
import { Role } from '../auth/auth.entities';
import type { Principal } from '../auth/principal';
import { ListArgs, ListMetadata } from '../common/list.inputs';
import { query, Where } from '../common/sql';
import { requireAdmin } from '../auth/principal';
import { Grid } from '../grid/grid.entity';
import { AuditEvent, AuditEventFilter, RestoreGridArgs, RestoreState } from './audit.types';

const SORTABLE: Record<string, string> = {
  id: 'e.id',
  at: 'e.at',
  username: 'e.username',
  operation: 'e.operation',
  recordType: 'e.record_type',
};

/** Record types whose events only administrators read (user and key snapshots). */
const ADMIN_RECORD_TYPES = '{User,ApiKey}';

function where(f: AuditEventFilter = {}, principal: Principal | null = null): Where {
  const w = new Where();
  if (principal && principal.role !== Role.ADMIN) w.add('e.record_type <> all(?::text[])', ADMIN_RECORD_TYPES);
  if (f.q?.trim())
    w.add('(e.username ilike ? or e.record_type ilike ? or e.operation ilike ?)', ...Array(3).fill(`%${f.q.trim()}%`));
  if (f.ids)
    w.add(
      'e.id = any(?::bigint[])',
      `{${f.ids
        .map(strictId)
        .filter((i) => i !== null)
        .join(',')}}`,
    );
  if (f.userId) w.add('e.user_id = ?', strictId(f.userId) ?? 0);
  if (f.username) w.add('e.username = ?', f.username);
  if (f.recordType) w.add('e.record_type = ?', f.recordType);
  if (f.recordId) w.add('e.record_id = ?', strictId(f.recordId) ?? 0);
  if (f.operation) w.add('e.operation = ?', f.operation);
  if (f.from) w.add('e.at >= ?', f.from);
  if (f.to) w.add('e.at <= ?', f.to);
  if (f.changeId) w.add('e.change_id = ?', /^\d{1,15}$/.test(f.changeId) ? Number(f.changeId) : 0);
  return w;
}

export const toEvent = (r: Record<string, any>): AuditEvent => ({
  id: String(r.id),
  at: new Date(r.at),
  userId: r.user_id ? String(r.user_id) : null,
  username: r.username,
  role: r.role,
  operation: r.operation,
  recordType: r.record_type,
  recordId: r.record_id ? String(r.record_id) : null,
  before: r.before,
  after: r.after,
  changeId: r.change_id != null ? String(r.change_id) : null,
});

/** The audit trail, read-only, in the ra-data-graphql-simple convention; and restoring a grid from it. */
@Resolver(() => AuditEvent)
export class AuditResolver {
  @Query(() => AuditEvent, { name: 'AuditEvent', nullable: true })
  async one(@Arg('id', () => ID) id: string, @Ctx() ctx: Context): Promise<AuditEvent | null> {
    const n = strictId(id);
    if (n === null) return null;
    const w = where({}, ctx.principal).add('e.id = ?', n);
    const [row] = await query(ctx.em, `select * from audit_event e where ${w.toSql()}`, w.params);
    return row ? toEvent(row) : null;
  }

  @Query(() => [AuditEvent], { name: 'allAuditEvents' })
  async all(
    @Args(() => ListArgs) list: ListArgs,
    @Arg('filter', () => AuditEventFilter, { nullable: true }) filter: AuditEventFilter | undefined,
    @Ctx() ctx: Context,
  ) {
    const w = where(filter ?? undefined, ctx.principal);
    const sortField = list.sortField ?? 'at';
    const sort = Object.hasOwn(SORTABLE, sortField) ? SORTABLE[sortField] : undefined;
    if (!sort) throw badInput(messages.badSortField(sortField, Object.keys(SORTABLE)));
    const order = (list.sortOrder ?? 'DESC').toUpperCase();
    if (order !== 'ASC' && order !== 'DESC') throw badInput(messages.badSortOrder(list.sortOrder ?? ''));
    const perPage = list.perPage ?? 25;
    if ((list.page ?? 0) < 0 || perPage < 1 || perPage > ctx.config.maxPerPage)
      throw badInput(messages.badPage(ctx.config.maxPerPage));
    const rows = await query(
      ctx.em,
      `select * from audit_event e where ${w.toSql()} order by ${sort} ${order}, e.id ${order} limit ? offset ?`,
      [...w.params, perPage, (list.page ?? 0) * perPage],
    );
    return rows.map(toEvent);
  }

  @Query(() => ListMetadata, { name: '_allAuditEventsMeta' })
  async meta(
    @Args(() => ListArgs) _l: ListArgs,
    @Arg('filter', () => AuditEventFilter, { nullable: true }) filter: AuditEventFilter | undefined,
    @Ctx() ctx: Context,
  ) {
    const w = where(filter ?? undefined, ctx.principal);
    const [row] = await query<{ n: string }>(
      ctx.em,
      `select count(*) as n from audit_event e where ${w.toSql()}`,
      w.params,
    );
    return { count: Number(row?.n ?? 0) };
  }

  @Mutation(() => Grid, {
    description:
      "Restores a grid's geometry and attributes as they were before (or after) an audit event. Administrators only; itself audited.",
  })
  async restoreGrid(@Args(() => RestoreGridArgs) args: RestoreGridArgs, @Ctx() ctx: Context): Promise<Grid> {
    requireAdmin(ctx.principal);
    const [event] = await query<Record<string, any>>(ctx.em, 'select * from audit_event where id = ?', [
      strictId(args.eventId) ?? 0,
    ]);
    if (!event) throw notFound('AuditEvent', args.eventId);
    if (event.record_type !== 'Grid') throw badInput('Only grids can be restored from the audit trail.');
    const state = (args.state ?? RestoreState.BEFORE) === RestoreState.BEFORE ? event.before : event.after;
    if (!state) throw badInput('The grid did not exist at that point; there is nothing to restore.');
    const grid = await ctx.services.grid.restore(Number(event.record_id), state);
    ctx.loaders.clear();
    return grid;
  }
}
