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
import { createServices } from './services';
import { CoverageService } from './coverage/coverage.service';
import { coverageRoutes } from './coverage/coverage.routes';

export interface App {
  app: express.Express;
  orm: MikroORM;
  log: Logger;
  hooks: WriteHooks;
  coverage: CoverageService;
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
  // Coverage is recomputed for the units a write touched, inside the write's transaction.
  hooks.add((em, change) => coverage.recompute(em, change.villageIds));

  const apollo = new ApolloServer<Context>({
    schema: await schema(),
    introspection: true,
    csrfPrevention: true,
    allowBatchedHttpRequests: false,
    plugins: [ApolloServerPluginLandingPageDisabled()],
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
  app.use(
    '/graphql',
    express.json({ limit: '10mb' }),
    expressMiddleware(apollo, {
      context: async () => {
        const em = orm.em.fork();
        return { em, loaders: new Loaders(em), services: createServices(em, config, geo, hooks, coverage), config, log };
      },
    }),
  );

  app.use('/api', coverageRoutes(orm, coverage, config));

  const dist = config.adminDist;
  if (existsSync(path.join(dist, 'index.html'))) {
    app.use(express.static(dist, { index: false, maxAge: '1h' }));
    app.get(/^\/(?!graphql|api|healthz).*/, (_req, res) => res.sendFile(path.join(dist, 'index.html')));
  } else {
    app.get('/', (_req, res) =>
      res.type('html').send('<h1>Wuzhong Grid</h1><p>The admin is not built yet (npm start builds it). The API is at <a href="/graphql">/graphql</a>.</p>'),
    );
  }

  return {
    app,
    orm,
    log,
    hooks,
    coverage,
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
