import type { EntityManager } from '@mikro-orm/postgresql';
import { AppError } from '../common/errors';
import { intArray, query } from '../common/sql';
import { Role } from './auth.entities';

/** Who is asking: a signed-in user or a service's API key. `null` in services means a command-line script. */
export interface Principal {
  kind: 'user' | 'service';
  id: number;
  username: string;
  role: Role;
  countyIds: number[];
  townshipIds: number[];
  /** SERVICE keys limited to coverage and gridAt. */
  coverageOnly: boolean;
}

export const forbidden = (message: string) => new AppError('FORBIDDEN', message, { http: { status: 403 } });
export const unauthenticated = (message: string) => new AppError('UNAUTHENTICATED', message, { http: { status: 401 } });

export const AUTH_MESSAGES = {
  signIn: () => 'Sign in first: send "Authorization: Bearer <token>" (from the login mutation) or an API key ("Authorization: ApiKey <key>" or "X-Api-Key").',
  readOnly: (role: Role) => `A${role === Role.ANALYST ? 'n analyst' : ' service key'} may read but not change anything.`,
  adminOnly: () => 'Only an administrator may do this.',
  outOfScope: () => 'This record lies outside the counties and townships you may edit.',
  editorCannot: (type: string) => `Editors may not change ${type} records; ask an administrator.`,
  coverageOnly: (field: string) => `This API key may only ask for coverage, coverage findings and gridAt, not ${field}.`,
  badCredentials: () => 'Wrong username or password.',
  wrongPassword: () => 'The current password is wrong.',
  locked: (until: Date) => `Too many failed sign-ins: this account is locked until ${until.toISOString()}. Try again then, or ask an administrator.`,
  badToken: () => 'Your sign-in has expired or is not valid; sign in again.',
  badKey: () => 'This API key is not valid or has been revoked.',
  inactive: () => 'This account is disabled.',
  tooManyFromAddress: (until: Date) => `Too many sign-in attempts from your address: try again after ${until.toISOString()}.`,
  lastAdmin: () => 'This is the last active administrator: it cannot be disabled, demoted or deleted. Make another administrator first.',
  weakPassword: () => 'A password needs at least 8 characters.',
} as const;

/** Types an EDITOR may write (inside its scope). */
const EDITOR_TYPES = new Set(['Village', 'Grid', 'GridWorker', 'PartyUnit']);
/** Types whose write an EDITOR may make without any unit (a worker with no grid yet). */
const UNPLACED_OK = new Set(['GridWorker']);

/**
 * Refuses a write the principal may not make, inside the writing transaction, so a
 * refusal rolls everything back. `villageIds` are the units the record lies in
 * (checked before the change and again after it: moving a record out of scope is refused).
 */
export async function checkWrite(em: EntityManager, principal: Principal | null, type: string, villageIds: readonly number[]): Promise<void> {
  if (!principal) return; // a command-line script
  if (principal.role === Role.ADMIN) return;
  if (principal.role !== Role.EDITOR) throw forbidden(AUTH_MESSAGES.readOnly(principal.role));
  if (!EDITOR_TYPES.has(type)) throw forbidden(AUTH_MESSAGES.editorCannot(type));
  if (!villageIds.length) {
    if (UNPLACED_OK.has(type)) return;
    throw forbidden(AUTH_MESSAGES.outOfScope());
  }
  const [row] = await query<{ n: string }>(
    em,
    `select count(*) as n from village v join township t on t.id = v.township_id
     where v.id = any(?::int[]) and not (t.county_id = any(?::int[]) or t.id = any(?::int[]))`,
    [intArray(villageIds), intArray(principal.countyIds), intArray(principal.townshipIds)],
  );
  if (Number(row?.n) > 0) throw forbidden(AUTH_MESSAGES.outOfScope());
}

/** A write that puts a record under this township: the township must be in the writer's scope. */
export async function checkTownshipTarget(em: EntityManager, principal: Principal | null, townshipId: number): Promise<void> {
  if (!principal || principal.role === Role.ADMIN) return;
  if (principal.role !== Role.EDITOR) throw forbidden(AUTH_MESSAGES.readOnly(principal.role));
  const [row] = await query<{ ok: boolean }>(em, 'select (t.county_id = any(?::int[]) or t.id = any(?::int[])) as ok from township t where t.id = ?', [
    intArray(principal.countyIds), intArray(principal.townshipIds), townshipId,
  ]);
  if (row && !row.ok) throw forbidden(AUTH_MESSAGES.outOfScope());
}

export function requireAdmin(principal: Principal | null): void {
  if (principal && principal.role !== Role.ADMIN) throw forbidden(AUTH_MESSAGES.adminOnly());
}
