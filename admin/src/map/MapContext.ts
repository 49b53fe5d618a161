import type L from 'leaflet';
import { createContext, useContext } from 'react';
import type { LayerName, MapFeature } from './mapData';

/**
 * What the map shares with the components around it (side panel, search, and
 * next the drawing tools of issue 6): the Leaflet map, and the interactive
 * Leaflet layer of every feature by layer and id.
 */
export interface MapHandle {
  map: L.Map;
  /** layer name → feature id → its Leaflet path */
  index: Map<LayerName, Map<string, L.Path>>;
  /** Fit the view to a feature and select it. */
  focus(layer: LayerName, id: string, options?: { select?: boolean }): boolean;
  /** Features on the map per layer: loaded as GeoJSON, or in the vector tiles loaded. */
  counts?(): Partial<Record<LayerName, number>>;
  /** Re-fetch and redraw layers (after an edit, e.g. by the drawing tools). */
  reload(layers?: LayerName[]): void;
}

export const MapContext = createContext<MapHandle | null>(null);
export const useMapHandle = () => useContext(MapContext);

export interface Selection {
  layer: LayerName;
  id: string;
  feature?: MapFeature;
  /** Where it was clicked, [lng, lat] (the gap tools need a point inside the piece). */
  latlng?: [number, number];
}
