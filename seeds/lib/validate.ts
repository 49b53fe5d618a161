/**
 * Validation of the seed's input files, all of them, before anything is written or
 * truncated: every problem is reported as `file:line: reason` and the seed stops with
 * the database as it was. The registry must be the Wuzhong extract it claims to be
 * (5 counties, 50 townships and streets, 600 villages and communities, every parent
 * present), and the county polygons valid GeoJSON inside Wuzhong.
 */
import { readFileSync } from 'node:fs';
import type { CountyRow, Registry, TownshipRow, UnitRow } from './registry';

/** The registry the committed extract holds (seeds/data/README.md). */
export const REGISTRY_SIZE = { counties: 5, townships: 50, units: 600 } as const;
const EXTENT = { minLng: 103.5, minLat: 35.8, maxLng: 108.5, maxLat: 39.1 }; // Wuzhong with a margin
const MAX_PROBLEMS = 20;

export class SeedInputError extends Error {
  constructor(public readonly problems: string[]) {
    super(
      `The seed's input files are not valid; nothing was changed:\n  ${problems.slice(0, MAX_PROBLEMS).join('\n  ')}${problems.length > MAX_PROBLEMS ? `\n  … and ${problems.length - MAX_PROBLEMS} more` : ''}`,
    );
    this.name = 'SeedInputError';
  }
}

interface CsvSpec {
  file: string;
  columns: readonly string[];
}

const SPECS = {
  counties: { file: 'counties.csv', columns: ['code', 'name'] },
  townships: { file: 'townships.csv', columns: ['code', 'name', 'countyCode', 'kind'] },
  units: { file: 'villages.csv', columns: ['code', 'name', 'townshipCode', 'kind', 'source_kind'] },
} as const satisfies Record<string, CsvSpec>;

const TOWNSHIP_KINDS = new Set(['TOWN', 'TOWNSHIP', 'STREET', 'OTHER']);
const UNIT_KINDS = new Set(['VILLAGE', 'COMMUNITY']);

