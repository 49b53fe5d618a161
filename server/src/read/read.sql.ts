import type { EntityManager } from '@mikro-orm/postgresql';
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
