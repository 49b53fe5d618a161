import { promisify } from 'node:util';
import { brotliCompress, constants as zlibConstants, gzip } from 'node:zlib';
import type { MikroORM } from '@mikro-orm/postgresql';
import { Router, type Request, type Response } from 'express';
import { AppError } from '../common/errors';
import { query, Where } from '../common/sql';
import { findingMessage } from '../coverage/coverage.messages';
import { FINDING_KINDS, type FindingKind } from '../coverage/coverage.rules';
import type { CoverageService } from '../coverage/coverage.service';
import { findingsCollection, LAYERS, type LayerQuery } from './map.sql';

/**
 * GeoJSON for other services and the admin map. Each layer is one SQL statement
 * (map.sql.ts) that builds the FeatureCollection in PostGIS. The ETag is the data version
 * (bumped in the transaction of every write) plus the query, so it changes
 * exactly when the data does; bodies are cached per version.
 */

/** Columns each layer's bbox and county filters apply to. */
const FILTER_COLUMNS: Record<string, { geom: string; county: string }> = {
  counties: { geom: 'e.geom', county: 'e.id' },
  townships: { geom: 'e.geom', county: 'e.county_id' },
  villages: { geom: 'e.geom', county: 't.county_id' },
  grids: { geom: 'e.geom', county: 't.county_id' },
  uncovered: { geom: 'e.uncovered', county: 't.county_id' },
  overlaps: { geom: 'e.geom', county: 't.county_id' },
  findings: { geom: 'coalesce(e.geom, e.point)', county: 't.county_id' },
};

class BadRequest extends Error {}

function parseQuery(req: Request, layer: string): LayerQuery & { kinds: FindingKind[] } {
  const where = new Where();
  const cols = FILTER_COLUMNS[layer]!;
  const q = req.query as Record<string, string | undefined>;
  if (q.bbox) {
    const box = q.bbox.split(',').map(Number);
    if (box.length !== 4 || box.some((n) => !Number.isFinite(n)) || !(box[0]! < box[2]! && box[1]! < box[3]!)) {
      throw new BadRequest('bbox must be minLng,minLat,maxLng,maxLat');
    }
    where.add(`${cols.geom} && ST_MakeEnvelope(?, ?, ?, ?, 4326)`, ...box);
  }
  if (q.countyId) {
    if (!/^\d+$/.test(q.countyId)) throw new BadRequest('countyId must be a county id');
    where.add(`${cols.county} = ?`, Number(q.countyId));
  }
  const kinds = (q.kind ?? '').split(',').filter(Boolean) as FindingKind[];
  const unknown = kinds.find((k) => !FINDING_KINDS.includes(k));
  if (unknown) throw new BadRequest(`unknown kind ${unknown}; kinds are ${FINDING_KINDS.join(', ')}`);
  let tolerance: number | null = null;
  if (q.tolerance) {
    const m = Number(q.tolerance);
    if (!(m >= 0 && m <= 100_000)) throw new BadRequest('tolerance must be metres from 0 to 100000');
    tolerance = m > 0 ? m / 111_000 : null;
  }
  return { where, tolerance, kinds };
}

/** At most this much unpacked GeoJSON is kept (with its compressed forms, about 1.5 times as much memory). */
const CACHE_BYTES = 128 * 1024 * 1024;
const gzipAsync = promisify(gzip);
const brotliAsync = promisify(brotliCompress);

/** A cached layer body with its compressed forms, each made once (not per request). */
interface CachedBody {
  raw: Buffer;
  gzip?: Promise<Buffer>;
  br?: Promise<Buffer>;
}

