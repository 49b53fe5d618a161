import type L from 'leaflet';
import type { LayerName, MapFeature } from './mapData';
import { coverColour, gridStroke, OVERLAP_COLOUR, UNCOVERED_COLOUR, type HatchPathOptions } from './style';
import { escapeHtml } from './html';

type Translate = (key: string, options?: any) => string;

/**
 * Below this zoom (Leaflet's rounded tile zoom) the per-unit layers (villages/communities, gaps,
 * overlaps; grids start later still) are neither requested nor drawn: a province overview shows its
 * counties (or townships, when shown) filled by their covered share instead. Wuzhong's fitted view
 * (zoom 8.75 at 1440×900, 7.75 on a phone) stays above it; a province of ten or more cities (zoom 6)
 * is below it. The one place this threshold is defined.
 */
export const UNITS_MIN_ZOOM = 8;
/** Whether the per-unit layers are drawn at a map zoom (tiles are of the rounded zoom). */
export const unitsShownAt = (zoom: number) => Math.round(zoom) >= UNITS_MIN_ZOOM;

/** The overview's style of a county or township: filled by its covered share (computed by the server). */
export function overviewStyle(name: 'counties' | 'townships'): L.StyleFunction {
  const base = layerOptions(name).style as L.StyleFunction;
  return (f) => ({ ...base(f), fillColor: coverColour(f?.properties?.coveredShare), fillOpacity: 0.55 });
}

/** Layers whose boundaries are also drawn again on top (not clickable) so fills do not hide them. */
export const OUTLINE_LAYERS: LayerName[] = ['counties', 'townships'];

/** Leaflet GeoJSON options per layer: the styling rules of the map in one place. */
export function layerOptions(name: LayerName): L.GeoJSONOptions {
  switch (name) {
    case 'counties':
      return { style: () => ({ color: '#37474f', weight: 3, fill: true, fillOpacity: 0, opacity: 0.9 }) };
    case 'townships':
      return {
        style: () => ({ color: '#607d8b', weight: 1.5, dashArray: '6 4', fill: true, fillOpacity: 0, opacity: 0.9 }),
      };
    case 'villages':
      return {
        style: (f) => ({
          color: '#6d6d6d',
          weight: 0.8,
          fillColor: coverColour(f?.properties?.coveredShare),
          fillOpacity: 0.55,
          opacity: 0.8,
        }),
      };
    case 'grids':
      return {
        style: (f) => {
          const sev = f?.properties?.severity;
          return { color: gridStroke(sev), weight: sev ? 1.6 : 0.9, fill: true, fillOpacity: 0, opacity: 0.95 };
        },
      };
    case 'uncovered':
      return {
        style: () =>
          ({
            color: UNCOVERED_COLOUR,
            weight: 1,
            fill: true,
            fillOpacity: 0.9,
            hatch: UNCOVERED_COLOUR,
          }) as HatchPathOptions,
      };
    case 'overlaps':
      return {
        style: () => ({ color: OVERLAP_COLOUR, weight: 1, fill: true, fillColor: OVERLAP_COLOUR, fillOpacity: 0.75 }),
      };
  }
}

/** The hover tooltip's text. */
export function featureTooltip(name: LayerName, f: MapFeature, translate: Translate): string {
  const p = f.properties ?? {};
  const title = (s: unknown) => `<b>${escapeHtml(String(s ?? ''))}</b>`;
  switch (name) {
    case 'counties':
    case 'townships':
      return `${title(p.name)}<br/>${escapeHtml(translate(`wz.map.layer.${name}`))}`;
    case 'villages':
      return `${title(p.name)} · ${escapeHtml(translate(`wz.enums.VillageKind.${p.kind}`, { _: p.kind ?? '' }))}`;
    case 'grids':
      return `${title(p.name)}${p.severity ? ` · ${escapeHtml(translate(`wz.enums.Severity.${p.severity}`))}` : ''}`;
    case 'uncovered':
      return escapeHtml(translate('wz.map.panel.gap'));
    case 'overlaps':
      return escapeHtml(translate('wz.map.panel.overlap'));
  }
}
