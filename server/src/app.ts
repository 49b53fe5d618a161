import 'reflect-metadata';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { ApolloServer } from '@apollo/server';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginInlineTraceDisabled,
  ApolloServerPluginLandingPageDisabled,
  ApolloServerPluginSchemaReportingDisabled,
  ApolloServerPluginUsageReportingDisabled,
} from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import { MikroORM } from '@mikro-orm/postgresql';
import bytes from 'bytes';
import compression from 'compression';
import express from 'express';
import { adminStatic } from './admin/admin-static';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import pino, { type Logger } from 'pino';
import type { Config } from './config';
import type { Context } from './context';
import { GeometryService } from './common/geometry.service';
import { Loaders } from './common/loaders';
import { ormConfig } from './db/mikro-orm.config';
import { ReadRouter, replicaOrmOptions } from './db/replicas';
import { readRoutingPlugin, readYourWrites } from './db/read-your-writes';
import { schema } from './schema';
import { createServices, type AppServices } from './services';
import { CoverageService } from './coverage/coverage.service';
import { AuthService } from './auth/auth.service';
import { protectionPlugin } from './auth/protection.plugin';
import { AUTH_MESSAGES, type Principal } from './auth/principal';
import { mapRoutes } from './map/map.routes';
import { apiQueryGuard, jsonErrorHandler } from './http-guard';
import { loggableError, typedDatabaseError } from './common/db-errors';
import { changeIdsPlugin } from './changes/change.plugin';
import { compiledReadsEnabled, installCompiledReads } from './read/install';
import { compiledReadsPlugin, directReads, KnownReads, type DirectReadsOptions } from './read/fast-path';
import { bodyErrorOf, frontDoor } from './read/front-door';
import { ReadPool } from './read/read.sql';
import { requestLog } from './request-log';
import { PrincipalCache } from './auth/principal-cache';
import { guardSchema } from './common/input-guard';
import { GisAuth } from './ogc/gis-auth';
import { ogcRoutes } from './ogc/ogc.routes';
import { tileRoutes } from './tiles/tiles.routes';
import { createServer, type IncomingMessage, type RequestListener, type Server } from 'node:http';
import { ChangeFeed } from './changes/changes.service';
import { changeRoutes } from './changes/changes.routes';
import { attachSubscriptions } from './changes/changes.ws';
import { workOrderRoutes } from './work-order/work-order.routes';
import { transferRoutes } from './transfer/transfer.routes';

export interface App {
  /** Express; its `listen` serves through `handler`. */
  app: express.Express;
  /** The HTTP request listener: known compiled reads at the front door (read/front-door.ts), the rest Express. */
  handler: RequestListener;
  orm: MikroORM;
  log: Logger;
  coverage: CoverageService;
  auth: AuthService;
  appServices: AppServices;
  /** The change feed (LISTEN/NOTIFY) behind /api/changes and the dataChanged subscription. */
  changeFeed: ChangeFeed;
  /** GraphQL subscriptions (graphql-ws) on the HTTP server that serves `app`: call once after listen. */
  attachRealtime(server: Server): void;
  close(): Promise<void>;
}

const IDE_HTML = readFileSync(new URL('./ide.html', import.meta.url), 'utf8');

