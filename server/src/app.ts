import 'reflect-metadata';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import { MikroORM } from '@mikro-orm/postgresql';
import compression from 'compression';
import express from 'express';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import pino, { type Logger } from 'pino';
import type { Config } from './config';
import type { Context } from './common/context';
import { GeometryService } from './common/geometry.service';
import { WriteHooks } from './common/hooks';
import { Loaders } from './common/loaders';
import { ormConfig } from './db/mikro-orm.config';
import { schema } from './schema';
import { createServices, type AppServices } from './services';
import { CoverageService } from './coverage/coverage.service';
import { AuditService } from './audit/audit.service';
import { AuthService } from './auth/auth.service';
import { protectionPlugin } from './auth/protection.plugin';
import { AUTH_MESSAGES, type Principal } from './auth/principal';
import { coverageRoutes } from './coverage/coverage.routes';
import { transferRoutes } from './transfer/transfer.routes';

export interface App {
  app: express.Express;
  orm: MikroORM;
  log: Logger;
  hooks: WriteHooks;
  coverage: CoverageService;
  auth: AuthService;
  appServices: AppServices;
  close(): Promise<void>;
}

const IDE_HTML = readFileSync(new URL('./ide.html', import.meta.url), 'utf8');

/** The composition root: wires the ORM, the services, GraphQL and the HTTP routes. */
export async function createApp(config: Config, options: { orm?: MikroORM; log?: Logger } = {}): Promise<App> {
  const log = options.log ?? pino({ level: config.logLevel });
  const orm = options.orm ?? (await MikroORM.init(ormConfig(config.databaseUrl)));
  const geo = new GeometryService(config);
  const hooks = new WriteHooks();
  const coverage = new CoverageService(config);
  const auth = new AuthService(config);
  const audit = new AuditService();
  const appServices = { config, geo, hooks, coverage, audit, auth };
  // Coverage is recomputed for the units a write touched, inside the write's transaction;
  // overlaps only for the grids it changed (other writes cannot move a grid).
  hooks.add((em, change) => coverage.recompute(em, change.villageIds, change.type === 'Grid' ? change.ids : []));

  const apollo = new ApolloServer<Context>({
    schema: await schema(),
    introspection: true,
    csrfPrevention: true,
    allowBatchedHttpRequests: false,
    parseOptions: { maxTokens: config.maxTokens },
    plugins: [ApolloServerPluginLandingPageDisabled(), protectionPlugin(config)],
    formatError: (formatted, error) => formatError(formatted, error, log),
  });
  await apollo.start();

  const app = express();
  app.disable('x-powered-by');
  app.use(compression());
  app.use((req, res, next) => {
    const start = process.hrtime.bigint();
    res.on('finish', () => {
      const ms = Number(process.hrtime.bigint() - start) / 1e6;
      log.info({ method: req.method, url: req.originalUrl.slice(0, 200), status: res.statusCode, ms: Math.round(ms * 10) / 10 }, 'request');
    });
    next();
  });

  app.get('/healthz', async (_req, res) => {
    try {
      const [row] = await orm.em.fork().execute<{ postgis: string }[]>('select postgis_lib_version() as postgis');
      res.json({ status: 'ok', postgis: row?.postgis });
    } catch (e) {
      res.status(503).json({ status: 'unavailable', error: (e as Error).message });
    }
  });

  // The IDE for people in a browser; tools asking for JSON get GraphQL.
  app.get('/graphql', (req, res, next) => {
    if (!req.query.query && req.accepts(['application/json', 'text/html']) === 'text/html') res.type('html').send(IDE_HTML);
    else next();
  });
  /** The principal of a request, or the 401 it gets for bad credentials. */
  const principalOf = (req: express.Request): Promise<Principal | null> =>
    auth.authenticate(orm.em.fork(), req.headers.authorization, req.header('x-api-key'));

  app.use(
    '/graphql',
    express.json({ limit: config.maxBodyBytes }),
    expressMiddleware(apollo, {
      context: async ({ req }) => {
        const principal = await principalOf(req);
        const em = orm.em.fork();
        return { em, loaders: new Loaders(em), services: createServices(em, appServices, principal), config, log, principal, auth };
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
      next();
    } catch (e) {
      res.status(401).json({ error: { code: 'UNAUTHENTICATED', message: (e as Error).message } });
    }
  });
  app.use('/api', coverageRoutes(orm, coverage));
  app.use('/api', transferRoutes(orm, appServices, log));

  const dist = config.adminDist;
  if (existsSync(path.join(dist, 'index.html'))) {
    app.use(express.static(dist, { index: false, maxAge: '1h' }));
    app.get(/^\/(?!graphql(?:\/|$)|api\/|healthz$).*/, (_req, res) => res.sendFile(path.join(dist, 'index.html')));
  } else {
    app.get('/', (_req, res) =>
      res.type('html').send('<h1>Wuzhong Grid</h1><p>The admin is not built yet (npm start builds it). The API is at <a href="/graphql">/graphql</a>.</p>'),
    );
  }

  // A body over the limit, or one that is no JSON, gets a GraphQL-shaped error.
  app.use((err: { status?: number; type?: string; message: string }, _req: express.Request, res: express.Response, next: express.NextFunction) => {
    if (err.type === 'entity.too.large') {
      res.status(413).json({ errors: [{ message: `The request body is larger than ${config.maxBodyBytes}.`, extensions: { code: 'PAYLOAD_TOO_LARGE' } }] });
    } else if (err.status === 400 && err.type === 'entity.parse.failed') {
      res.status(400).json({ errors: [{ message: 'The request body is not valid JSON.', extensions: { code: 'BAD_REQUEST' } }] });
    } else next(err);
  });

  return {
    app,
    orm,
    log,
    hooks,
    coverage,
    auth,
    appServices,
    async close() {
      await apollo.stop();
      if (!options.orm) await orm.close();
    },
  };
}

/** Errors of our own pass as they are; anything unexpected is logged and masked. */
function formatError(formatted: GraphQLFormattedError, error: unknown, log: Logger): GraphQLFormattedError {
  const original = error instanceof GraphQLError ? error.originalError ?? error : error;
  const code = formatted.extensions?.code;
  if (code && code !== 'INTERNAL_SERVER_ERROR') return formatted;
  if (original instanceof GraphQLError && original.extensions?.code) return formatted;
  log.error({ err: original }, 'unexpected error');
  return { message: 'Internal server error; the details are in the server log.', locations: formatted.locations, path: formatted.path, extensions: { code: 'INTERNAL_SERVER_ERROR' } };
}
