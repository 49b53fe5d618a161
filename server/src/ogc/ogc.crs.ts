/**
 * Coordinate reference systems offered by reference (OGC API – Features Part 2). The
 * projection itself is PostGIS's ST_Transform (PROJ); here are only the URIs, the SRIDs and
 * the axis order each CRS defines: CRS84 is longitude/latitude; EPSG:4326 and 4490 are
 * latitude/longitude; the CGCS2000 Gauss–Krüger CRSs are northing/easting (X north, Y east),
 * as the EPSG registry (and `gdalsrsinfo`) says.
 */
export interface CrsDef {
  uri: string;
  srid: number;
  /** Coordinates are written (and bbox/filter literals read) in the CRS's own axis order: latitude or northing first. */
  flip: boolean;
  /** Decimals of coordinates written in this CRS. */
  decimals: number;
  label: string;
}

export const CRS84 = 'http://www.opengis.net/def/crs/OGC/1.3/CRS84';
const epsg = (code: number) => `http://www.opengis.net/def/crs/EPSG/0/${code}`;

/** Ningxia spans about 104.2°–107.7° E: 6° zone 18 (CM 105°) and 3° zones 35 and 36 (CM 105°, 108°). */
export const CRS_LIST: readonly CrsDef[] = [
  { uri: CRS84, srid: 4326, flip: false, decimals: 7, label: 'WGS 84 longitude/latitude (CRS84)' },
  { uri: epsg(4326), srid: 4326, flip: true, decimals: 7, label: 'WGS 84 (EPSG:4326, latitude first)' },
  { uri: epsg(4490), srid: 4490, flip: true, decimals: 7, label: 'CGCS2000 (EPSG:4490, latitude first)' },
  {
    uri: epsg(4496),
    srid: 4496,
    flip: true,
    decimals: 3,
    label: 'CGCS2000 / Gauss–Krüger zone 18 (6°, CM 105°E, zone prefix)',
  },
  { uri: epsg(4507), srid: 4507, flip: true, decimals: 3, label: 'CGCS2000 / Gauss–Krüger CM 105°E (6°)' },
  {
    uri: epsg(4523),
    srid: 4523,
    flip: true,
    decimals: 3,
    label: 'CGCS2000 / 3-degree Gauss–Krüger zone 35 (CM 105°E, zone prefix)',
  },
  {
    uri: epsg(4524),
    srid: 4524,
    flip: true,
    decimals: 3,
    label: 'CGCS2000 / 3-degree Gauss–Krüger zone 36 (CM 108°E, zone prefix)',
  },
  { uri: epsg(4542), srid: 4542, flip: true, decimals: 3, label: 'CGCS2000 / 3-degree Gauss–Krüger CM 105°E' },
  { uri: epsg(4543), srid: 4543, flip: true, decimals: 3, label: 'CGCS2000 / 3-degree Gauss–Krüger CM 108°E' },
];

const BY_URI = new Map<string, CrsDef>();
for (const c of CRS_LIST) {
  BY_URI.set(c.uri, c);
  // The same CRS in the forms clients also send: a safe CURIE [EPSG:4490], EPSG:4490, OGC:CRS84.
  const m = /EPSG\/0\/(\d+)$/.exec(c.uri);
  if (m) {
    BY_URI.set(`EPSG:${m[1]}`, c);
    BY_URI.set(`[EPSG:${m[1]}]`, c);
  }
}
BY_URI.set('OGC:CRS84', CRS_LIST[0]!);
BY_URI.set('[OGC:CRS84]', CRS_LIST[0]!);
BY_URI.set('http://www.opengis.net/def/crs/OGC/1.3/CRS84', CRS_LIST[0]!);

/** The CRS a `crs`, `bbox-crs` or `filter-crs` value names; undefined when we do not offer it. */
export function crsOf(value: string): CrsDef | undefined {
  return BY_URI.get(value.trim().replace(/^<|>$/g, ''));
}

export const CRS_URIS = CRS_LIST.map((c) => c.uri);
