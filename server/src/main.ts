/**
 * The server: prepares the database, applies the migrations, and serves. `npm start`,
 * `npm run serve` and the container start it through the start entry of the seeds (start.ts), which seeds an
 * empty database first.
 */
import 'reflect-metadata';
import { MikroORM } from '@mikro-orm/postgresql';
import pino from 'pino';
import { ConfigError, loadConfig, type Config } from './config';
import { createApp } from './app';
import { ormConfig } from './db/mikro-orm.config';
import { replicaOrmOptions } from './db/replicas';
import { migrate } from './db/migrate';
import { prepareDatabase, PrepareError } from './db/prepare';
import { isWorker, startWorkers } from './cluster';
import { AuthService } from './auth/auth.service';
import { coverageHistory } from './coverage-history/coverage-history.service';

async function main(): Promise<void> {
  let config: Config;
  try {
    config = loadConfig();
  } catch (e) {
    if (e instanceof ConfigError) {
      console.error(e.message);
      process.exit(2);
    }
    throw e;
  }
  // Log lines are written in batches of 4 KB (a write per line was a system call per request, about a tenth
  // of a small request's CPU), at the latest after a second; flushed on exit.
  const destination = pino.destination({ sync: false, minLength: 4096, periodicFlush: 1000 });
  process.on('exit', () => {
    try {
      destination.flushSync();
    } catch {
      // a write still in flight: its lines are lost with the process
    }
  });
  const log = pino({ level: config.logLevel }, destination);

  // A cluster worker only serves: the primary prepared, migrated and seeded (WORKERS, cluster.ts).
  const worker = isWorker();
  try {
    if (!worker) config.databaseUrl = await prepareDatabase(config.databaseUrl, (line) => log.info(line));
  } catch (e) {
    if (e instanceof PrepareError) {
      console.error(`\n${e.message}\n`);
      process.exit(3);
    }
    throw e;
  }

  const orm = await MikroORM.init(ormConfig(config.databaseUrl, replicaOrmOptions(config)));
  const applied = worker ? [] : await migrate(orm);
  if (applied.length) log.info({ applied }, 'migrations applied');

  if (!worker && (config.workers ?? 1) > 1) {
    announce(await new AuthService(config).ensureFirstAdmin(orm.em.fork()), log);
    await orm.close();
    startWorkers(config.workers!, { DATABASE_URL: config.databaseUrl }, log);
    return;
  }

  const { app, close, auth, attachRealtime } = await createApp(config, { orm, log });
  if (!worker) announce(await auth.ensureFirstAdmin(orm.em.fork()), log);
  const server = app.listen(config.port, config.host, () => {
    log.info(
      `Wuzhong Grid is serving on http://127.0.0.1:${config.port}/ (GraphQL at /graphql, health at /healthz)${worker ? ` (worker ${process.pid})` : ''}`,
    );
  });
  attachRealtime(server);
  const daily = coverageHistory.start(orm, log); // the day's coverage snapshot (once per day across processes)
  const stop = async () => {
    daily.stop();
    server.close();
    await close();
    await orm.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

function announce(admin: { username: string; generatedPassword?: string } | null, log: pino.Logger): void {
  if (admin?.generatedPassword) {
    // Printed once: it is not stored anywhere but as a hash.
    console.log(
      `\n  First administrator created: username "${admin.username}", password "${admin.generatedPassword}"\n  (set ADMIN_USERNAME / ADMIN_PASSWORD before the first start to choose them; change it after signing in)\n`,
    );
  } else if (admin) {
    log.info(`first administrator "${admin.username}" created from ADMIN_USERNAME / ADMIN_PASSWORD`);
  }
}

await main();
