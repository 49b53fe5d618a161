import type { MikroORM } from '@mikro-orm/postgresql';

/** Applies every pending committed migration; returns the names applied. */
export async function migrate(orm: MikroORM): Promise<string[]> {
  const applied = await orm.getMigrator().up();
  return applied.map((m) => m.name);
}
