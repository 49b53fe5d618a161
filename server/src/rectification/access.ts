import type { EntityManager } from '@mikro-orm/postgresql';
import { Role } from '../auth/auth.entities';
import { AUTH_MESSAGES, forbidden, type Principal } from '../auth/principal';
import { badInput } from '../common/errors';
import { intArray, query } from '../common/sql';

/** The time zone deadlines and "today" are counted in (the city's). */
export const TIME_ZONE = 'Asia/Shanghai';

const DAY = new Intl.DateTimeFormat('en-CA', {
  timeZone: TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** The calendar day in Asia/Shanghai at an instant, as YYYY-MM-DD (whatever the process's time zone). */
export function shanghaiDate(at: Date = new Date()): string {
  return DAY.format(at);
}

/** Whole days a deadline (YYYY-MM-DD, a day in Asia/Shanghai) is past at an instant; 0 when not past. */
export function daysOverdue(deadline: string | null | undefined, at: Date = new Date()): number {
  if (!deadline) return 0;
  const days = (Date.parse(`${shanghaiDate(at)}T00:00:00Z`) - Date.parse(`${deadline}T00:00:00Z`)) / 86_400_000;
  return Math.max(0, Math.round(days));
}

/** A YYYY-MM-DD date from input, checked; null/undefined pass through. */
export function checkDate(value: string | null | undefined, field: string): string | null | undefined {
  if (value === null || value === undefined) return value;
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  const d = m ? new Date(`${value}T00:00:00Z`) : null;
  if (!m || !d || Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== value)
    throw badInput(LOOP_MESSAGES.badDate(field, value));
  return value;
}

export const LOOP_MESSAGES = {
  badDate: (field: string, v: string) =>
    `${field} must be a calendar date YYYY-MM-DD (a day in Asia/Shanghai), not "${v}".`,
  waiveNeedsReason: () => 'A waiver needs a reason.',
  emptyComment: () => 'A comment cannot be empty.',
  closedCannot: (what: string) => `This rectification is closed (the finding is gone); it cannot be ${what}.`,
  notWaived: () => 'This rectification is not waived.',
  assignNeedsTarget: () => 'Assign to a township (townshipId) or a user (userId), or give a deadline or note.',
  wrongStatus: (action: string, status: string, allowed: readonly string[]) =>
    `A work order in status ${status} cannot be ${action}; it must be ${allowed.join(' or ')}.`,
  notYourUnit: () => 'Only a user of the member unit the work order was handed to (or an administrator) may do this.',
  ownUnitScores: () => 'A member unit cannot score its own work; the community scores it.',
  unitNotLinked: () =>
    "The member unit is neither in this community's joint party committee (联合党委) nor paired with it.",
  badScore: (scale: string) =>
    scale === 'FIVE'
      ? 'A score on the FIVE scale is a whole number from 1 to 5.'
      : 'A score on the HUNDRED scale is a number from 0 to 100.',
  needPointOrUnit: () => 'A work order needs a point [lng, lat] or a villageId (a village or community) to be routed.',
  outsideEveryUnit: () => 'The point lies in no village or community of Wuzhong; it cannot be routed.',
  emptyTitle: () => 'A work order needs a title.',
  scopeMissing: (scope: string) => `This API key lacks the ${scope} scope.`,
  badScope: () => 'scope: give at most one of countyId, townshipId, villageId.',
  badRange: () => 'from must not be after to.',
} as const;

/** SQL condition: unit `v` lies in the principal's counties or townships (EDITOR scope). */
export function scopeCondition(principal: Principal, v = 'v'): { sql: string; params: unknown[] } {
  return {
    sql: `${v}.township_id in (select t.id from township t where t.county_id = any(?::int[]) or t.id = any(?::int[]))`,
    params: [intArray(principal.countyIds), intArray(principal.townshipIds)],
  };
}

/**
 * Refuses a change of records in these units unless the principal is an administrator,
 * or an editor whose counties or townships hold every one of them.
 */
export async function requireScope(
  em: EntityManager,
  principal: Principal | null,
  villageIds: readonly (number | null)[],
): Promise<void> {
  if (!principal || principal.role === Role.ADMIN) return;
  if (principal.role !== Role.EDITOR) throw forbidden(AUTH_MESSAGES.readOnly(principal.role));
  const ids = villageIds.filter((v): v is number => v !== null);
  if (ids.length < villageIds.length || !ids.length) throw forbidden(AUTH_MESSAGES.outOfScope());
  const [row] = await query<{ n: string }>(
    em,
    `select count(*) as n from village v join township t on t.id = v.township_id
     where v.id = any(?::int[]) and not (t.county_id = any(?::int[]) or t.id = any(?::int[]))`,
    [intArray(ids), intArray(principal.countyIds), intArray(principal.townshipIds)],
  );
  if (Number(row?.n) > 0) throw forbidden(AUTH_MESSAGES.outOfScope());
}
