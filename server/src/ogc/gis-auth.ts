import { createHash } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { AuthService } from '../auth/auth.service';
import { AUTH_MESSAGES, type Principal } from '../auth/principal';
import type { AppError } from '../common/errors';
import type { NextFunction, Request, Response } from 'express';

/** How long a verified Basic credential is trusted without hashing it again (a GDAL paging run sends it on every page). */
export const BASIC_CACHE_MS = 60_000;
const MAX_CACHED = 1000;

/**
 * Credentials GIS clients can send: HTTP Basic with a user's name and password (QGIS,
 * GDAL_HTTP_USERPWD), besides the bearer token and the API key of the rest of the API.
 * Basic is checked by AuthService.login — the same argon2 check and lock-out as signing in;
 * a verified pair is remembered for a minute (by its SHA-256, never in clear), a wrong one never.
 */
export class GisAuth {
  private readonly cache = new Map<string, { principal: Principal; until: number }>();

  constructor(private readonly auth: AuthService) {}

  async principal(
    em: EntityManager,
    authorization: string | undefined,
    apiKey: string | undefined,
  ): Promise<Principal | null> {
    const m = /^\s*basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(authorization ?? '');
    if (!m || apiKey) return this.auth.authenticate(em, authorization, apiKey);
    const decoded = Buffer.from(m[1]!, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    const username = colon < 0 ? decoded : decoded.slice(0, colon);
    const password = colon < 0 ? '' : decoded.slice(colon + 1);
    const key = createHash('sha256').update(`${username}\0${password}`).digest('hex');
    const now = Date.now();
    const hit = this.cache.get(key);
    if (hit && hit.until > now) return hit.principal;
    const { user } = await this.auth.login(em, username, password);
    const principal: Principal = {
      kind: 'user',
      id: user.id,
      username: user.username,
      role: user.role,
      countyIds: user.countyIds,
      townshipIds: user.townshipIds,
      coverageOnly: false,
    };
    if (this.cache.size >= MAX_CACHED) this.cache.clear();
    this.cache.set(key, { principal, until: now + BASIC_CACHE_MS });
    return principal;
  }
}

/**
 * Express middleware: the request's principal in res.locals.principal, or a 401 in the OGC
 * exception shape with a Basic challenge (so QGIS and browsers ask for a name and password).
 */
export function requirePrincipal(orm: { em: { fork(): EntityManager } }, gis: GisAuth) {
  return async (req: Request, res: Response, next: NextFunction) => {
    try {
      const principal = await gis.principal(
        orm.em.fork() as EntityManager,
        req.headers.authorization,
        req.header('x-api-key'),
      );
      if (principal) {
        res.locals.principal = principal;
        next();
        return;
      }
      res.setHeader('WWW-Authenticate', 'Basic realm="Wuzhong Grid", charset="UTF-8"');
      res.status(401).json({
        code: 'UNAUTHENTICATED',
        description: AUTH_MESSAGES.signIn() + ' GIS clients may use HTTP Basic with a user name and password.',
      });
    } catch (e) {
      const code = (e as AppError).extensions?.code;
      if (code === 'UNAUTHENTICATED' || code === 'ACCOUNT_LOCKED') {
        res.setHeader('WWW-Authenticate', 'Basic realm="Wuzhong Grid", charset="UTF-8"');
        res.status(401).json({ code, description: (e as Error).message });
      } else next(e);
    }
  };
}
