/** The committed Wuzhong extract (seeds/data/): counties, townships, village-level units and county polygons. */
import { readFileSync } from 'node:fs';

export interface CountyRow { code: string; name: string; geometry: { type: string; coordinates: number[][][] } }
export interface TownshipRow { code: string; name: string; countyCode: string; kind: 'TOWN' | 'TOWNSHIP' | 'STREET' | 'OTHER' }
export interface UnitRow { code: string; name: string; townshipCode: string; kind: 'VILLAGE' | 'COMMUNITY'; sourceKind: string }

export interface Registry {
  counties: CountyRow[];
  townships: TownshipRow[];
  units: UnitRow[];
}

const DATA = new URL('../data/', import.meta.url);

function csv(file: string): Record<string, string>[] {
  const [head, ...lines] = readFileSync(new URL(file, DATA), 'utf8').trim().split('\n');
  const cols = head!.split(',');
  return lines.map((l) => {
    const cells = l.split(',');
    return Object.fromEntries(cols.map((c, i) => [c, cells[i] ?? '']));
  });
}

let cached: Registry | undefined;
export function loadRegistry(): Registry {
  if (cached) return cached;
  const geo = JSON.parse(readFileSync(new URL('counties.geojson', DATA), 'utf8')) as {
    features: { properties: { code: string; name: string }; geometry: CountyRow['geometry'] }[];
  };
  const geomByCode = new Map(geo.features.map((f) => [f.properties.code, f.geometry]));
  const counties = csv('counties.csv').map((r) => {
    const geometry = geomByCode.get(r.code!);
    if (!geometry) throw new Error(`counties.geojson has no polygon for county ${r.code}`);
    return { code: r.code!, name: r.name!, geometry };
  });
  const townships = csv('townships.csv').map((r) => ({ code: r.code!, name: r.name!, countyCode: r.countyCode!, kind: r.kind as TownshipRow['kind'] }));
  const units = csv('villages.csv').map((r) => ({
    code: r.code!, name: r.name!, townshipCode: r.townshipCode!, kind: r.kind as UnitRow['kind'], sourceKind: r.source_kind!,
  }));
  cached = { counties, townships, units };
  return cached;
}

/** A unit's name without the committee suffix: 西门村委会 → 西门村, 金丰社区居委会 → 金丰社区. */
export function shortName(name: string): string {
  return name
    .replace(/(社区居民委员会|社区居委会)$/, '社区')
    .replace(/(居民委员会|居委会)$/, '社区')
    .replace(/(村民委员会|村委会)$/, '村');
}
