/**
 * Pure structural checks of GeoJSON geometries (RFC 7946), done before the
 * database sees them so the common mistakes get a precise reason.
 * PostGIS then checks validity (ST_IsValidReason).
 */
import { badGeometry, messages } from './errors';

export type Position = number[];
export interface Geometry {
  type: string;
  coordinates: unknown;
}
export type PolygonalType = 'Polygon' | 'MultiPolygon';
export const POLYGONAL: readonly PolygonalType[] = ['Polygon', 'MultiPolygon'];
export const POINT: readonly string[] = ['Point'];

const TYPES_DEPTH: Record<string, number> = {
  Point: 0,
  MultiPoint: 1,
  LineString: 1,
  MultiLineString: 2,
  Polygon: 2,
  MultiPolygon: 3,
};

export function isGeometryObject(value: unknown): value is Geometry {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    typeof (value as Geometry).type === 'string' &&
    (value as Geometry).type in TYPES_DEPTH &&
    'coordinates' in value
  );
}

/**
 * Throws BAD_GEOMETRY unless `value` is a geometry of one of `expected` types
 * with well-formed, finite, in-range coordinates and closed rings of 4+ positions.
 */
export function checkGeometry(value: unknown, field: string, expected: readonly string[]): Geometry {
  if (!isGeometryObject(value)) throw badGeometry(messages.notGeoJson(field));
  if (!expected.includes(value.type)) throw badGeometry(messages.wrongGeometryType(field, value.type, expected));
  walk(value.coordinates, TYPES_DEPTH[value.type]!, field, 'coordinates');
  if (value.type === 'Polygon') checkPolygon(value.coordinates as Position[][], field, 'coordinates');
  if (value.type === 'MultiPolygon') {
    const polygons = value.coordinates as Position[][][];
    if (polygons.length === 0) throw badGeometry(messages.emptyGeometry(field));
    polygons.forEach((p, i) => checkPolygon(p, field, `coordinates[${i}]`));
  }
  return value;
}

function walk(node: unknown, depth: number, field: string, path: string): void {
  if (!Array.isArray(node)) throw badGeometry(messages.badCoordinates(field, path));
  if (depth === 0) {
    checkPosition(node, field, path);
    return;
  }
  node.forEach((child, i) => walk(child, depth - 1, field, `${path}[${i}]`));
}

function checkPosition(pos: unknown[], field: string, path: string): void {
  if (pos.length < 2 || pos.length > 3) throw badGeometry(messages.badCoordinates(field, path));
  if (!pos.every((n) => typeof n === 'number' && Number.isFinite(n)))
    throw badGeometry(messages.nonFinite(field, path));
  const [lng, lat] = pos as number[];
  if (lng! < -180 || lng! > 180 || lat! < -90 || lat! > 90)
    throw badGeometry(messages.outOfRange(field, path, lng!, lat!));
}

function checkPolygon(rings: Position[][], field: string, path: string): void {
  if (rings.length === 0) throw badGeometry(messages.emptyGeometry(field));
  rings.forEach((ring, i) => {
    const at = `${path}[${i}]`;
    if (ring.length < 4) throw badGeometry(messages.ringTooShort(field, at, ring.length));
    const first = ring[0]!;
    const last = ring[ring.length - 1]!;
    if (first[0] !== last[0] || first[1] !== last[1]) throw badGeometry(messages.ringNotClosed(field, at));
  });
}

/** [minLng, minLat, maxLng, maxLat] of any geometry's positions. */
export function bboxOf(geometry: Geometry): [number, number, number, number] {
  const box: [number, number, number, number] = [Infinity, Infinity, -Infinity, -Infinity];
  const visit = (node: unknown): void => {
    if (Array.isArray(node) && typeof node[0] === 'number') {
      box[0] = Math.min(box[0], node[0] as number);
      box[1] = Math.min(box[1], node[1] as number);
      box[2] = Math.max(box[2], node[0] as number);
      box[3] = Math.max(box[3], node[1] as number);
    } else if (Array.isArray(node)) node.forEach(visit);
  };
  visit(geometry.coordinates);
  return box;
}
