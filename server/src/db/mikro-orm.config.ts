import 'reflect-metadata';
import { defineConfig, type Options } from '@mikro-orm/postgresql';
import { Migrator } from '@mikro-orm/migrations';
import { config } from '../config';
import { entities } from './entities';
import { migrationsList } from './migrations';

/**
 * The one ORM configuration: the server, the CLI, the seeds and the tests all
 * use it (tests and scripts pass their own database URL).
 */
export function ormConfig(databaseUrl: string = config().databaseUrl, overrides: Partial<Options> = {}): Options {
  return defineConfig({
    clientUrl: databaseUrl,
    entities,
    extensions: [Migrator],
    // Explicit types on every decorator: no reflection of TS types is needed (tsx emits none).
    discovery: { requireEntitiesArray: true },
    migrations: {
      migrationsList,
      tableName: 'mikro_orm_migrations',
      path: 'server/src/db/migrations',
      pathTs: 'server/src/db/migrations',
      transactional: true,
      allOrNothing: true,
      snapshot: false,
      emit: 'ts',
    },
    pool: { min: 0, max: 10 },
    driverOptions: { connection: { statement_timeout: config().statementTimeoutMs || undefined } },
    debug: false,
    ...overrides,
  } as Options);
}

export default ormConfig();
