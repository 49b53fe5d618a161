import { Arg, Args, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import { ID } from 'type-graphql';
import type { Context } from '../common/context';
import { badInput, notFound } from '../common/errors';
import { ListArgs, ListMetadata } from '../common/list.inputs';
import { query, Where } from '../common/sql';
import { requireAdmin } from '../auth/principal';
import { Grid } from '../grid/grid.entity';
import { OverlapPolicy } from '../grid/grid.inputs';
import { AuditEvent, AuditEventFilter, RestoreGridArgs, RestoreState } from './audit.types';

const SORTABLE: Record<string, string> = { id: 'e.id', at: 'e.at', username: 'e.username', operation: 'e.operation', recordType: 'e.record_type' };

function where(f: AuditEventFilter = {}): Where {
  const w = new Where();
  if (f.q?.trim()) w.add('(e.username ilike ? or e.record_type ilike ? or e.operation ilike ?)', ...Array(3).fill(`%${f.q.trim()}%`));
  if (f.ids) w.add('e.id = any(?::bigint[])', `{${f.ids.map(Number).filter(Number.isSafeInteger).join(',')}}`);
  if (f.userId) w.add('e.user_id = ?', Number(f.userId));
  if (f.username) w.add('e.username = ?', f.username);
  if (f.recordType) w.add('e.record_type = ?', f.recordType);
  if (f.recordId) w.add('e.record_id = ?', Number(f.recordId));
  if (f.operation) w.add('e.operation = ?', f.operation);
  if (f.from) w.add('e.at >= ?', f.from);
  if (f.to) w.add('e.at <= ?', f.to);
  if (f.changeId) w.add('e.change_id = ?', /^\d{1,15}$/.test(f.changeId) ? Number(f.changeId) : 0);
  return w;
}

export const toEvent = (r: Record<string, any>): AuditEvent => ({
  id: String(r.id), at: new Date(r.at), userId: r.user_id ? String(r.user_id) : null, username: r.username, role: r.role,
  operation: r.operation, recordType: r.record_type, recordId: r.record_id ? String(r.record_id) : null, before: r.before, after: r.after,
  changeId: r.change_id != null ? String(r.change_id) : null,
});

/** The audit trail, read-only, in the ra-data-graphql-simple convention; and restoring a grid from it. */
@Resolver(() => AuditEvent)
export class AuditResolver {
  @Query(() => AuditEvent, { name: 'AuditEvent', nullable: true })
  async one(@Arg('id', () => ID) id: string, @Ctx() ctx: Context): Promise<AuditEvent | null> {
    const [row] = await query(ctx.em, 'select * from audit_event e where e.id = ?', [Number(id) || 0]);
    return row ? toEvent(row) : null;
  }

  @Query(() => [AuditEvent], { name: 'allAuditEvents' })
  async all(@Args(() => ListArgs) list: ListArgs, @Arg('filter', () => AuditEventFilter, { nullable: true }) filter: AuditEventFilter | undefined, @Ctx() ctx: Context) {
    const w = where(filter ?? undefined);
    const sort = SORTABLE[list.sortField ?? 'at'];
    if (!sort) throw badInput(`Cannot sort by ${list.sortField}; sort by one of ${Object.keys(SORTABLE).join(', ')}.`);
    const order = (list.sortOrder ?? 'DESC').toUpperCase() === 'ASC' ? 'asc' : 'desc';
    const perPage = Math.min(Math.max(list.perPage ?? 25, 1), ctx.config.maxPerPage);
    const rows = await query(ctx.em, `select * from audit_event e where ${w.toSql()} order by ${sort} ${order}, e.id ${order} limit ? offset ?`, [
      ...w.params, perPage, (list.page ?? 0) * perPage,
    ]);
    return rows.map(toEvent);
  }

  @Query(() => ListMetadata, { name: '_allAuditEventsMeta' })
  async meta(@Args(() => ListArgs) _l: ListArgs, @Arg('filter', () => AuditEventFilter, { nullable: true }) filter: AuditEventFilter | undefined, @Ctx() ctx: Context) {
    const w = where(filter ?? undefined);
    const [row] = await query<{ n: string }>(ctx.em, `select count(*) as n from audit_event e where ${w.toSql()}`, w.params);
    return { count: Number(row?.n ?? 0) };
  }

  @Mutation(() => Grid, { description: 'Restores a grid\'s geometry and attributes as they were before (or after) an audit event. Administrators only; itself audited.' })
  async restoreGrid(@Args(() => RestoreGridArgs) args: RestoreGridArgs, @Ctx() ctx: Context): Promise<Grid> {
    requireAdmin(ctx.principal);
    const [event] = await query<Record<string, any>>(ctx.em, 'select * from audit_event where id = ?', [Number(args.eventId) || 0]);
    if (!event) throw notFound('AuditEvent', args.eventId);
    if (event.record_type !== 'Grid') throw badInput('Only grids can be restored from the audit trail.');
    const state = (args.state ?? RestoreState.BEFORE) === RestoreState.BEFORE ? event.before : event.after;
    if (!state) throw badInput('The grid did not exist at that point; there is nothing to restore.');
    const grid = await ctx.services.grid.restore(Number(event.record_id), state);
    ctx.loaders.clear();
    return grid;
  }
}
