/**
 * The entry of `npm start`, `npm run serve` and the container: prepares and migrates the database,
 * seeds it when it holds no county yet (SEED=0 skips that), then starts the server
 * (server/src/main.ts). The seeding lives here so the server never imports seeds/.
 * Cluster workers (WORKERS) re-run this file: they only serve.
 */
import 'reflect-metadata';
import { MikroORM } from '@mikro-orm/postgresql';
import pino from 'pino';
import { isWorker } from '../server/src/cluster';
import { loadConfig } from '../server/src/config';
import { migrate } from '../server/src/db/migrate';
import { ormConfig } from '../server/src/db/mikro-orm.config';
import { prepareDatabase } from '../server/src/db/prepare';
import { seedIfEmpty } from './seed-if-empty';

async function seedBeforeStart(): Promise<void> {
  let config;
  try {
    config = loadConfig();
    config.databaseUrl = await prepareDatabase(config.databaseUrl, () => undefined);
  } catch {
    return; // a bad setting or an unreachable database: the server says so itself, with its exit code
  }
  const log = pino({ level: config.logLevel });
  const orm = await MikroORM.init(ormConfig(config.databaseUrl));
  try {
    await migrate(orm);
    await seedIfEmpty(orm, config, log);
  } finally {
    await orm.close();
  }
}

if (process.env.SEED !== '0' && !isWorker()) await seedBeforeStart();
await import('../server/src/main');
