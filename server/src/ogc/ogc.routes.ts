import { createRequire } from 'node:module';
import path from 'node:path';
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import express, { Router, type Request, type Response } from 'express';
import type { Principal } from '../auth/principal';
import { query, Where } from '../common/sql';
import { compileCql2, CqlError, MAX_CQL_LENGTH } from './cql2';
import { COLLECTION_BY_ID, COLLECTIONS, type CollectionDef, type PropertyType } from './ogc.collections';
import { CRS84, CRS_LIST, CRS_URIS, crsOf, type CrsDef } from './ogc.crs';
import { ogcHtml } from './ogc.html';
import { CONFORMANCE, DEFAULT_LIMIT, ITEMS_PARAMS, MAX_LIMIT, openApi } from './ogc.openapi';
import { OGC_SQL } from './ogc.sql';
import { requirePrincipal, type GisAuth } from './gis-auth';

/** A refused request: HTTP status, OGC exception code and a reason a person understands. */
export class OgcError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}
const badParam = (message: string) => new OgcError(400, 'InvalidParameterValue', message);

const GEOJSON = 'application/geo+json';
const MAX_OFFSET = 10_000_000;

/** Collections these credentials may read: coverage-only service keys see the coverage collections alone. */
export const readable = (principal: Principal | undefined, c: CollectionDef) =>
  !!principal && (!principal.coverageOnly || c.coverage);

function single(req: Request, name: string): string | undefined {
  const v = (req.query as Record<string, unknown>)[name];
  if (v === undefined) return undefined;
  if (typeof v !== 'string') throw badParam(`${name} is given more than once`);
  return v;
}

function parseNumber(raw: string, name: string, type: PropertyType): unknown {
  if (type === 'string') return raw;
  if (type === 'boolean') {
    if (raw !== 'true' && raw !== 'false') throw badParam(`${name} is true or false, not "${raw}"`);
    return raw === 'true';
  }
  const n = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(n) || (type === 'integer' && !Number.isInteger(n)))
    throw badParam(`${name} is a ${type === 'integer' ? 'whole number' : 'number'}, not "${raw}"`);
  return n;
}

function crsParam(req: Request, name: string): CrsDef {
  const v = single(req, name);
  if (v === undefined) return CRS_LIST[0]!;
  const crs = crsOf(v);
  if (!crs) throw badParam(`${name} "${v}" is not offered; the CRSs are ${CRS_URIS.join(', ')}`);
  return crs;
}

/** html when asked for (f=html, or a browser's Accept), JSON otherwise. */
function wantsHtml(req: Request): boolean {
  const f = single(req, 'f');
  if (f === 'html') return true;
  if (f === 'json' || f === undefined)
    return f === undefined && req.accepts(['application/json', GEOJSON, 'text/html']) === 'text/html';
  throw new OgcError(400, 'InvalidParameterValue', `f is json or html, not "${f}"`);
}

