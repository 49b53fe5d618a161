import type { EntityManager } from '@mikro-orm/postgresql';
import type { Config } from '../config';
import { badGeometry, badInput, messages } from './errors';
import { bboxOf, checkGeometry, POLYGONAL, type Geometry } from './geojson';
import type { SpatialFilter } from './list.inputs';
import { query, type Where } from './sql';

const SQL = {
  /**
   * Snaps to the 1e-9° grid (about 0.1 mm, the 9 decimals the API serves) and judges the SNAPPED
   * shape: what is stored is then exactly what is read back, and can be written back (finding 18).
   */
  validity: `select ST_IsValid(s) as valid, ST_IsValidReason(s) as reason, ST_IsEmpty(s) as empty, ST_AsGeoJSON(s, 9) as snapped
             from (select ST_GeomFromGeoJSON(ST_AsGeoJSON(ST_SnapToGrid(ST_SetSRID(ST_GeomFromGeoJSON(?), 4326), 1e-9), 9)) as s) x`,
  /** Share of the geometry's area that lies outside the parent's geometry (null when the parent has none). */
  spillShare: (parentTable: string) => `
    select case when p.geom is null then null
                else ST_Area(ST_Difference(g, p.geom)::geography) / nullif(ST_Area(g::geography), 0) end as share
    from (select ST_SetSRID(ST_GeomFromGeoJSON(?), 4326) as g) x, ${parentTable} p where p.id = ?`,
} as const;

/** Checks geometry input with PostGIS and turns spatial filters into SQL. */
export class GeometryService {
  constructor(private readonly config: Config) {}

  /** Structure, Wuzhong's extent, then snapped to 1e-9° and validity (ST_IsValidReason); throws BAD_GEOMETRY. Returns the snapped geometry to store. */
  async checkPolygonal(em: EntityManager, value: unknown, field = 'geometry'): Promise<Geometry> {
    const geometry = checkGeometry(value, field, POLYGONAL);
    this.checkExtent(geometry, field);
    return this.checkValid(em, geometry, field);
  }

  /** Snaps the geometry to the 1e-9° grid and checks the snapped shape is valid and not empty; returns it. */
  async checkValid(em: EntityManager, geometry: Geometry, field: string): Promise<Geometry> {
    let row: { valid: boolean; reason: string; empty: boolean; snapped: string } | undefined;
    try {
      [row] = await query<{ valid: boolean; reason: string; empty: boolean; snapped: string }>(em, SQL.validity, [
        JSON.stringify(geometry),
      ]);
    } catch (e) {
      throw badGeometry(messages.invalidGeometry(field, (e as Error).message));
    }
    if (!row || row.empty) throw badGeometry(messages.emptyGeometry(field));
    if (!row.valid) throw badGeometry(messages.invalidGeometry(field, row.reason), { reason: row.reason });
    return JSON.parse(row.snapped) as Geometry;
  }

  checkExtent(geometry: Geometry, field: string): void {
    const [minLng, minLat, maxLng, maxLat] = this.config.extent;
    const m = this.config.extentMarginDeg;
    const [a, b, c, d] = bboxOf(geometry);
    if (a < minLng - m || b < minLat - m || c > maxLng + m || d > maxLat + m)
      throw badGeometry(messages.outsideWuzhong(field));
  }

  /** Refuses a geometry of which more than maxSpillShare lies outside its parent. */
  async checkInside(
    em: EntityManager,
    geometry: Geometry,
    what: string,
    parentTable: string,
    parentName: string,
    parentId: number,
  ) {
    const [row] = await query<{ share: number | null }>(em, SQL.spillShare(parentTable), [
      JSON.stringify(geometry),
      parentId,
    ]);
    const share = row?.share ?? null;
    if (share !== null && share > this.config.maxSpillShare) {
      throw badGeometry(messages.spillsOutOfParent(what, parentName, share, this.config.maxSpillShare), {
        spillShare: share,
      });
    }
  }

  /** Adds the spatial conditions of a filter on `e.geom`. */
  async applySpatialFilter(em: EntityManager, where: Where, filter: SpatialFilter): Promise<void> {
    if (filter.bbox) {
      const [minLng, minLat, maxLng, maxLat] = filter.bbox;
      const ok = filter.bbox.length === 4 && minLng! < maxLng! && minLat! < maxLat!;
      if (!ok) throw badInput(messages.badBbox());
      where.add('ST_Intersects(e.geom, ST_MakeEnvelope(?, ?, ?, ?, 4326))', minLng, minLat, maxLng, maxLat);
    }
    if (filter.intersects !== undefined && filter.intersects !== null) {
      const g = checkGeometry(filter.intersects, 'filter.intersects', [
        'Point',
        'MultiPoint',
        'LineString',
        'MultiLineString',
        ...POLYGONAL,
      ]);
      await this.checkValid(em, g, 'filter.intersects');
      where.add('ST_Intersects(e.geom, ST_SetSRID(ST_GeomFromGeoJSON(?), 4326))', JSON.stringify(g));
    }
    if (filter.containsPoint) {
      const [lng, lat] = checkPoint(filter.containsPoint);
      where.add('ST_Intersects(e.geom, ST_SetSRID(ST_Point(?, ?), 4326))', lng, lat);
    }
    if (filter.dwithin) {
      const [lng, lat] = checkPoint(filter.dwithin.point);
      const meters = filter.dwithin.meters;
      if (!(Number.isFinite(meters) && meters > 0)) throw badInput(messages.badDistance());
      // A degree box first, so the GIST index does the coarse work; then the exact distance on the spheroid.
      const deg = meters / (111_000 * Math.max(Math.cos((lat * Math.PI) / 180), 0.01));
      where.add(
        'e.geom && ST_Expand(ST_SetSRID(ST_Point(?, ?), 4326), ?) and ST_DWithin(e.geom::geography, ST_SetSRID(ST_Point(?, ?), 4326)::geography, ?)',
        lng,
        lat,
        deg * 1.01,
        lng,
        lat,
        meters,
      );
    }
  }
}

export function checkPoint(point: number[]): [number, number] {
  const [lng, lat] = point;
  if (
    point.length !== 2 ||
    !Number.isFinite(lng) ||
    !Number.isFinite(lat) ||
    Math.abs(lng!) > 180 ||
    Math.abs(lat!) > 90
  ) {
    throw badInput(messages.badPoint());
  }
  return [lng!, lat!];
}
