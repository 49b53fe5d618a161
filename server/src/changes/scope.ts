import type { EntityManager } from '@mikro-orm/postgresql';
import { Role } from '../auth/auth.entities';
import { AUTH_MESSAGES, forbidden, type Principal } from '../auth/principal';
import { intArray } from '../common/sql';
import { CHANGE_SQL } from './change.sql';
import type { RecordType } from './records';

/** Types an EDITOR may write (inside its scope). */
const EDITOR_TYPES: ReadonlySet<RecordType> = new Set(['Village', 'Grid', 'GridWorker', 'PartyUnit']);

/** Refuses any write at all of this type by this principal (a role question, no data needed). */
export function checkRole(principal: Principal | null, type: RecordType): void {
  if (!principal || principal.role === Role.ADMIN) return;
  if (principal.role !== Role.EDITOR) throw forbidden(AUTH_MESSAGES.readOnly(principal.role));
  if (!EDITOR_TYPES.has(type)) throw forbidden(AUTH_MESSAGES.editorCannot(type));
}

/** Whether the principal's scope is bounded (an editor); admins and scripts may write anywhere. */
export const isScoped = (principal: Principal | null): principal is Principal =>
  Boolean(principal && principal.role !== Role.ADMIN);

/** Refuses when any of these villages (village-level units) lies outside the editor's counties and townships. */
export async function checkVillages(
  em: EntityManager,
  principal: Principal | null,
  type: RecordType,
  villageIds: Iterable<number>,
): Promise<void> {
  checkRole(principal, type);
  if (!isScoped(principal)) return;
  const ids = [...new Set(villageIds)];
  if (!ids.length) return;
  const [row] = (await em.execute(
    CHANGE_SQL.outOfScope,
    [intArray(ids), intArray(principal.countyIds), intArray(principal.townshipIds)],
    'all',
  )) as { n: string }[];
  if (Number(row?.n) > 0) throw forbidden(AUTH_MESSAGES.outOfScope());
}

/** A record an editor would leave in no village at all (detached, unplaced): only administrators may. */
export function checkPlaced(principal: Principal | null, villageIds: ReadonlySet<number>): void {
  if (isScoped(principal) && villageIds.size === 0) throw forbidden(AUTH_MESSAGES.outOfScope());
}
