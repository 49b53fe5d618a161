/**
 * `npm run seed [-- --seed N] [--perfect] [--reset]`: the Wuzhong dataset (issue #3).
 *
 *   --seed N    the seed number (default 1): same number → the same dataset, byte for byte
 *   --perfect   no deliberate imperfections: coverage finds nothing
 *   --reset     delete all data rows first and seed again
 *
 * Prepares the database (DATABASE_URL) and applies migrations first. One transaction:
 * a failure leaves the database as it was. Running it again with the same options
 * changes nothing.
 */
import 'reflect-metadata';
import { MikroORM } from '@mikro-orm/postgresql';
import { ConfigError, loadConfig } from '../server/src/config';
import { ormConfig } from '../server/src/db/mikro-orm.config';
import { migrate } from '../server/src/db/migrate';
import { prepareDatabase, PrepareError } from '../server/src/db/prepare';
import { runSeed, SeedManifestMismatch, SeedRefused } from './lib/run';
import { SeedInputError } from './lib/validate';

export function parseArgs(argv: string[]): { seed: number; perfect: boolean; reset: boolean } {
  const out = { seed: 1, perfect: false, reset: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--perfect') out.perfect = true;
    else if (a === '--reset') out.reset = true;
    else if (a === '--seed' || a.startsWith('--seed=')) {
      const v = a.includes('=') ? a.split('=')[1] : argv[++i];
      const n = Number(v);
      if (!Number.isInteger(n) || n < 0 || n > 2 ** 32 - 1) throw new Error(`--seed takes a whole number from 0 to 4294967295, not ${v}`);
      out.seed = n;
    } else if (a === '--help' || a === '-h') {
      console.log('usage: npm run seed -- [--seed N] [--perfect] [--reset]');
      process.exit(0);
    } else throw new Error(`unknown option ${a} (usage: npm run seed -- [--seed N] [--perfect] [--reset])`);
  }
  return out;
}

async function main(): Promise<number> {
  let args: ReturnType<typeof parseArgs>;
  try {
    args = parseArgs(process.argv.slice(2));
  } catch (e) {
    console.error((e as Error).message);
    return 2;
  }
  let config;
  try {
    config = loadConfig();
    config.databaseUrl = await prepareDatabase(config.databaseUrl, (l) => console.log(l));
  } catch (e) {
    if (e instanceof ConfigError || e instanceof PrepareError) {
      console.error(e.message);
      return 3;
    }
    throw e;
  }
  const orm = await MikroORM.init(ormConfig(config.databaseUrl));
  try {
    const applied = await migrate(orm);
    if (applied.length) console.log(`migrations applied: ${applied.join(', ')}`);
    const r = await runSeed(orm, { ...args, config });
    return r.unexpected.length || r.missing.length ? 1 : 0;
  } catch (e) {
    if (e instanceof SeedRefused) {
      console.error(e.message);
      return 1;
    }
    if (e instanceof SeedInputError || e instanceof SeedManifestMismatch) {
      console.error(`\nThe seed failed; the database is as it was.\n${e.message}`);
      return 1;
    }
    console.error(`\nThe seed failed; the database is as it was.\n${(e as Error).stack ?? e}`);
    return 1;
  } finally {
    await orm.close();
  }
}

process.exitCode = await main();
