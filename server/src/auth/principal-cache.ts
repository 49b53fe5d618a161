import type { EntityManager } from '@mikro-orm/postgresql';
import type { EventArgs, EventSubscriber, MikroORM } from '@mikro-orm/core';
import pg from 'pg';
import type { Logger } from 'pino';
import { query } from '../common/sql';
import { ApiKey, User } from './auth.entities';
import type { AuthService } from './auth.service';
import type { Principal } from './principal';

const CHANNEL = 'wz_principal';
/** A cached principal is checked again at least this often, whatever the notifications say. */
const MAX_AGE_MS = 5 * 60_000;
/** An API key's last_used_at is refreshed at most this often while it is served from the cache. */
const TOUCH_MS = 60_000;

interface Entry {
  principal: Principal;
  /** Until when it may be served: the token's expiry, at most MAX_AGE_MS. */
  until: number;
  touched: number;
}

/**
 * The principal of each token or API key, cached per process so that a request with a
 * known token sends no SQL statement to authenticate (issue #12).
 *
 * Correct across processes: a trigger (migration …PrincipalNotify) announces on channel
 * `wz_principal` every change that may end or narrow a session — password, deactivation,
 * role, scope, deletion, a revoked key — whoever made it; every process LISTENs and forgets
 * the principals concerned. In this process a change through the ORM is forgotten before
 * its response is sent (an ORM subscriber). While the listening connection is down nothing
 * is served from the cache, and everything is forgotten when it comes back.
 */
export class PrincipalCache {
  private readonly entries = new Map<string, Entry>();
  private client: pg.Client | null = null;
  private live = false;
  private closed = false;
  /** Bumped on every invalidation: a lookup that raced with one is not cached. */
  private generation = 0;
  private retry: NodeJS.Timeout | undefined;

  constructor(
    private readonly databaseUrl: string,
    private readonly log?: Logger,
    private readonly max = 10_000,
  ) {}

  /** Connects the listener; also forgets principals changed through this process's ORM at once. */
  async start(orm?: MikroORM): Promise<void> {
    if (orm) orm.em.getEventManager().registerSubscriber(this.subscriber());
    await this.listen();
  }

  private async listen(): Promise<void> {
    if (this.closed) return;
    const client = new pg.Client({ connectionString: this.databaseUrl, connectionTimeoutMillis: 5000 });
    const down = (e?: Error) => {
      if (this.client !== client) return;
      this.client = null;
      this.live = false;
      this.invalidate('all');
      client.end().catch(() => {});
      if (!this.closed) {
        this.log?.warn({ err: e?.message }, 'principal cache: listener down, reconnecting');
        this.retry = setTimeout(() => this.listen().catch(() => {}), 1000);
        this.retry.unref();
      }
    };
    client.on('error', down);
    client.on('end', () => down());
    client.on('notification', (n) => {
      if (n.channel === CHANNEL) this.invalidate(n.payload ?? 'all');
    });
    this.client = client;
    try {
      await client.connect();
      await client.query(`listen ${CHANNEL}`);
      this.invalidate('all');
      this.live = true;
    } catch (e) {
      down(e as Error);
    }
  }

  /** payload: 'user:<id>', 'service:<id>', 'user', 'service' or 'all'. */
  invalidate(payload: string): void {
    this.generation++;
    const [kind, id] = payload.split(':');
    if (kind !== 'user' && kind !== 'service') {
      this.entries.clear();
      return;
    }
    for (const [key, e] of this.entries) {
      if (e.principal.kind === kind && (id === undefined || e.principal.id === Number(id))) this.entries.delete(key);
    }
  }

  /** AuthService.authenticate, served from the cache when the same credentials were seen. */
  async authenticate(
    auth: AuthService,
    em: () => EntityManager,
    authorization: string | undefined,
    apiKey: string | undefined,
  ): Promise<Principal | null> {
    if (!authorization && !apiKey) return auth.authenticate(em(), authorization, apiKey);
    const hit = this.cached(em, authorization, apiKey);
    if (hit) return hit;
    const key = `${apiKey ?? ''}\n${authorization ?? ''}`;
    const now = Date.now();
    const generation = this.generation;
    const principal = await auth.authenticate(em(), authorization, apiKey);
    if (principal && this.live && generation === this.generation) {
      if (this.entries.size >= this.max) this.entries.delete(this.entries.keys().next().value!);
      this.entries.set(key, {
        principal,
        until: Math.min(now + MAX_AGE_MS, expiry(authorization, apiKey)),
        touched: now,
      });
    }
    return principal;
  }

  /** The cached principal of these credentials, if there is one that may be served now (no promise, no statement). */
  cached(
    em: () => EntityManager,
    authorization: string | undefined,
    apiKey: string | undefined,
  ): Principal | undefined {
    if (!this.live || (!authorization && !apiKey)) return undefined;
    const key = `${apiKey ?? ''}\n${authorization ?? ''}`;
    const hit = this.entries.get(key);
    if (!hit) return undefined;
    const now = Date.now();
    if (hit.until <= now) {
      this.entries.delete(key);
      return undefined;
    }
    if (hit.principal.kind === 'service' && now - hit.touched > TOUCH_MS) this.touch(hit, em());
    return hit.principal;
  }

  /** Keeps an API key's last_used_at roughly current while it is served from the cache (off the request's path). */
  private touch(entry: Entry, em: EntityManager): void {
    entry.touched = Date.now();
    query(em, 'update api_key set last_used_at = now() where id = ?', [entry.principal.id]).catch((e) =>
      this.log?.warn({ err: (e as Error).message }, 'principal cache: last_used_at not updated'),
    );
  }

  private subscriber(): EventSubscriber {
    const forget = (args: EventArgs<unknown>) => {
      const e = args.entity as { id?: number };
      this.invalidate(`${args.entity instanceof ApiKey ? 'service' : 'user'}:${e.id ?? ''}`);
    };
    return {
      getSubscribedEntities: () => [User, ApiKey],
      afterUpdate: forget,
      afterDelete: forget,
      afterUpsert: forget,
    };
  }

  get size(): number {
    return this.entries.size;
  }

  async close(): Promise<void> {
    this.closed = true;
    this.live = false;
    clearTimeout(this.retry);
    const c = this.client;
    this.client = null;
    this.entries.clear();
    await c?.end().catch(() => {});
  }
}

/** When the credentials stop being valid: a token's `exp` (it was verified before it is cached); keys have none. */
function expiry(authorization: string | undefined, apiKey: string | undefined): number {
  if (apiKey || !authorization) return Infinity;
  const [scheme, token] = authorization.trim().split(/\s+/, 2);
  if (!/^bearer$/i.test(scheme ?? '')) return Infinity;
  try {
    const payload = JSON.parse(Buffer.from(token!.split('.')[1]!, 'base64url').toString()) as { exp?: number };
    return typeof payload.exp === 'number' ? payload.exp * 1000 : 0;
  } catch {
    return 0;
  }
}
