import { createHash, createSecretKey, randomBytes, timingSafeEqual, type KeyObject } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';
import type { EntityManager } from '@mikro-orm/postgresql';
import { jwtVerify, SignJWT } from 'jose';
import type { Config } from '../config';
import { AppError } from '../common/errors';
import { query } from '../common/sql';
import { ApiKey, Role, User } from './auth.entities';
import { AUTH_MESSAGES, unauthenticated, type Principal } from './principal';

const AUTH_SQL = {
  secret: `select value from app_setting where key = 'jwt_secret'`,
  saveSecret: `insert into app_setting (key, value) values ('jwt_secret', ?) on conflict (key) do nothing`,
  failed: `update app_user set failed_attempts = failed_attempts + 1,
             locked_until = case when failed_attempts + 1 >= ? then now() + (? || ' seconds')::interval else locked_until end
           where id = ? returning failed_attempts, locked_until`,
  succeeded: 'update app_user set failed_attempts = 0, locked_until = null where id = ?',
  keyUsed: 'update api_key set last_used_at = now() where id = ?',
} as const;

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** Sign-in, tokens, API keys and the first administrator. */
export class AuthService {
  private secret: KeyObject | undefined;

  constructor(private readonly config: Config) {}

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

  async login(em: EntityManager, username: string, password: string): Promise<{ token: string; user: User; expiresAt: Date }> {
    const user = await em.findOne(User, { username: username.trim() });
    if (!user) {
      await hash(password); // the same work as a real check, so timing does not reveal usernames
      throw unauthenticated(AUTH_MESSAGES.badCredentials());
    }
    if (user.lockedUntil && user.lockedUntil > new Date()) throw new AppError('ACCOUNT_LOCKED', AUTH_MESSAGES.locked(user.lockedUntil), { lockedUntil: user.lockedUntil.toISOString() });
    if (!(await verify(user.passwordHash, password))) {
      const [row] = await query<{ locked_until: string | null }>(em, AUTH_SQL.failed, [this.config.loginMaxAttempts, this.config.loginLockSeconds, user.id]);
      const until = row?.locked_until ? new Date(row.locked_until) : null;
      if (until && until > new Date()) throw new AppError('ACCOUNT_LOCKED', AUTH_MESSAGES.locked(until), { lockedUntil: until.toISOString() });
      throw unauthenticated(AUTH_MESSAGES.badCredentials());
    }
    if (!user.active) throw unauthenticated(AUTH_MESSAGES.inactive());
    await query(em, AUTH_SQL.succeeded, [user.id]);
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

  /** The principal of an Authorization / X-Api-Key header; null when there is none. Throws on a bad one. */
  async authenticate(em: EntityManager, authorization: string | undefined, apiKeyHeader: string | undefined): Promise<Principal | null> {
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
      const { payload } = await jwtVerify(token, await this.key(em), { issuer: 'wuzhong-grid', algorithms: ['HS256'] });
      sub = payload.sub;
      pwd = payload.pwd;
    } catch {
      throw unauthenticated(AUTH_MESSAGES.badToken());
    }
    const user = await em.findOne(User, { id: Number(sub) || 0 });
    // A changed password or a disabled account ends every session.
    if (!user || !user.active || pwd !== user.passwordChangedAt.getTime()) throw unauthenticated(AUTH_MESSAGES.badToken());
    return { kind: 'user', id: user.id, username: user.username, role: user.role, countyIds: user.countyIds, townshipIds: user.townshipIds, coverageOnly: false };
  }

  private async fromApiKey(em: EntityManager, key: string): Promise<Principal> {
    const match = /^wzg_([A-Za-z0-9]{8})_([A-Za-z0-9_-]{20,})$/.exec(key);
    const found = match ? await em.findOne(ApiKey, { prefix: match[1]! }) : null;
    const ok = found && !found.revokedAt && timingSafeEqual(Buffer.from(found.keyHash), Buffer.from(sha256(match![2]!)));
    if (!found || !ok) throw unauthenticated(AUTH_MESSAGES.badKey());
    await query(em, AUTH_SQL.keyUsed, [found.id]);
    return { kind: 'service', id: found.id, username: `key:${found.name}`, role: Role.SERVICE, countyIds: [], townshipIds: [], coverageOnly: found.coverageOnly };
  }

  /** A new key: the secret is returned once and only its hash is kept. */
  newApiKey(): { key: string; prefix: string; hash: string } {
    const prefix = randomBytes(6).toString('base64url').replace(/[^A-Za-z0-9]/g, 'x').slice(0, 8);
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
