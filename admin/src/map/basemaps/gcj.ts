/**
 * GCJ-02 (the offset used by Gaode/Tencent tiles) with the maintained `gcoord` package.
 * The map shows GCJ-02 tiles through a Leaflet CRS whose projection shifts WGS 84 to
 * GCJ-02 before Web Mercator: every grid (stored WGS 84) is drawn where the tiles show it,
 * and every click, vertex and snap comes back out of the CRS as WGS 84 — so what is saved
 * is WGS 84 without any conversion step that could be forgotten.
 */
import L from 'leaflet';
import { gcjToWgs, wgsToGcj } from './gcjTransform';

export { gcjToWgs, wgsToGcj };

const merc = L.Projection.SphericalMercator;

export const GcjMercator: L.Projection = {
  project(latlng: L.LatLng) {
    const [lng, lat] = wgsToGcj(latlng.lng, latlng.lat);
    return merc.project(L.latLng(lat, lng));
  },
  unproject(point: L.Point) {
    const g = merc.unproject(point);
    const [lng, lat] = gcjToWgs(g.lng, g.lat);
    return L.latLng(lat, lng);
  },
  bounds: merc.bounds,
};

/** Web Mercator over GCJ-02 tiles; latitudes and longitudes in and out stay WGS 84. */
export const CRS_GCJ02: L.CRS = L.Util.extend({}, L.CRS.EPSG3857, {
  code: 'EPSG:3857-GCJ02',
  projection: GcjMercator,
}) as L.CRS;
