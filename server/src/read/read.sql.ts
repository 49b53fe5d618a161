import type { EntityManager } from '@mikro-orm/postgresql';
import pg from 'pg';
import { onReadConnection } from '../db/replicas';

/**
 * Runs a compiled read statement on a pooled connection of the entity manager's
 * connection, as a parameterised statement: the statement text is then the same for
 * every request with the same selection and filters (PostgreSQL's parse is cheap, and
 * no value is ever spliced into SQL), and the per-statement work of the ORM's query
 * path (formatting, logging, knex's runner) is skipped. `?` marks a parameter, as in
 * the services' Where clauses.
 */
export async function readQuery<R = Record<string, unknown>>(
  em: EntityManager,
  text: string,
  params: readonly unknown[] = [],
  options: { asText?: boolean } = {},
): Promise<R[]> {
  // The request's replica when it was routed to one (the primary when that replica cannot answer): db/replicas.ts.
  return onReadConnection(em, async (connection) => {
    const client = connection.getKnex().client as {
      acquireConnection(): Promise<{
        query(q: { text: string; values: unknown[]; name?: string; types?: typeof AS_TEXT }): Promise<{ rows: R[] }>;
      }>;
      releaseConnection(c: unknown): Promise<void>;
    };
    const conn = await client.acquireConnection();
    try {
      const sql = positional(text);
      const q = { text: sql, values: params as unknown[], name: preparedName(sql) };
      return (await conn.query(options.asText ? { ...q, types: AS_TEXT } : q)).rows;
    } finally {
      void client.releaseConnection(conn);
    }
  });
}

/**
 * Where a lookup by id or by point runs: the first column of its first row (undefined without a
 * row); with `asText`, as PostgreSQL's text.
 */
export interface ReadConnection {
  value(text: string, params: readonly unknown[], asText: boolean): Promise<unknown>;
  /** As `value` with `asText`, to a callback (no promise on the way). */
  send?(text: string, params: readonly unknown[], done: (error: Error | undefined, value: unknown) => void): void;
}

/** A ReadConnection on an entity manager's pooled connections (readQuery). */
export const readConnectionOf = (em: EntityManager): ReadConnection => ({
  value: async (text, params, asText) => {
    const [row] = await readQuery<{ j: unknown }>(em, text, params, { asText });
    return row?.j;
  },
});

/**
 * The known reads' own pool of plain pg connections (read/front-door.ts): a lookup needs no
 * entity manager, knex or tarn around its one statement (issue #12: the fixed cost of a small
 * request). Named prepared statements, rows as arrays, the JSON as PostgreSQL's text. Only
 * on the primary: with read replicas the known reads go through Apollo (db/replicas.ts).
 */
export class ReadPool implements ReadConnection {
  private readonly pool: pg.Pool;

  constructor(databaseUrl: string, statementTimeoutMs: number, onError: (e: Error) => void, max = 10) {
    this.pool = new pg.Pool({
      connectionString: databaseUrl,
      max,
      // As the ORM's connections (db/mikro-orm.config.ts).
      statement_timeout: statementTimeoutMs || undefined,
    });
    // An idle connection that breaks (a restart, a terminated backend) is dropped by the pool; not a crash.
    this.pool.on('error', onError);
  }

  async value(text: string, params: readonly unknown[], asText: boolean): Promise<unknown> {
    const sql = positional(text);
    const r = await this.pool.query<unknown[]>({
      text: sql,
      values: params as unknown[],
      name: preparedName(sql),
      rowMode: 'array',
      ...(asText ? { types: AS_TEXT } : {}),
    });
    return r.rows[0]?.[0];
  }

  send(text: string, params: readonly unknown[], done: (error: Error | undefined, value: unknown) => void): void {
    const sql = positional(text);
    this.pool.query<unknown[]>(
      { text: sql, values: params as unknown[], name: preparedName(sql), rowMode: 'array', types: AS_TEXT },
      (error: Error | undefined, r: pg.QueryResult<unknown[]> | undefined) => done(error, r?.rows[0]?.[0]),
    );
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}

/**
 * The first MAX_PREPARED statement texts are prepared once per pooled connection (named, as
 * PostGraphile's are): PostgreSQL does not parse and analyse them again. Bounded, since a
 * connection keeps what it prepared; later texts run unnamed.
 */
const MAX_PREPARED = 200;
const prepared = new Map<string, string>();
function preparedName(sql: string): string | undefined {
  let name = prepared.get(sql);
  if (name === undefined && prepared.size < MAX_PREPARED) prepared.set(sql, (name = `wz_read_${prepared.size + 1}`));
  return name;
}

/** Every column as PostgreSQL's text (the JSON a compiled read built goes out as it is, not parsed and stringified again). */
const AS_TEXT = { getTypeParser: () => (value: string) => value };

const converted = new Map<string, string>();

/** `?` → `$1, $2…` outside quoted strings and identifiers (cached per statement text). */
export function positional(text: string): string {
  let out = converted.get(text);
  if (out !== undefined) return out;
  let n = 0;
  let quote: string | null = null;
  const parts: string[] = [];
  let from = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quote) {
      if (c === quote) quote = null;
    } else if (c === "'" || c === '"') quote = c;
    else if (c === '?') {
      parts.push(text.slice(from, i), `$${++n}`);
      from = i + 1;
    }
  }
  parts.push(text.slice(from));
  out = parts.join('');
  if (converted.size > 2000) converted.clear();
  converted.set(text, out);
  return out;
}
