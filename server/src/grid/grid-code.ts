import type { EntityManager } from '@mikro-orm/postgresql';
import { Arg, Ctx, ID, Query, Resolver } from 'type-graphql';
import type { Context } from '../common/context';
import { badInput, notFound } from '../common/errors';
import { query } from '../common/sql';

/** Grid codes follow the rule "village code + 3 digits" (001, 002, …). */
export const GRID_CODE_SQL = {
  village: `select code from village where id = ?`,
  /** The highest 3-digit sequence already used under this village code (by any grid: codes are unique city-wide). */
  maxSequence: `select coalesce(max(substr(code, length(?) + 1)::int), 0) as n
                from grid where code like ? || '___' and substr(code, length(?) + 1) ~ '^[0-9]{3}$'`,
} as const;

/** The next free code for a grid of this village: its code + the next 3-digit sequence; null when the village has no code or all 999 are used. */
export async function suggestGridCode(em: EntityManager, villageId: number): Promise<string | null> {
  const [v] = await query<{ code: string | null }>(em, GRID_CODE_SQL.village, [villageId]);
  if (!v) throw notFound('Village', villageId);
  if (!v.code) return null;
  const [row] = await query<{ n: number }>(em, GRID_CODE_SQL.maxSequence, [v.code, v.code, v.code]);
  const next = Number(row?.n ?? 0) + 1;
  return next > 999 ? null : `${v.code}${String(next).padStart(3, '0')}`;
}

@Resolver()
export class GridCodeResolver {
  @Query(() => String, { nullable: true, description: 'The next grid code for a village: village code + 3 digits (001…999), unused; null when the village has no code. Suggested in the grid forms, editable.' })
  suggestGridCode(@Arg('villageId', () => ID) villageId: string, @Ctx() ctx: Context): Promise<string | null> {
    const id = Number(villageId);
    if (!Number.isInteger(id) || id <= 0) throw badInput(`${villageId} is not a Village id.`);
    return suggestGridCode(ctx.em, id);
  }
}
