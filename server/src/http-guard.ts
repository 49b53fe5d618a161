import type express from 'express';
import type { Logger } from 'pino';
import type { Principal } from './auth/principal';
import { loggableError, typedDatabaseError } from './common/db-errors';

export const HTTP_MESSAGES = {
  repeated: (names: string[]) =>
    `Give each query parameter once: ${names.join(', ')} ${names.length > 1 ? 'are' : 'is'} repeated or nested.`,
  coverageOnlyMap: () => 'This API key may only read the coverage layers (/api/coverage/*), not the map layers.',
  internal: () => 'Internal server error; the details are in the server log.',
} as const;

/**
 * `/api/*` after sign-in: every query parameter must be given once as plain text
 * (`?bbox=1&bbox=2` or `?kind[x]=1` would reach the handlers as arrays or objects),
 * and coverage-only keys read the coverage layers only.
 */
export function apiQueryGuard(req: express.Request, res: express.Response, next: express.NextFunction): void {
  const bad = Object.entries(req.query)
    .filter(([, v]) => typeof v !== 'string')
    .map(([k]) => k);
  if (bad.length) {
    res.status(400).json({ error: { code: 'BAD_USER_INPUT', message: HTTP_MESSAGES.repeated(bad.slice(0, 5)) } });
    return;
  }
  const principal = res.locals.principal as Principal | undefined;
  if (principal?.coverageOnly && !req.path.startsWith('/coverage/')) {
    res.status(403).json({ error: { code: 'FORBIDDEN', message: HTTP_MESSAGES.coverageOnlyMap() } });
    return;
  }
  next();
}

/** The last error handler: JSON in the shape of the route's errors, a typed code where one applies, no stack trace. */
export function jsonErrorHandler(log: Logger) {
  return (err: unknown, req: express.Request, res: express.Response, next: express.NextFunction): void => {
    if (res.headersSent) return next(err);
    const typed = typedDatabaseError(err);
    const status =
      typed?.extensions.code === 'UNAVAILABLE' ? 503 : typed?.extensions.code === 'TIMEOUT' ? 504 : typed ? 400 : 500;
    const code = (typed?.extensions.code as string | undefined) ?? 'INTERNAL_SERVER_ERROR';
    const message = typed?.message ?? HTTP_MESSAGES.internal();
    if (typed) log.warn({ err: loggableError(err), url: req.path }, 'database error');
    else log.error({ err: loggableError(err), url: req.path }, 'unexpected error');
    if (req.path.startsWith('/graphql')) res.status(status).json({ errors: [{ message, extensions: { code } }] });
    else res.status(status).json({ error: { code, message } });
  };
}
