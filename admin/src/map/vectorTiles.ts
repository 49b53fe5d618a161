/**
 * The map's vector-tile layers: Leaflet.VectorGrid drawing Mapbox vector tiles from /tiles on
 * per-tile canvases (with our hatching), fetched through the data provider (the session's token),
 * plus what VectorGrid lacks for our map: finding the feature under a point (hover and click,
 * done by the map for every layer so stacked tile layers never swallow each other's events),
 * hiding the features drawn as GeoJSON instead (the editable detail), and refetching only the
 * tiles that hold touched units after a change.
 */
import L from 'leaflet';
import 'leaflet.vectorgrid';
import Pbf from 'pbf';
import { VectorTile } from 'vector-tile';
import type { MapFeature } from './mapData';
import type { TileLayerName } from './mapProvider';
import { HatchCanvas } from './style';

type FetchTile = (
  layer: TileLayerName,
  z: number,
  x: number,
  y: number,
  version: number,
) => Promise<ArrayBuffer | null>;

/** A feature found in a tile: its id and the properties the tile carries. */
export interface TileHit {
  id: string;
  feature: MapFeature;
}

const V = L as any;

/** Leaflet's canvas tile renderer with the map's hatching (style.ts). */
const HatchCanvasTile = V.Canvas.Tile.extend({ _fillStroke: (HatchCanvas.prototype as any)._fillStroke });
const hatchCanvasTile = (coords: L.Coords, size: L.Point, options: object) =>
  new HatchCanvasTile(coords, size, options);

const HIDDEN: L.PathOptions = { stroke: false, fill: false };

export interface VectorTileLayerOptions {
  layer: TileLayerName;
  fetchTile: FetchTile;
  version: number;
  /** The layer's style for a feature (layers.ts), from its properties. */
  style(properties: Record<string, any>): L.PathOptions;
  minZoom?: number;
  /** Above it the layer is not drawn (the map has the features as GeoJSON there). */
  maxZoom?: number;
  pane?: string;
  /** Where the layer has data at all: no tile outside is asked for. */
  bounds?: L.LatLngBounds;
}

export interface VectorTileLayer extends L.GridLayer {
  readonly layerName: TileLayerName;
  /** The topmost feature of this layer at a point, or null. */
  featureAt(latlng: L.LatLng): TileHit | null;
  /** A feature as the tiles in view carry it (properties, no geometry), or null. */
  featureById(id: string): MapFeature | null;
  /** The layer's style of a feature in view. */
  baseStyle(id: string): L.PathOptions;
  /** Restyles one feature in every tile it is in (null: back to its layer style). */
  styleFeature(id: string, style: L.PathOptions | null): void;
  /** Features drawn elsewhere (as GeoJSON): not drawn nor hit in the tiles. */
  setHidden(ids: Set<string>): void;
  /** The bounds of a feature, from the tiles in view that hold it. */
  boundsOf(id: string): L.LatLngBounds | null;
  /** The ids of the features in the tiles loaded (hidden ones too). */
  featureIds(): Set<string>;
  /** Tile keys (x:y:z) in which any of these ids is drawn. */
  tilesWith(ids: Set<string>): string[];
  /** Fetches these tiles again (all of them when keys is null) at a new data version. */
  refresh(version: number, keys: string[] | null): void;
  /** Resolves when the tiles in view have loaded. */
  whenLoaded(): Promise<void>;
}

