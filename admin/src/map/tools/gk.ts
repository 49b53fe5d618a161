/**
 * CGCS2000 3° Gauss–Krüger coordinates with proj4 and the EPSG definitions (EPSG:4534–4554,
 * "CGCS2000 / 3-degree Gauss-Kruger CM 75E … 135E", false easting 500 km, no zone prefix; the
 * definitions are the ones PostGIS's spatial_ref_sys carries). CGCS2000 longitude/latitude are
 * taken as WGS 84 (they differ by centimetres), as the rest of the system does.
 */
import proj4 from 'proj4';

export interface GkZone {
  epsg: number;
  /** The central meridian, degrees east. */
  cm: number;
  /** The 3° zone number (cm / 3). */
  zone: number;
}

/** The 3° zone whose central meridian is nearest to the longitude (zones 25–45, CM 75°E–135°E). */
export function gkZone(lng: number): GkZone | null {
  const cm = Math.round(lng / 3) * 3;
  if (cm < 75 || cm > 135) return null;
  return { epsg: 4534 + (cm - 75) / 3, cm, zone: cm / 3 };
}

export const gkDefinition = (cm: number) =>
  `+proj=tmerc +lat_0=0 +lon_0=${cm} +k=1 +x_0=500000 +y_0=0 +ellps=GRS80 +units=m +no_defs`;

const converters = new Map<number, proj4.Converter>();

/** Easting and northing in metres (surveyors write X = northing, Y = easting). */
export function toGk(lng: number, lat: number): { zone: GkZone; easting: number; northing: number } | null {
  const zone = gkZone(lng);
  if (!zone) return null;
  let c = converters.get(zone.epsg);
  if (!c) {
    c = proj4('EPSG:4326', gkDefinition(zone.cm));
    converters.set(zone.epsg, c);
  }
  const [easting, northing] = c.forward([lng, lat]);
  return { zone, easting: easting!, northing: northing! };
}
