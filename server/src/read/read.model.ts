/**
 * What the read compiler knows about the record types: their tables, the relation
 * fields (with the order the field resolvers give) and the fields computed from the
 * geometry. Plain columns come from the ORM metadata (a @Field with the name of a
 * scalar or enum property), so new columns compile without an entry here.
 *
 * Each relation is SQL over the parent's alias `a` and its own alias `t`; the order
 * and the choice (partyUnit: the highest level) are exactly those of the resolvers in
 * <module>.resolver.ts.
 */

export interface Relation {
  /** GraphQL type of the related record(s). */
  type: string;
  many: boolean;
  /** `from … where …` of the related rows, over the parent alias and the related alias. */
  from: (a: string, t: string) => string;
  /** `order by` of a list, or of the one row picked. */
  order?: (t: string) => string;
}

export interface TypeModel {
  /** The ORM entity name (its metadata gives the plain columns). */
  entity: string;
  table: string;
  /** ra-data-graphql-simple names: Grid → Grid, allGrids. */
  plural: string;
  /** Key of the request's service (ctx.services[key]) whose filters and paging the lists reuse. */
  service: string;
  /** Has a `geom` column: geometry, areaM2, centroid. */
  geometry: boolean;
  /** Fields that are SQL scalars over the alias (foreign keys as ids). */
  computed: Record<string, (a: string) => string>;
  relations: Record<string, Relation>;
}

const PARTY_RANK = `array_position(array['COMMITTEE','GENERAL_BRANCH','BRANCH','GROUP']::text[], %.level::text)`;
const fk = (col: string) => (a: string) => `${a}.${col}::text`;

export const READ_MODEL: Record<string, TypeModel> = {
  County: {
    entity: 'County',
    table: 'county',
    plural: 'Counties',
    service: 'county',
    geometry: true,
    computed: {},
    relations: {
      townships: {
        type: 'Township',
        many: true,
        from: (a, t) => `from township ${t} where ${t}.county_id = ${a}.id`,
        order: (t) => `${t}.code, ${t}.id`,
      },
    },
  },
  Township: {
    entity: 'Township',
    table: 'township',
    plural: 'Townships',
    service: 'township',
    geometry: true,
    computed: { countyId: fk('county_id') },
    relations: {
      county: { type: 'County', many: false, from: (a, t) => `from county ${t} where ${t}.id = ${a}.county_id` },
      villages: {
        type: 'Village',
        many: true,
        from: (a, t) => `from village ${t} where ${t}.township_id = ${a}.id`,
        order: (t) => `${t}.code, ${t}.id`,
      },
    },
  },
  Village: {
    entity: 'Village',
    table: 'village',
    plural: 'Villages',
    service: 'village',
    geometry: true,
    computed: { townshipId: fk('township_id') },
    relations: {
      township: {
        type: 'Township',
        many: false,
        from: (a, t) => `from township ${t} where ${t}.id = ${a}.township_id`,
      },
      grids: {
        type: 'Grid',
        many: true,
        from: (a, t) => `from grid ${t} where ${t}.village_id = ${a}.id`,
        order: (t) => `${t}.code, ${t}.id`,
      },
      partyUnits: {
        type: 'PartyUnit',
        many: true,
        from: (a, t) => `from party_unit ${t} where ${t}.village_id = ${a}.id`,
        order: (t) => `${t}.id`,
      },
    },
  },
  Grid: {
    entity: 'Grid',
    table: 'grid',
    plural: 'Grids',
    service: 'grid',
    geometry: true,
    computed: {
      villageId: fk('village_id'),
      leaderId: fk('leader_id'),
      workerIds: (a) =>
        `coalesce((select json_agg(l.grid_worker_id::text order by l.grid_worker_id) from grid_worker_grids l where l.grid_id = ${a}.id), '[]'::json)`,
    },
    relations: {
      village: { type: 'Village', many: false, from: (a, t) => `from village ${t} where ${t}.id = ${a}.village_id` },
      leader: {
        type: 'GridWorker',
        many: false,
        from: (a, t) => `from grid_worker ${t} where ${t}.id = ${a}.leader_id`,
      },
      workers: {
        type: 'GridWorker',
        many: true,
        from: (a, t) =>
          `from grid_worker_grids ${t}_l join grid_worker ${t} on ${t}.id = ${t}_l.grid_worker_id where ${t}_l.grid_id = ${a}.id`,
        order: (t) => `${t}.id`,
      },
      partyUnit: {
        type: 'PartyUnit',
        many: false,
        from: (a, t) => `from party_unit ${t} where ${t}.grid_id = ${a}.id`,
        order: (t) => `${PARTY_RANK.replace('%', t)}, ${t}.id`,
      },
      partyUnits: {
        type: 'PartyUnit',
        many: true,
        from: (a, t) => `from party_unit ${t} where ${t}.grid_id = ${a}.id`,
        order: (t) => `${t}.id`,
      },
    },
  },
  GridWorker: {
    entity: 'GridWorker',
    table: 'grid_worker',
    plural: 'GridWorkers',
    service: 'gridWorker',
    geometry: false,
    computed: {
      gridIds: (a) =>
        `coalesce((select json_agg(l.grid_id::text order by l.grid_id) from grid_worker_grids l where l.grid_worker_id = ${a}.id), '[]'::json)`,
    },
    relations: {
      grids: {
        type: 'Grid',
        many: true,
        from: (a, t) =>
          `from grid_worker_grids ${t}_l join grid ${t} on ${t}.id = ${t}_l.grid_id where ${t}_l.grid_worker_id = ${a}.id`,
        order: (t) => `${t}.id`,
      },
    },
  },
  PartyUnit: {
    entity: 'PartyUnit',
    table: 'party_unit',
    plural: 'PartyUnits',
    service: 'partyUnit',
    geometry: false,
    computed: { parentId: fk('parent_id'), villageId: fk('village_id'), gridId: fk('grid_id') },
    relations: {
      parent: { type: 'PartyUnit', many: false, from: (a, t) => `from party_unit ${t} where ${t}.id = ${a}.parent_id` },
      children: {
        type: 'PartyUnit',
        many: true,
        from: (a, t) => `from party_unit ${t} where ${t}.parent_id = ${a}.id`,
        order: (t) => `${t}.id`,
      },
      village: { type: 'Village', many: false, from: (a, t) => `from village ${t} where ${t}.id = ${a}.village_id` },
      grid: { type: 'Grid', many: false, from: (a, t) => `from grid ${t} where ${t}.id = ${a}.grid_id` },
    },
  },
};

/** The geometry fields of every type with a `geom` column, as the loaders compute them (9 decimals, centroid 7). */
export const GEOMETRY_FIELDS: Record<string, (a: string) => string> = {
  geometry: (a) => `ST_AsGeoJSON(${a}.geom, 9)::json`,
  areaM2: (a) => `ST_Area(${a}.geom::geography)`,
  centroid: (a) => `ST_AsGeoJSON(ST_Centroid(${a}.geom), 7)::json`,
};