/** The body in the best encoding the client accepts; the compression middleware leaves an encoded body alone. */
async function sendCached(req: Request, res: Response, cached: CachedBody): Promise<void> {
  res.type('application/geo+json');
  res.setHeader('Vary', 'Accept-Encoding');
  // Brotli when accepted (smaller), else gzip.
  const encoding =
    cached.raw.length < 1024
      ? 'identity'
      : req.acceptsEncodings('br')
        ? 'br'
        : req.acceptsEncodings('gzip')
          ? 'gzip'
          : 'identity';
  let body = cached.raw;
  if (encoding === 'br') {
    cached.br ??= brotliAsync(cached.raw, {
      params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 5, [zlibConstants.BROTLI_PARAM_SIZE_HINT]: cached.raw.length },
    });
    body = await cached.br;
  } else if (encoding === 'gzip') {
    cached.gzip ??= gzipAsync(cached.raw, { level: 6 });
    body = await cached.gzip;
  }
  if (body !== cached.raw) res.setHeader('Content-Encoding', encoding);
  res.send(body);
}

export function mapRoutes(orm: MikroORM, coverage: CoverageService): Router {
  const router = Router();
  const cache = new Map<string, CachedBody>();
  let cachedBytes = 0;

  async function send(
    req: Request,
    res: Response,
    layer: string,
    build: (q: ReturnType<typeof parseQuery>) => string,
    post?: (body: string) => string,
  ) {
    let q: ReturnType<typeof parseQuery>;
    try {
      q = parseQuery(req, layer);
    } catch (e) {
      if (e instanceof BadRequest || e instanceof AppError) {
        res.status(400).json({ error: { code: 'BAD_USER_INPUT', message: e.message } });
        return;
      }
      throw e;
    }
    const em = orm.em.fork();
    const version = await coverage.dataVersion(em);
    const key = `${version}|${req.path}|${new URLSearchParams(req.query as Record<string, string>).toString()}`;
    const etag = `"w${version}-${hash(key)}"`;
    res.setHeader('ETag', etag);
    res.setHeader('Cache-Control', 'no-cache');
    if (req.headers['if-none-match'] === etag) {
      res.status(304).end();
      return;
    }
    let cached = cache.get(key);
    if (cached) {
      // Least recently used goes first: one-off queries do not push the common layers out.
      cache.delete(key);
      cache.set(key, cached);
    } else {
      const [row] = await query<{ body: string }>(em, build(q), q.where.params);
      cached = { raw: Buffer.from(post ? post(row!.body) : row!.body) };
      cache.set(key, cached);
      cachedBytes += cached.raw.length;
      for (const [k, old] of cache) {
        if (cache.size <= 64 && cachedBytes <= CACHE_BYTES) break;
        if (k === key) continue;
        cache.delete(k);
        cachedBytes -= old.raw.length;
      }
    }
    await sendCached(req, res, cached);
  }

  for (const name of Object.keys(LAYERS)) {
    router.get(`/map/${name}.geojson`, (req, res, next) => send(req, res, name, LAYERS[name]!).catch(next));
  }
  router.get('/coverage/uncovered.geojson', (req, res, next) =>
    send(req, res, 'uncovered', LAYERS.uncovered!).catch(next),
  );
  router.get('/coverage/overlaps.geojson', (req, res, next) =>
    send(req, res, 'overlaps', LAYERS.overlaps!).catch(next),
  );
  router.get('/coverage/findings.geojson', (req, res, next) =>
    send(
      req,
      res,
      'findings',
      (q) => {
        if (q.kinds.length) q.where.add('e.kind = any(?::text[])', `{${q.kinds.join(',')}}`);
        return findingsCollection(q);
      },
      withMessages,
    ).catch(next),
  );
  return router;
}

/** Adds messageZh/messageEn to findings features (kept out of SQL so the wording lives in one place). */
export function withMessages(body: string): string {
  const fc = JSON.parse(body) as { features: { properties: Record<string, any> }[] };
  for (const f of fc.features) {
    const p = f.properties;
    const m = findingMessage({
      kind: p.kind,
      subjectName: p.subjectName,
      otherName: p.otherName,
      value: p.value,
      expected: p.expected,
      areaM2: p.areaM2,
    });
    p.messageZh = m.zh;
    p.messageEn = m.en;
  }
  return JSON.stringify(fc);
}

function hash(text: string): string {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return (h >>> 0).toString(36);
}
