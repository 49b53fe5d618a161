import type { MikroORM } from '@mikro-orm/postgresql';
import type { Logger } from 'pino';
import type { Config } from '../server/src/config';

/** Seeds the Wuzhong dataset when the database holds no county yet. */
export async function seedIfEmpty(orm: MikroORM, _config: Config, log: Logger): Promise<void> {
  const [row] = await orm.em.fork().execute<{ n: string }[]>('select count(*) as n from county');
  if (Number(row?.n) > 0) return;
  log.info('the database is empty; the Wuzhong dataset is not available yet (issue #3)');
}
