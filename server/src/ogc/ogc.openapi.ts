import { COLLECTIONS, type CollectionDef, type PropertyDef } from './ogc.collections';
import { CRS_URIS } from './ogc.crs';
import { MAX_CQL_LENGTH } from './cql2';

export const MAX_LIMIT = 10_000;
export const DEFAULT_LIMIT = 100;

export const CONFORMANCE = [
  'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core',
  'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/oas30',
  'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/html',
  'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson',
  'http://www.opengis.net/spec/ogcapi-features-2/1.0/conf/crs',
  'http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/queryables',
  'http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/queryables-query-parameters',
  'http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/filter',
  'http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/features-filter',
  'http://www.opengis.net/spec/cql2/1.0/conf/cql2-text',
  'http://www.opengis.net/spec/cql2/1.0/conf/basic-cql2',
  'http://www.opengis.net/spec/cql2/1.0/conf/advanced-comparison-operators',
  'http://www.opengis.net/spec/cql2/1.0/conf/basic-spatial-functions',
] as const;

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const json = (schema: object, type = 'application/json') => ({ content: { [type]: { schema } } });
const errors = {
  '400': { description: 'A bad parameter: the exception says which and why.', ...json(ref('exception')) },
  '401': { description: 'No or bad credentials (HTTP Basic, Bearer token or API key).', ...json(ref('exception')) },
  '403': { description: 'These credentials may not read this collection.', ...json(ref('exception')) },
  '404': { description: 'No such collection or feature.', ...json(ref('exception')) },
};

// OpenAPI 3.0: a nullable enum lists null among its values.
const propertySchema = (p: PropertyDef) => ({
  type: p.type,
  title: p.title,
  nullable: true,
  ...(p.enum ? { enum: [...p.enum, null] } : {}),
});

const param = (name: string, schema: object, description: string, extra: object = {}) => ({
  name,
  in: 'query',
  required: false,
  description,
  schema,
  style: 'form',
  explode: false,
  ...extra,
});

const PARAMS = {
  limit: param(
    'limit',
    { type: 'integer', minimum: 1, maximum: MAX_LIMIT, default: DEFAULT_LIMIT },
    `At most this many features (1–${MAX_LIMIT}).`,
  ),
  offset: param(
    'offset',
    { type: 'integer', minimum: 0, default: 0 },
    'Skip this many features (the `next` link carries it).',
  ),
  bbox: param(
    'bbox',
    { type: 'array', minItems: 4, maxItems: 4, items: { type: 'number' } },
    'minx,miny,maxx,maxy in bbox-crs (CRS84 longitude/latitude by default; other CRSs in their own axis order).',
  ),
  'bbox-crs': param('bbox-crs', { type: 'string', format: 'uri', enum: CRS_URIS }, 'The CRS of bbox.'),
  crs: param('crs', { type: 'string', format: 'uri', enum: CRS_URIS }, 'The CRS of the geometries in the response.'),
  properties: param(
    'properties',
    { type: 'array', items: { type: 'string' } },
    'Only these properties (comma-separated).',
  ),
  filter: param(
    'filter',
    { type: 'string', maxLength: MAX_CQL_LENGTH },
    'A CQL2 text filter: property comparisons, LIKE, IN, BETWEEN, IS NULL, AND/OR/NOT, S_INTERSECTS(geometry, BBOX/POINT/POLYGON).',
  ),
  'filter-lang': param(
    'filter-lang',
    { type: 'string', enum: ['cql2-text'], default: 'cql2-text' },
    'The filter language.',
  ),
  'filter-crs': param(
    'filter-crs',
    { type: 'string', format: 'uri', enum: CRS_URIS },
    'The CRS of geometry literals in filter.',
  ),
  f: param('f', { type: 'string', enum: ['json', 'html'] }, 'The response format (instead of the Accept header).'),
};

/** Query parameters of items, besides one per queryable property. */
export const ITEMS_PARAMS = [
  'limit',
  'offset',
  'bbox',
  'bbox-crs',
  'crs',
  'properties',
  'filter',
  'filter-lang',
  'filter-crs',
  'f',
] as const;

