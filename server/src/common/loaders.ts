import DataLoader from 'dataloader';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { EntityName } from '@mikro-orm/core';
import type { Geometry } from './geojson';
import { intArray, query } from './sql';

export interface GeometryFacts {
  geometry: Geometry | null;
  areaM2: number | null;
  centroid: Geometry | null;
}

const SQL = {
  geometryFacts: (table: string) => `
    select id, ST_AsGeoJSON(geom, 9)::json as geometry, ST_Area(geom::geography) as area_m2,
           ST_AsGeoJSON(ST_Centroid(geom), 7)::json as centroid
    from ${table} where id = any(?::int[])`,
  pivot: (table: string, from: string, to: string) =>
    `select ${from} as from_id, ${to} as to_id from ${table} where ${from} = any(?::int[])`,
} as const;

type Id = number;
const byId = <T extends { id: Id }>(rows: T[]) => new Map(rows.map((r) => [Number(r.id), r]));

/**
 * Per-request batching: every relation and geometry field resolves through one
 * of these, so a query over 500 villages with their grids and workers runs a
 * handful of statements, not one per row.
 */
export class Loaders {
  private readonly cache = new Map<string, DataLoader<any, unknown>>();

  constructor(private readonly em: EntityManager) {}

  /** A named per-request batch loader (created on first use). */
  loader<V, K extends Id | string = Id>(key: string, batch: (ids: readonly K[]) => Promise<V[]>): DataLoader<K, V> {
    let l = this.cache.get(key) as DataLoader<K, V> | undefined;
    if (!l) {
      l = new DataLoader<K, V>(batch, { maxBatchSize: 5000 });
      this.cache.set(key, l as DataLoader<any, unknown>);
    }
    return l;
  }

  /** One entity by id. */
  entity<T extends { id: Id }>(entity: EntityName<T>, id: Id): Promise<T | null> {
    const name = typeof entity === 'string' ? entity : (entity as { name: string }).name;
    return this.loader<T | null>(`entity:${name}`, async (ids) => {
      const rows = byId((await this.em.find(entity, { id: { $in: [...ids] } } as never)) as T[]);
      return ids.map((id) => rows.get(id) ?? null);
    }).load(Number(id));
  }

  /** The entities whose `fk` points at parentId (a one-to-many relation). */
  children<T extends { id: Id }>(
    entity: EntityName<T>,
    fk: string,
    parentId: Id,
    orderBy: string = 'id',
  ): Promise<T[]> {
    const name = typeof entity === 'string' ? entity : (entity as { name: string }).name;
    return this.loader<T[]>(`children:${name}:${fk}`, async (parentIds) => {
      const rows = (await this.em.find(entity, { [fk]: { $in: [...parentIds] } } as never, {
        orderBy: { [orderBy]: 'asc' } as never,
      })) as T[];
      const groups = new Map<Id, T[]>(parentIds.map((id) => [id, []]));
      for (const row of rows) {
        const ref = (row as Record<string, unknown>)[fk] as { id: Id } | null;
        if (ref) groups.get(Number(ref.id))?.push(row);
      }
      return parentIds.map((id) => groups.get(id)!);
    }).load(Number(parentId));
  }

  /** The entities on the other side of a many-to-many pivot table. */
  linked<T extends { id: Id }>(entity: EntityName<T>, pivot: string, from: string, to: string, id: Id): Promise<T[]> {
    return this.loader<T[]>(`pivot:${pivot}:${from}`, async (fromIds) => {
      const links = await query<{ from_id: Id; to_id: Id }>(this.em, SQL.pivot(pivot, from, to), [intArray(fromIds)]);
      const targets = await Promise.all(links.map((l) => this.entity(entity, Number(l.to_id))));
      const groups = new Map<Id, T[]>(fromIds.map((i) => [i, []]));
      links.forEach((l, i) => targets[i] && groups.get(Number(l.from_id))!.push(targets[i]!));
      return fromIds.map((i) => groups.get(i)!.sort((a, b) => a.id - b.id));
    }).load(Number(id));
  }

  /** GeoJSON, area on the spheroid (m²) and centroid of rows of a table with a `geom` column. */
  geometry(table: string, id: Id): Promise<GeometryFacts> {
    return this.loader<GeometryFacts>(`geometry:${table}`, async (ids) => {
      const rows = await query<{
        id: Id;
        geometry: Geometry | null;
        area_m2: number | null;
        centroid: Geometry | null;
      }>(this.em, SQL.geometryFacts(table), [intArray(ids)]);
      const map = byId(rows.map((r) => ({ ...r, id: Number(r.id) })));
      return ids.map((i) => {
        const r = map.get(i);
        return { geometry: r?.geometry ?? null, areaM2: r?.area_m2 ?? null, centroid: r?.centroid ?? null };
      });
    }).load(Number(id));
  }

  /** Forget cached rows after a write, so the response shows what was stored. */
  clear(): void {
    this.cache.clear();
  }
}
