/**
 * Seeded points inside polygons, in plain TypeScript: the generators of the
 * Voronoi partitions. Works in a local equirectangular frame in kilometres.
 * Best-candidate sampling keeps points apart (no tiny cells), a margin keeps
 * them off the boundary (every cell keeps a real piece of its parent).
 */
import type { Rng } from './prng';

export type LngLat = [number, number];
type XY = [number, number];

const KM_PER_DEG_LAT = 110.9;

export class Poly {
  readonly rings: XY[][];
  readonly bbox: [number, number, number, number];
  readonly areaKm2: number;
  private readonly kx: number;

  constructor(geometry: { type: string; coordinates: unknown }, lat0 = 37.5) {
    this.kx = 111.32 * Math.cos((lat0 * Math.PI) / 180);
    const polys = (geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates) as number[][][][];
    this.rings = polys.flat().map((ring) => ring.map(([lng, lat]) => this.toXY([lng!, lat!])));
    const xs = this.rings.flat().map((p) => p[0]);
    const ys = this.rings.flat().map((p) => p[1]);
    this.bbox = [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)];
    // Shoelace: outer rings and holes have opposite orientation in valid GeoJSON/PostGIS output; take |sum| per polygon.
    let area = 0;
    for (const poly of polys) {
      poly.forEach((ring, i) => {
        const xy = ring.map(([lng, lat]) => this.toXY([lng!, lat!]));
        let a = 0;
        for (let k = 0; k < xy.length - 1; k++) a += xy[k]![0] * xy[k + 1]![1] - xy[k + 1]![0] * xy[k]![1];
        area += (i === 0 ? 1 : -1) * Math.abs(a / 2);
      });
    }
    this.areaKm2 = area;
  }

  toXY([lng, lat]: LngLat): XY {
    return [lng * this.kx, lat * KM_PER_DEG_LAT];
  }

  toLngLat([x, y]: XY): LngLat {
    return [x / this.kx, y / KM_PER_DEG_LAT];
  }

  inside([x, y]: XY): boolean {
    let inside = false;
    for (const ring of this.rings) {
      for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
        const [xi, yi] = ring[i]!;
        const [xj, yj] = ring[j]!;
        if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
      }
    }
    return inside;
  }

  /** Distance (km) to the nearest boundary segment. */
  edgeDistance([x, y]: XY): number {
    let best = Infinity;
    for (const ring of this.rings) {
      for (let i = 0; i < ring.length - 1; i++) {
        const [ax, ay] = ring[i]!;
        const [bx, by] = ring[i + 1]!;
        const dx = bx - ax;
        const dy = by - ay;
        const len = dx * dx + dy * dy;
        const t = len ? Math.max(0, Math.min(1, ((x - ax) * dx + (y - ay) * dy) / len)) : 0;
        const d = (x - ax - t * dx) ** 2 + (y - ay - t * dy) ** 2;
        if (d < best) best = d;
      }
    }
    return Math.sqrt(best);
  }
}

export interface ScatterOptions {
  /** Draw candidates around this point (normal, sigma km) instead of uniformly. */
  around?: { center: XY; sigmaKm: number };
  /** Keep candidates at least this far from this point. */
  avoid?: { center: XY; radiusKm: number };
  /** Candidates per point (best-candidate sampling). */
  candidates?: number;
}

/**
 * Adds `n` points inside `poly` to `existing` (which they keep apart from), returning the new ones.
 * Each point is the best of a few random candidates: the one farthest from the points so far.
 */
export function scatter(rng: Rng, poly: Poly, n: number, existing: XY[], options: ScatterOptions = {}): XY[] {
  const out: XY[] = [];
  const spacing = Math.sqrt(Math.max(poly.areaKm2, 1e-6) / Math.max(n + existing.length, 1));
  const [x0, y0, x1, y1] = poly.bbox;
  const k = options.candidates ?? 10;
  for (let i = 0; i < n; i++) {
    let best: XY | null = null;
    let bestScore = -Infinity;
    let found = 0;
    let margin = 0.2 * spacing;
    let avoid = options.avoid;
    for (let tries = 0; found < k; tries++) {
      if (tries > 0 && tries % 400 === 0) {
        // Hard to place: relax the rules step by step rather than fail.
        margin /= 2;
        if (tries >= 1200) avoid = undefined;
        if (tries > 20000) throw new Error('cannot place a point inside a polygon');
      }
      const c: XY = options.around
        ? [
            options.around.center[0] + options.around.sigmaKm * rng.normal(),
            options.around.center[1] + options.around.sigmaKm * rng.normal(),
          ]
        : [x0 + (x1 - x0) * rng.next(), y0 + (y1 - y0) * rng.next()];
      if (!poly.inside(c)) continue;
      if (avoid && Math.hypot(c[0] - avoid.center[0], c[1] - avoid.center[1]) < avoid.radiusKm) continue;
      if (poly.edgeDistance(c) < margin) continue;
      found++;
      let score = Infinity;
      for (const p of existing) score = Math.min(score, Math.hypot(p[0] - c[0], p[1] - c[1]));
      for (const p of out) score = Math.min(score, Math.hypot(p[0] - c[0], p[1] - c[1]));
      if (score === Infinity) {
        // The first point: near the cluster's centre, or as central as the candidates allow.
        score = options.around
          ? -Math.hypot(c[0] - options.around.center[0], c[1] - options.around.center[1])
          : poly.edgeDistance(c);
      }
      if (score > bestScore) {
        bestScore = score;
        best = c;
      }
    }
    out.push(best!);
  }
  return out;
}

/** Rounds to 1e-7 degrees (about 1 cm), the precision of every generated geometry. */
export const round7 = (v: number) => Math.round(v * 1e7) / 1e7; // generators: 1e-7 is plenty;
