import type { MikroORM } from '@mikro-orm/postgresql';
import { Router, type Response } from 'express';
import type { Principal } from '../auth/principal';
import { query } from '../common/sql';
import { COLLECTION_BY_ID, COLLECTIONS, type CollectionDef } from '../ogc/ogc.collections';
import { OGC_SQL } from '../ogc/ogc.sql';
import { requirePrincipal, type GisAuth } from '../ogc/gis-auth';
import { readable } from '../ogc/ogc.routes';
import { bandOf, readyAt, TILES_SQL } from './tiles.sql';

export const MAX_ZOOM = 22;
/** Layers one tile request may join (the admin map asks for its four at once). */
const MAX_LAYERS_PER_TILE = 8;
/** Tiles kept in memory (per data version; a write makes them all stale). */
const CACHE_TILES = 4000;
const CACHE_BYTES = 64 * 1024 * 1024;

/** About half a pixel of a 512-pixel tile at zoom z, in degrees: what the features are simplified to. */
export const toleranceAt = (z: number) => (z >= 16 ? 0 : 360 / (2 ** z * 1024));

class TileCache {
  private readonly map = new Map<string, Buffer | null>();
  private bytes = 0;
  get(key: string): Buffer | null | undefined {
    const v = this.map.get(key);
    if (v !== undefined) {
      this.map.delete(key);
      this.map.set(key, v);
    }
    return v;
  }
  set(key: string, tile: Buffer | null): void {
    this.map.set(key, tile);
    this.bytes += tile?.length ?? 0;
    while (this.map.size > CACHE_TILES || this.bytes > CACHE_BYTES) {
      const [oldest, value] = this.map.entries().next().value as [string, Buffer | null];
      this.map.delete(oldest);
      this.bytes -= value?.length ?? 0;
    }
  }
}

/**
 * Mapbox vector tiles of the map layers at /tiles/{layer}/{z}/{x}/{y}.mvt, built by
 * ST_AsMVT from the same collection definitions as /ogc, and a TileJSON per layer;
 * /tiles/{layer},{layer}/… joins several layers in one tile (one request instead of several). Every
 * response carries an ETag of the data version (bumped in the transaction of every write):
 * a 304 costs one tiny query. Tile URLs in the TileJSON carry `?v=<version>`, and such a
 * tile may be cached for a day — a new version means new URLs.
 */
