import type { Feature, FeatureCollection, Geometry } from 'geojson';
import { getCapabilities, gql } from '../data/mapFallback';
import { fetchPreloaded } from './preload';

export const LAYER_NAMES = ['counties', 'townships', 'villages', 'grids', 'uncovered', 'overlaps'] as const;
export type LayerName = (typeof LAYER_NAMES)[number];

export type MapFeature = Feature<Geometry, Record<string, any>>;
export type MapCollection = FeatureCollection<Geometry, Record<string, any>>;

/**
 * Where a layer came from: the server's map API, the GraphQL fallback, or nowhere (hidden);
 * `tiles`: drawn from vector tiles, with no GeoJSON loaded (outside the detail area);
 * `deferred`: not loaded until it is shown (townships).
 */
export type LayerSource = 'api' | 'fallback' | 'missing' | 'tiles' | 'deferred';

export interface LoadedLayer {
  name: LayerName;
  source: LayerSource;
  data: MapCollection | null;
  error?: string;
}

/** Simplification tolerance (metres) asked of the server per layer: the whole city fits on one screen. */
export const TOLERANCE: Record<LayerName, number> = {
  counties: 100,
  townships: 50,
  villages: 10,
  grids: 2,
  uncovered: 2,
  overlaps: 1,
};

/**
 * One layer: GET /api/map/<name>.geojson (gzip, ETag), else, while that API is not
 * there yet, the same features built from GraphQL (records only, no coverage figures).
 * With a bbox ([west, south, east, north]), only the features that reach into it.
 */
export async function loadLayer(
  name: LayerName,
  signal?: AbortSignal,
  bbox?: [number, number, number, number],
): Promise<LoadedLayer> {
  try {
    const area = bbox ? `&bbox=${bbox.map((n) => n.toFixed(6)).join(',')}` : '';
    const res = await fetchPreloaded(`/api/map/${name}.geojson?tolerance=${TOLERANCE[name]}${area}`, {
      signal,
      headers: { accept: 'application/geo+json, application/json' },
    });
    if (res.ok && (res.headers.get('content-type') ?? '').includes('json')) {
      const data = (await res.json()) as MapCollection;
      for (const f of data.features) if (f.id === undefined && f.properties?.id !== undefined) f.id = f.properties.id;
      return { name, source: 'api', data };
    }
  } catch (e) {
    if ((e as Error).name === 'AbortError') throw e;
  }
  const fallback = FALLBACK[name];
  if (!fallback) return { name, source: 'missing', data: null };
  try {
    return { name, source: 'fallback', data: await fallback(signal) };
  } catch (e) {
    if ((e as Error).name === 'AbortError') throw e;
    return { name, source: 'missing', data: null, error: (e as Error).message };
  }
}

const collection = (features: MapFeature[]): MapCollection => ({ type: 'FeatureCollection', features });

async function allPages<T>(field: string, selection: string, signal?: AbortSignal): Promise<T[]> {
  const out: T[] = [];
  const perPage = 1000;
  for (let page = 0; ; page++) {
    const data = await gql<Record<string, T[]>>(
      `query($page: Int, $perPage: Int) { ${field}(page: $page, perPage: $perPage, sortField: "id", sortOrder: "ASC") { ${selection} } }`,
      { page, perPage },
      signal,
    );
    const rows = data[field] ?? [];
    out.push(...rows);
    if (rows.length < perPage) return out;
  }
}

const toFeature = (row: any, properties: Record<string, any>): MapFeature | null =>
  row.geometry
    ? { type: 'Feature', id: row.id, geometry: row.geometry, properties: { id: row.id, ...properties } }
    : null;

const FALLBACK: Partial<Record<LayerName, (signal?: AbortSignal) => Promise<MapCollection>>> = {
  async counties(signal) {
    const rows = await allPages<any>('allCounties', 'id code name geometry', signal);
    return collection(
      rows.map((r) => toFeature(r, { code: r.code, name: r.name, coveredShare: null })).filter(Boolean) as MapFeature[],
    );
  },
  async townships(signal) {
    const rows = await allPages<any>('allTownships', 'id code name countyId geometry', signal);
    return collection(
      rows
        .map((r) => toFeature(r, { code: r.code, name: r.name, countyId: r.countyId, coveredShare: null }))
        .filter(Boolean) as MapFeature[],
    );
  },
  async villages(signal) {
    const caps = getCapabilities();
    const coverage = caps.has('Village', 'coverage') ? 'coverage { coveredShare uncoveredM2 }' : '';
    const rows = await allPages<any>(
      'allVillages',
      `id code name kind townshipId households geometry township { countyId } ${coverage}`,
      signal,
    );
    return collection(
      rows
        .map((r) =>
          toFeature(r, {
            code: r.code,
            name: r.name,
            kind: r.kind,
            townshipId: r.townshipId,
            countyId: r.township?.countyId,
            households: r.households,
            coveredShare: r.coverage?.coveredShare ?? null,
            uncoveredM2: r.coverage?.uncoveredM2 ?? null,
            findings: null,
          }),
        )
        .filter(Boolean) as MapFeature[],
    );
  },
  async grids(signal) {
    const caps = getCapabilities();
    const findings = caps.has('Grid', 'findings') ? 'findings { severity }' : '';
    const rows = await allPages<any>(
      'allGrids',
      `id code name kind villageId households geometry workerIds partyUnit { name } ${findings}`,
      signal,
    );
    const rank = ['CRITICAL', 'WARNING', 'NOTICE'];
    return collection(
      rows
        .map((r) => {
          const severities: string[] = (r.findings ?? []).map((f: any) => f.severity);
          const severity = rank.find((s) => severities.includes(s)) ?? null;
          return toFeature(r, {
            code: r.code,
            name: r.name,
            kind: r.kind,
            villageId: r.villageId,
            households: r.households,
            workers: r.workerIds?.length ?? 0,
            partyUnit: r.partyUnit?.name ?? null,
            severity,
          });
        })
        .filter(Boolean) as MapFeature[],
    );
  },
};