/** OGC API – Features (Parts 1, 2 and 3) at /ogc. */
export function ogcRoutes(orm: MikroORM, gis: GisAuth): Router {
  const router = Router();
  const extents = new Map<string, { version: string; bbox: number[] | null }>();
  const require = createRequire(import.meta.url);
  router.use('/static', express.static(path.dirname(require.resolve('leaflet/dist/leaflet.js')), { maxAge: '1d' }));
  router.use(requirePrincipal(orm, gis));

  const base = (req: Request) => `${req.protocol}://${req.get('host')}${req.baseUrl}`;
  const em = (): EntityManager => orm.em.fork();
  const principalOf = (res: Response) => res.locals.principal as Principal;

  const handle =
    (fn: (req: Request, res: Response) => Promise<void> | void) =>
    (req: Request, res: Response, next: (e?: unknown) => void) => {
      Promise.resolve()
        .then(() => fn(req, res))
        .catch((e) => {
          if (e instanceof OgcError) res.status(e.status).json({ code: e.code, description: e.message });
          else if (e instanceof CqlError)
            res.status(400).json({ code: 'InvalidFilter', description: `filter: ${e.message}` });
          else next(e);
        });
    };

  function collectionOf(req: Request, res: Response): CollectionDef {
    const c = COLLECTION_BY_ID.get(String(req.params.collectionId));
    if (!c)
      throw new OgcError(404, 'NotFound', `There is no collection "${req.params.collectionId}"; see /ogc/collections.`);
    if (!readable(principalOf(res), c))
      throw new OgcError(403, 'FORBIDDEN', `This API key may only read the coverage collections, not ${c.id}.`);
    return c;
  }

  function collectionDoc(req: Request, c: CollectionDef, bbox: number[] | null) {
    const b = base(req);
    return {
      id: c.id,
      title: c.title,
      description: c.description,
      itemType: 'feature',
      links: [
        { href: `${b}/collections/${c.id}`, rel: 'self', type: 'application/json', title: c.title },
        { href: `${b}/collections/${c.id}?f=html`, rel: 'alternate', type: 'text/html', title: 'HTML' },
        { href: `${b}/collections/${c.id}/items`, rel: 'items', type: GEOJSON, title: 'Features (GeoJSON)' },
        { href: `${b}/collections/${c.id}/items?f=html`, rel: 'items', type: 'text/html', title: 'Features (HTML)' },
        {
          href: `${b}/collections/${c.id}/queryables`,
          rel: 'http://www.opengis.net/def/rel/ogc/1.0/queryables',
          type: 'application/schema+json',
          title: 'Queryables',
        },
      ],
      ...(bbox ? { extent: { spatial: { bbox: [bbox], crs: CRS84 } } } : {}),
      crs: CRS_URIS,
      storageCrs: CRS84,
    };
  }

  async function extent(c: CollectionDef): Promise<number[] | null> {
    const e = em();
    const [v] = await query<{ n: string }>(e, OGC_SQL.version);
    const hit = extents.get(c.id);
    if (hit && hit.version === v!.n) return hit.bbox;
    const [r] = await query<{ x1: number | null; y1: number; x2: number; y2: number }>(e, OGC_SQL.extent(c));
    const bbox = r && r.x1 !== null ? [r.x1, r.y1, r.x2, r.y2].map(Number) : null;
    extents.set(c.id, { version: v!.n, bbox });
    return bbox;
  }

  router.get(
    '/',
    handle((req, res) => {
      const b = base(req);
      const doc = {
        title: 'Wuzhong Grid 吴忠网格',
        description:
          'Counties, townships, villages and communities, grids and coverage findings as OGC API – Features.',
        links: [
          { href: `${b}`, rel: 'self', type: 'application/json', title: 'This document' },
          { href: `${b}?f=html`, rel: 'alternate', type: 'text/html', title: 'This document as HTML' },
          {
            href: `${b}/api`,
            rel: 'service-desc',
            type: 'application/vnd.oai.openapi+json;version=3.0',
            title: 'The API definition (OpenAPI 3.0)',
          },
          { href: `${b}/conformance`, rel: 'conformance', type: 'application/json', title: 'Conformance classes' },
          { href: `${b}/collections`, rel: 'data', type: 'application/json', title: 'Collections' },
        ],
      };
      if (wantsHtml(req)) res.type('html').send(ogcHtml.landing(doc));
      else res.json(doc);
    }),
  );

  router.get(
    '/api',
    handle((req, res) => {
      res.type('application/vnd.oai.openapi+json;version=3.0').send(JSON.stringify(openApi(base(req))));
    }),
  );

  router.get(
    '/conformance',
    handle((req, res) => {
      if (wantsHtml(req)) res.type('html').send(ogcHtml.conformance(CONFORMANCE));
      else res.json({ conformsTo: CONFORMANCE });
    }),
  );

  router.get(
    '/collections',
    handle(async (req, res) => {
      const html = wantsHtml(req);
      const cols = COLLECTIONS.filter((c) => readable(principalOf(res), c));
      const docs = [];
      for (const c of cols) docs.push(collectionDoc(req, c, await extent(c)));
      if (html) res.type('html').send(ogcHtml.collections(docs));
      else
        res.json({
          links: [
            { href: `${base(req)}/collections`, rel: 'self', type: 'application/json' },
            { href: `${base(req)}/collections?f=html`, rel: 'alternate', type: 'text/html' },
          ],
          collections: docs,
        });
    }),
  );

  router.get(
    '/collections/:collectionId',
    handle(async (req, res) => {
      const html = wantsHtml(req);
      const c = collectionOf(req, res);
      const doc = collectionDoc(req, c, await extent(c));
      if (html) res.type('html').send(ogcHtml.collection(doc));
      else res.json(doc);
    }),
  );

  router.get(
    '/collections/:collectionId/queryables',
    handle((req, res) => {
      const c = collectionOf(req, res);
      const properties: Record<string, unknown> = {
        geometry: { $ref: 'https://geojson.org/schema/Geometry.json', 'x-ogc-role': 'primary-geometry' },
      };
      for (const [name, p] of Object.entries(c.properties))
        properties[name] = { title: p.title, type: p.type, ...(p.enum ? { enum: p.enum } : {}) };
      res.type('application/schema+json').send(
        JSON.stringify({
          $schema: 'https://json-schema.org/draft/2019-09/schema',
          $id: `${base(req)}/collections/${c.id}/queryables`,
          type: 'object',
          title: c.title,
          properties,
          additionalProperties: false,
        }),
      );
    }),
  );

  router.get(
    '/collections/:collectionId/items',
    handle(async (req, res) => {
      const html = wantsHtml(req);
      const c = collectionOf(req, res);
      for (const [name, v] of Object.entries(req.query)) {
        if (!(ITEMS_PARAMS as readonly string[]).includes(name) && !(name in c.properties)) {
          throw badParam(
            `unknown parameter "${name}"; the parameters are ${[...ITEMS_PARAMS, ...Object.keys(c.properties)].join(', ')}`,
          );
        }
        if (typeof v !== 'string') throw badParam(`${name} is given more than once`);
      }
      // Limits first, before any work that grows with the request.
      const limit =
        single(req, 'limit') === undefined
          ? DEFAULT_LIMIT
          : (parseNumber(single(req, 'limit')!, 'limit', 'integer') as number);
      if (limit < 1 || limit > MAX_LIMIT) throw badParam(`limit is 1 to ${MAX_LIMIT}, not ${limit}`);
      const offset =
        single(req, 'offset') === undefined ? 0 : (parseNumber(single(req, 'offset')!, 'offset', 'integer') as number);
      if (offset < 0 || offset > MAX_OFFSET) throw badParam(`offset is 0 to ${MAX_OFFSET}, not ${offset}`);
      const filterText = single(req, 'filter');
      if (filterText && filterText.length > MAX_CQL_LENGTH)
        throw new OgcError(
          400,
          'InvalidFilter',
          `filter is ${filterText.length} characters long; at most ${MAX_CQL_LENGTH}`,
        );

      const crs = crsParam(req, 'crs');
      const where = new Where();
      const bboxText = single(req, 'bbox');
      if (bboxText !== undefined) {
        const bboxCrs = crsParam(req, 'bbox-crs');
        const box = bboxText.split(',').map((s) => (s.trim() === '' ? NaN : Number(s)));
        if (box.length === 6)
          throw badParam('bbox with heights (6 numbers) is not supported: give minx,miny,maxx,maxy');
        if (box.length !== 4 || box.some((n) => !Number.isFinite(n)))
          throw badParam('bbox is four numbers: minx,miny,maxx,maxy');
        const [a, b, cc, d] = box as [number, number, number, number];
        if (!(a <= cc && b <= d)) throw badParam('bbox needs min ≤ max on both axes');
        // x/y in PostGIS order (longitude or easting first).
        const [x1, y1, x2, y2] = bboxCrs.flip ? [b, a, d, cc] : [a, b, cc, d];
        if (bboxCrs.srid === 4326 || bboxCrs.srid === 4490) {
          if (x1 < -180 || x2 > 180 || y1 < -90 || y2 > 90)
            throw badParam(
              `bbox lies outside longitude −180..180 / latitude −90..90${bboxCrs.flip ? ' (this CRS puts latitude first)' : ''}`,
            );
        } else if (x2 - x1 > 2_000_000 || y2 - y1 > 2_000_000 || Math.abs(x1) > 1e8 || Math.abs(y1) > 1e8) {
          throw badParam('bbox is larger than this projected CRS covers (at most 2,000 km a side)');
        }
        where.add(
          `${c.geom} && ${OGC_SQL.bbox(bboxCrs)} and ST_Intersects(${c.geom}, ${OGC_SQL.bbox(bboxCrs)})`,
          x1,
          y1,
          x2,
          y2,
          x1,
          y1,
          x2,
          y2,
        );
      } else if (single(req, 'bbox-crs') !== undefined) crsParam(req, 'bbox-crs');

      for (const [name, p] of Object.entries(c.properties)) {
        const v = single(req, name);
        if (v !== undefined) where.add(`${p.sql} = ?`, parseNumber(v, name, p.type));
      }
      if (filterText !== undefined) {
        const lang = single(req, 'filter-lang') ?? 'cql2-text';
        if (lang !== 'cql2-text') throw badParam(`filter-lang "${lang}" is not supported; use cql2-text`);
        const fcrs = crsParam(req, 'filter-crs');
        const compiled = compileCql2(filterText, {
          property: (n) => c.properties[n],
          geometry: { sql: c.geom, name: 'geometry' },
          srid: fcrs.srid,
          flip: fcrs.flip,
        });
        where.add(compiled.sql, ...compiled.params);
      }
      const props = propertiesParam(req, c);

      const e = em();
      const [counted] = await query<{ n: string }>(e, OGC_SQL.count(c, where.toSql()), where.params);
      const numberMatched = Number(counted!.n);
      const [page] = await query<{ features: string }>(e, OGC_SQL.items(c, crs, props, where.toSql()), [
        ...where.params,
        limit,
        offset,
      ]);
      const features = JSON.parse(page!.features) as {
        id: unknown;
        geometry: unknown;
        properties: Record<string, unknown>;
      }[];

      const self = new URL(`${base(req)}/collections/${c.id}/items`);
      for (const [k, v] of Object.entries(req.query)) if (k !== 'f') self.searchParams.set(k, String(v));
      const at = (o: number, f?: string) => {
        const u = new URL(self);
        u.searchParams.set('offset', String(o));
        u.searchParams.set('limit', String(limit));
        if (f) u.searchParams.set('f', f);
        return u.toString();
      };
      const links: { href: string; rel: string; type: string; title?: string }[] = [
        { href: at(offset), rel: 'self', type: GEOJSON, title: 'This page' },
        { href: at(offset, 'html'), rel: 'alternate', type: 'text/html', title: 'This page as HTML' },
        { href: `${base(req)}/collections/${c.id}`, rel: 'collection', type: 'application/json', title: c.title },
      ];
      if (offset + features.length < numberMatched) {
        links.push(
          { href: at(offset + limit), rel: 'next', type: GEOJSON, title: 'Next page' },
          { href: at(offset + limit, 'html'), rel: 'next', type: 'text/html', title: 'Next page' },
        );
      }
      if (offset > 0) {
        links.push(
          { href: at(Math.max(0, offset - limit)), rel: 'prev', type: GEOJSON, title: 'Previous page' },
          { href: at(Math.max(0, offset - limit), 'html'), rel: 'prev', type: 'text/html', title: 'Previous page' },
        );
      }
      const fc = {
        type: 'FeatureCollection',
        timeStamp: new Date().toISOString(),
        numberMatched,
        numberReturned: features.length,
        features,
        links,
      };
      res.setHeader('Content-Crs', `<${crs.uri}>`);
      if (html) res.type('html').send(ogcHtml.items(c.title, fc, c.id, crs.uri === CRS84));
      else res.type(GEOJSON).send(JSON.stringify(fc));
    }),
  );

  router.get(
    '/collections/:collectionId/items/:featureId',
    handle(async (req, res) => {
      const html = wantsHtml(req);
      const c = collectionOf(req, res);
      for (const name of Object.keys(req.query)) {
        if (!['crs', 'properties', 'f'].includes(name))
          throw badParam(`unknown parameter "${name}"; the parameters are crs, properties, f`);
      }
      const crs = crsParam(req, 'crs');
      const raw = String(req.params.featureId);
      const notFound = () => new OgcError(404, 'NotFound', `${c.id} has no feature ${raw}.`);
      if (c.idType === 'integer' && !/^\d{1,9}$/.test(raw)) throw notFound();
      if (raw.length > 200) throw notFound();
      const [row] = await query<{ feature: string }>(em(), OGC_SQL.item(c, crs, propertiesParam(req, c)), [
        c.idType === 'integer' ? Number(raw) : raw,
      ]);
      if (!row) throw notFound();
      const feature = JSON.parse(row.feature) as {
        id: unknown;
        geometry: unknown;
        properties: Record<string, unknown>;
        links?: unknown[];
      };
      const self = `${base(req)}/collections/${c.id}/items/${encodeURIComponent(raw)}`;
      feature.links = [
        { href: self, rel: 'self', type: GEOJSON },
        { href: `${self}?f=html`, rel: 'alternate', type: 'text/html' },
        { href: `${base(req)}/collections/${c.id}`, rel: 'collection', type: 'application/json' },
      ];
      res.setHeader('Content-Crs', `<${crs.uri}>`);
      if (html)
        res
          .type('html')
          .send(
            ogcHtml.items(
              `${c.title}: ${raw}`,
              { features: [feature], numberMatched: 1, numberReturned: 1, links: [] },
              c.id,
              crs.uri === CRS84,
            ),
          );
      else res.type(GEOJSON).send(JSON.stringify(feature));
    }),
  );

  router.use(
    handle(() => {
      throw new OgcError(404, 'NotFound', 'No such resource; start at /ogc.');
    }),
  );
  return router;
}

function propertiesParam(req: Request, c: CollectionDef): string[] {
  const v = single(req, 'properties');
  if (v === undefined) return Object.keys(c.properties);
  const names = v
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const unknown = names.find((n) => !(n in c.properties));
  if (unknown)
    throw badParam(
      `properties: "${unknown}" is not a property of ${c.id}; they are ${Object.keys(c.properties).join(', ')}`,
    );
  return [...new Set(names)];
}
