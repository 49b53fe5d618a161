/**
 * Geoman on the app's Leaflet: leaflet first (geoman uses the global L), then geoman and its CSS.
 * Everything the coverage map draws is pmIgnore/snapIgnore (see CoverageMap); the drawing tools
 * add their own snapping guides (the unit's boundary and its grids) with snapIgnore: false.
 */
import L from 'leaflet';
import '@geoman-io/leaflet-geoman-free';
import '@geoman-io/leaflet-geoman-free/dist/leaflet-geoman.css';
import './draw.css';
import { currentLocale } from '../../i18n/serverMessages';

export { L };

const SNAP_KEY = 'wz.snapDistance';
const DEFAULT_SNAP = 15;

/** The snapping distance in pixels, kept per browser. */
export function snapDistance(): number {
  const v = Number(localStorage.getItem(SNAP_KEY));
  return Number.isFinite(v) && v >= 0 && localStorage.getItem(SNAP_KEY) !== null ? v : DEFAULT_SNAP;
}
export function setSnapDistance(px: number) {
  localStorage.setItem(SNAP_KEY, String(Math.max(0, Math.min(100, Math.round(px)))));
}

export const SHAPE_STYLE: L.PathOptions = { color: '#6a1b9a', weight: 3, fillColor: '#ab47bc', fillOpacity: 0.2 };
export const GUIDE_STYLE: L.PathOptions = {
  color: '#1565c0',
  weight: 1.5,
  dashArray: '4 3',
  fill: false,
  opacity: 0.9,
};
export const UNIT_GUIDE_STYLE: L.PathOptions = { color: '#0d47a1', weight: 2.5, fill: false, opacity: 0.9 };

/** Options for geoman's drawing and editing: snapping to the guides, self-intersection left to our own check (turf kinks). */
export function pmOptions(snap: number) {
  return {
    snappable: snap > 0,
    snapDistance: snap,
    allowSelfIntersection: true,
    templineStyle: { color: '#6a1b9a', weight: 3 },
    hintlineStyle: { color: '#6a1b9a', dashArray: [5, 5], weight: 2 },
    pathOptions: SHAPE_STYLE,
  } as any;
}

// Geoman's tooltips in the UI language (zh by default; the map page follows a switch through DrawAssist).
(L as any).PM.activeLang = currentLocale() === 'en' ? 'en' : 'zh';
