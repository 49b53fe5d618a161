import type { EntityManager, MikroORM, Options } from '@mikro-orm/postgresql';
import type { Logger } from 'pino';
import type { Config } from '../config';
import { isConnectionLost } from '../common/db-errors';

/**
 * READS ON STREAMING REPLICAS, WRITES AND READ-YOUR-WRITES ON THE PRIMARY.
 *
 * The ORM knows the replicas (MikroORM `replicas`, from DATABASE_REPLICA_URLS), but its own choice
 * (a random replica for every read) knows nothing of lag or of who just wrote. So here:
 *
 *  - an entity manager forked the usual way (`orm.em.fork()`) reads and writes on the primary, always;
 *  - a request routed to a replica gets `router.fork(node)`: its reads outside a transaction go to that
 *    replica, its writes and transactions to the primary. A statement the replica cannot serve (a write,
 *    a lost connection, a conflict with recovery) runs again on the primary: no request fails because
 *    of a replica, and the request is then treated as a writer;
 *  - a replica serves a request only when it is up, in recovery, no further behind the primary than
 *    DATABASE_REPLICA_MAX_LAG_MS, and has replayed the WAL position (LSN) the caller last saw. The
 *    caller gets that position after any request that may have written (`X-Wz-Lsn` response header and
 *    `wz_lsn` cookie: the primary's `pg_current_wal_lsn()` after the commit) and sends it back (the
 *    cookie by itself, or the header): its next read sees its write, whichever process serves it.
 *    Correctness rests on that token only, never on this process's memory.
 *  - each process polls the primary's WAL position and each replica's replay position and health every
 *    DATABASE_REPLICA_CHECK_MS; a replica that stops answering is left until it answers again.
 */

/** An LSN `X/Y` (hex halves) as one number. */
export function parseLsn(text: string | null | undefined): bigint | null {
  if (!text) return null;
  const m = /^([0-9A-F]{1,8})\/([0-9A-F]{1,8})$/i.exec(text.trim());
  return m ? (BigInt(`0x${m[1]}`) << 32n) + BigInt(`0x${m[2]}`) : null;
}

export function formatLsn(lsn: bigint): string {
  return `${(lsn >> 32n).toString(16).toUpperCase()}/${(lsn & 0xffffffffn).toString(16).toUpperCase()}`;
}

export const REPLICA_SQL = {
  primaryLsn: 'select pg_current_wal_lsn()::text as lsn',
  replicaState: 'select pg_is_in_recovery() as standby, pg_last_wal_replay_lsn()::text as lsn',
} as const;

/** The ORM options that give it the replicas (none when DATABASE_REPLICA_URLS is empty). */
export function replicaOrmOptions(
  config: Pick<Config, 'databaseReplicaUrls' | 'statementTimeoutMs'>,
): Partial<Options> {
  if (!config.databaseReplicaUrls.length) return {};
  return {
    // The ORM's own choice is never used: `ReadRouter` decides per request.
    preferReadReplicas: true,
    replicas: config.databaseReplicaUrls.map((clientUrl, i) => ({
      name: `replica-${i}`,
      clientUrl,
      driverOptions: {
        // A replica that does not answer is given up on quickly (the statement then runs on the primary).
        acquireConnectionTimeout: 3000,
        connection: {
          statement_timeout: config.statementTimeoutMs || undefined,
          application_name: 'wuzhong-read',
          connectionTimeoutMillis: 2000,
        },
      },
    })),
  } as Partial<Options>;
}

type Connection = ReturnType<EntityManager['getConnection']>;
type Driver = ReturnType<EntityManager['getDriver']>;

export interface ReplicaNode {
  name: string;
  url: string;
  connection: Connection;
  /** Up and in recovery at the last check. */
  up: boolean;
  /** The replayed LSN at the last check (it only grows while the replica runs: a lower bound until the next check). */
  replayLsn: bigint | null;
  /** An upper bound of how far behind the primary it was at the last check (ms); Infinity when unknown. */
  lagMs: number;
}

/** What one request asked and did (kept on `res.locals.routing`, shared with the GraphQL context). */
export interface RequestRouting {
  /** The WAL position the caller has seen (its last write), from the header or cookie. */
  minLsn: bigint | null;
  /** The request may have written: its response carries the primary's LSN. */
  mayWrite: boolean;
  /** Which node served the reads: `primary` or a replica's name. */
  servedBy: string;
}

