import { GraphQLError } from 'graphql';

/**
 * Database failures a client can act on, told apart from bugs. Connection loss and
 * timeouts get a typed, retryable code; a value the database refuses (too long, out of
 * range, a NUL byte) is the caller's input — the generic argument checks catch these
 * first, this is the net behind them. Nothing of the statement or its values reaches
 * the client or the log.
 */

/** SQLSTATEs of a lost or refused connection (class 08, admin shutdown 57P01–57P03). */
const CONNECTION_STATES = new Set(['08000', '08001', '08003', '08004', '08006', '57P01', '57P02', '57P03']);
const CONNECTION_MESSAGES =
  /Connection terminated|connection error|ECONNREFUSED|ECONNRESET|EPIPE|terminating connection|Connection ended unexpectedly|Client was closed|timeout exceeded when trying to connect|Timeout acquiring a connection|the database system is (starting up|shutting down)/i;
/** SQLSTATEs of input the database refuses: string too long, numeric out of range, bad text for a type, NUL byte, bad encoding. */
const INPUT_STATES = new Set([
  '22001',
  '22003',
  '22P02',
  '22P05',
  '22021',
  '22007',
  '22008',
  '22023',
  '2201W',
  '2201X',
  '08P01',
]);

/** The error and its causes (MikroORM wraps the driver's error; GraphQL wraps both). */
function chain(e: unknown): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  let cur: unknown = e;
  for (let i = 0; i < 5 && cur && typeof cur === 'object'; i++) {
    out.push(cur as Record<string, unknown>);
    const next =
      (cur as { originalError?: unknown; cause?: unknown; previous?: unknown }).originalError ??
      (cur as { cause?: unknown }).cause ??
      (cur as { previous?: unknown }).previous;
    if (next === cur) break;
    cur = next;
  }
  return out;
}

const stateOf = (e: unknown): string | undefined => {
  for (const c of chain(e)) {
    const code = c.sqlState ?? c.code;
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return code;
  }
  return undefined;
};

export function isConnectionLost(e: unknown): boolean {
  if (e instanceof GraphQLError && e.extensions?.code && !e.originalError) return false;
  const state = stateOf(e);
  if (state && CONNECTION_STATES.has(state)) return true;
  return chain(e).some(
    (c) => typeof c.message === 'string' && CONNECTION_MESSAGES.test(c.message) && !/statement timeout/.test(c.message),
  );
}

export const DB_MESSAGES = {
  unavailable: () =>
    'The database could not be reached just now. Nothing was changed by a read; a write may not have been saved: reload, check, and try again.',
  timeout: () =>
    'The request took longer than the database allows and was stopped. Ask for less (a smaller page, a narrower filter) and try again.',
  badValue: () => 'A value is too long, out of range or not valid for its field (or holds a NUL character).',
} as const;

/** A typed error for a database failure a client can act on, or undefined for anything else. */
export function typedDatabaseError(e: unknown): { message: string; extensions: Record<string, unknown> } | undefined {
  if (isConnectionLost(e))
    return { message: DB_MESSAGES.unavailable(), extensions: { code: 'UNAVAILABLE', retryable: true } };
  const state = stateOf(e);
  if (state === '57014') return { message: DB_MESSAGES.timeout(), extensions: { code: 'TIMEOUT', retryable: false } };
  if (state && INPUT_STATES.has(state))
    return { message: DB_MESSAGES.badValue(), extensions: { code: 'BAD_USER_INPUT' } };
  return undefined;
}

/**
 * An error as it may be logged: its kind, SQLSTATE and the driver's reason, cut short —
 * never the statement (MikroORM puts the SQL, values inlined, in front of the reason) nor its parameters.
 */
export function loggableError(e: unknown): Record<string, unknown> {
  const c = chain(e);
  const root = c[c.length - 1] ?? {};
  const first = c.find((x) => !(x instanceof GraphQLError)) ?? root;
  const message = String(root.message ?? first.message ?? e);
  // "<sql> - <reason>": keep the reason only.
  const reason = message.includes(' - ') ? message.slice(message.lastIndexOf(' - ') + 3) : message;
  const stack =
    typeof first.stack === 'string'
      ? first.stack
          .split('\n')
          .filter((l) => /^\s+at /.test(l))
          .slice(0, 6)
          .join('\n')
      : undefined;
  return {
    type: (first.constructor as { name?: string } | undefined)?.name ?? typeof e,
    sqlState: stateOf(e),
    reason: reason.length > 300 ? `${reason.slice(0, 300)}… (${reason.length} characters)` : reason,
    routine: typeof root.routine === 'string' ? root.routine : undefined,
    stack,
  };
}
