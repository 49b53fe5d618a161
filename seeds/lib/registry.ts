/** The committed Wuzhong extract (seeds/data/): counties, townships, village-level units and county polygons. */
import { validateRegistry } from './validate';

export interface CountyRow {
  code: string;
  name: string;
  geometry: { type: string; coordinates: number[][][] };
}
export interface TownshipRow {
  code: string;
  name: string;
  countyCode: string;
  kind: 'TOWN' | 'TOWNSHIP' | 'STREET' | 'OTHER';
}
export interface UnitRow {
  code: string;
  name: string;
  townshipCode: string;
  kind: 'VILLAGE' | 'COMMUNITY';
  sourceKind: string;
}

export interface Registry {
  counties: CountyRow[];
  townships: TownshipRow[];
  units: UnitRow[];
}

export const DATA = new URL('../data/', import.meta.url);

const cached = new Map<string, Registry>();
/**
 * The registry of the input files in `dir` (seeds/data/ by default), every file validated first:
 * a damaged file throws SeedInputError naming the file and line, before anything is written.
 */
export function loadRegistry(dir: URL = DATA): Registry {
  let registry = cached.get(dir.href);
  if (!registry) {
    registry = validateRegistry(dir);
    cached.set(dir.href, registry);
  }
  return registry;
}

/** A unit's name without the committee suffix: 西门村委会 → 西门村, 金丰社区居委会 → 金丰社区. */
export function shortName(name: string): string {
  return name
    .replace(/(社区居民委员会|社区居委会)$/, '社区')
    .replace(/(居民委员会|居委会)$/, '社区')
    .replace(/(村民委员会|村委会)$/, '村');
}