/** Statement failures on a replica that the primary can answer instead. */
function primaryCanServe(e: unknown): boolean {
  const codes = new Set<string>();
  for (let c: unknown = e, i = 0; c && typeof c === 'object' && i < 5; i++) {
    const code = (c as { code?: unknown }).code;
    if (typeof code === 'string') codes.add(code);
    c = (c as { cause?: unknown; previous?: unknown }).cause ?? (c as { previous?: unknown }).previous;
  }
  // 25006: a write on a read-only server; 40001: canceled by a conflict with recovery.
  return codes.has('25006') || codes.has('40001') || isConnectionLost(e);
}

export class ReadRouter {
  readonly nodes: ReplicaNode[] = [];
  /** The primary's WAL position over the last checks, oldest first. */
  private samples: { at: number; lsn: bigint }[] = [];
  private timer: NodeJS.Timeout | undefined;
  private next = 0;
  private checking: Promise<void> | undefined;
  readonly primary: Connection;
  private readonly base: Driver;

  constructor(
    private readonly orm: MikroORM,
    private readonly config: Pick<Config, 'databaseReplicaUrls' | 'replicaMaxLagMs' | 'replicaCheckMs'>,
    private readonly log: Logger,
  ) {
    const driver = orm.em.getDriver();
    this.base = driver;
    this.primary = driver.getConnection('write');
    const replicas = (driver as unknown as { replicas: Connection[] }).replicas ?? [];
    if (replicas.length !== config.databaseReplicaUrls.length) {
      log.warn(
        'DATABASE_REPLICA_URLS is set but the ORM was made without its replicas: every read stays on the primary',
      );
      return;
    }
    if (!replicas.length) return;
    // Entity managers forked the usual way never read from a replica (the ORM would pick one at random).
    (driver as unknown as { getConnection: (type?: string) => Connection }).getConnection = () => this.primary;
    replicas.forEach((connection, i) => {
      this.nodes.push({
        name: `replica-${i}`,
        url: config.databaseReplicaUrls[i]!,
        connection,
        up: false,
        replayLsn: null,
        lagMs: Infinity,
      });
    });
  }

  get enabled(): boolean {
    return this.nodes.length > 0;
  }

