import type { EntityManager } from '@mikro-orm/postgresql';
import { Arg, Ctx, Float, ID, Query, Resolver } from 'type-graphql';
import { Grid } from './grid.entity';
import type { Context } from '../context';
import { badInput, notFound } from '../common/errors';
import { query, queryNamed } from '../common/sql';

/** Grid codes follow the rule "village code + 3 digits" (001, 002, …). */
export const GRID_CODE_SQL = {
  village: `select code from village where id = ?`,
  /** The highest 3-digit sequence already used under this village code (by any grid: codes are unique city-wide). */
  maxSequence: `select coalesce(max(substr(code, length(?) + 1)::int), 0) as n
                from grid where code like ? || '___' and substr(code, length(?) + 1) ~ '^[0-9]{3}$'`,
  /**
   * The grids of the unit that share an edge (1 m or more, as extendGridOverGap requires) with the
   * uncovered piece at the point: the ones that can be extended over it, longest shared edge first.
   */
  besideGap: `with gap as (
      select d.geom from coverage_unit c, ST_Dump(c.uncovered) d
      where c.village_id = :villageId and ST_Intersects(d.geom, ST_SetSRID(ST_Point(:lng, :lat), 4326)) limit 1)
    select g.id from grid g, gap
    where g.village_id = :villageId and ST_DWithin(g.geom, gap.geom, 1e-6)
      and ST_Length(ST_CollectionExtract(ST_Intersection(ST_Boundary(g.geom), ST_Buffer(gap.geom, 1e-7)), 2)::geography) > 1
    order by ST_Length(ST_CollectionExtract(ST_Intersection(ST_Boundary(g.geom), ST_Buffer(gap.geom, 1e-7)), 2)::geography) desc, g.id`,
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
  @Query(() => String, {
    nullable: true,
    description:
      'The next grid code for a village: village code + 3 digits (001…999), unused; null when the village has no code. Suggested in the grid forms, editable.',
  })
  suggestGridCode(@Arg('villageId', () => ID) villageId: string, @Ctx() ctx: Context): Promise<string | null> {
    const id = Number(villageId);
    if (!Number.isInteger(id) || id <= 0) throw badInput(`${villageId} is not a Village id.`);
    return suggestGridCode(ctx.em, id);
  }

  @Query(() => [Grid], {
    description:
      'The grids of a village that can be extended over the uncovered piece at a point (they share an edge with it), longest shared edge first.',
  })
  async gridsBesideGap(
    @Arg('villageId', () => ID) villageId: string,
    @Arg('lng', () => Float) lng: number,
    @Arg('lat', () => Float) lat: number,
    @Ctx() ctx: Context,
  ): Promise<Grid[]> {
    const id = Number(villageId);
    if (!Number.isInteger(id) || id <= 0) throw badInput(`${villageId} is not a Village id.`);
    if (!Number.isFinite(lng) || !Number.isFinite(lat) || Math.abs(lng) > 180 || Math.abs(lat) > 90)
      throw badInput('a point must be [lng, lat] in degrees.');
    const rows = await queryNamed<{ id: number }>(ctx.em, GRID_CODE_SQL.besideGap, { villageId: id, lng, lat });
    if (!rows.length) return [];
    const grids = await ctx.em.find(Grid, { id: { $in: rows.map((r) => Number(r.id)) } });
    const order = new Map(rows.map((r, i) => [Number(r.id), i]));
    return grids.sort((a, b) => order.get(a.id)! - order.get(b.id)!);
  }
}