function read(dir: URL, file: string, problems: string[]): string | null {
  try {
    return readFileSync(new URL(file, dir), 'utf8').replace(/^\uFEFF/, '');
  } catch (e) {
    problems.push(`${file}: cannot be read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
    return null;
  }
}

/** Rows of a CSV file with their line numbers; every line must have exactly the header's cells. */
function csv(dir: URL, spec: CsvSpec, problems: string[]): { line: number; row: Record<string, string> }[] {
  const text = read(dir, spec.file, problems);
  if (text === null) return [];
  if (text.includes('\u0000') || /[\uFFFD]/.test(text))
    problems.push(`${spec.file}: holds binary data or is not UTF-8`);
  const lines = text.split(/\r?\n/);
  if (lines.at(-1) === '') lines.pop();
  if (!lines.length) {
    problems.push(`${spec.file}:1: the file is empty (expected the header ${spec.columns.join(',')})`);
    return [];
  }
  const header = lines[0]!.split(',');
  if (header.join(',') !== spec.columns.join(',')) {
    problems.push(`${spec.file}:1: the header is "${lines[0]!.slice(0, 80)}"; expected "${spec.columns.join(',')}"`);
    return [];
  }
  const out: { line: number; row: Record<string, string> }[] = [];
  lines.slice(1).forEach((l, i) => {
    const line = i + 2;
    const cells = l.split(',');
    if (cells.length !== header.length) {
      problems.push(
        `${spec.file}:${line}: ${cells.length} cells; expected ${header.length} (${spec.columns.join(',')})`,
      );
      return;
    }
    const row = Object.fromEntries(header.map((c, j) => [c, cells[j]!.trim()]));
    for (const c of header) if (!row[c]) problems.push(`${spec.file}:${line}: ${c} is empty`);
    out.push({ line, row });
  });
  return out;
}

function checkRing(ring: unknown, where: string, problems: string[]): void {
  if (!Array.isArray(ring) || ring.length < 4) {
    problems.push(`${where}: a ring needs at least 4 positions`);
    return;
  }
  for (const p of ring) {
    if (!Array.isArray(p) || p.length < 2 || !p.every((n) => typeof n === 'number' && Number.isFinite(n))) {
      problems.push(`${where}: a position is not [lng, lat] numbers`);
      return;
    }
    const [lng, lat] = p as number[];
    if (lng! < EXTENT.minLng || lng! > EXTENT.maxLng || lat! < EXTENT.minLat || lat! > EXTENT.maxLat) {
      problems.push(`${where}: position [${lng}, ${lat}] lies outside Wuzhong`);
      return;
    }
  }
  const a = ring[0] as number[];
  const b = ring[ring.length - 1] as number[];
  if (a[0] !== b[0] || a[1] !== b[1]) problems.push(`${where}: the ring is not closed`);
}

/** The line of a character offset, for JSON parse errors. */
const lineAt = (text: string, offset: number) => text.slice(0, offset).split('\n').length;

/**
 * Reads and checks every input file of the seed (in `dir`); returns the registry, or throws
 * SeedInputError listing every problem found, each with its file and line.
 */
export function validateRegistry(dir: URL): Registry {
  const problems: string[] = [];
  const counties = csv(dir, SPECS.counties, problems);
  const townships = csv(dir, SPECS.townships, problems);
  const units = csv(dir, SPECS.units, problems);

  const unique = (file: string, rows: { line: number; row: Record<string, string> }[]) => {
    const seen = new Map<string, number>();
    for (const { line, row } of rows) {
      const first = seen.get(row.code!);
      if (first) problems.push(`${file}:${line}: code ${row.code} is already on line ${first}`);
      else seen.set(row.code!, line);
    }
    return seen;
  };
  const countyCodes = unique(SPECS.counties.file, counties);
  const townshipCodes = unique(SPECS.townships.file, townships);
  unique(SPECS.units.file, units);

  for (const { line, row } of counties) {
    if (!/^6403\d\d$/.test(row.code!))
      problems.push(`${SPECS.counties.file}:${line}: code ${row.code} is not a Wuzhong county code (6403xx)`);
  }
  for (const { line, row } of townships) {
    if (!/^\d{9}$/.test(row.code!))
      problems.push(`${SPECS.townships.file}:${line}: code ${row.code} is not a 9-digit township code`);
    if (!countyCodes.has(row.countyCode!))
      problems.push(`${SPECS.townships.file}:${line}: county ${row.countyCode} is not in ${SPECS.counties.file}`);
    else if (!row.code!.startsWith(row.countyCode!))
      problems.push(
        `${SPECS.townships.file}:${line}: code ${row.code} does not start with its county's ${row.countyCode}`,
      );
    if (!TOWNSHIP_KINDS.has(row.kind!))
      problems.push(
        `${SPECS.townships.file}:${line}: kind ${row.kind} is not one of ${[...TOWNSHIP_KINDS].join(', ')}`,
      );
  }
  for (const { line, row } of units) {
    if (!/^\d{12}$/.test(row.code!))
      problems.push(`${SPECS.units.file}:${line}: code ${row.code} is not a 12-digit unit code`);
    if (!townshipCodes.has(row.townshipCode!))
      problems.push(`${SPECS.units.file}:${line}: township ${row.townshipCode} is not in ${SPECS.townships.file}`);
    else if (!row.code!.startsWith(row.townshipCode!))
      problems.push(
        `${SPECS.units.file}:${line}: code ${row.code} does not start with its township's ${row.townshipCode}`,
      );
    if (!UNIT_KINDS.has(row.kind!))
      problems.push(`${SPECS.units.file}:${line}: kind ${row.kind} is not one of ${[...UNIT_KINDS].join(', ')}`);
  }
  for (const [file, rows] of [
    [SPECS.counties.file, counties],
    [SPECS.townships.file, townships],
    [SPECS.units.file, units],
  ] as const) {
    for (const { line, row } of rows)
      if (row.name && row.name.length > 200) problems.push(`${file}:${line}: the name is longer than 200 characters`);
  }
  // The extract must be whole: a truncated file still parses, but is not Wuzhong.
  const sizes = { counties: counties.length, townships: townships.length, units: units.length };
  for (const [k, expected] of Object.entries(REGISTRY_SIZE) as [keyof typeof REGISTRY_SIZE, number][]) {
    const spec = SPECS[k];
    if (sizes[k] !== expected)
      problems.push(
        `${spec.file}:${sizes[k] + 2}: ${sizes[k]} rows; the Wuzhong extract has ${expected} (is the file cut short?)`,
      );
  }
  for (const code of countyCodes.keys()) {
    if (!townships.some((t) => t.row.countyCode === code))
      problems.push(`${SPECS.counties.file}:${countyCodes.get(code)}: county ${code} has no township`);
  }
  for (const code of townshipCodes.keys()) {
    if (!units.some((u) => u.row.townshipCode === code))
      problems.push(`${SPECS.townships.file}:${townshipCodes.get(code)}: township ${code} has no village or community`);
  }

  // County polygons.
  const geomByCode = new Map<string, CountyRow['geometry']>();
  const text = read(dir, 'counties.geojson', problems);
  if (text !== null) {
    let doc: any;
    try {
      doc = JSON.parse(text);
    } catch (e) {
      const at = /position (\d+)/.exec((e as Error).message);
      problems.push(
        `counties.geojson:${at ? lineAt(text, Number(at[1])) : '?'}: not valid JSON (${(e as Error).message.slice(0, 100)})`,
      );
    }
    if (doc !== undefined) {
      if (doc?.type !== 'FeatureCollection' || !Array.isArray(doc.features))
        problems.push('counties.geojson:1: not a GeoJSON FeatureCollection with a features array');
      else {
        doc.features.forEach((f: any, i: number) => {
          const where = `counties.geojson: feature ${i}${f?.properties?.code ? ` (${f.properties.code})` : ''}`;
          const code = f?.properties?.code;
          if (typeof code !== 'string') return problems.push(`${where}: properties.code is missing`);
          const g = f.geometry;
          if (
            !g ||
            (g.type !== 'Polygon' && g.type !== 'MultiPolygon') ||
            !Array.isArray(g.coordinates) ||
            !g.coordinates.length
          ) {
            return problems.push(`${where}: the geometry is not a non-empty Polygon or MultiPolygon`);
          }
          const polygons = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
          for (const polygon of polygons) {
            if (!Array.isArray(polygon) || !polygon.length) problems.push(`${where}: an empty polygon`);
            else for (const ring of polygon) checkRing(ring, where, problems);
          }
          geomByCode.set(code, g);
        });
      }
    }
  }
  for (const { line, row } of counties) {
    if (text !== null && !geomByCode.has(row.code!))
      problems.push(`${SPECS.counties.file}:${line}: county ${row.code} has no polygon in counties.geojson`);
  }
  if (problems.length) throw new SeedInputError(problems);

  return {
    counties: counties.map(({ row }) => ({ code: row.code!, name: row.name!, geometry: geomByCode.get(row.code!)! })),
    townships: townships.map(({ row }) => ({
      code: row.code!,
      name: row.name!,
      countyCode: row.countyCode!,
      kind: row.kind as TownshipRow['kind'],
    })),
    units: units.map(({ row }) => ({
      code: row.code!,
      name: row.name!,
      townshipCode: row.townshipCode!,
      kind: row.kind as UnitRow['kind'],
      sourceKind: row.source_kind!,
    })),
  };
}
