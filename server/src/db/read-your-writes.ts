import type { ApolloServerPlugin } from '@apollo/server';
import type { EntityManager } from '@mikro-orm/postgresql';
import type express from 'express';
import type { Logger } from 'pino';
import type { Context } from '../context';
import { formatLsn, parseLsn, type ReadRouter, type RequestRouting } from './replicas';

/** The caller's WAL position: response header, request header, cookie (see db/replicas.ts). */
export const LSN_HEADER = 'x-wz-lsn';
export const LSN_COOKIE = 'wz_lsn';
/** Which node served a request's reads: `primary` or `replica-N`. */
export const SERVED_BY_HEADER = 'x-wz-read-from';
/** Long enough to cover any replica still allowed to serve (DATABASE_REPLICA_MAX_LAG_MS), short enough not to linger. */
const COOKIE_MAX_AGE_S = 3600;

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

function cookieLsn(header: string | undefined): bigint | null {
  if (!header) return null;
  for (const part of header.split(';')) {
    const [name, value] = part.split('=');
    if (name?.trim() === LSN_COOKIE) return parseLsn(decodeURIComponent(value ?? ''));
  }
  return null;
}

/**
 * Every request: what it has seen (`minLsn`, the larger of the header and the cookie) and, for a
 * request that may have written (any method but GET/HEAD/OPTIONS; GraphQL says for itself, see
 * `readRoutingPlugin`), the primary's WAL position after its work, in the response header and cookie.
 * Nothing happens when there is no replica.
 */
export function readYourWrites(router: ReadRouter, log: Logger): express.RequestHandler {
  return (req, res, next) => {
    if (!router.enabled) return next();
    const fromHeader = parseLsn(req.header(LSN_HEADER));
    const fromCookie = cookieLsn(req.headers.cookie);
    const routing: RequestRouting = {
      minLsn:
        fromHeader === null ? fromCookie : fromCookie === null || fromHeader > fromCookie ? fromHeader : fromCookie,
      mayWrite: !SAFE_METHODS.has(req.method),
      servedBy: 'primary',
    };
    res.locals.routing = routing;
    // Every response body goes through res.send (res.json and Apollo's integration call it): the
    // position is read after the work, i.e. after its commit, and before the headers leave.
    const send = res.send.bind(res);
    let stamped = false;
    res.send = ((body?: unknown) => {
      if (stamped || res.headersSent) return send(body);
      stamped = true;
      res.setHeader(SERVED_BY_HEADER, routing.servedBy);
      if (!routing.mayWrite) return send(body);
      router
        .primaryLsn()
        .then(
          (lsn) => {
            const text = formatLsn(lsn);
            res.setHeader(LSN_HEADER, text);
            res.append(
              'Set-Cookie',
              `${LSN_COOKIE}=${encodeURIComponent(text)}; Path=/; Max-Age=${COOKIE_MAX_AGE_S}; HttpOnly; SameSite=Lax`,
            );
          },
          // Without it the caller's next reads may come from a replica that has not replayed this write yet:
          // the primary is gone too, so there is nothing better to do than say so.
          (e: unknown) =>
            log.warn({ err: (e as Error).message }, 'read-your-writes: the primary did not say its WAL position'),
        )
        .finally(() => send(body));
      return res;
    }) as typeof res.send;
    next();
  };
}

/**
 * GraphQL: a query is routed (to a replica that has replayed what the caller has seen, or the
 * primary); anything else is a possible write. `rebind` gives the context the routed entity
 * manager (and what is built on it: loaders, services).
 */
export function readRoutingPlugin(
  router: ReadRouter,
  rebind: (ctx: Context, em: EntityManager) => void,
): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, contextValue }) {
          const routing = contextValue.routing;
          if (!routing || !router.enabled || !operation) return;
          if (operation.operation !== 'query') {
            routing.mayWrite = true;
            return;
          }
          routing.mayWrite = false;
          const node = router.choose(routing.minLsn);
          if (!node) return;
          routing.servedBy = node.name;
          rebind(contextValue, router.fork(node, routing));
        },
      };
    },
  };
}
