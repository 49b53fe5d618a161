/**
 * Tracing (QGIS's "T"): while drawing, two consecutive vertices that lie on the same existing
 * boundary (the unit's outline or a neighbour grid, i.e. the snapping guides) get the boundary's
 * vertices between them inserted, along the shorter way round. The inserted vertices are the
 * guide's own coordinates, so the new edge shares the neighbour's vertices exactly.
 */
import L from 'leaflet';

type Ring = L.LatLng[];

/** The rings of the snapping guides on the map (interactive: false, pmIgnore: true, snapIgnore: false). */
export function guideRings(map: L.Map): Ring[] {
  const rings: Ring[] = [];
  map.eachLayer((l) => {
    const o = (l as any).options ?? {};
    if (!(l instanceof L.Polygon) || o.snapIgnore !== false || o.pmIgnore !== true) return;
    const collect = (lls: any) => {
      if (Array.isArray(lls) && lls[0] instanceof L.LatLng) rings.push(lls as Ring);
      else if (Array.isArray(lls)) lls.forEach(collect);
    };
    collect(l.getLatLngs());
  });
  return rings;
}

/** Where a point lies on a ring: segment index + fraction, or null when farther than `tolerancePx`. */
function locate(map: L.Map, ring: Ring, p: L.LatLng, tolerancePx: number): number | null {
  const pp = map.latLngToLayerPoint(p);
  let best: { d: number; s: number } | null = null;
  const n = ring.length;
  for (let i = 0; i < n; i++) {
    const a = map.latLngToLayerPoint(ring[i]!);
    const b = map.latLngToLayerPoint(ring[(i + 1) % n]!);
    const abx = b.x - a.x;
    const aby = b.y - a.y;
    const len2 = abx * abx + aby * aby;
    const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, ((pp.x - a.x) * abx + (pp.y - a.y) * aby) / len2));
    const d = Math.hypot(a.x + t * abx - pp.x, a.y + t * aby - pp.y);
    if (!best || d < best.d) best = { d, s: i + t };
  }
  return best && best.d <= tolerancePx ? best.s : null;
}

const same = (a: L.LatLng, b: L.LatLng) => Math.abs(a.lat - b.lat) < 1e-12 && Math.abs(a.lng - b.lng) < 1e-12;

/** Ring vertices strictly between positions sFrom and sTo going forward (increasing index, wrapping). */
function forward(ring: Ring, sFrom: number, sTo: number): L.LatLng[] {
  const n = ring.length;
  const out: L.LatLng[] = [];
  let to = sTo;
  if (to < sFrom) to += n;
  for (let k = Math.floor(sFrom) + 1; k <= Math.floor(to) && out.length <= n; k++) {
    if (k === to) break; // Q itself is the vertex
    out.push(ring[k % n]!);
  }
  return out;
}

function pathLength(map: L.Map, pts: L.LatLng[]): number {
  let m = 0;
  for (let i = 1; i < pts.length; i++) m += map.distance(pts[i - 1]!, pts[i]!);
  return m;
}

/** A ring vertex within `tolerancePx` of p (the exact coordinates to use for p), else null. */
function vertexNear(map: L.Map, ring: Ring, p: L.LatLng, tolerancePx: number): L.LatLng | null {
  const pp = map.latLngToLayerPoint(p);
  let best: { d: number; v: L.LatLng } | null = null;
  for (const v of ring) {
    const d = pp.distanceTo(map.latLngToLayerPoint(v));
    if (!best || d < best.d) best = { d, v };
  }
  return best && best.d <= tolerancePx ? best.v : null;
}

export const VERTEX_PX = 8;

/** The guide vertex nearest to p within `px` pixels, over every ring (tracing snaps to vertices first). */
export function nearestGuideVertex(map: L.Map, rings: Ring[], p: L.LatLng, px = VERTEX_PX): L.LatLng | null {
  let best: { d: number; v: L.LatLng } | null = null;
  for (const ring of rings) {
    const v = vertexNear(map, ring, p, px);
    if (v) {
      const d = map.latLngToLayerPoint(v).distanceTo(map.latLngToLayerPoint(p));
      if (!best || d < best.d) best = { d, v };
    }
  }
  return best?.v ?? null;
}

export interface Trace {
  /** p, or the guide's own vertex under it. */
  from: L.LatLng;
  /** The guide's vertices between p and q, along the shorter way. */
  between: L.LatLng[];
  /** q, or the guide's own vertex under it. */
  to: L.LatLng;
}

/** The trace from p to q along one guide ring, or null when they are not on one ring. */
export function traceBetween(map: L.Map, rings: Ring[], p: L.LatLng, q: L.LatLng, tolerancePx = 1.5): Trace | null {
  let best: (Trace & { len: number }) | null = null;
  for (const raw of rings) {
    const ring = raw.length > 1 && same(raw[0]!, raw[raw.length - 1]!) ? raw.slice(0, -1) : raw;
    if (ring.length < 3) continue;
    const sp = locate(map, ring, p, tolerancePx);
    const sq = locate(map, ring, q, tolerancePx);
    if (sp === null || sq === null) continue;
    // A click a few pixels beside a guide's vertex means that vertex (snapping may have caught the edge next to it).
    const from = vertexNear(map, ring, p, VERTEX_PX) ?? p;
    const to = vertexNear(map, ring, q, VERTEX_PX) ?? q;
    const n = ring.length;
    // Positions within 1e-6 of a vertex are that vertex (snapping and projection leave tiny rests).
    const tidy = (s: number) => (Math.abs(s - Math.round(s)) < 1e-6 ? Math.round(s) % n : s);
    const [a, b] = [tidy(sp), tidy(sq)];
    // On the reversed ring a position s becomes (n - 1 - s) mod n.
    const rev = (s: number) => (((n - 1 - s) % n) + n) % n;
    const candidates = [forward(ring, a, b), forward([...ring].reverse(), rev(a), rev(b))];
    for (const cand of candidates) {
      const between = cand.filter((v) => !same(v, from) && !same(v, to));
      const len = pathLength(map, [from, ...between, to]);
      if (!best || len < best.len) best = { from, between, to, len };
    }
  }
  return best;
}
