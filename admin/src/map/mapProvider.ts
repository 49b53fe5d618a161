import { authFetch } from '../auth/session';
import { fetchPreloaded } from './preload';
import type { LayerName } from './mapData';

/** The layers the admin map draws from vector tiles at overview zooms (/tiles/{layer}/{z}/{x}/{y}.mvt). */
export const TILE_LAYERS = ['villages', 'grids', 'uncovered', 'overlaps'] as const satisfies readonly LayerName[];
export type TileLayerName = (typeof TILE_LAYERS)[number];
export const isTileLayer = (name: LayerName): name is TileLayerName =>
  (TILE_LAYERS as readonly string[]).includes(name);

/** What the map needs of a tile layer's TileJSON. */
export interface TileInfo {
  /** The data version the tile URLs carry (tiles of a version may be cached for a day). */
  dataVersion: number;
  minzoom: number;
  maxzoom: number;
  /** The layer's extent [west, south, east, north] in WGS 84; null when it has no feature. */
  bounds: [number, number, number, number] | null;
}

/**
 * The map's server calls beyond GraphQL: vector tiles and their TileJSON, with the session's
 * token (tiles need a signed-in user). Merged into the dataProvider (dataProvider.ts), so the map
 * reaches them with useDataProvider() like every other call.
 */
export const mapMethods = {
  /** GET /tiles/{layer}.json */
  async mapTileInfo(layer: LayerName, signal?: AbortSignal): Promise<TileInfo> {
    const res = await fetchPreloaded(`/tiles/${layer}.json`, { signal, headers: { accept: 'application/json' } });
    if (!res.ok) throw new Error(`tiles ${layer}: HTTP ${res.status}`);
    const j = (await res.json()) as { dataVersion: number; minzoom: number; maxzoom: number; bounds?: number[] };
    const b = j.bounds;
    // An empty layer's TileJSON carries the whole world.
    const bounds =
      b?.length === 4 && b[2]! - b[0]! < 180 ? ([b[0], b[1], b[2], b[3]] as [number, number, number, number]) : null;
    return { dataVersion: Number(j.dataVersion), minzoom: j.minzoom, maxzoom: j.maxzoom, bounds };
  },
  /**
   * One Mapbox vector tile, or null when the tile is empty (204) or cannot be had. `version` goes
   * into the URL: a tile of a data version never changes, so the browser may keep it.
   * The layers' requests for the same tile made in one go (the map's tile layers update together)
   * travel as one request for all of them (/tiles/villages,uncovered/z/x/y.mvt): every layer gets
   * the joined tile and reads its own layer from it.
   */
  mapTile(layer: TileLayerName, z: number, x: number, y: number, version: number): Promise<ArrayBuffer | null> {
    const key = `${z}/${x}/${y}.mvt?v=${version}`;
    let batch = batches.get(key);
    if (!batch) {
      const b: Batch = { layers: new Set(), result: null! };
      b.result = new Promise((resolve) => {
        // After the other layers of this update asked too.
        setTimeout(() => {
          batches.delete(key);
          const names = TILE_LAYERS.filter((n) => b.layers.has(n)).join(',');
          authFetch(`/tiles/${names}/${key}`)
            .then((res) => (res.status === 204 || !res.ok ? null : res.arrayBuffer()))
            .then(resolve, () => resolve(null));
        }, 0);
      });
      batches.set(key, b);
      batch = b;
    }
    batch.layers.add(layer);
    return batch.result;
  },
};

/** Tile requests being gathered, by z/x/y and version. */
interface Batch {
  layers: Set<TileLayerName>;
  result: Promise<ArrayBuffer | null>;
}
const batches = new Map<string, Batch>();

export type MapMethods = typeof mapMethods;
