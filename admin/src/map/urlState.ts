import { LAYER_NAMES, type LayerName } from './mapData';

/** The map's view as kept in the URL: ?lat=&lng=&z=&layers=a,b&sel=grids:12 */
export interface MapView {
  center: [number, number] | null; // [lat, lng]
  zoom: number | null;
  layers: LayerName[];
  labels: boolean;
  selected: { layer: LayerName; id: string } | null;
}

export const DEFAULT_LAYERS: LayerName[] = ['counties', 'villages', 'grids', 'uncovered', 'overlaps'];

export function parseView(params: URLSearchParams): MapView {
  const lat = Number(params.get('lat'));
  const lng = Number(params.get('lng'));
  const z = Number(params.get('z'));
  const hasCenter = params.has('lat') && params.has('lng') && Number.isFinite(lat) && Number.isFinite(lng);
  const layersParam = params.get('layers');
  const layers =
    layersParam === null
      ? DEFAULT_LAYERS
      : (layersParam.split(',').filter((l) => (LAYER_NAMES as readonly string[]).includes(l)) as LayerName[]);
  const sel = params.get('sel');
  let selected: MapView['selected'] = null;
  if (sel) {
    const [layer, id] = sel.split(':');
    if (layer && id && (LAYER_NAMES as readonly string[]).includes(layer)) selected = { layer: layer as LayerName, id };
  }
  return {
    center: hasCenter ? [lat, lng] : null,
    zoom: params.has('z') && Number.isFinite(z) ? z : null,
    layers,
    labels: params.get('labels') !== '0',
    selected,
  };
}

export function writeView(view: MapView, params: URLSearchParams): URLSearchParams {
  const next = new URLSearchParams(params);
  if (view.center) {
    next.set('lat', view.center[0].toFixed(5));
    next.set('lng', view.center[1].toFixed(5));
  }
  if (view.zoom !== null) next.set('z', String(Math.round(view.zoom * 100) / 100));
  next.set('layers', view.layers.join(','));
  if (!view.labels) next.set('labels', '0');
  else next.delete('labels');
  if (view.selected) next.set('sel', `${view.selected.layer}:${view.selected.id}`);
  else next.delete('sel');
  return next;
}
