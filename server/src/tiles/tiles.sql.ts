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

export const TILES_SQL = {
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