  /** Checks now and then every DATABASE_REPLICA_CHECK_MS. */
  async start(): Promise<void> {
    if (!this.enabled) return;
    await this.check();
    this.timer = setInterval(() => void this.check(), this.config.replicaCheckMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  /** The replica that may serve a caller who has seen `minLsn`, or null for the primary. */
  choose(minLsn: bigint | null): ReplicaNode | null {
    const n = this.nodes.length;
    for (let i = 0; i < n; i++) {
      const node = this.nodes[(this.next + i) % n]!;
      if (!node.up || node.replayLsn === null || node.lagMs > this.config.replicaMaxLagMs) continue;
      if (minLsn !== null && node.replayLsn < minLsn) continue;
      this.next = (this.next + i + 1) % n;
      return node;
    }
    return null;
  }

  /**
   * An entity manager for one request whose reads go to `node` (writes and transactions: the primary;
   * its forks too). Anything it sends to the primary that may write sets `routing.mayWrite`.
   */
  fork(node: ReplicaNode, routing: RequestRouting): EntityManager {
    const root = this.orm.em;
    const Ctor = root.constructor as new (...a: unknown[]) => EntityManager;
    return new Ctor(
      this.orm.config,
      this.routedDriver(node, routing),
      this.orm.getMetadata(),
      false,
      root.getEventManager(),
    );
  }

  /** The primary's current WAL position: every commit so far is at or before it. */
  async primaryLsn(): Promise<bigint> {
    const [row] = (await this.primary.execute(REPLICA_SQL.primaryLsn)) as { lsn: string }[];
    return parseLsn(row?.lsn)!;
  }

  /** One round of checks: the primary's position, then each replica's state. */
  check(): Promise<void> {
    this.checking ??= this.checkOnce().finally(() => {
      this.checking = undefined;
    });
    return this.checking;
  }

  private async checkOnce(): Promise<void> {
    const now = Date.now();
    try {
      this.samples.push({ at: now, lsn: await this.primaryLsn() });
    } catch (e) {
      this.log.warn({ err: (e as Error).message }, 'replica check: the primary does not answer');
    }
    // Keep what covers the allowed lag (plus one older sample to measure against).
    const horizon = now - this.config.replicaMaxLagMs - 2 * this.config.replicaCheckMs;
    while (this.samples.length > 2 && this.samples[1]!.at < horizon) this.samples.shift();
    await Promise.all(this.nodes.map((node) => this.checkNode(node)));
  }

  private async checkNode(node: ReplicaNode): Promise<void> {
    const wasUp = node.up;
    try {
      const rows = (await withTimeout(node.connection.execute(REPLICA_SQL.replicaState), 2500)) as {
        standby: boolean;
        lsn: string | null;
      }[];
      const row = rows[0];
      const lsn = parseLsn(row?.lsn);
      if (!row?.standby || lsn === null) {
        // Not a standby: its positions say nothing about the primary's commits.
        if (wasUp || node.lagMs !== -1)
          this.log.warn(
            { replica: node.name },
            'replica check: this server is not a streaming replica; reads stay on the primary',
          );
        node.up = false;
        node.lagMs = -1;
        return;
      }
      // As measured (a replica made again from a newer or older backup may go backwards).
      node.replayLsn = lsn;
      // It has everything the primary had at the newest sample at or below its position.
      let caughtUpAt: number | undefined;
      for (const s of this.samples) if (s.lsn <= lsn) caughtUpAt = s.at;
      node.lagMs = caughtUpAt === undefined ? Infinity : Math.max(0, Date.now() - caughtUpAt);
      node.up = true;
      if (!wasUp) this.log.info({ replica: node.name }, 'replica serving reads');
    } catch (e) {
      this.markDown(node, e);
    }
  }

  markDown(node: ReplicaNode, e: unknown): void {
    if (node.up)
      this.log.warn({ replica: node.name, err: (e as Error)?.message }, 'replica down: its reads go to the primary');
    node.up = false;
  }

  /**
   * The driver seen by one routed request's entity manager: reads outside a transaction on the
   * replica, the rest (and anything the replica refuses or cannot answer) on the primary; anything
   * that may write marks the request as a writer.
   */
  private routedDriver(node: ReplicaNode, routing: RequestRouting): Driver {
    const { primary, base } = this;
    const replica = node.connection;
    const wrote = () => {
      routing.mayWrite = true;
    };
    const fallback = (e: unknown) => {
      if (!primaryCanServe(e)) throw e;
      if (isConnectionLost(e)) {
        this.markDown(node, e);
        routing.servedBy = 'primary';
      } else wrote();
    };
    const onPrimary = Object.create(primary) as Connection;
    Object.assign(onPrimary, {
      execute: (...args: Parameters<Connection['execute']>) => {
        if (args[2] === 'run' || args[3]) wrote();
        return primary.execute(...args);
      },
      begin: (...args: Parameters<Connection['begin']>) => {
        wrote();
        return primary.begin(...args);
      },
    });
    const onReplica = Object.create(replica) as Connection;
    Object.assign(onReplica, {
      execute: async (...args: Parameters<Connection['execute']>) => {
        if (args[3] || !node.up) return onPrimary.execute(...args);
        try {
          return await replica.execute(...args);
        } catch (e) {
          fallback(e);
          return onPrimary.execute(...args);
        }
      },
      withFallback: async <T>(run: (c: Connection) => Promise<T>): Promise<T> => {
        if (!node.up) return run(primary);
        try {
          return await run(replica);
        } catch (e) {
          fallback(e);
          return run(primary);
        }
      },
    });
    const driver = Object.create(base) as Driver;
    Object.assign(driver, {
      getConnection: (type: 'read' | 'write' = 'write') => (type === 'read' ? onReplica : onPrimary),
      // Raw statements (em.execute) go through `connection`: on the replica unless in a transaction.
      connection: onReplica,
    });
    return driver;
  }

  async close(): Promise<void> {
    this.stop();
    await this.checking;
  }
}

/**
 * Runs `run` on the entity manager's read connection: the request's replica when it was routed to one
 * (on the primary again when the replica cannot answer), else the primary. For code that takes pooled
 * connections itself (the compiled reads).
 */
export function onReadConnection<T>(em: EntityManager, run: (connection: Connection) => Promise<T>): Promise<T> {
  const connection = em.getConnection('read') as Connection & { withFallback?: (r: typeof run) => Promise<T> };
  return connection.withFallback ? connection.withFallback(run) : run(connection);
}

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout;
  return Promise.race([
    p.finally(() => clearTimeout(timer)),
    new Promise<T>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer in ${ms} ms`)), ms);
    }),
  ]);
}
