import type { MikroORM } from '@mikro-orm/postgresql';
import type { Logger } from 'pino';
import type { Config } from '../server/src/config';
import { countCounties, runSeed } from './lib/run';

/**
 * Seeds the Wuzhong dataset when the database holds no county yet (`npm start`).
 * SEED_NUMBER picks the seed (default 1); SEED_PERFECT=1 leaves out the deliberate imperfections.
 */
export async function seedIfEmpty(orm: MikroORM, config: Config, log: Logger): Promise<void> {
  if ((await countCounties(orm.em.fork())) > 0) return;
  const seed = Number(process.env.SEED_NUMBER ?? 1);
  log.info(`the database is empty; seeding the Wuzhong dataset (seed ${seed})…`);
  await runSeed(orm, {
    seed: Number.isInteger(seed) && seed >= 0 ? seed : 1,
    perfect: process.env.SEED_PERFECT === '1',
    reset: false,
    config,
    say: (line) => {
      if (line.trim()) log.info(line);
    },
    tty: false,
  });
}