export function tileRoutes(orm: MikroORM, gis: GisAuth): Router {
  const router = Router();
  const cache = new TileCache();
  router.use(requirePrincipal(orm, gis));

  const layerOf = (name: string, res: Response): CollectionDef | null => {
    const c = COLLECTION_BY_ID.get(name);
    if (!c) {
      res.status(404).json({
        code: 'NotFound',
        description: `There is no tile layer "${name}"; the layers are ${COLLECTIONS.map((l) => l.id).join(', ')}.`,
      });
      return null;
    }
    if (!readable(res.locals.principal as Principal, c)) {
      res
        .status(403)
        .json({ code: 'FORBIDDEN', description: `This API key may only read the coverage layers, not ${c.id}.` });
      return null;
    }
    return c;
  };
  const version = async () => (await query<{ n: string }>(orm.em.fork(), OGC_SQL.version))[0]!.n;

  router.get('/:layer.json', async (req, res, next) => {
    try {
      const c = layerOf(String(req.params.layer), res);
      if (!c) return;
      const v = await version();
      const base = `${req.protocol}://${req.get('host')}${req.baseUrl}`;
      const [e] = await query<{ x1: number | null; y1: number; x2: number; y2: number }>(
        orm.em.fork(),
        OGC_SQL.extent(c),
      );
      const fields = Object.fromEntries(
        Object.entries(c.properties)
          .filter(([, p]) => p.tile)
          .map(([n, p]) => [n, p.type === 'string' ? 'String' : p.type === 'boolean' ? 'Boolean' : 'Number']),
      );
      res.setHeader('Cache-Control', 'private, no-cache');
      res.json({
        tilejson: '3.0.0',
        name: c.id,
        description: c.title,
        version: '1.0.0',
        scheme: 'xyz',
        tiles: [`${base}/${c.id}/{z}/{x}/{y}.mvt?v=${v}`],
        minzoom: c.minZoom,
        maxzoom: MAX_ZOOM,
        bounds: e && e.x1 !== null ? [e.x1, e.y1, e.x2, e.y2].map(Number) : [-180, -85.05, 180, 85.05],
        vector_layers: [
          {
            id: c.id,
            description: c.description,
            minzoom: c.minZoom,
            maxzoom: MAX_ZOOM,
            fields: c.idType === 'string' ? { id: 'String', ...fields } : fields,
          },
        ],
        dataVersion: Number(v),
      });
    } catch (e) {
      next(e);
    }
  });

  /** One layer's tile of a data version: from the cache, else built (null: empty). */
  async function tileOf(c: CollectionDef, v: string, z: number, x: number, y: number): Promise<Buffer | null> {
    const key = `${v}/${c.id}/${z}/${x}/${y}`;
    let tile = cache.get(key);
    if (tile !== undefined) return tile;
    if (z < c.minZoom) tile = null;
    else {
      // Generalised geometry of the zoom band where the layer keeps one; else simplified here.
      const band = bandOf(c.id, z);
      const [row] =
        band !== null
          ? await query<{ mvt: Buffer | null; n: string }>(
              orm.em.fork(),
              readyAt(c, band) ? TILES_SQL.readyTile(c) : TILES_SQL.tile(c, band),
              [z, x, y, z, x, y, c.id],
            )
          : await query<{ mvt: Buffer | null; n: string }>(orm.em.fork(), OGC_SQL.tile(c), [
              z,
              x,
              y,
              z,
              x,
              y,
              toleranceAt(z),
              c.id,
            ]);
      tile = row && Number(row.n) > 0 && row.mvt?.length ? Buffer.from(row.mvt) : null;
    }
    cache.set(key, tile);
    return tile;
  }

  router.get('/:layer/:z/:x/:y.mvt', async (req, res, next) => {
    try {
      const [z, x, y] = [req.params.z, req.params.x, req.params.y].map((s) =>
        /^\d{1,7}$/.test(String(s)) ? Number(s) : NaN,
      ) as [number, number, number];
      if (!(z >= 0 && z <= MAX_ZOOM) || !(x >= 0 && x < 2 ** z) || !(y >= 0 && y < 2 ** z)) {
        res.status(400).json({
          code: 'InvalidParameterValue',
          description: `z/x/y must be whole numbers with 0 ≤ z ≤ ${MAX_ZOOM} and 0 ≤ x, y < 2^z.`,
        });
        return;
      }
      // Several layers in one tile (`villages,uncovered`): one request where a map draws them all;
      // a Mapbox vector tile is a list of layers, so the layers' tiles are simply joined.
      const names = String(req.params.layer).split(',');
      if (names.length > MAX_LAYERS_PER_TILE || new Set(names).size !== names.length) {
        res.status(400).json({
          code: 'InvalidParameterValue',
          description: `A tile holds at most ${MAX_LAYERS_PER_TILE} distinct layers, separated by commas.`,
        });
        return;
      }
      const layers: CollectionDef[] = [];
      for (const name of names) {
        const c = layerOf(name, res);
        if (!c) return;
        layers.push(c);
      }
      const v = await version();
      const etag = `"t${v}-${names.join(',')}-${z}-${x}-${y}"`;
      res.setHeader('ETag', etag);
      res.setHeader('Cache-Control', req.query.v === v ? 'private, max-age=86400, immutable' : 'private, no-cache');
      res.setHeader('Vary', 'Authorization, X-Api-Key');
      if (req.headers['if-none-match'] === etag) {
        res.status(304).end();
        return;
      }
      const parts: Buffer[] = [];
      for (const c of layers) {
        const tile = await tileOf(c, v, z, x, y);
        if (tile) parts.push(tile);
      }
      if (!parts.length) {
        res.status(204).end();
        return;
      }
      res.type('application/vnd.mapbox-vector-tile').send(parts.length === 1 ? parts[0] : Buffer.concat(parts));
    } catch (e) {
      next(e);
    }
  });
  router.use((_req, res) => {
    res
      .status(404)
      .json({ code: 'NotFound', description: 'Tiles are at /tiles/{layer}/{z}/{x}/{y}.mvt and /tiles/{layer}.json.' });
  });
  return router;
}