export function vectorTileLayer(o: VectorTileLayerOptions): VectorTileLayer {
  const Layer = V.VectorGrid.extend({
    _getVectorTilePromise(this: any, coords: L.Coords) {
      return o.fetchTile(o.layer, coords.z, coords.x, coords.y, this._version).then(
        (buf) => {
          if (!buf) return { layers: {} };
          // The tile may hold other layers too (joined requests): only this layer's features are read.
          const l = new VectorTile(new Pbf(buf)).layers[o.layer];
          if (!l) return { layers: {} };
          // As VectorGrid.Protobuf: features with their geometry loaded.
          const features = [];
          for (let i = 0; i < l.length; i++) {
            const f = l.feature(i);
            f.geometry = f.loadGeometry();
            features.push(f);
          }
          l.features = features;
          return { layers: { [o.layer]: l } };
        },
        () => ({ layers: {} }),
      );
    },
  });
  const hidden = { ids: new Set<string>() };
  const overrides = new Map<string, L.PathOptions>();
  const layer = new Layer({
    rendererFactory: hatchCanvasTile,
    interactive: false,
    // VectorGrid starts from L.Path's options (no fill): polygons are filled as L.Polygon's are.
    vectorTileLayerStyles: { [o.layer]: (p: Record<string, any>) => ({ fill: true, ...o.style(p) }) },
    getFeatureId: (f: any) => String(f.properties?.id ?? f.id),
    minZoom: o.minZoom ?? 0,
    maxZoom: o.maxZoom ?? 22,
    maxNativeZoom: 22,
    pane: o.pane ?? 'overlayPane',
    updateWhenZooming: false,
    keepBuffer: 1,
    ...(o.bounds ? { bounds: o.bounds } : {}),
  });
  layer._version = o.version;
  layer.layerName = o.layer;

  const tileZoom = () => layer._tileZoom as number | undefined;
  const restyle = (id: string) => {
    const s = hidden.ids.has(id) ? HIDDEN : overrides.get(id);
    if (s) layer.setFeatureStyle(id, s);
    else layer.resetFeatureStyle(id);
  };

  layer.featureAt = (latlng: L.LatLng): TileHit | null => {
    const map = layer._map as L.Map | undefined;
    const z = tileZoom();
    if (!map || z === undefined || !layer._vectorTiles) return null;
    const size = layer.getTileSize() as L.Point;
    const p = map.project(latlng, z);
    const coords = L.point(Math.floor(p.x / size.x), Math.floor(p.y / size.y)) as L.Point & { z?: number };
    coords.z = z;
    const renderer = layer._vectorTiles[layer._tileCoordsToKey(coords)];
    if (!renderer?._features) return null;
    const local = p.subtract(L.point(coords.x * size.x, coords.y * size.y));
    let found: TileHit | null = null;
    // Last drawn is on top.
    for (const id of Object.keys(renderer._features)) {
      if (hidden.ids.has(id)) continue;
      const f = renderer._features[id].feature;
      f._pxBounds ??= f._getPixelBounds();
      if (f._containsPoint(local)) found = { id, feature: asFeature(id, f.properties ?? {}) };
    }
    return found;
  };

  const propertiesOf = (id: string): Record<string, any> | null => {
    for (const renderer of Object.values<any>(layer._vectorTiles ?? {})) {
      const f = renderer._features?.[id]?.feature;
      if (f) return f.properties ?? {};
    }
    return null;
  };
  const asFeature = (id: string, p: Record<string, any>): MapFeature => ({
    type: 'Feature',
    id,
    geometry: null as any,
    properties: { ...p, id: p.id ?? Number(id) },
  });
  layer.featureById = (id: string) => {
    const p = propertiesOf(id);
    return p ? asFeature(id, p) : null;
  };
  layer.baseStyle = (id: string) => ({ fill: true, ...o.style(propertiesOf(id) ?? {}) });

  layer.styleFeature = (id: string, style: L.PathOptions | null) => {
    if (style) overrides.set(id, style);
    else overrides.delete(id);
    restyle(id);
  };

  layer.setHidden = (ids: Set<string>) => {
    const before = hidden.ids;
    hidden.ids = ids;
    for (const id of before) if (!ids.has(id)) restyle(id);
    for (const id of ids) if (!before.has(id)) restyle(id);
  };

  layer.boundsOf = (id: string): L.LatLngBounds | null => {
    const map = layer._map as L.Map | undefined;
    if (!map || !layer._vectorTiles) return null;
    let b: L.LatLngBounds | null = null;
    const size = layer.getTileSize() as L.Point;
    for (const key of Object.keys(layer._vectorTiles)) {
      const renderer = layer._vectorTiles[key];
      const f = renderer._features?.[id]?.feature;
      if (!f) continue;
      const [x, y, z] = key.split(':').map(Number) as [number, number, number];
      const origin = L.point(x * size.x, y * size.y);
      for (const part of f._parts as L.Point[][]) {
        for (const pt of part) {
          const ll = map.unproject(origin.add(pt), z);
          b = b ? b.extend(ll) : L.latLngBounds(ll, ll);
        }
      }
    }
    return b;
  };

  layer.featureIds = () => {
    const ids = new Set<string>();
    for (const renderer of Object.values<any>(layer._vectorTiles ?? {}))
      for (const id of Object.keys(renderer._features ?? {})) ids.add(id);
    return ids;
  };

  layer.tilesWith = (ids: Set<string>): string[] => {
    if (!layer._vectorTiles) return [];
    return Object.keys(layer._vectorTiles).filter((key) => {
      const features = layer._vectorTiles[key]._features ?? {};
      for (const id of ids) if (features[id]) return true;
      return false;
    });
  };

  layer.refresh = (version: number, keys: string[] | null) => {
    layer._version = version;
    if (!layer._map) return;
    if (keys === null) {
      layer.redraw();
      return;
    }
    // Remove just those tiles; GridLayer's update adds what is missing in view again.
    for (const key of keys) if (layer._tiles?.[key]) layer._removeTile(key);
    layer._update();
  };

  layer.whenLoaded = () =>
    new Promise<void>((resolve) => {
      // Tiles are made when the layer is added: none left loading (or none at this zoom) is loaded.
      if (!layer._map || layer._noTilesToLoad()) resolve();
      else layer.once('load', () => resolve());
    });

  // VectorGrid keeps a renderer per tile for restyling; drop a tile's renderer when Leaflet drops the tile.
  return layer as VectorTileLayer;
}
