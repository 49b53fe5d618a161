import kinks from '@turf/kinks';
import type { Feature, Geometry, LineString, MultiPolygon, Point, Polygon, Position } from 'geojson';

export interface Kink {
  /** Where the boundary crosses itself, [lng, lat]. */
  point: Position;
  /** The vertex to move: the nearest vertex of the crossing segments. */
  vertex: Position;
}

/** Self-intersections of a polygon, multipolygon or open line (turf kinks), each with the offending vertex. */
export function findKinks(geometry: Geometry | null | undefined): Kink[] {
  if (!geometry) return [];
  let shape: Polygon | MultiPolygon | LineString;
  if (geometry.type === 'Polygon' || geometry.type === 'MultiPolygon' || geometry.type === 'LineString')
    shape = geometry;
  else return [];
  if (shape.type === 'LineString' && shape.coordinates.length < 4) return [];
  const feature: Feature<Polygon | MultiPolygon | LineString> = { type: 'Feature', properties: {}, geometry: shape };
  let points: Feature<Point>[];
  try {
    points = kinks(feature as any).features as Feature<Point>[];
  } catch {
    return [];
  }
  const vertices: Position[] =
    shape.type === 'LineString'
      ? shape.coordinates
      : shape.type === 'Polygon'
        ? shape.coordinates.flat()
        : shape.coordinates.flat(2);
  const seen = new Set<string>();
  const out: Kink[] = [];
  for (const p of points) {
    const c = p.geometry.coordinates;
    const key = `${c[0]!.toFixed(9)},${c[1]!.toFixed(9)}`;
    if (seen.has(key)) continue;
    seen.add(key);
    let best = vertices[0]!;
    let bestD = Infinity;
    for (const v of vertices) {
      const d = (v[0]! - c[0]!) ** 2 + (v[1]! - c[1]!) ** 2;
      if (d < bestD) {
        bestD = d;
        best = v;
      }
    }
    out.push({ point: c, vertex: best });
  }
  return out;
}