/** The OpenAPI 3.0 document of /ogc: the contract the tests validate the responses against. */
export function openApi(base: string, collections: readonly CollectionDef[] = COLLECTIONS): Record<string, unknown> {
  const paths: Record<string, unknown> = {
    '/': {
      get: {
        summary: 'Landing page',
        operationId: 'getLandingPage',
        parameters: [PARAMS.f],
        responses: {
          '200': { description: 'Links to the API, conformance and collections.', ...json(ref('landingPage')) },
          ...errors,
        },
      },
    },
    '/conformance': {
      get: {
        summary: 'Conformance classes',
        operationId: 'getConformance',
        parameters: [PARAMS.f],
        responses: {
          '200': { description: 'The conformance classes this API implements.', ...json(ref('confClasses')) },
          ...errors,
        },
      },
    },
    '/api': {
      get: {
        summary: 'This document',
        operationId: 'getApi',
        responses: {
          '200': {
            description: 'OpenAPI 3.0',
            ...json({ type: 'object' }, 'application/vnd.oai.openapi+json;version=3.0'),
          },
        },
      },
    },
    '/collections': {
      get: {
        summary: 'Feature collections',
        operationId: 'getCollections',
        parameters: [PARAMS.f],
        responses: {
          '200': { description: 'The collections these credentials may read.', ...json(ref('collections')) },
          ...errors,
        },
      },
    },
  };
  for (const c of collections) {
    const propParams = Object.entries(c.properties).map(([name, p]) =>
      param(name, propertySchema(p), `Only features whose ${name} equals this value (${p.title}).`, {
        style: 'form',
        explode: false,
      }),
    );
    const fid = {
      name: 'featureId',
      in: 'path',
      required: true,
      schema: { type: c.idType },
      description: 'The feature id.',
    };
    paths[`/collections/${c.id}`] = {
      get: {
        summary: c.title,
        operationId: `describe_${c.id}`,
        parameters: [PARAMS.f],
        responses: { '200': { description: c.description, ...json(ref('collection')) }, ...errors },
      },
    };
    paths[`/collections/${c.id}/queryables`] = {
      get: {
        summary: `Queryables of ${c.id}`,
        operationId: `queryables_${c.id}`,
        responses: {
          '200': {
            description: 'A JSON schema of the properties filters may use.',
            ...json({ type: 'object' }, 'application/schema+json'),
          },
          ...errors,
        },
      },
    };
    paths[`/collections/${c.id}/items`] = {
      get: {
        summary: `Features of ${c.id}`,
        operationId: `items_${c.id}`,
        parameters: [...ITEMS_PARAMS.map((n) => PARAMS[n]), ...propParams],
        responses: {
          '200': {
            description: 'A page of features.',
            headers: { 'Content-Crs': { schema: { type: 'string' } } },
            ...json(ref(`featureCollection_${c.id}`), 'application/geo+json'),
          },
          ...errors,
        },
      },
    };
    paths[`/collections/${c.id}/items/{featureId}`] = {
      get: {
        summary: `One feature of ${c.id}`,
        operationId: `item_${c.id}`,
        parameters: [fid, PARAMS.crs, PARAMS.properties, PARAMS.f],
        responses: {
          '200': { description: 'The feature.', ...json(ref(`feature_${c.id}`), 'application/geo+json') },
          ...errors,
        },
      },
    };
  }

  const link = {
    type: 'object',
    required: ['href', 'rel'],
    properties: {
      href: { type: 'string' },
      rel: { type: 'string' },
      type: { type: 'string' },
      title: { type: 'string' },
      hreflang: { type: 'string' },
    },
  };
  const geometry = {
    type: 'object',
    nullable: true,
    required: ['type', 'coordinates'],
    properties: {
      type: {
        type: 'string',
        enum: ['Point', 'MultiPoint', 'LineString', 'MultiLineString', 'Polygon', 'MultiPolygon'],
      },
      coordinates: { type: 'array' },
    },
  };
  const schemas: Record<string, unknown> = {
    link,
    exception: {
      type: 'object',
      required: ['code'],
      properties: { code: { type: 'string' }, description: { type: 'string' } },
    },
    landingPage: {
      type: 'object',
      required: ['links'],
      properties: {
        title: { type: 'string' },
        description: { type: 'string' },
        links: { type: 'array', items: ref('link') },
      },
    },
    confClasses: {
      type: 'object',
      required: ['conformsTo'],
      properties: { conformsTo: { type: 'array', items: { type: 'string' } } },
    },
    extent: {
      type: 'object',
      properties: {
        spatial: {
          type: 'object',
          properties: {
            bbox: {
              type: 'array',
              minItems: 1,
              items: { type: 'array', minItems: 4, maxItems: 4, items: { type: 'number' } },
            },
            crs: { type: 'string' },
          },
        },
      },
    },
    collection: {
      type: 'object',
      required: ['id', 'links'],
      properties: {
        id: { type: 'string' },
        title: { type: 'string' },
        description: { type: 'string' },
        links: { type: 'array', items: ref('link') },
        extent: ref('extent'),
        itemType: { type: 'string' },
        crs: { type: 'array', items: { type: 'string' } },
        storageCrs: { type: 'string' },
      },
    },
    collections: {
      type: 'object',
      required: ['links', 'collections'],
      properties: {
        links: { type: 'array', items: ref('link') },
        collections: { type: 'array', items: ref('collection') },
      },
    },
    geometryGeoJSON: geometry,
  };
  for (const c of collections) {
    const properties = {
      type: 'object',
      nullable: true,
      additionalProperties: false,
      properties: Object.fromEntries(Object.entries(c.properties).map(([n, p]) => [n, propertySchema(p)])),
    };
    schemas[`feature_${c.id}`] = {
      type: 'object',
      required: ['type', 'geometry', 'properties'],
      properties: {
        type: { type: 'string', enum: ['Feature'] },
        id: { type: c.idType },
        geometry: ref('geometryGeoJSON'),
        properties,
        links: { type: 'array', items: ref('link') },
      },
    };
    schemas[`featureCollection_${c.id}`] = {
      type: 'object',
      required: ['type', 'features'],
      properties: {
        type: { type: 'string', enum: ['FeatureCollection'] },
        features: { type: 'array', items: ref(`feature_${c.id}`) },
        links: { type: 'array', items: ref('link') },
        timeStamp: { type: 'string' },
        numberMatched: { type: 'integer', minimum: 0 },
        numberReturned: { type: 'integer', minimum: 0 },
      },
    };
  }
  return {
    openapi: '3.0.3',
    info: {
      title: 'Wuzhong Grid — OGC API – Features',
      version: '1.0.0',
      description:
        'Counties, townships, villages and communities, grids and the coverage findings of Wuzhong Grid. Credentials: HTTP Basic (a user), "Authorization: Bearer <token>", or "X-Api-Key: <key>".',
      license: { name: 'MIT' },
    },
    servers: [{ url: base }],
    components: {
      schemas,
      securitySchemes: {
        basic: { type: 'http', scheme: 'basic' },
        bearer: { type: 'http', scheme: 'bearer' },
        apiKey: { type: 'apiKey', in: 'header', name: 'X-Api-Key' },
      },
    },
    security: [{ basic: [] }, { bearer: [] }, { apiKey: [] }],
    paths,
  };
}
