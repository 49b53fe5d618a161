/**
 * GDAL as the engine for every GIS format and every projection: a thin wrapper around
 * `ogrinfo` and `ogr2ogr` (Debian's gdal-bin). Always argument arrays (no shell), with a
 * time limit and a limit on what a command may print.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';

export const GDAL_BIN = process.env.GDAL_BIN ?? '/usr/bin';

export interface RunOptions {
  timeoutMs?: number;
  /** Largest stdout kept in memory (bytes). */
  maxBytes?: number;
  config?: Record<string, string>;
}

export class GdalError extends Error {
  constructor(
    message: string,
    readonly stderr = '',
  ) {
    super(message);
  }
}

const configArgs = (config: Record<string, string> = {}) =>
  Object.entries(config).flatMap(([k, v]) => ['--config', k, v]);

/** Runs a GDAL program and returns its stdout as a Buffer. */
export function runGdal(
  program: 'ogrinfo' | 'ogr2ogr' | 'gdalsrsinfo',
  args: string[],
  options: RunOptions = {},
): Promise<{ stdout: Buffer; stderr: string }> {
  const { timeoutMs = 120_000, maxBytes = 64 * 1024 * 1024 } = options;
  return new Promise((resolve, reject) => {
    const child = spawn(path.join(GDAL_BIN, program), [...configArgs(options.config), ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const chunks: Buffer[] = [];
    let size = 0;
    let stderr = '';
    let failed: Error | null = null;
    const timer = setTimeout(() => {
      failed = new GdalError(`${program} took longer than ${Math.round(timeoutMs / 1000)} s and was stopped.`);
      child.kill('SIGKILL');
    }, timeoutMs);
    child.stdout.on('data', (c: Buffer) => {
      size += c.length;
      if (size > maxBytes) {
        failed ??= new GdalError(`${program} printed more than ${maxBytes} bytes and was stopped.`);
        child.kill('SIGKILL');
      } else chunks.push(c);
    });
    child.stderr.on('data', (c: Buffer) => {
      if (stderr.length < 20_000) stderr += c.toString('utf8');
    });
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(new GdalError(`${program} could not be started (${e.message}); install Debian's gdal-bin.`));
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      if (failed) reject(failed);
      else if (code !== 0) reject(new GdalError(cleanStderr(stderr) || `${program} failed (exit ${code}).`, stderr));
      else resolve({ stdout: Buffer.concat(chunks), stderr });
    });
  });
}

/**
 * Streams `ogr2ogr -f GeoJSONSeq /vsistdout/ …`: one feature per line, handed to `onLine`
 * as raw bytes (the caller decides how to decode: a bad encoding guess is seen here).
 */
export function streamFeatures(
  args: string[],
  onLine: (line: Buffer) => void,
  options: RunOptions = {},
): Promise<{ stderr: string }> {
  const { timeoutMs = 300_000 } = options;
  return new Promise((resolve, reject) => {
    const child = spawn(
      path.join(GDAL_BIN, 'ogr2ogr'),
      [...configArgs(options.config), '-f', 'GeoJSONSeq', '/vsistdout/', ...args],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let stderr = '';
    let failed: Error | null = null;
    const timer = setTimeout(() => {
      failed = new GdalError(`ogr2ogr took longer than ${Math.round(timeoutMs / 1000)} s and was stopped.`);
      child.kill('SIGKILL');
    }, timeoutMs);
    // Lines are split on bytes: GeoJSON escapes newlines inside strings.
    let rest = Buffer.alloc(0);
    child.stdout.on('data', (c: Buffer) => {
      let buf = rest.length ? Buffer.concat([rest, c]) : c;
      let nl: number;
      try {
        while ((nl = buf.indexOf(10)) >= 0) {
          const line = buf.subarray(0, nl);
          buf = buf.subarray(nl + 1);
          if (line.length > 1) onLine(line);
        }
      } catch (e) {
        failed ??= e as Error;
        child.kill('SIGKILL');
      }
      rest = Buffer.from(buf);
    });
    child.stderr.on('data', (c: Buffer) => {
      if (stderr.length < 20_000) stderr += c.toString('utf8');
    });
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(new GdalError(`ogr2ogr could not be started (${e.message}); install Debian's gdal-bin.`));
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      if (!failed && rest.length > 1) onLine(rest);
      if (failed) reject(failed);
      else if (code !== 0) reject(new GdalError(cleanStderr(stderr) || `ogr2ogr failed (exit ${code}).`, stderr));
      else resolve({ stderr });
    });
  });
}

