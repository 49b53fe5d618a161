import type { MikroORM } from '@mikro-orm/postgresql';
import express, { Router, type Response } from 'express';
import type { Principal } from '../auth/principal';
import type { CoverageService } from '../coverage/coverage.service';
import type { Config } from '../config';
import { AppError } from '../common/errors';
import { query, Where } from '../common/sql';
import { shanghaiDate } from '../rectification/access';
import { WORK_ORDER_SQL } from './work-order.sql';
import { WorkOrderService } from './work-order.service';
import type { CreateWorkOrderArgs } from './work-order.types';

const STATUS: Record<string, number> = { UNAUTHENTICATED: 401, FORBIDDEN: 403, NOT_FOUND: 404, CONFLICT: 409 };
function fail(res: Response, e: unknown): void {
  if (e instanceof AppError) {
    const code = String(e.extensions.code);
    res.status(STATUS[code] ?? 400).json({ error: { code, message: e.message } });
  } else throw e;
}

/** Scope of the map layers from the query string: countyId, townshipId, villageId, bbox. */
function layerWhere(q: Record<string, unknown>): Where {
  const w = new Where();
  w.add("w.status in ('REPORTED', 'ASSIGNED', 'CLAIMED')");
  const id = (k: string) => (q[k] !== undefined ? Number(q[k]) || -1 : undefined);
  if (id('countyId')) w.add('t.county_id = ?', id('countyId'));
  if (id('townshipId')) w.add('v.township_id = ?', id('townshipId'));
  if (id('villageId')) w.add('w.village_id = ?', id('villageId'));
  if (typeof q.bbox === 'string') {
    const b = q.bbox.split(',').map(Number);
    if (b.length === 4 && b.every(Number.isFinite) && b[0]! < b[2]! && b[1]! < b[3]!)
      w.add('w.point && ST_MakeEnvelope(?, ?, ?, ?, 4326)', ...b);
  }
  return w;
}

/**
 * `POST /api/work-orders`: another service (an API key with the WORK_ORDERS_CREATE scope) or a
 * signed-in editor reports a problem; the body is createWorkOrder's arguments as JSON.
 * `GET /api/map/work-orders.geojson`: open orders as points; `GET /api/map/work-order-grids.geojson`:
 * the grids with open orders, with their counts. Both take countyId, townshipId, villageId, bbox.
 */
export function workOrderRoutes(orm: MikroORM, config: Config, coverage: CoverageService): Router {
  const router = Router();
  // The write goes through the change corridor; the response carries its change id (changeIds).
  const service = (principal: Principal, changeIds: number[]) =>
    new WorkOrderService({ em: orm.em.fork(), principal, corridor: { coverage }, changeIds, config });

  router.post('/work-orders', express.json({ limit: '64kb' }), async (_req, res, next) => {
    try {
      const body = (_req.body ?? {}) as Partial<CreateWorkOrderArgs>;
      if (typeof body.title !== 'string') {
        res.status(400).json({
          error: {
            code: 'BAD_USER_INPUT',
            message: 'The body must be JSON with at least "title" and "point" [lng, lat] or "villageId".',
          },
        });
        return;
      }
      const input: CreateWorkOrderArgs = {
        title: body.title,
        description: body.description,
        category: body.category,
        address: body.address,
        reporterName: body.reporterName,
        reporterPhone: body.reporterPhone,
        point: Array.isArray(body.point) ? body.point.map(Number) : null,
        villageId: body.villageId != null ? String(body.villageId) : null,
      };
      const changeIds: number[] = [];
      const order = await service(res.locals.principal as Principal, changeIds).create(input);
      res.status(201).json({ workOrder: order, changeIds: changeIds.map(String) });
    } catch (e) {
      try {
        fail(res, e);
      } catch (other) {
        next(other);
      }
    }
  });

  router.get('/map/work-orders.geojson', async (req, res, next) => {
    try {
      const w = layerWhere(req.query as Record<string, unknown>);
      const rows = await query<Record<string, any>>(orm.em.fork(), WORK_ORDER_SQL.mapPoints(w.toSql()), [
        shanghaiDate(),
        ...w.params,
      ]);
      res.type('application/geo+json').json({
        type: 'FeatureCollection',
        features: rows.map((r) => ({
          type: 'Feature',
          id: r.id,
          geometry: r.g,
          properties: {
            id: r.id,
            code: r.code,
            title: r.title,
            status: r.status,
            gridId: r.grid_id,
            gridName: r.grid_name,
            villageName: r.village_name,
            flagged: r.flagged,
            deadline: r.deadline,
            overdue: Boolean(r.overdue),
          },
        })),
      });
    } catch (e) {
      next(e);
    }
  });

  router.get('/map/work-order-grids.geojson', async (req, res, next) => {
    try {
      const w = layerWhere(req.query as Record<string, unknown>);
      const rows = await query<Record<string, any>>(orm.em.fork(), WORK_ORDER_SQL.mapGrids(w.toSql()), [
        shanghaiDate(),
        ...w.params,
      ]);
      res.type('application/geo+json').json({
        type: 'FeatureCollection',
        features: rows.map((r) => ({
          type: 'Feature',
          id: r.id,
          geometry: r.g,
          properties: { id: r.id, name: r.name, open: r.open, overdue: r.overdue },
        })),
      });
    } catch (e) {
      next(e);
    }
  });
  return router;
}
