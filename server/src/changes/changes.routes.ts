import { Router, type Request, type Response } from 'express';
import type { Principal } from '../auth/principal';
import { changesFrom, MAX_BACKLOG, visibleTo, type ChangeFeed } from './changes.service';

const HEARTBEAT_MS = 15_000;

function sinceOf(req: Request, res: Response): number | null | undefined {
  const raw = req.header('last-event-id') ?? (typeof req.query.since === 'string' ? req.query.since : undefined);
  if (raw === undefined || raw === '') return null;
  if (!/^\d{1,15}$/.test(raw)) {
    res.status(400).json({
      error: { code: 'BAD_USER_INPUT', message: 'since (or Last-Event-ID) must be a data version: a whole number.' },
    });
    return undefined;
  }
  return Number(raw);
}

/**
 * The change feed over HTTP (mounted under /api, behind its authentication):
 * GET /api/changes?since=V — what changed after version V (JSON);
 * GET /api/changes/stream?since=V — Server-Sent Events: the backlog after V, then each
 * committed change as it happens (`id:` is the version, so a reconnecting EventSource resumes).
 */
export function changeRoutes(feed: ChangeFeed): Router {
  const router = Router();

  router.get('/changes', async (req, res, next) => {
    try {
      const since = sinceOf(req, res);
      if (since === undefined) return;
      const principal = res.locals.principal as Principal;
      const version = await feed.currentVersion();
      const changes = (await feed.since(since ?? version, MAX_BACKLOG)).map((e) => visibleTo(e, principal));
      res.json({ version, changes, complete: changes.length < MAX_BACKLOG });
    } catch (e) {
      next(e);
    }
  });

  router.get('/changes/stream', async (req, res, next) => {
    const since = sinceOf(req, res);
    if (since === undefined) return;
    const principal = res.locals.principal as Principal;
    const abort = new AbortController();
    res.on('close', () => abort.abort());
    const write = (text: string) => {
      res.write(text);
      (res as Response & { flush?: () => void }).flush?.(); // through the compression middleware
    };
    try {
      res.status(200).set({
        'Content-Type': 'text/event-stream; charset=utf-8',
        'Cache-Control': 'no-cache',
        'X-Accel-Buffering': 'no',
        Connection: 'keep-alive',
      });
      res.flushHeaders();
      write(`retry: 2000\n: version ${await feed.currentVersion()}\n\n`);
      const beat = setInterval(() => write(': ping\n\n'), HEARTBEAT_MS);
      beat.unref();
      try {
        for await (const e of changesFrom(feed, since, abort.signal)) {
          write(`id: ${e.version}\nevent: change\ndata: ${JSON.stringify(visibleTo(e, principal))}\n\n`);
        }
      } finally {
        clearInterval(beat);
      }
    } catch (e) {
      if (!res.headersSent) next(e);
    } finally {
      res.end();
    }
  });
  return router;
}
