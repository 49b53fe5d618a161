import { authFetch } from '../auth/session';
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
}

/**
 * The map's server calls beyond GraphQL: vector tiles and their TileJSON, with the session's
 * token (tiles need a signed-in user). Merged into the dataProvider (dataProvider.ts), so the map
 * reaches them with useDataProvider() like every other call.
 */
export const mapMethods = {
  /** GET /tiles/{layer}.json */
  async mapTileInfo(layer: TileLayerName, signal?: AbortSignal): Promise<TileInfo> {
    const res = await authFetch(`/tiles/${layer}.json`, { signal, headers: { accept: 'application/json' } });
    if (!res.ok) throw new Error(`tiles ${layer}: HTTP ${res.status}`);
    const j = (await res.json()) as { dataVersion: number; minzoom: number; maxzoom: number };
    return { dataVersion: Number(j.dataVersion), minzoom: j.minzoom, maxzoom: j.maxzoom };
  },
  /**
   * One Mapbox vector tile, or null when the tile is empty (204) or cannot be had. `version` goes
   * into the URL: a tile of a data version never changes, so the browser may keep it.
   */
  async mapTile(
    layer: TileLayerName,
    z: number,
    x: number,
    y: number,
    version: number,
    signal?: AbortSignal,
  ): Promise<ArrayBuffer | null> {
    const res = await authFetch(`/tiles/${layer}/${z}/${x}/${y}.mvt?v=${version}`, { signal });
    if (res.status === 204 || !res.ok) return null;
    return res.arrayBuffer();
  },
};

export type MapMethods = typeof mapMethods;
