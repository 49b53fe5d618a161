/**
 * Coordinate reference systems offered for import and export. The codes were checked
 * against PostGIS's spatial_ref_sys and GDAL (ogrinfo reports their names):
 * Wuzhong lies between 105.2° and 107.7° E, in the 3° zones 35 (CM 105° E) and 36 (CM 108° E)
 * and the 6° zone 18 (CM 105° E).
 */
export interface CrsOption {
  code: string;
  zh: string;
  en: string;
  /** The false easting carries the zone number (e.g. 36 500 000 m). */
  zoned?: boolean;
  /** Central meridian of a Gauss–Krüger projection. */
  cm?: number;
  /** Zone number (when zoned). */
  zone?: number;
}

export const CRS_OPTIONS: readonly CrsOption[] = [
  {
    code: 'EPSG:4524',
    zh: 'CGCS2000 3度带 第36带（中央经线108°，带号）',
    en: 'CGCS2000 3° GK zone 36 (CM 108° E, zone in false easting)',
    zoned: true,
    cm: 108,
    zone: 36,
  },
  {
    code: 'EPSG:4523',
    zh: 'CGCS2000 3度带 第35带（中央经线105°，带号）',
    en: 'CGCS2000 3° GK zone 35 (CM 105° E, zone in false easting)',
    zoned: true,
    cm: 105,
    zone: 35,
  },
  {
    code: 'EPSG:4545',
    zh: 'CGCS2000 3度带 中央经线108°（无带号）',
    en: 'CGCS2000 3° GK CM 108° E (no zone number)',
    cm: 108,
  },
  {
    code: 'EPSG:4544',
    zh: 'CGCS2000 3度带 中央经线105°（无带号）',
    en: 'CGCS2000 3° GK CM 105° E (no zone number)',
    cm: 105,
  },
  {
    code: 'EPSG:4496',
    zh: 'CGCS2000 6度带 第18带（中央经线105°，带号）',
    en: 'CGCS2000 6° GK zone 18 (CM 105° E, zone in false easting)',
    zoned: true,
    cm: 105,
    zone: 18,
  },
  {
    code: 'EPSG:4507',
    zh: 'CGCS2000 6度带 中央经线105°（无带号）',
    en: 'CGCS2000 6° GK CM 105° E (no zone number)',
    cm: 105,
  },
  {
    code: 'EPSG:4525',
    zh: 'CGCS2000 3度带 第37带（中央经线111°，带号）',
    en: 'CGCS2000 3° GK zone 37 (CM 111° E, zone in false easting)',
    zoned: true,
    cm: 111,
    zone: 37,
  },
  { code: 'EPSG:4490', zh: 'CGCS2000 经纬度', en: 'CGCS2000 longitude/latitude' },
  { code: 'EPSG:4326', zh: 'WGS 84 经纬度', en: 'WGS 84 longitude/latitude' },
];

/** CRS a spatial export may be written in. */
export const EXPORT_CRS = new Set([
  'EPSG:4326',
  'EPSG:4490',
  'EPSG:4523',
  'EPSG:4524',
  'EPSG:4525',
  'EPSG:4544',
  'EPSG:4545',
  'EPSG:4496',
  'EPSG:4507',
]);

/**
 * Candidates for a file without a CRS, most likely first, guessed from the coordinate
 * range: degrees → 4490/4326; an easting of 35/36/18 million → that zone; a plain easting
 * (±500 km) → the zoneless GK systems, the final choice made by where they land (see
 * `rankByLanding`).
 */
export function guessCrs(extent: [number, number, number, number] | null): string[] {
  if (!extent) return CRS_OPTIONS.map((o) => o.code);
  const [minX, minY, maxX, maxY] = extent;
  if (minX >= -180 && maxX <= 180 && minY >= -90 && maxY <= 90) return ['EPSG:4490', 'EPSG:4326'];
  const zone = Math.floor((minX + maxX) / 2 / 1_000_000);
  const zoned = CRS_OPTIONS.filter((o) => o.zoned && o.zone === zone).map((o) => o.code);
  if (zoned.length) return zoned;
  // Northings of Ningxia are about 3.9–4.4 million metres; eastings 0–1,000,000 without a zone.
  if (minX > 0 && maxX < 1_000_000 && minY > 1_000_000)
    return CRS_OPTIONS.filter((o) => o.cm && !o.zoned).map((o) => o.code);
  return CRS_OPTIONS.map((o) => o.code);
}

/** Old Chinese datums that need published transformation parameters (TOWGS84) to reach WGS 84. */
export function legacyDatum(wkt: string | null): 'Xian 1980' | 'Beijing 1954' | null {
  if (!wkt) return null;
  const datum = /DATUM\["([^"]+)"/i.exec(wkt)?.[1] ?? wkt;
  if (/xi'?an[\s_]*1980/i.test(datum)) return 'Xian 1980';
  if (/beijing[\s_]*1954/i.test(datum)) return 'Beijing 1954';
  return null;
}

export const hasTowgs84 = (wkt: string | null) => Boolean(wkt && /TOWGS84|BOUNDCRS/i.test(wkt));

/** The CRS's name and EPSG code (when the WKT carries one). */
export function describeCrs(wkt: string | null): { name: string; epsg: string | null } | null {
  if (!wkt) return null;
  const name = /^\w+\["([^"]+)"/.exec(wkt.trim())?.[1] ?? 'unknown';
  const ids = [...wkt.matchAll(/ID\["EPSG",(\d+)\]\]?\s*$/g)];
  const last = /ID\["EPSG",(\d+)\]\s*\]\s*$/.exec(wkt.trim());
  return { name, epsg: last ? `EPSG:${last[1]}` : ids.length ? `EPSG:${ids.at(-1)![1]}` : null };
}

/** Seven-parameter (or three-parameter) Helmert shift as GDAL/PROJ take it: "dx,dy,dz[,rx,ry,rz,ds]". */
export function parseTowgs84(value: string): number[] | null {
  const n = value.split(',').map((s) => Number(s.trim()));
  if ((n.length !== 3 && n.length !== 7) || n.some((x) => !Number.isFinite(x))) return null;
  return n;
}
