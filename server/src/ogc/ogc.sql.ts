import type { CollectionDef } from './ogc.collections';
import type { CrsDef } from './ogc.crs';

/**
 * The statements of OGC API – Features and the vector tiles, by name. Each is built from a
 * collection definition (fixed SQL of our own) and takes its values as `?` parameters.
 */
const outGeometry = (c: CollectionDef, crs: CrsDef) => {
  let g = crs.srid === 4326 ? c.geom : `ST_Transform(${c.geom}, ${crs.srid})`;
  if (crs.flip) g = `ST_FlipCoordinates(${g})`;
  return `ST_AsGeoJSON(${g}, ${crs.decimals}, 0)::json`;
};

const featureJson = (c: CollectionDef, crs: CrsDef | null, props: readonly string[]) =>
  `json_build_object('type', 'Feature', 'id', ${c.idSql}, 'geometry', ${crs ? outGeometry(c, crs) : 'null'},
     'properties', json_build_object(${props.map((p) => `'${p}', ${c.properties[p]!.sql}`).join(', ') || ''}))`;

export const OGC_SQL = {
  /** One page of features as a JSON array text, in id order: the page's ids first, so only they are turned into JSON. */
  items: (c: CollectionDef, crs: CrsDef | null, props: readonly string[], where: string) => `
    select coalesce(json_agg(f.feature order by f.k), '[]'::json)::text as features from (
      select ${c.idSql} as k, ${featureJson(c, crs, props)} as feature
      from ${c.from} where ${c.idSql} = any(array(
        select ${c.idSql} from ${c.from} where ${c.where} and ${where} order by ${c.idSql} limit ? offset ?))) f`,

  count: (c: CollectionDef, where: string) =>
    `select count(*)::bigint as n from ${c.from} where ${c.where} and ${where}`,

  item: (c: CollectionDef, crs: CrsDef, props: readonly string[]) => `
    select ${featureJson(c, crs, props)}::text as feature from ${c.from} where ${c.where} and ${c.idSql} = ?`,

  /** The collection's extent in CRS84. */
  extent: (c: CollectionDef) => `
    select ST_XMin(b) as x1, ST_YMin(b) as y1, ST_XMax(b) as x2, ST_YMax(b) as y2
    from (select ST_Extent(${c.geom}) as b from ${c.from} where ${c.where}) x`,

  /** The envelope of a bbox given in a CRS, in EPSG:4326; parameters minX, minY, maxX, maxY in PostGIS order (easting/longitude first). */
  bbox: (crs: CrsDef) => {
    const env = `ST_MakeEnvelope(?, ?, ?, ?, ${crs.srid})`;
    return crs.srid === 4326 ? env : `ST_Transform(ST_Segmentize(${env}, ${crs.srid === 4490 ? 0.01 : 1000}), 4326)`;
  },

  version: 'select n from data_version where id = 1',

  /**
   * One Mapbox vector tile of a layer: features clipped to the tile (with a buffer), simplified
   * to about a pixel at this zoom before they are projected. The tile envelope is in EPSG:3857;
   * the index is used through its EPSG:4326 envelope.
   */
  tile: (c: CollectionDef) => {
    const props = Object.entries(c.properties).filter(([, p]) => p.tile);
    // MVT feature ids are integers: string ids travel as an `id` property instead.
    const fid = c.idType === 'integer' ? `${c.idSql} as fid` : `${c.idSql} as id`;
    return `
    with b as (select ST_TileEnvelope(?, ?, ?) as env3857, ST_Transform(ST_TileEnvelope(?, ?, ?, margin => 0.02), 4326) as env4326),
    rows as (
      select ${fid}, ${props.map(([name, p]) => `${p.sql} as "${name}"`).join(', ')},
        ST_AsMVTGeom(ST_Transform(ST_SimplifyPreserveTopology(${c.geom}, ?), 3857), b.env3857, 4096, 64, true) as geom
      from ${c.from}, b
      where ${c.where} and ${c.geom} && b.env4326)
    select ST_AsMVT(rows, ?, 4096, 'geom'${c.idType === 'integer' ? ", 'fid'" : ''}) as mvt, count(*) as n from rows where geom is not null`;
  },
} as const;