/** The composition root: wires the ORM, the services, GraphQL and the HTTP routes. */
export async function createApp(config: Config, options: { orm?: MikroORM; log?: Logger } = {}): Promise<App> {
  const log = options.log ?? pino({ level: config.logLevel });
  const orm = options.orm ?? (await MikroORM.init(ormConfig(config.databaseUrl, replicaOrmOptions(config))));
  // Reads on streaming replicas when DATABASE_REPLICA_URLS names some (db/replicas.ts); else all on the primary.
  const router = new ReadRouter(orm, config, log);
  await router.start();
  const geo = new GeometryService(config);
  const coverage = new CoverageService(config);
  const auth = new AuthService(config);
  // Writes reach coverage through the change corridor (server/src/changes/corridor.ts), not a hook.
  const appServices = { config, geo, coverage, auth };

  const protection = protectionPlugin(config);
  const knownReads = new KnownReads();
  const graphqlSchema = await schema();
  installCompiledReads(graphqlSchema, orm.getMetadata());
  // The argument guard wraps the root fields last, so compiled reads are checked like the resolvers.
  guardSchema(graphqlSchema);
  const apollo = new ApolloServer<Context>({
    schema: graphqlSchema,
    introspection: true,
    csrfPrevention: true,
    allowBatchedHttpRequests: false,
    parseOptions: { maxTokens: config.maxTokens },
    // No stack traces, file paths or line numbers in any response (they go to the log).
    includeStacktraceInErrorResponses: false,
    plugins: [
      ApolloServerPluginLandingPageDisabled(),
      protection,
      changeIdsPlugin(),
      readRoutingPlugin(router, (ctx, em) => {
        ctx.em = em;
        ctx.loaders = new Loaders(em);
        ctx.services = createServices(em, appServices, ctx.principal, ctx.changeIds);
      }),
      compiledReadsPlugin(knownReads),
      // Nothing here uses them; the cache-control plugin alone wrapped every field's resolver.
      ApolloServerPluginCacheControlDisabled(),
      ApolloServerPluginInlineTraceDisabled(),
      ApolloServerPluginUsageReportingDisabled(),
      ApolloServerPluginSchemaReportingDisabled(),
    ],
    formatError: (formatted, error) => formatError(formatted, error, log),
  });
  await apollo.start();

  const app = express();
  app.disable('x-powered-by');
  if (config.trustProxy !== undefined) app.set('trust proxy', config.trustProxy);
  // No hashed ETag of every GraphQL body (a SHA-1 per response); the map layers set their own.
  app.set('etag', false);
  app.use(readYourWrites(router, log));
  /** Every request's log line (a direct answer's from the front door, the others' from the middleware below). */
  const logRequest = requestLog(log);
  app.use((req, res, next) => {
    const start = process.hrtime.bigint();
    res.on('finish', () => {
      logRequest(req.method, req.originalUrl, res.statusCode, Number(process.hrtime.bigint() - start) / 1e6);
    });
    next();
  });
  const compress = compression();
  // Known compiled reads are answered here, before the compression middleware (called only for a body it
  // would compress), with the same sign-in and checks as in Apollo; anything else goes on (`next()`).
  const jsonBody = express.json({ limit: config.maxBodyBytes });
  // A body the front door read is not read again; one it could not parse is refused as this parser refuses it.
  const directBody: express.RequestHandler = (req, res, next) => {
    const error = bodyErrorOf(req);
    if (error) next(error);
    else jsonBody(req, res, next);
  };
  // With read replicas every query goes through Apollo, whose routing plugin picks the node (db/read-your-writes.ts).
  app.post('/graphql', directBody, (req, res, next) => (router.enabled ? next() : direct(req, res, next)));
  app.use(compress);

  app.get('/healthz', async (_req, res) => {
    try {
      const [row] = await orm.em.fork().execute<{ postgis: string }[]>('select postgis_lib_version() as postgis');
      // Replicas by name only (this answer is public): whether each serves reads, and its lag.
      const replicas = router.nodes.map((n) => ({
        name: n.name,
        serving: n.up && n.lagMs <= config.replicaMaxLagMs,
        lagMs: Number.isFinite(n.lagMs) ? n.lagMs : null,
      }));
      res.json({ status: 'ok', postgis: row?.postgis, ...(replicas.length ? { replicas } : {}) });
    } catch (e) {
      // Public: the reason goes to the log, not to the caller (it can name hosts and ports).
      log.warn({ err: loggableError(e) }, 'health check: the database does not answer');
      res.status(503).json({ status: 'unavailable', error: 'The database does not answer.' });
    }
  });

  // The IDE for people in a browser; tools asking for JSON get GraphQL.
  app.get('/graphql', (req, res, next) => {
    if (!req.query.query && req.accepts(['application/json', 'text/html']) === 'text/html')
      res.type('html').send(IDE_HTML);
    else next();
  });
  /** The principal of a request, or the 401 it gets for bad credentials. */
  // Served from a per-process cache, invalidated through PostgreSQL (LISTEN wz_principal): no statement for a known token.
  const principals = new PrincipalCache(config.databaseUrl, log);
  await principals.start(orm);
  // Once per request: a read answered before Apollo that falls back to it does not sign in twice.
  const principalsOfRequests = new WeakMap<IncomingMessage, Promise<Principal | null>>();
  const principalOf = (req: IncomingMessage): Promise<Principal | null> => {
    let p = principalsOfRequests.get(req);
    if (!p) {
      const apiKey = req.headers['x-api-key'] as string | undefined;
      p = principals.authenticate(auth, () => orm.em.fork(), req.headers.authorization, apiKey);
      principalsOfRequests.set(req, p);
    }
    return p;
  };
  /** Express's `req.ip` (trust proxy), also for a request the front door has not handed to Express (yet). */
  const clientAddressOf = (req: IncomingMessage): string | undefined => {
    if (!('ip' in req)) Object.setPrototypeOf(req, app.request); // what Express does first with every request
    return (req as express.Request).ip ?? req.socket.remoteAddress;
  };
  const contextOf = (req: IncomingMessage, principal: Principal | null, routing?: Context['routing']): Context => {
    const em = orm.em.fork();
    const changeIds: number[] = [];
    return {
      em,
      loaders: new Loaders(em),
      services: createServices(em, appServices, principal, changeIds),
      config,
      log,
      principal,
      auth,
      clientAddress: clientAddressOf(req),
      changeIds,
      routing,
    };
  };
  // The direct path's context: the entity manager and the services are made when a statement needs them
  // (a lookup by id or a point needs only a pooled connection), the same objects as contextOf's.
  const lazyContextOf = (req: IncomingMessage, principal: Principal | null): Context => {
    let made: Context | undefined;
    const full = () => (made ??= contextOf(req, principal));
    return {
      get em() {
        return full().em;
      },
      get loaders() {
        return full().loaders;
      },
      get services() {
        return full().services;
      },
      get changeIds() {
        return full().changeIds;
      },
      config,
      log,
      principal,
      auth,
      get clientAddress() {
        return clientAddressOf(req);
      },
    };
  };
  // Lookups by id or by point on the known-read path: plain pg connections of their own (read.sql.ts).
  const readPool = new ReadPool(config.databaseUrl, config.statementTimeoutMs, (e) =>
    log.warn({ err: loggableError(e) }, 'read pool: an idle connection failed'),
  );
  const directOptions: DirectReadsOptions = {
    known: knownReads,
    schema: graphqlSchema,
    principalOf,
    check: (body, principal) => protection.check(body, principal),
    context: lazyContextOf,
    compress: (req, res, send) => compress(req as express.Request, res as express.Response, send),
    connection: readPool,
    cachedPrincipalOf: (req) =>
      principals.cached(() => orm.em.fork(), req.headers.authorization, req.headers['x-api-key'] as string | undefined),
  };
  const direct = directReads(directOptions);
  const handler = frontDoor({
    direct: directOptions,
    open: () => !router.enabled && compiledReadsEnabled(),
    // Read as Express's JSON parser reads its limit ('5mb', '100kb', '2048').
    maxBodyBytes: bytes.parse(config.maxBodyBytes),
    logged: (req, status, ms) => logRequest(req.method, req.url ?? '', status, ms),
    next: app as unknown as RequestListener,
  });
  // As Express's own listen, with the front door before it.
  app.listen = ((...args: Parameters<Server['listen']>) => {
    const server = createServer(handler);
    const done = args[args.length - 1];
    if (typeof done === 'function') server.once('error', done as (e: Error) => void);
    return server.listen(...args);
  }) as express.Express['listen'];

  app.use(
    '/graphql',
    express.json({ limit: config.maxBodyBytes }),
    expressMiddleware(apollo, {
      context: async ({ req, res }) => {
        const principal = await principalOf(req);
        // Who may ask what, and how much: refused here, before Apollo parses or validates anything.
        protection.check(req.method === 'GET' ? req.query : (req.body ?? {}), principal);
        return contextOf(req, principal, res.locals.routing as Context['routing']);
      },
    }),
  );

  // Every data endpoint needs credentials; any role may read.
  app.use('/api', async (req, res, next) => {
    try {
      const principal = await principalOf(req);
      if (!principal) {
        res.status(401).json({ error: { code: 'UNAUTHENTICATED', message: AUTH_MESSAGES.signIn() } });
        return;
      }
      res.locals.principal = principal;
      apiQueryGuard(req, res, next);
    } catch (e) {
      res.status(401).json({ error: { code: 'UNAUTHENTICATED', message: (e as Error).message } });
    }
  });
  app.use('/api', mapRoutes(orm, coverage));
  // GIS services: OGC API – Features and vector tiles (HTTP Basic too, for GIS clients).
  const gisAuth = new GisAuth(auth);
  app.use('/ogc', ogcRoutes(orm, gisAuth));
  app.use('/tiles', tileRoutes(orm, gisAuth));
  const changeFeed = new ChangeFeed(config.databaseUrl, log, () => orm.em.fork());
  app.use('/api', changeRoutes(changeFeed));
  const realtime: (() => Promise<void>)[] = [];
  app.use('/api', workOrderRoutes(orm, config, coverage));
  app.use('/api', transferRoutes(orm, appServices, log));

  const dist = config.adminDist;
  if (existsSync(path.join(dist, 'index.html'))) {
    app.use(adminStatic(dist));
    app.get(/^\/(?!graphql(?:\/|$)|api\/|healthz$).*/, (_req, res) => res.sendFile(path.join(dist, 'index.html')));
  } else {
    app.get('/', (_req, res) =>
      res
        .type('html')
        .send(
          '<h1>Wuzhong Grid</h1><p>The admin is not built yet (npm start builds it). The API is at <a href="/graphql">/graphql</a>.</p>',
        ),
    );
  }

  // A body over the limit, or one that is no JSON, gets a GraphQL-shaped error.
  app.use(
    (
      err: { status?: number; type?: string; message: string },
      _req: express.Request,
      res: express.Response,
      next: express.NextFunction,
    ) => {
      if (err.type === 'entity.too.large') {
        res.status(413).json({
          errors: [
            {
              message: `The request body is larger than ${config.maxBodyBytes}.`,
              extensions: { code: 'PAYLOAD_TOO_LARGE' },
            },
          ],
        });
      } else if (err.status === 400 && err.type === 'entity.parse.failed') {
        res
          .status(400)
          .json({ errors: [{ message: 'The request body is not valid JSON.', extensions: { code: 'BAD_REQUEST' } }] });
      } else if (err.status === 415 && (err.type === 'charset.unsupported' || err.type === 'encoding.unsupported')) {
        // A client's mistake, not ours: say what to send instead of a masked 500.
        res.status(415).json({
          errors: [
            {
              message: `The request body must be JSON in UTF-8 (${err.message}).`,
              extensions: { code: 'UNSUPPORTED_MEDIA_TYPE' },
            },
          ],
        });
      } else next(err);
    },
  );
  // Anything else: a JSON error, never Express's HTML page with a stack trace.
  app.use(jsonErrorHandler(log));

  return {
    app,
    handler,
    orm,
    log,
    coverage,
    auth,
    appServices,
    changeFeed,
    attachRealtime(server: Server) {
      realtime.push(attachSubscriptions(server, graphqlSchema, auth, () => orm.em.fork(), changeFeed));
    },
    async close() {
      await router.close();
      await principals.close();
      for (const stop of realtime) await stop();
      await changeFeed.close();
      await apollo.stop();
      await readPool.close();
      if (!options.orm) await orm.close();
    },
  };
}

/** Errors of our own pass as they are; anything unexpected is logged and masked. */
function formatError(formatted: GraphQLFormattedError, error: unknown, log: Logger): GraphQLFormattedError {
  const original = error instanceof GraphQLError ? (error.originalError ?? error) : error;
  const code = formatted.extensions?.code;
  if (code && code !== 'INTERNAL_SERVER_ERROR') return formatted;
  if (original instanceof GraphQLError && original.extensions?.code) return formatted;
  // A lost connection, a timeout or a value the database refuses: typed, and logged without SQL or values.
  const typed = typedDatabaseError(original);
  if (typed) {
    log.warn({ err: loggableError(original), code: typed.extensions.code }, 'database error');
    return {
      message: typed.message,
      locations: formatted.locations,
      path: formatted.path,
      extensions: typed.extensions,
    };
  }
  log.error({ err: loggableError(original) }, 'unexpected error');
  return {
    message: 'Internal server error; the details are in the server log.',
    locations: formatted.locations,
    path: formatted.path,
    extensions: { code: 'INTERNAL_SERVER_ERROR' },
  };
}
