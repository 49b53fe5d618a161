/** Geodesic lengths and areas on the WGS 84 ellipsoid (GeographicLib), for the measuring tools and the live area. */
import { Geodesic } from 'geographiclib-geodesic';

const geod = Geodesic.WGS84;

/** Length in metres of a line through [lng, lat] points. */
export function geodesicLength(points: [number, number][]): number {
  let m = 0;
  for (let i = 1; i < points.length; i++) {
    const [a, b] = [points[i - 1]!, points[i]!];
    m += geod.Inverse(a[1], a[0], b[1], b[0], Geodesic.DISTANCE).s12 ?? 0;
  }
  return m;
}

/** Area in m² of a ring of [lng, lat] points (closed or not), whichever way round. */
export function geodesicArea(ring: [number, number][]): number {
  const pts =
    ring.length > 1 && ring[0]![0] === ring[ring.length - 1]![0] && ring[0]![1] === ring[ring.length - 1]![1]
      ? ring.slice(0, -1)
      : ring;
  if (pts.length < 3) return 0;
  const poly = geod.Polygon(false);
  for (const [lng, lat] of pts) poly.AddPoint(lat, lng);
  const r = poly.Compute(false, true);
  return Math.abs(r.area ?? 0);
}

export function formatLength(m: number, locale: string): string {
  const nf = (v: number, d: number) =>
    new Intl.NumberFormat(locale === 'en' ? 'en-GB' : 'zh-CN', { maximumFractionDigits: d }).format(v);
  return m >= 1000 ? `${nf(m / 1000, 3)} km` : `${nf(m, 1)} m`;
}

export function formatAreaM2(m2: number, locale: string): string {
  const nf = (v: number, d: number) =>
    new Intl.NumberFormat(locale === 'en' ? 'en-GB' : 'zh-CN', { maximumFractionDigits: d }).format(v);
  const mu = locale === 'en' ? '' : `（${nf(m2 / (10000 / 15), 2)} 亩）`;
  return m2 >= 100_000 ? `${nf(m2 / 1e6, 4)} km²${mu}` : `${nf(m2, 1)} m²${mu}`;
}