const cleanStderr = (s: string) =>
  s
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !/^Warning 1: .*(not a valid UTF-8|Forcing it)/.test(l))
    .slice(0, 5)
    .join(' ')
    .slice(0, 500);

export interface FieldInfo {
  name: string;
  type: string;
}

export interface LayerInfo {
  name: string;
  geometryType: string;
  featureCount: number;
  /** [minX, minY, maxX, maxY] in the layer's own coordinates. */
  extent: [number, number, number, number] | null;
  /** WKT of the layer's CRS, null when the file has none. */
  srsWkt: string | null;
  fields: FieldInfo[];
  /** Layer metadata (default and SHAPEFILE domains): SOURCE_ENCODING is empty when a DBF has no .cpg. */
  metadata: Record<string, string>;
}

export interface DatasetInfo {
  driver: string;
  layers: LayerInfo[];
}

/** `ogrinfo -ro -so -al`, parsed: layers, geometry type, feature count, extent, CRS and fields. */
export async function inspectDataset(source: string, config: Record<string, string> = {}): Promise<DatasetInfo> {
  const { stdout } = await runGdal('ogrinfo', ['-ro', '-so', '-al', '-mdd', 'SHAPEFILE', source], {
    config,
    timeoutMs: 60_000,
    maxBytes: 8 * 1024 * 1024,
  });
  return parseOgrinfo(stdout.toString('utf8'));
}

export function parseOgrinfo(text: string): DatasetInfo {
  const driver = /using driver `([^']+)'/.exec(text)?.[1] ?? 'unknown';
  const layers: LayerInfo[] = [];
  const blocks = text.split(/\n(?=Layer name: )/).slice(1);
  for (const block of blocks) {
    const lines = block.split('\n');
    const layer: LayerInfo = {
      name: lines[0]!.slice('Layer name: '.length).trim(),
      geometryType: 'Unknown',
      featureCount: 0,
      extent: null,
      srsWkt: null,
      fields: [],
      metadata: {},
    };
    let i = 1;
    for (; i < lines.length; i++) {
      const line = lines[i]!;
      if (line.startsWith('Geometry: ')) layer.geometryType = line.slice(10).trim();
      else if (line.startsWith('Feature Count: ')) layer.featureCount = Number(line.slice(15));
      else if (line.startsWith('Extent: ')) {
        const n = line.match(/-?[\d.]+(?:e[-+]?\d+)?/gi)?.map(Number) ?? [];
        if (n.length === 4) layer.extent = [n[0]!, n[1]!, n[2]!, n[3]!];
      } else if (line.startsWith('Layer SRS WKT:')) {
        const wkt: string[] = [];
        for (i++; i < lines.length && !lines[i]!.startsWith('Data axis') && !/^\S[^[]*: \w/.test(lines[i]!); i++)
          wkt.push(lines[i]!);
        const s = wkt.join('\n').trim();
        layer.srsWkt = s && s !== '(unknown)' ? s : null;
        i--;
      } else if (line.startsWith('Data axis to CRS axis mapping')) continue;
      else if (/^(FID Column|Geometry Column) = /.test(line)) continue;
      else if (/^ {2}[A-Z_]+=/.test(line)) {
        const eq = line.indexOf('=');
        layer.metadata[line.slice(2, eq)] = line.slice(eq + 1);
      } else {
        const m = /^(.+?): (\w+(?:\(\w+\))?) \(/.exec(line);
        if (m) layer.fields.push({ name: m[1]!, type: m[2]! });
      }
    }
    layers.push(layer);
  }
  return { driver, layers };
}

/** The GDAL data source name of an uploaded file: zips and KMZ are read in place through /vsizip/. */
export function datasetName(file: string): string {
  const lower = file.toLowerCase();
  if (lower.endsWith('.zip') && !lower.endsWith('.shp.zip')) return `/vsizip/${file}`;
  return file;
}
