/**
 * `npm run migrate`: prepares the database of DATABASE_URL (creates it with PostGIS when
 * missing) and applies every pending migration; prints what it applied. Exit codes: 0 done,
 * 2 a bad setting, 3 the database cannot be reached or prepared, 1 a migration failed.
 */
import 'reflect-metadata';
import { MikroORM } from '@mikro-orm/postgresql';
import { ConfigError, loadConfig } from '../config';
import { migrate } from './migrate';
import { ormConfig } from './mikro-orm.config';
import { prepareDatabase, PrepareError } from './prepare';

const USAGE = 'usage: npm run migrate (applies the pending migrations to DATABASE_URL)';

async function main(command: string | undefined): Promise<number> {
  if (command !== 'migrate') {
    console.error(USAGE);
    return 2;
  }
  let databaseUrl: string;
  try {
    databaseUrl = await prepareDatabase(loadConfig().databaseUrl, (line) => console.log(line));
  } catch (e) {
    if (e instanceof ConfigError || e instanceof PrepareError) {
      console.error(e.message);
      return e instanceof ConfigError ? 2 : 3;
    }
    throw e;
  }
  const orm = await MikroORM.init(ormConfig(databaseUrl));
  try {
    const applied = await migrate(orm);
    console.log(
      applied.length
        ? `applied ${applied.length} migrations: ${applied.join(', ')}`
        : 'the database is up to date (no pending migration)',
    );
    return 0;
  } catch (e) {
    console.error(`migration failed: ${(e as Error).message}`);
    return 1;
  } finally {
    await orm.close();
  }
}

process.exitCode = await main(process.argv[2]);
