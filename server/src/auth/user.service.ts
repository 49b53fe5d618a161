import type { EntityManager } from '@mikro-orm/postgresql';
import { runChange, type ChangeTx } from '../changes/corridor';
import { EntityService, type ServiceDeps } from '../crud/entity.service';
import { badInput } from '../common/errors';
import type { Where } from '../common/sql';
import { ApiKey, Role, User } from './auth.entities';
import type {
  ApiKeyFilter,
  CreateApiKeyArgs,
  CreateUserArgs,
  UpdateApiKeyArgs,
  UpdateUserArgs,
  UserFilter,
} from './auth.inputs';
import type { AuthService } from './auth.service';
import { AUTH_MESSAGES, requireAdmin } from './principal';
import { query, textArray } from '../common/sql';
import { checkKeyScopes, ownerFor } from './api-key-scope';

export class UserService extends EntityService<User, UserFilter, CreateUserArgs, UpdateUserArgs> {
  readonly entity = User;
  readonly typeName = 'User' as const;
  readonly table = 'app_user';
  protected override readonly searchColumns = ['e.username', 'e.display_name'];
  readonly sortable = {
    username: 'e.username',
    displayName: 'e.display_name',
    role: 'e.role',
    active: 'e.active',
    createdAt: 'e.created_at',
  };

  constructor(
    deps: ServiceDeps,
    private readonly auth: AuthService,
  ) {
    super(deps);
  }

  protected filterBy(_em: EntityManager, where: Where, f: UserFilter): void {
    if (f.role) where.add('e.role = ?', f.role);
    if (f.active != null) where.add('e.active = ?', f.active);
  }

  protected async assign(tx: ChangeTx, user: User, input: Partial<CreateUserArgs>, creating: boolean): Promise<void> {
    requireAdmin(this.deps.principal);
    const staysAdmin = (input.role == null || input.role === Role.ADMIN) && input.active !== false;
    if (!creating && !staysAdmin) await this.keepAnAdmin(tx.em, user);
    if (input.username != null) {
      if (!/^[\w.@-]{2,64}$/.test(input.username)) throw badInput('A username has 2–64 letters, digits, or . _ @ -.');
      user.username = input.username;
    }
    if (input.displayName !== undefined) user.displayName = input.displayName;
    if (input.role != null) {
      if (input.role === Role.SERVICE) throw badInput('Services use API keys, not user accounts.');
      user.role = input.role;
    }
    if (input.countyIds) user.countyIds = input.countyIds.map(Number);
    if (input.townshipIds) user.townshipIds = input.townshipIds.map(Number);
    if (input.active != null) user.active = input.active;
    if (input.password != null) {
      user.passwordHash = await this.auth.hashPassword(input.password);
      user.passwordChangedAt = new Date();
      user.failedAttempts = 0;
      user.lockedUntil = null;
    }
  }

  protected override async checkDelete(em: EntityManager, user: User): Promise<void> {
    await this.keepAnAdmin(em, user);
  }

  /**
   * Refuses a change that would leave no active administrator (disabling, demoting or deleting
   * the last one). The active administrators' rows are locked first, so two administrators
   * demoting each other at once cannot both succeed.
   */
  private async keepAnAdmin(em: EntityManager, user: User): Promise<void> {
    if (user.role !== Role.ADMIN || !user.active) return;
    const rows = await query<{ id: number }>(
      em,
      `select id from app_user where role = 'ADMIN' and active order by id for update`,
    );
    if (!rows.some((r) => Number(r.id) !== user.id)) throw badInput(AUTH_MESSAGES.lastAdmin());
  }

  /** A user's own password change ends their other sessions too (the token carries the change time). */
  async changePassword(userId: number, password: string): Promise<void> {
    const hash = await this.auth.hashPassword(password);
    // Any signed-in user may change their own password (the resolver checked the current one):
    // pre-authorised, but audited like every other change (the hash is never in the snapshot).
    const { changeId } = await runChange(
      this.em,
      this.deps.corridor,
      { principal: this.deps.principal, name: 'changePassword', preAuthorized: true },
      async (tx) => {
        await tx.touch('User', [userId]);
        const user = await tx.em.findOneOrFail(User, { id: userId });
        user.passwordHash = hash;
        user.passwordChangedAt = new Date();
      },
    );
    this.deps.changeIds?.push(changeId);
  }
}

export class ApiKeyService extends EntityService<ApiKey, ApiKeyFilter, CreateApiKeyArgs, UpdateApiKeyArgs> {
  readonly entity = ApiKey;
  readonly typeName = 'ApiKey' as const;
  readonly table = 'api_key';
  readonly sortable = {
    name: 'e.name',
    createdAt: 'e.created_at',
    revokedAt: 'e.revoked_at',
    lastUsedAt: 'e.last_used_at',
  };
  protected override readonly searchColumns = ['e.name', 'e.prefix'];
  constructor(
    deps: ServiceDeps,
    private readonly auth: AuthService,
  ) {
    super(deps);
  }

  protected filterBy(_em: EntityManager, where: Where, f: ApiKeyFilter): void {
    if (f.revoked != null) where.add(f.revoked ? 'e.revoked_at is not null' : 'e.revoked_at is null');
  }

  protected async assign(
    tx: ChangeTx,
    key: ApiKey,
    input: Partial<CreateApiKeyArgs>,
    creating: boolean,
  ): Promise<void> {
    requireAdmin(this.deps.principal);
    if (input.name != null) key.name = input.name.trim();
    if (creating) {
      const made = this.auth.newApiKey();
      key.prefix = made.prefix;
      key.keyHash = made.hash;
      key.coverageOnly = input.coverageOnly ?? false;
      key.createdBy = this.deps.principal?.username ?? 'system';
      key.ownerId =
        input.ownerId != null
          ? await ownerFor(tx.em, input.ownerId)
          : this.deps.principal?.kind === 'user'
            ? this.deps.principal.id
            : null;
      key.plainKey = made.key;
    }
  }

  /** A key and its scopes in one change (the scopes are part of the key's audited snapshot). */
  override async create(input: CreateApiKeyArgs): Promise<ApiKey> {
    return this.change('createApiKey', 'create', async (tx) => {
      await tx.checkTarget(this.typeName, []);
      const key = new ApiKey();
      await this.assign(tx, key, input, true);
      tx.em.persist(key);
      await tx.em.flush();
      const scopes = [...new Set(input.scopes ?? [])];
      await checkKeyScopes(tx.em, key.id, scopes);
      if (scopes.length)
        await query(tx.em, 'insert into api_key_scope (api_key_id, scope) select ?, unnest(?::text[])', [
          key.id,
          textArray(scopes),
        ]);
      tx.created(this.typeName, [key.id]);
      return key;
    });
  }

  async revoke(id: string): Promise<ApiKey> {
    const n = this.parseId(id);
    return this.change('revokeApiKey', 'revoke', async (tx) => {
      await tx.touch('ApiKey', [n]);
      requireAdmin(this.deps.principal);
      const key = await this.get(tx.em, n);
      key.revokedAt ??= new Date();
      return key;
    });
  }
}
