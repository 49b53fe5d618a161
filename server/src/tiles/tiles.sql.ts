import type { CollectionDef } from '../ogc/ogc.collections';

/**
 * The layers whose geometry is stored generalised per zoom band in `tile_geom` (kept current by
 * triggers on their tables: Migration20261201070000TileGeometry), and the bands: a band serves
 * the zooms up to its number. From z16 on, tiles use the stored geometry itself.
 */
export const GENERALISED_LAYERS: ReadonlySet<string> = new Set(['grids', 'villages', 'townships', 'counties']);
export const ZOOM_BANDS = [9, 12, 15] as const;

/** The zoom band serving zoom z, or null where the layer's own geometry is used. */
export function bandOf(layer: string, z: number): number | null {
  if (!GENERALISED_LAYERS.has(layer)) return null;
  return ZOOM_BANDS.find((b) => z <= b) ?? null;
}

/**
 * The band whose rows also carry a layer's tile properties, one column each (kept current by
 * triggers on every table they are read from: Migration20261202010000TileGridProperties), and
 * those columns per layer. A grids tile at z ≤ 9 holds thousands of grids; reading their worker
 * count, party unit and worst finding ready is what keeps its first request within the goal.
 */
export const READY_BAND = 9;
export const READY_PROPERTIES: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  grids: {
    code: 'code',
    name: 'name',
    kind: 'kind',
    villageId: 'village_id',
    households: 'households',
    workers: 'workers',
    partyUnit: 'party_unit',
    severity: 'severity',
  },
};

/**
 * Whether the tiles of this layer at `band` read their properties ready from `tile_geom`: only when
 * the stored columns are exactly the collection's tile properties (a property added to the
 * collection without its column falls back to the statement that computes them).
 */
export function readyAt(c: CollectionDef, band: number | null): boolean {
  const ready = READY_PROPERTIES[c.id];
  if (band !== READY_BAND || !ready) return false;
  const wanted = Object.entries(c.properties)
    .filter(([, p]) => p.tile)
    .map(([name]) => name)
    .sort();
  return wanted.join() === Object.keys(ready).sort().join();
}

export const TILES_SQL = {
  /**
   * One Mapbox vector tile of a layer whose band keeps its properties ready (readyAt): one index
   * scan of `tile_geom`, no join. Parameters as `tile`. Materialised, so each geometry is clipped
   * once (a filter pushed into the scan would clip it twice) and the plan stays serial: a parallel
   * worker costs more to start than this tile takes.
   */
  readyTile: (c: CollectionDef) => {
    const ready = READY_PROPERTIES[c.id];
    if (!ready || !readyAt(c, READY_BAND)) throw new Error(`no ready tile properties for ${c.id}`);
    return `
    with b as (select ST_TileEnvelope(?, ?, ?) as env, ST_TileEnvelope(?, ?, ?, margin => 64.0 / 4096) as envm),
    rows as materialized (
      select g.id as fid, ${Object.entries(ready)
        .map(([name, column]) => `g.${column} as "${name}"`)
        .join(', ')}, ST_AsMVTGeom(g.geom, b.env, 4096, 64, true) as geom
      from tile_geom g, b where g.layer = '${c.id}' and g.band = ${READY_BAND} and g.geom && b.envm)
    select ST_AsMVT(rows, ?, 4096, 'geom', 'fid') as mvt, count(*) as n from rows where geom is not null`;
  },
  /**
   * One Mapbox vector tile of a layer from its generalised geometry of `band` (already in
   * EPSG:3857), found through the band's partial GIST index with the tile's 64/4096 buffer.
   * Parameters: z, x, y, z, x, y, layer name. Layer and band are our own constants in the text,
   * so the planner matches the partial index.
   */
  tile: (c: CollectionDef, band: number) => {
    if (!GENERALISED_LAYERS.has(c.id) || !(ZOOM_BANDS as readonly number[]).includes(band))
      throw new Error(`no generalised geometry for ${c.id} at band ${band}`);
    const props = Object.entries(c.properties).filter(([, p]) => p.tile);
    const fid = c.idType === 'integer' ? `${c.idSql} as fid` : `${c.idSql} as id`;
    // The tile's geometries first (each clipped once), then their records through the primary key.
    return `
    with b as (select ST_TileEnvelope(?, ?, ?) as env, ST_TileEnvelope(?, ?, ?, margin => 64.0 / 4096) as envm),
    g as materialized (
      select g.id, ST_AsMVTGeom(g.geom, b.env, 4096, 64, true) as geom
      from tile_geom g, b where g.layer = '${c.id}' and g.band = ${band} and g.geom && b.envm),
    rows as (
      select ${fid}, ${props.map(([name, p]) => `${p.sql} as "${name}"`).join(', ')}, g.geom
      from ${c.from} join g on g.id = ${c.idSql}
      where ${c.where} and g.geom is not null and ${c.idSql} = any(array(select id from g where geom is not null)))
    select ST_AsMVT(rows, ?, 4096, 'geom'${c.idType === 'integer' ? ", 'fid'" : ''}) as mvt, count(*) as n from rows`;
  },
} as const;
