import { createHash, createSecretKey, randomBytes, timingSafeEqual, type KeyObject } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';
import type { EntityManager } from '@mikro-orm/postgresql';
import { jwtVerify, SignJWT } from 'jose';
import type { Config } from '../config';
import { AppError } from '../common/errors';
import { query } from '../common/sql';
import { ApiKey, Role, User } from './auth.entities';
import { AttemptCounter } from './login-throttle';
import { AUTH_MESSAGES, unauthenticated, type Principal } from './principal';

const AUTH_SQL = {
  secret: `select value from app_setting where key = 'jwt_secret'`,
  saveSecret: `insert into app_setting (key, value) values ('jwt_secret', ?) on conflict (key) do nothing`,
  // One attempt counted BEFORE the password is checked, atomically (the row lock orders parallel attempts):
  // an expired lock starts a new count; an attempt past the limit locks the account and is not checked at all.
  reserve: `update app_user set
             failed_attempts = case when locked_until is not null and locked_until <= now() then 1 else failed_attempts + 1 end,
             locked_until = case when locked_until is not null and locked_until <= now() then null
                                 when failed_attempts + 1 > ? then coalesce(locked_until, now() + (? || ' seconds')::interval)
                                 else locked_until end
           where username = ? returning id, failed_attempts, locked_until`,
  // A wrong password that reached the limit locks the account.
  failed: `update app_user set locked_until = case when failed_attempts >= ? then coalesce(locked_until, now() + (? || ' seconds')::interval) else locked_until end
           where id = ? returning locked_until`,
  // A right password counts only while the account is not locked (a parallel failure may have locked it meanwhile).
  succeeded:
    'update app_user set failed_attempts = 0, locked_until = null where id = ? and (locked_until is null or locked_until <= now()) returning id',
  keyUsed: 'update api_key set last_used_at = now() where id = ?',
} as const;

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** Sign-in, tokens, API keys and the first administrator. */
export class AuthService {
  private secret: KeyObject | undefined;

  /** Attempts per client address, and per unknown username (see login). */
  private readonly addresses: AttemptCounter;
  private readonly unknownUsers: AttemptCounter;

  constructor(private readonly config: Config) {
    this.addresses = new AttemptCounter(config.loginMaxAttemptsPerAddress, config.loginLockSeconds * 1000);
    this.unknownUsers = new AttemptCounter(config.loginMaxAttempts, config.loginLockSeconds * 1000);
  }

  /** The token signing key: JWT_SECRET, else one generated once and kept in the database. */
  private async key(em: EntityManager): Promise<KeyObject> {
    if (this.secret) return this.secret;
    let value = this.config.jwtSecret;
    if (!value) {
      await query(em, AUTH_SQL.saveSecret, [randomBytes(32).toString('base64url')]);
      value = (await query<{ value: string }>(em, AUTH_SQL.secret))[0]!.value;
    }
    // Imported once as a KeyObject: jose would import raw bytes again on every check.
    this.secret = createSecretKey(Buffer.from(value, 'utf8'));
    return this.secret;
  }

  hashPassword(password: string): Promise<string> {
    if (password.length < 8) throw new AppError('BAD_USER_INPUT', AUTH_MESSAGES.weakPassword());
    return hash(password);
  }

  /**
   * Signs in. Every attempt is counted before the password is checked: per account (in its
   * row, atomically), per unknown username (in memory, so unknown names answer exactly like
   * real ones) and per client address. At most LOGIN_MAX_ATTEMPTS passwords are checked per
   * account and lock window, however many arrive in parallel, and a right password that
   * arrives after the lock is refused.
   */
  async login(
    em: EntityManager,
    username: string,
    password: string,
    clientAddress?: string,
  ): Promise<{ token: string; user: User; expiresAt: Date }> {
    const name = username.trim();
    if (clientAddress) {
      const until = this.addresses.take(clientAddress);
      if (until)
        throw new AppError('TOO_MANY_REQUESTS', AUTH_MESSAGES.tooManyFromAddress(until), {
          http: { status: 429 },
          retryAfter: until.toISOString(),
        });
    }
    const locked = (until: Date) =>
      new AppError('ACCOUNT_LOCKED', AUTH_MESSAGES.locked(until), { lockedUntil: until.toISOString() });
    const [slot] = await query<{ id: number; locked_until: string | null }>(em, AUTH_SQL.reserve, [
      this.config.loginMaxAttempts,
      this.config.loginLockSeconds,
      name,
    ]);
    if (!slot) {
      // No such user: the same counting, the same work, the same answers.
      const until = this.unknownUsers.take(name.toLowerCase());
      if (until) throw locked(until);
      await verify(await this.dummyHash(), password).catch(() => false);
      const now = this.unknownUsers.failed(name.toLowerCase());
      if (now) throw locked(now);
      throw unauthenticated(AUTH_MESSAGES.badCredentials());
    }
    const lockedUntil = slot.locked_until ? new Date(slot.locked_until) : null;
    if (lockedUntil && lockedUntil > new Date()) throw locked(lockedUntil);
    const user = await em.findOneOrFail(User, { id: slot.id });
    if (!(await verify(user.passwordHash, password))) {
      const [row] = await query<{ locked_until: string | null }>(em, AUTH_SQL.failed, [
        this.config.loginMaxAttempts,
        this.config.loginLockSeconds,
        user.id,
      ]);
      const until = row?.locked_until ? new Date(row.locked_until) : null;
      if (until && until > new Date()) throw locked(until);
      throw unauthenticated(AUTH_MESSAGES.badCredentials());
    }
    const [ok] = await query<{ id: number }>(em, AUTH_SQL.succeeded, [user.id]);
    if (!ok) {
      const [row] = await query<{ locked_until: string | null }>(em, 'select locked_until from app_user where id = ?', [
        user.id,
      ]);
      throw locked(
        row?.locked_until ? new Date(row.locked_until) : new Date(Date.now() + this.config.loginLockSeconds * 1000),
      );
    }
    if (clientAddress) this.addresses.succeeded(clientAddress);
    if (!user.active) throw unauthenticated(AUTH_MESSAGES.inactive());
    const expiresAt = new Date(Date.now() + this.config.tokenTtlSeconds * 1000);
    const token = await new SignJWT({ role: user.role, pwd: user.passwordChangedAt.getTime() })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(String(user.id))
      .setIssuedAt()
      .setExpirationTime(Math.floor(expiresAt.getTime() / 1000))
      .setIssuer('wuzhong-grid')
      .sign(await this.key(em));
    return { token, user, expiresAt };
  }

