/** Reading audit events: which fields changed, and the area of a geometry. */

/** Row columns that change with every write, or never mean anything to a reader. */
const SKIP = new Set(['id', 'created_at', 'updated_at', 'version', 'geom']);

export interface FieldChange {
  /** The row's column (snake_case, as the audit stores it). */
  column: string;
  before: unknown;
  after: unknown;
  geometry: boolean;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** The fields an event changed: for a creation, what it was created with; for a deletion, what it had. */
export function changedFields(
  before: Record<string, unknown> | null | undefined,
  after: Record<string, unknown> | null | undefined,
): FieldChange[] {
  const keys = new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})]);
  const out: FieldChange[] = [];
  for (const column of keys) {
    if (SKIP.has(column)) continue;
    const b = before?.[column];
    const a = after?.[column];
    if (before && after && same(a, b)) continue;
    if ((!before || !after) && (a ?? b) == null) continue;
    out.push({ column, before: b, after: a, geometry: column === 'geometry' });
  }
  // Geometry last: it is shown differently.
  return out.sort((x, y) => Number(x.geometry) - Number(y.geometry));
}

/** village_id → villageId, the admin's field names (for the labels). */
export const camel = (column: string) => column.replace(/_([a-z])/g, (_m, c: string) => c.toUpperCase());

const R = 6378137;
const rad = (d: number) => (d * Math.PI) / 180;

/** Area of a ring on the sphere, in m² (the method of Chamberlain and Duquette, as turf's). */
function ringArea(ring: number[][]): number {
  let a = 0;
  for (let i = 0; i < ring.length - 1; i++) {
    const p1 = ring[i]!;
    const p2 = ring[i + 1]!;
    a += rad(p2[0]! - p1[0]!) * (2 + Math.sin(rad(p1[1]!)) + Math.sin(rad(p2[1]!)));
  }
  return Math.abs((a * R * R) / 2);
}

const polygonArea = (rings: number[][][]) =>
  rings.reduce((sum, ring, i) => sum + (i === 0 ? ringArea(ring) : -ringArea(ring)), 0);

/** The area of a GeoJSON Polygon or MultiPolygon in m² (null for anything else). */
export function geometryArea(g: any): number | null {
  if (!g || typeof g !== 'object') return null;
  if (g.type === 'Polygon') return polygonArea(g.coordinates);
  if (g.type === 'MultiPolygon') return (g.coordinates as number[][][][]).reduce((s, p) => s + polygonArea(p), 0);
  return null;
}

/** Where each audited type lives in the admin. */
export function resourceOf(recordType: string, row?: Record<string, unknown> | null): string | null {
  switch (recordType) {
    case 'County':
      return 'counties';
    case 'Township':
      return 'townships';
    case 'Village':
      return row?.kind === 'COMMUNITY' ? 'communities' : 'villages';
    case 'Grid':
      return 'grids';
    case 'GridWorker':
      return 'grid-workers';
    case 'PartyUnit':
      return 'party-units';
    case 'User':
      return 'users';
    case 'ApiKey':
      return 'keys';
    default:
      return null;
  }
}

export const RECORD_TYPES = ['County', 'Township', 'Village', 'Grid', 'GridWorker', 'PartyUnit', 'User', 'ApiKey'];
