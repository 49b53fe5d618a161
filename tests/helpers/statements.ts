import pg from 'pg';

/**
 * Counts the SQL statements sent by every pg client of this process (the ORM's, the
 * compiled reads', the listeners'), as the peer benchmark's counting preload does.
 */
export async function statementsOf(work: () => Promise<unknown>): Promise<string[]> {
  const proto = pg.Client.prototype as unknown as { query: (...a: unknown[]) => unknown };
  const original = proto.query;
  const seen: string[] = [];
  proto.query = function (this: unknown, config: unknown, ...rest: unknown[]) {
    seen.push(
      String(typeof config === 'string' ? config : (config as { text?: string })?.text)
        .replace(/\s+/g, ' ')
        .slice(0, 300),
    );
    return original.call(this, config, ...rest);
  };
  try {
    await work();
  } finally {
    proto.query = original;
  }
  return seen;
}
