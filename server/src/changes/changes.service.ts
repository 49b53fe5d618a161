import { EventEmitter } from 'node:events';
import type { EntityManager } from '@mikro-orm/postgresql';
import pg from 'pg';
import type { Logger } from 'pino';
import type { Principal } from '../auth/principal';
import { query } from '../common/sql';
import { CHANGES_SQL } from './changes.sql';

/** One committed change: the data version it made, what it touched and how. */
export interface DataChangeEvent {
  version: number;
  at: string;
  operations: string[];
  records: { type: string; id: number | null; operation: string }[];
  recordsTruncated: boolean;
  /** Village-level units whose data or coverage changed. */
  villageIds: number[];
  /** True when so many units changed (a full rebuild) that villageIds is left empty: reload everything. */
  allUnits: boolean;
}

interface Row {
  version: string;
  at: Date;
  operations: string[];
  records: DataChangeEvent['records'];
  records_truncated: boolean;
  village_ids: number[];
  all_units: boolean;
}

const toEvent = (r: Row): DataChangeEvent => ({
  version: Number(r.version),
  at: new Date(r.at).toISOString(),
  operations: r.operations,
  records: r.records,
  recordsTruncated: r.records_truncated,
  villageIds: r.village_ids.map(Number),
  allUnits: r.all_units,
});

/** What a principal may see of a change: coverage-only keys get the units, not the records. */
export const visibleTo = (e: DataChangeEvent, p: Principal): DataChangeEvent =>
  p.coverageOnly ? { ...e, records: [], recordsTruncated: false } : e;

/** Largest backlog a client gets when it resumes; older changes mean "reload everything". */
export const MAX_BACKLOG = 1000;

/**
 * The change feed of this process. The trigger on data_version NOTIFYs `wz_change` inside
 * every writing transaction, so every server process on the database hears each committed
 * change once; one LISTEN connection per process (opened on the first subscriber) reads the
 * change's row and hands it to the subscribers (SSE streams, GraphQL subscriptions).
 */
export class ChangeFeed {
  private readonly events = new EventEmitter();
  private client: pg.Client | null = null;
  private connecting: Promise<void> | null = null;
  private closed = false;

  constructor(
    private readonly databaseUrl: string,
    private readonly log: Logger,
    private readonly em: () => EntityManager,
  ) {
    this.events.setMaxListeners(0);
  }

  /** Changes after `version`, oldest first (at most MAX_BACKLOG). */
  async since(version: number, limit = MAX_BACKLOG): Promise<DataChangeEvent[]> {
    return (await query<Row>(this.em(), CHANGES_SQL.since, [version, limit])).map(toEvent);
  }

  async currentVersion(): Promise<number> {
    return Number((await query<{ n: string }>(this.em(), CHANGES_SQL.current))[0]!.n);
  }

  /** Calls `listener` with every change committed from now on (and onClose when the feed closes); returns the unsubscribe function. */
  async subscribe(listener: (e: DataChangeEvent) => void, onClose?: () => void): Promise<() => void> {
    this.events.on('change', listener);
    if (onClose) this.events.once('close', onClose);
    await this.listen();
    return () => {
      this.events.off('change', listener);
      if (onClose) this.events.off('close', onClose);
    };
  }

  get isClosed(): boolean {
    return this.closed;
  }

  private listen(): Promise<void> {
    if (this.client || this.closed) return Promise.resolve();
    this.connecting ??= (async () => {
      const client = new pg.Client({ connectionString: this.databaseUrl });
      client.on('notification', (msg) => {
        if (msg.channel !== CHANGES_SQL.channel) return;
        void this.publish(Number(msg.payload));
      });
      client.on('error', (err) => {
        this.log.warn({ err }, 'change feed connection lost; reconnecting');
        this.client = null;
        setTimeout(() => void this.listen().catch(() => undefined), 1000).unref();
      });
      await client.connect();
      await client.query(`listen ${CHANGES_SQL.channel}`);
      this.client = client;
    })().finally(() => {
      this.connecting = null;
    });
    return this.connecting;
  }

  private async publish(version: number): Promise<void> {
    try {
      const [row] = await query<Row>(this.em(), CHANGES_SQL.one, [version]);
      if (row) this.events.emit('change', toEvent(row));
    } catch (err) {
      this.log.error({ err }, 'change feed: reading a change failed');
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    this.events.emit('close'); // open streams and subscriptions end
    this.events.removeAllListeners();
    const c = this.client;
    this.client = null;
    await c?.end().catch(() => undefined);
  }
}

/**
 * The changes after `since` and then every new one, in version order and each once,
 * for as long as the consumer iterates. Subscribes before reading the backlog, so nothing
 * committed in between is lost.
 */
export async function* changesFrom(
  feed: ChangeFeed,
  since: number | null,
  signal?: AbortSignal,
): AsyncGenerator<DataChangeEvent> {
  const queue: DataChangeEvent[] = [];
  let wake: (() => void) | null = null;
  const off = await feed.subscribe(
    (e) => {
      queue.push(e);
      wake?.();
    },
    () => wake?.(),
  );
  const onAbort = () => wake?.();
  signal?.addEventListener('abort', onAbort);
  try {
    let last = since ?? (await feed.currentVersion());
    if (since !== null) {
      for (const e of await feed.since(since)) {
        if (e.version <= last) continue;
        last = e.version;
        yield e;
      }
    }
    while (!signal?.aborted && !feed.isClosed) {
      while (queue.length) {
        const e = queue.shift()!;
        if (e.version > last) {
          last = e.version;
          yield e;
        }
      }
      if (signal?.aborted || feed.isClosed) break;
      await new Promise<void>((resolve) => {
        wake = resolve;
      });
      wake = null;
    }
  } finally {
    off();
    signal?.removeEventListener('abort', onAbort);
  }
}
