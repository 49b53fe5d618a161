import type { EntityManager } from '@mikro-orm/postgresql';
import { registerEnumType } from 'type-graphql';
import { badInput } from '../common/errors';
import { query } from '../common/sql';
import { Role } from './auth.entities';
import { forbidden, type Principal } from './principal';

/** What an API key may do besides reading (additive to coverageOnly). */
export enum ApiKeyScope {
  WORK_ORDERS_CREATE = 'WORK_ORDERS_CREATE',
  IMPORT = 'IMPORT',
}
registerEnumType(ApiKeyScope, {
  name: 'ApiKeyScope',
  valuesConfig: {
    WORK_ORDERS_CREATE: { description: 'may create work orders (POST /api/work-orders)' },
    IMPORT: {
      description:
        "may import (POST /api/import and its dry run) with the role and units of the key's owner, never more",
    },
  },
});

export const API_KEY_MESSAGES = {
  importScopeMissing: () =>
    'This API key may read but not import: an administrator gives a key the IMPORT scope when creating it.',
  ownerCannotImport: (owner: string | null) =>
    owner
      ? `This API key imports as its owner ${owner}, who may no longer import (disabled, or neither administrator nor editor).`
      : 'This API key has no owner any more (the user who created it was deleted): it may not import.',
  importNotCoverageOnly: () => 'A coverage-only key cannot also import: create a separate key with the IMPORT scope.',
  badOwner: (id: string) => `User ${id} cannot own an API key: choose an active administrator or editor.`,
  importNeedsOwner: () =>
    'Only a key created by a signed-in administrator or editor can import (its imports are bound to that user).',
} as const;

const SQL = {
  importer: `select k.name, k.coverage_only, u.id as owner_id, u.username as owner, u.role, u.active, u.county_ids, u.township_ids,
                    exists (select 1 from api_key_scope s where s.api_key_id = k.id and s.scope = 'IMPORT') as can_import
             from api_key k left join app_user u on u.id = k.owner_id
             where k.id = ? and k.revoked_at is null`,
  keyOf: 'select coverage_only, owner_id from api_key where id = ?',
  owner: `select id from app_user where id = ? and active and role in ('ADMIN', 'EDITOR')`,
} as const;

/** The owner an administrator chose for a new key: an active administrator or editor. */
export async function ownerFor(em: EntityManager, id: string): Promise<number> {
  const [row] = await query<{ id: number }>(em, SQL.owner, [Number(id) || 0]);
  if (!row) throw badInput(API_KEY_MESSAGES.badOwner(id));
  return Number(row.id);
}

/** Scopes a key may be given: IMPORT needs an owner (its imports are bound to that user) and is not for a coverage-only key. */
export async function checkKeyScopes(em: EntityManager, keyId: number, scopes: readonly ApiKeyScope[]): Promise<void> {
  if (!scopes.includes(ApiKeyScope.IMPORT)) return;
  const [key] = await query<{ coverage_only: boolean; owner_id: number | null }>(em, SQL.keyOf, [keyId]);
  if (key?.coverage_only) throw badInput(API_KEY_MESSAGES.importNotCoverageOnly());
  if (key && key.owner_id == null) throw badInput(API_KEY_MESSAGES.importNeedsOwner());
}

/**
 * Who imports: a signed-in user as they are; an API key only with the IMPORT scope, and then
 * with its owner's role and units as they are NOW (a demoted or disabled owner ends the key's
 * imports; a narrowed scope narrows them). The change is written as the key, naming its owner.
 */
export async function importingPrincipal(em: EntityManager, principal: Principal): Promise<Principal> {
  if (principal.kind !== 'service') return principal;
  const [row] = await query<{
    name: string;
    coverage_only: boolean;
    owner_id: number | null;
    owner: string | null;
    role: Role | null;
    active: boolean | null;
    county_ids: number[] | null;
    township_ids: number[] | null;
    can_import: boolean;
  }>(em, SQL.importer, [principal.id]);
  if (!row || !row.can_import || row.coverage_only) throw forbidden(API_KEY_MESSAGES.importScopeMissing());
  if (row.owner_id == null || !row.active || (row.role !== Role.ADMIN && row.role !== Role.EDITOR))
    throw forbidden(API_KEY_MESSAGES.ownerCannotImport(row.owner));
  return {
    kind: 'service',
    id: principal.id,
    username: `key:${row.name} (${row.owner})`.slice(0, 200),
    role: row.role,
    countyIds: (row.county_ids ?? []).map(Number),
    townshipIds: (row.township_ids ?? []).map(Number),
    coverageOnly: false,
  };
}
