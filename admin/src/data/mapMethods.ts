/** Data-provider methods of the map page: a clicked shape's figures, neighbours, "locate me", base maps, the change feed. */
import type { FeatureCollection, Geometry } from 'geojson';
import { authFetch } from '../auth/session';
import type { BaseMapInput } from '../generated/graphql';
import type { MapSettings } from '../map/basemaps/basemaps';
import type { Request } from './request';

/** The grids at a point (`gridAt`), smallest first, with their 网格长 and workers. */
export interface HereGrid {
  id: string;
  name: string;
  code: string | null;
  village: { id: string; name: string; township: { name: string } | null } | null;
  leader: { id: string; name: string; phone: string | null } | null;
  workers: { id: string; name: string; phone: string | null; active: boolean }[];
  partyUnit: { name: string } | null;
}

/** One committed change as the server's feed publishes it (GET /api/changes/stream). */
export interface DataChange {
  version: number;
  operations: string[];
  records: { type: string; id: number | null; operation: string }[];
  villageIds: number[];
  allUnits: boolean;
}

export type SelectionLayer = 'grids' | 'villages' | 'counties' | 'townships';

const MAP_SETTINGS_FIELDS =
  'tiandituKey defaultBaseMap baseMaps { id name kind preset url labelUrl subdomains attribution gcj02 maxZoom }';
const FINDINGS = 'findings { id kind severity messageZh messageEn areaM2 }';
const LIST_QUERY = {
  County: 'allCounties',
  Township: 'allTownships',
  Village: 'allVillages',
  Grid: 'allGrids',
} as const;
export type OutlineType = keyof typeof LIST_QUERY;

export function mapMethods(request: Request) {
  const data = async <T>(query: string, variables?: Record<string, unknown>, signal?: AbortSignal) =>
    (await request<T>(query, variables, signal)).data;
  return {
    /** Figures behind a clicked shape (what the layer's properties do not carry). */
    async selectionDetails(layer: SelectionLayer, id: string): Promise<Record<string, any> | null> {
      switch (layer) {
        case 'grids':
          return (
            await data<{ Grid: any }>(
              `query($id: ID!) { Grid(id: $id) { id name code kind households population areaM2 village { id name kind }
            leader { id name phone } workers { id name phone active employment } partyUnit { id name level } ${FINDINGS} } }`,
              { id },
            )
          ).Grid;
        case 'villages':
          return (
            await data<{ Village: any }>(
              `query($id: ID!) { Village(id: $id) { id name code kind households population villagerGroups areaM2
            township { id name } grids { id } partyUnits { id name } coverage { coveredShare uncoveredM2 } } }`,
              { id },
            )
          ).Village;
        case 'counties':
        case 'townships': {
          const type = layer === 'counties' ? 'County' : 'Township';
          const arg = layer === 'counties' ? 'countyId' : 'townshipId';
          const d = await data<Record<string, any>>(
            `query($id: ID!) { ${type}(id: $id) { id name code areaM2 }
            coverage(${arg}: $id) { units fullyCovered coveredShare areaM2 uncoveredM2 households householdsInGrids } }`,
            { id },
          );
          return { ...d[type], coverage: d.coverage };
        }
        default:
          return null;
      }
    },

    /** Shapes of one type around a bounding box (a record page's small map of neighbours). */
    async outlinesNear(
      type: OutlineType,
      bbox: [number, number, number, number],
      signal?: AbortSignal,
    ): Promise<{ id: string; name: string; kind?: string; geometry: Geometry | null }[]> {
      return (
        await data<{ rows: any[] }>(
          `query($bbox: [Float!]) { rows: ${LIST_QUERY[type]}(filter: { bbox: $bbox }, perPage: 60) { id name ${type === 'Village' ? 'kind' : ''} geometry } }`,
          { bbox },
          signal,
        )
      ).rows;
    },

    /** "Locate me": the grids at a point, smallest first. */
    async gridsAt(lng: number, lat: number): Promise<HereGrid[]> {
      return (
        await data<{ gridAt: HereGrid[] }>(
          `query($lng: Float!, $lat: Float!) { gridAt(lng: $lng, lat: $lat) { id name code village { id name township { name } }
          leader { id name phone } workers { id name phone active } partyUnit { name } } }`,
          { lng, lat },
        )
      ).gridAt;
    },

    async mapSettings(): Promise<MapSettings> {
      return (await data<{ mapSettings: MapSettings }>(`{ mapSettings { ${MAP_SETTINGS_FIELDS} } }`)).mapSettings;
    },

    async updateMapSettings(
      baseMaps: BaseMapInput[],
      tiandituKey: string | null,
      defaultBaseMap: string | null,
    ): Promise<MapSettings> {
      return (
        await data<{ updateMapSettings: MapSettings }>(
          `mutation($b: [BaseMapInput!]!, $k: String, $d: String) { updateMapSettings(baseMaps: $b, tiandituKey: $k, defaultBaseMap: $d) { ${MAP_SETTINGS_FIELDS} } }`,
          { b: baseMaps, k: tiandituKey, d: defaultBaseMap },
        )
      ).updateMapSettings;
    },

    /** A page of records for the map layers' GraphQL fallback (map/mapData.ts, when the map API does not answer). */
    async mapLayerRows<T>(query: string, variables: Record<string, unknown>, signal?: AbortSignal): Promise<T> {
      return data<T>(query, variables, signal);
    },

    /** A GeoJSON layer of the map API (GET /api/map/<name>.geojson) with its query parameters. */
    async mapGeoJson(
      name: string,
      params: Record<string, string> = {},
      signal?: AbortSignal,
    ): Promise<FeatureCollection> {
      const q = new URLSearchParams(params).toString();
      const res = await authFetch(`/api/map/${name}.geojson${q ? `?${q}` : ''}`, {
        signal,
        headers: { accept: 'application/geo+json, application/json' },
      });
      if (!res.ok) throw new Error(`${name}: HTTP ${res.status}`);
      return (await res.json()) as FeatureCollection;
    },

    /**
     * Follows the server's change feed (Server-Sent Events, read with fetch so the session's
     * token goes in a header) and calls onChange for every committed change, from any user or
     * server process. Reconnects after a drop, resuming from the last version seen.
     * Returns the function that stops it.
     */
    followChanges(onChange: (c: DataChange) => void): () => void {
      const controller = new AbortController();
      let last: number | null = null;
      const run = async () => {
        while (!controller.signal.aborted) {
          try {
            const res = await authFetch(`/api/changes/stream${last !== null ? `?since=${last}` : ''}`, {
              signal: controller.signal,
              headers: { accept: 'text/event-stream' },
            });
            if (!res.ok || !res.body) throw new Error(`change feed: HTTP ${res.status}`);
            const reader = res.body.getReader();
            const decoder = new TextDecoder();
            let buffer = '';
            for (;;) {
              const { value, done } = await reader.read();
              if (done) break;
              buffer += decoder.decode(value, { stream: true });
              let i: number;
              while ((i = buffer.indexOf('\n\n')) >= 0) {
                const block = buffer.slice(0, i);
                buffer = buffer.slice(i + 2);
                const line = /^data: (.*)$/m.exec(block)?.[1];
                const version = /^: version (\d+)$/m.exec(block)?.[1];
                if (version && last === null) last = Number(version);
                if (!line) continue;
                const change = JSON.parse(line) as DataChange;
                last = change.version;
                onChange(change);
              }
            }
          } catch (e) {
            if ((e as Error).name === 'AbortError') return;
          }
          await new Promise((r) => setTimeout(r, 2000));
        }
      };
      void run();
      return () => controller.abort();
    },
  };
}
