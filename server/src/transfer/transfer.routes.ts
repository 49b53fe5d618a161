/**
 * HTTP of import and export (mounted under /api, behind its authentication):
 *
 *   POST   /api/import                    multipart (file parts + settings) → JSON report (services with an IMPORT key, scripts)
 *   POST   /api/import/uploads            multipart → { id, inspection }   (the wizard's first step)
 *   GET    /api/import/uploads/:id        ?encoding= → inspection again
 *   POST   /api/import/uploads/:id/plan   JSON settings → dry-run report + preview GeoJSON
 *   POST   /api/import/uploads/:id/apply  JSON settings → report (all or nothing)
 *   DELETE /api/import/uploads/:id
 *   GET    /api/import/crs                CRS choices
 *   GET    /api/export/{list}.{format}    ?filter=JSON&crs=EPSG:…&encoding=GBK|UTF-8
 *
 * Uploads stream to a private temporary directory; the size limit is applied while
 * streaming and the feature count (ogrinfo) before any feature is read.
 */
import { randomBytes } from 'node:crypto';
import { createWriteStream, existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import busboy from 'busboy';
import express, { Router, type Request, type Response } from 'express';
import type { MikroORM } from '@mikro-orm/postgresql';
import { importingPrincipal } from '../auth/api-key-scope';
import type { Principal } from '../auth/principal';
import { Role } from '../auth/auth.entities';
import { AppError } from '../common/errors';
import { createServices, type AppServices } from '../services';
import { CRS_OPTIONS } from './crs';
import { exportList, exportMaxRows, parseExportRequest } from './export.service';
import {
  applyImport,
  importLimits,
  inspectFile,
  MAP_KEYS,
  planImport,
  previewGeometries,
  readFile,
  TARGETS,
  transferError,
  type FieldMap,
  type ImportContext,
  type ImportSettings,
  type Target,
} from './import.service';
import { TRANSFER_MESSAGES as M } from './transfer.messages';

const UPLOAD_ROOT = path.join(tmpdir(), 'wz-uploads');
const UPLOAD_TTL_MS = 2 * 60 * 60 * 1000;
const SAFE_NAME = /[^\p{L}\p{N}._-]+/gu;

class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

function send(res: Response, e: unknown, log?: { error: (o: object, m: string) => void }) {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  // Refused before the body was read (too large, no rights): let the client stop sending.
  const req = res.req;
  if (req && !req.complete) {
    res.setHeader('Connection', 'close');
    req.resume();
  }
  if (e instanceof HttpError) res.status(e.status).json({ error: { code: e.code, message: e.message } });
  else if (e instanceof AppError) {
    const ext = e.extensions as { code: string; http?: { status?: number } };
    const { http, ...rest } = ext;
    res.status(http?.status ?? (ext.code === 'FORBIDDEN' ? 403 : 400)).json({ error: { ...rest, message: e.message } });
  } else {
    log?.error({ err: e }, 'transfer failed');
    res.status(500).json({
      error: { code: 'INTERNAL_SERVER_ERROR', message: 'Internal server error; the details are in the server log.' },
    });
  }
}

/** Streams the multipart files of a request into a new upload directory; returns the directory, the files and the text fields. */
function receive(
  req: Request,
  maxBytes: number,
): Promise<{ dir: string; files: string[]; fields: Record<string, string> }> {
  return new Promise((resolve, reject) => {
    let bb: busboy.Busboy;
    try {
      bb = busboy({
        headers: req.headers,
        defParamCharset: 'utf8',
        limits: { fileSize: maxBytes, files: 20, fields: 50 },
      });
    } catch {
      reject(new HttpError(400, 'BAD_REQUEST', 'Send the file as multipart/form-data (field "file").'));
      return;
    }
    const id = randomBytes(12).toString('hex');
    const dir = path.join(UPLOAD_ROOT, id);
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const files: string[] = [];
    const fields: Record<string, string> = {};
    const writes: Promise<void>[] = [];
    let total = 0;
    let settled = false;
    const fail = (e: Error) => {
      if (settled) return;
      settled = true;
      req.unpipe(bb);
      req.resume();
      rmSync(dir, { recursive: true, force: true });
      reject(e);
    };
    bb.on('file', (_name, stream, info) => {
      const base =
        path
          .basename(info.filename || 'upload')
          .replace(SAFE_NAME, '_')
          .slice(-120) || 'upload';
      const target = path.join(dir, base);
      files.push(base);
      const ws = createWriteStream(target);
      stream.on('data', (c: Buffer) => {
        total += c.length;
        if (total > maxBytes) fail(new HttpError(413, 'PAYLOAD_TOO_LARGE', M.tooLarge(maxBytes)));
      });
      stream.on('limit', () => fail(new HttpError(413, 'PAYLOAD_TOO_LARGE', M.tooLarge(maxBytes))));
      const written = new Promise<void>((ok, ko) => ws.on('finish', ok).on('error', ko));
      written.catch(() => undefined); // after a refusal the directory is gone; the error was answered already
      writes.push(written);
      stream.pipe(ws);
    });
    bb.on('field', (name, val) => {
      fields[name] = val;
    });
    bb.on('error', (e) => fail(e as Error));
    bb.on('close', async () => {
      try {
        await Promise.all(writes);
      } catch (e) {
        fail(e as Error);
      }
      if (settled) return;
      if (!files.length) fail(new HttpError(400, 'BAD_REQUEST', 'No file was uploaded (multipart field "file").'));
      else {
        settled = true;
        resolve({ dir, files, fields });
      }
    });
    req.pipe(bb);
  });
}

/** The path GDAL opens: the single file, or the directory of a Shapefile's parts. */
const uploadSource = (dir: string, files: string[]) => (files.length === 1 ? path.join(dir, files[0]!) : dir);

function uploadDir(id: string): { dir: string; files: string[] } {
  if (!/^[0-9a-f]{24}$/.test(id)) throw new HttpError(404, 'NOT_FOUND', 'No such upload.');
  const dir = path.join(UPLOAD_ROOT, id);
  if (!existsSync(dir)) throw new HttpError(404, 'NOT_FOUND', 'This upload has expired; upload the file again.');
  return { dir, files: readdirSync(dir).filter((f) => f !== '.owner') };
}

function sweep() {
  if (!existsSync(UPLOAD_ROOT)) return;
  for (const d of readdirSync(UPLOAD_ROOT)) {
    const p = path.join(UPLOAD_ROOT, d);
    try {
      if (Date.now() - statSync(p).mtimeMs > UPLOAD_TTL_MS) rmSync(p, { recursive: true, force: true });
    } catch {
      /* gone already */
    }
  }
}

const bool = (v: unknown) => v === true || v === 'true' || v === '1' || v === 'on';

/** Settings from JSON or from multipart text fields (map as JSON or as "name=WGMC,code=WGBM"). */
export function settingsFrom(input: Record<string, unknown>): ImportSettings {
  const target = String(input.target ?? '');
  if (!(TARGETS as readonly string[]).includes(target)) throw transferError(M.badTarget(target));
  let map: FieldMap | undefined;
  const raw = input.map;
  if (raw && typeof raw === 'object') map = raw as FieldMap;
  else if (typeof raw === 'string' && raw.trim()) {
    if (raw.trim().startsWith('{')) {
      try {
        map = JSON.parse(raw) as FieldMap;
      } catch {
        throw transferError('map must be a JSON object or name=FIELD pairs separated by commas.');
      }
    } else map = Object.fromEntries(raw.split(',').map((p) => p.split('=').map((s) => s.trim()))) as FieldMap;
  }
  if (map) {
    for (const k of Object.keys(map))
      if (!(MAP_KEYS as readonly string[]).includes(k))
        throw transferError(`map key ${k} is not one of ${MAP_KEYS.join(', ')}`);
    map = Object.fromEntries(Object.entries(map).filter(([, v]) => typeof v === 'string' && v)) as FieldMap;
  }
  const str = (k: string) =>
    typeof input[k] === 'string' && (input[k] as string).trim() ? (input[k] as string).trim() : undefined;
  return {
    target: target as Target,
    layer: str('layer'),
    crs: str('crs'),
    encoding: str('encoding'),
    towgs84: str('towgs84'),
    map,
    replaceBoundaries: bool(input.replaceBoundaries ?? input.replace),
    trimOverlaps: bool(input.trimOverlaps ?? input.trim),
    clipToParent: bool(input.clipToParent ?? input.clip),
    allowOverlaps: bool(input.allowOverlaps),
  };
}

function requireWriter(principal: Principal) {
  if (principal.role !== Role.ADMIN && principal.role !== Role.EDITOR) {
    throw new HttpError(
      403,
      'FORBIDDEN',
      `A${principal.role === Role.ANALYST ? 'n analyst' : ' service key'} may read but not import; sign in as an administrator or editor.`,
    );
  }
}

export function transferRoutes(
  orm: MikroORM,
  app: AppServices,
  log?: { error: (o: object, m: string) => void },
): Router {
  const router = Router();
  const ctx: ImportContext = { config: app.config, coverage: app.coverage };
  const limits = () => importLimits();
  const principalOf = (res: Response) => res.locals.principal as Principal;
  const timer = setInterval(sweep, 10 * 60 * 1000);
  timer.unref();

  router.get('/import/crs', (_req, res) => {
    res.json(CRS_OPTIONS);
  });

  // One request: upload, check, apply (or dry-run) → report.
  router.post('/import', async (req, res) => {
    let dir: string | null = null;
    try {
      // A service imports with an IMPORT key, as its owner's role and units (checked before the body is read).
      const principal = await importingPrincipal(orm.em.fork(), principalOf(res));
      requireWriter(principal);
      const lim = limits();
      const len = Number(req.headers['content-length'] ?? 0);
      if (len > lim.maxBytes + 64 * 1024) throw new HttpError(413, 'PAYLOAD_TOO_LARGE', M.tooLarge(lim.maxBytes));
      const up = await receive(req, lim.maxBytes);
      dir = up.dir;
      const settings = settingsFrom(up.fields);
      const read = await readFile(uploadSource(up.dir, up.files), settings, lim);
      const full = { ...settings, map: read.map };
      const em = orm.em.fork();
      const report = bool(up.fields.dryRun)
        ? await planImport(em, ctx, principal, read, full)
        : await applyImport(em, ctx, principal, read, full);
      res.status(report.counts.REFUSED ? 422 : 200).json(report);
    } catch (e) {
      send(res, e, log);
    } finally {
      if (dir) rmSync(dir, { recursive: true, force: true });
    }
  });

  router.post('/import/uploads', async (req, res) => {
    try {
      requireWriter(principalOf(res));
      const lim = limits();
      const len = Number(req.headers['content-length'] ?? 0);
      if (len > lim.maxBytes + 64 * 1024) throw new HttpError(413, 'PAYLOAD_TOO_LARGE', M.tooLarge(lim.maxBytes));
      const up = await receive(req, lim.maxBytes);
      try {
        const inspection = await inspectFile(uploadSource(up.dir, up.files));
        res.json({ id: path.basename(up.dir), files: up.files, ...inspection });
      } catch (e) {
        rmSync(up.dir, { recursive: true, force: true });
        throw e;
      }
    } catch (e) {
      send(res, e, log);
    }
  });

  router.get('/import/uploads/:id', async (req, res) => {
    try {
      requireWriter(principalOf(res));
      const up = uploadDir(req.params.id!);
      const encoding = typeof req.query.encoding === 'string' && req.query.encoding ? req.query.encoding : undefined;
      res.json({
        id: req.params.id,
        files: up.files,
        ...(await inspectFile(uploadSource(up.dir, up.files), encoding)),
      });
    } catch (e) {
      send(res, e, log);
    }
  });

  const json = express.json({ limit: '1mb' });
  router.post('/import/uploads/:id/plan', json, async (req, res) => {
    try {
      requireWriter(principalOf(res));
      const up = uploadDir(req.params.id!);
      const settings = settingsFrom(req.body ?? {});
      const read = await readFile(uploadSource(up.dir, up.files), settings, limits());
      const preview = await previewGeometries(orm.em.fork(), ctx, principalOf(res), read, {
        ...settings,
        map: read.map,
      });
      res.json({
        report: preview.report,
        preview: { type: 'FeatureCollection', features: preview.features },
        map: read.map,
      });
    } catch (e) {
      send(res, e, log);
    }
  });

  router.post('/import/uploads/:id/apply', json, async (req, res) => {
    try {
      requireWriter(principalOf(res));
      const up = uploadDir(req.params.id!);
      const settings = settingsFrom(req.body ?? {});
      const read = await readFile(uploadSource(up.dir, up.files), settings, limits());
      const report = await applyImport(orm.em.fork(), ctx, principalOf(res), read, { ...settings, map: read.map });
      if (report.applied) rmSync(up.dir, { recursive: true, force: true });
      res.status(report.counts.REFUSED ? 422 : 200).json(report);
    } catch (e) {
      send(res, e, log);
    }
  });

  router.delete('/import/uploads/:id', (req, res) => {
    try {
      const up = uploadDir(req.params.id!);
      rmSync(up.dir, { recursive: true, force: true });
      res.status(204).end();
    } catch (e) {
      send(res, e, log);
    }
  });

  router.get('/export/:file', async (req, res) => {
    try {
      const { list, format } = parseExportRequest(req.params.file!);
      const q = req.query as Record<string, string | undefined>;
      let filter: Record<string, unknown> = {};
      if (q.filter) {
        try {
          filter = JSON.parse(q.filter) as Record<string, unknown>;
        } catch {
          throw transferError(M.badFilter());
        }
        if (!filter || typeof filter !== 'object' || Array.isArray(filter)) throw transferError(M.badFilter());
      }
      const em = orm.em.fork();
      const services = createServices(em, app, principalOf(res));
      const result = await exportList(em, services, principalOf(res), list, format, {
        filter,
        crs: q.crs,
        encoding: q.encoding,
        maxRows: exportMaxRows(),
      });
      res.setHeader('Content-Type', result.mime);
      res.setHeader(
        'Content-Disposition',
        `attachment; filename="${result.filename}"; filename*=UTF-8''${encodeURIComponent(result.filename)}`,
      );
      res.setHeader('X-Record-Count', String(result.count));
      await result.write(res);
      if (!res.writableEnded) res.end();
    } catch (e) {
      send(res, e, log);
    }
  });

  return router;
}
