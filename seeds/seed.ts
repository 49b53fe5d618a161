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

export function parseArgs(argv: string[]): { seed: number; perfect: boolean; reset: boolean; scale?: number } {
  const out: { seed: number; perfect: boolean; reset: boolean; scale?: number } = {
    seed: 1,
    perfect: false,
    reset: false,
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--perfect') out.perfect = true;
    else if (a === '--reset') out.reset = true;
    else if (a === '--scale' || a.startsWith('--scale=')) {
      // A synthetic province of N copies of the net, for benchmarks (seeds/lib/scale.ts).
      const v = a.includes('=') ? a.split('=')[1] : argv[++i];
      const n = Number(v);
      if (!Number.isInteger(n) || n < 1 || n > 200)
        throw new Error(`--scale takes a whole number from 1 to 200, not ${v}`);
      out.scale = n;
    } else if (a === '--seed' || a.startsWith('--seed=')) {
      const v = a.includes('=') ? a.split('=')[1] : argv[++i];
      const n = Number(v);
      if (!Number.isInteger(n) || n < 0 || n > 2 ** 32 - 1)
        throw new Error(`--seed takes a whole number from 0 to 4294967295, not ${v}`);
      out.seed = n;
    } else if (a === '--help' || a === '-h') {
      console.log('usage: npm run seed -- [--seed N] [--perfect] [--reset] [--scale N]');
      process.exit(0);
    } else throw new Error(`unknown option ${a} (usage: npm run seed -- [--seed N] [--perfect] [--reset] [--scale N])`);
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
    const { scale, ...seedArgs } = args;
    const r = await runSeed(orm, { ...seedArgs, config });
    if (scale && scale > 1) {
      const { scaleNet } = await import('./lib/scale');
      const { CoverageService } = await import('../server/src/coverage/coverage.service');
      const t0 = Date.now();
      console.log(`scaling to ${scale} copies of the net…`);
      const units = await orm.em
        .fork()
        .transactional((tx) => scaleNet(tx, scale, new CoverageService(config), (l) => console.log(l)));
      console.log(`scaled: ${scale} copies, ${units} new units, in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    }
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
