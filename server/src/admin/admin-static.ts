import { existsSync } from 'node:fs';
import path from 'node:path';
import express, { Router } from 'express';

/** What a precompressed copy beside an asset is called, best first. */
const ENCODINGS = [
  { encoding: 'br', ext: '.br' },
  { encoding: 'gzip', ext: '.gz' },
] as const;

/**
 * The built admin (admin/dist). Its scripts and styles under /assets carry a hash of their content
 * in their names, so they never change: the browser may keep them a year without asking again.
 * The build writes a brotli and a gzip copy beside each (admin/vite.config.ts); the copy the
 * browser accepts is sent as it is, so no request compresses 2 MB of script again. Everything else
 * (index.html, the icon) is revalidated within the hour as before.
 */
export function adminStatic(dist: string): Router {
  const router = Router();
  const assets = path.join(dist, 'assets');
  router.get(/^\/assets\/[^/]+\.(js|css)$/, (req, res, next) => {
    const file = path.join(assets, path.basename(req.path));
    res.setHeader('Vary', 'Accept-Encoding');
    for (const { encoding, ext } of ENCODINGS) {
      if (!req.acceptsEncodings(encoding) || !existsSync(file + ext)) continue;
      res.type(path.extname(file));
      res.setHeader('Content-Encoding', encoding);
      res.sendFile(file + ext, { maxAge: '365d', immutable: true }, (e) => e && next(e));
      return;
    }
    next();
  });
  router.use('/assets', express.static(assets, { index: false, maxAge: '365d', immutable: true }));
  router.use(express.static(dist, { index: false, maxAge: '1h' }));
  return router;
}