  /** A hash to check passwords of unknown users against (the same work as a real check). */
  private dummy: Promise<string> | undefined;
  private dummyHash(): Promise<string> {
    this.dummy ??= hash(randomBytes(16).toString('hex'));
    return this.dummy;
  }

  /** The principal of an Authorization / X-Api-Key header; null when there is none. Throws on a bad one. */
  async authenticate(
    em: EntityManager,
    authorization: string | undefined,
    apiKeyHeader: string | undefined,
  ): Promise<Principal | null> {
    if (apiKeyHeader) return this.fromApiKey(em, apiKeyHeader.trim());
    if (!authorization) return null;
    const [scheme, value] = authorization.trim().split(/\s+/, 2);
    if (/^bearer$/i.test(scheme ?? '') && value) return this.fromToken(em, value);
    if (/^apikey$/i.test(scheme ?? '') && value) return this.fromApiKey(em, value);
    throw unauthenticated(AUTH_MESSAGES.signIn());
  }

  private async fromToken(em: EntityManager, token: string): Promise<Principal> {
    let sub: string | undefined;
    let pwd: unknown;
    try {
      const { payload } = await jwtVerify(token, await this.key(em), {
        issuer: 'wuzhong-grid',
        algorithms: ['HS256'],
        requiredClaims: ['exp', 'iat', 'sub'],
      });
      sub = payload.sub;
      pwd = payload.pwd;
    } catch {
      throw unauthenticated(AUTH_MESSAGES.badToken());
    }
    const user = await em.findOne(User, { id: Number(sub) || 0 });
    // A changed password or a disabled account ends every session.
    if (!user || !user.active || pwd !== user.passwordChangedAt.getTime())
      throw unauthenticated(AUTH_MESSAGES.badToken());
    return {
      kind: 'user',
      id: user.id,
      username: user.username,
      role: user.role,
      countyIds: user.countyIds,
      townshipIds: user.townshipIds,
      coverageOnly: false,
    };
  }

  private async fromApiKey(em: EntityManager, key: string): Promise<Principal> {
    const match = /^wzg_([A-Za-z0-9]{8})_([A-Za-z0-9_-]{20,})$/.exec(key);
    const found = match ? await em.findOne(ApiKey, { prefix: match[1]! }) : null;
    const ok =
      found && !found.revokedAt && timingSafeEqual(Buffer.from(found.keyHash), Buffer.from(sha256(match![2]!)));
    if (!found || !ok) throw unauthenticated(AUTH_MESSAGES.badKey());
    await query(em, AUTH_SQL.keyUsed, [found.id]);
    return {
      kind: 'service',
      id: found.id,
      username: `key:${found.name}`,
      role: Role.SERVICE,
      countyIds: [],
      townshipIds: [],
      coverageOnly: found.coverageOnly,
    };
  }

  /** A new key: the secret is returned once and only its hash is kept. */
  newApiKey(): { key: string; prefix: string; hash: string } {
    const prefix = randomBytes(6)
      .toString('base64url')
      .replace(/[^A-Za-z0-9]/g, 'x')
      .slice(0, 8);
    const secret = randomBytes(24).toString('base64url');
    return { key: `wzg_${prefix}_${secret}`, prefix, hash: sha256(secret) };
  }

  /**
   * The first administrator, when there is no user yet: ADMIN_USERNAME / ADMIN_PASSWORD,
   * or a generated password that is returned (to be printed once).
   */
  async ensureFirstAdmin(em: EntityManager): Promise<{ username: string; generatedPassword?: string } | null> {
    if ((await em.count(User, {})) > 0) return null;
    const username = this.config.adminUsername;
    const generated = this.config.adminPassword ? undefined : randomBytes(12).toString('base64url');
    const user = new User();
    user.username = username;
    user.displayName = '管理员';
    user.role = Role.ADMIN;
    user.passwordHash = await this.hashPassword(this.config.adminPassword ?? generated!);
    await em.persistAndFlush(user);
    return { username, generatedPassword: generated };
  }
}
