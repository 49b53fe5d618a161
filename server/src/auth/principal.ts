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
  signIn: () =>
    'Sign in first: send "Authorization: Bearer <token>" (from the login mutation) or an API key ("Authorization: ApiKey <key>" or "X-Api-Key").',
  readOnly: (role: Role) =>
    `A${role === Role.ANALYST ? 'n analyst' : ' service key'} may read but not change anything.`,
  adminOnly: () => 'Only an administrator may do this.',
  outOfScope: () => 'This record lies outside the counties and townships you may edit.',
  editorCannot: (type: string) => `Editors may not change ${type} records; ask an administrator.`,
  coverageOnly: (field: string) =>
    `This API key may only ask for coverage, coverage findings and gridAt, not ${field}.`,
  badCredentials: () => 'Wrong username or password.',
  wrongPassword: () => 'The current password is wrong.',
  locked: (until: Date) =>
    `Too many failed sign-ins: this account is locked until ${until.toISOString()}. Try again then, or ask an administrator.`,
  badToken: () => 'Your sign-in has expired or is not valid; sign in again.',
  badKey: () => 'This API key is not valid or has been revoked.',
  inactive: () => 'This account is disabled.',
  tooManyFromAddress: (until: Date) =>
    `Too many sign-in attempts from your address: try again after ${until.toISOString()}.`,
  lastAdmin: () =>
    'This is the last active administrator: it cannot be disabled, demoted or deleted. Make another administrator first.',
  weakPassword: () => 'A password needs at least 8 characters.',
} as const;

/** Types an EDITOR may write (inside its scope). */
/** A write that puts a record under this township: the township must be in the writer's scope. */
export async function checkTownshipTarget(
  em: EntityManager,
  principal: Principal | null,
  townshipId: number,
): Promise<void> {
  if (!principal || principal.role === Role.ADMIN) return;
  if (principal.role !== Role.EDITOR) throw forbidden(AUTH_MESSAGES.readOnly(principal.role));
  const [row] = await query<{ ok: boolean }>(
    em,
    'select (t.county_id = any(?::int[]) or t.id = any(?::int[])) as ok from township t where t.id = ?',
    [intArray(principal.countyIds), intArray(principal.townshipIds), townshipId],
  );
  if (row && !row.ok) throw forbidden(AUTH_MESSAGES.outOfScope());
}

export function requireAdmin(principal: Principal | null): void {
  if (principal && principal.role !== Role.ADMIN) throw forbidden(AUTH_MESSAGES.adminOnly());
}
