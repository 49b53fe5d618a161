/**
 * The feature collections served by OGC API – Features (/ogc) and the vector tiles (/tiles),
 * defined once. Each is a FROM clause on alias `e`, a geometry expression, an id and its
 * properties as SQL expressions. `tile: true` marks the properties the admin map needs in a tile.
 */
import { SEVERITIES } from '../coverage/coverage.rules';
import { WORST_SEVERITY } from '../coverage/coverage.sql';
import { PARTY_LEVEL_ORDER } from '../party-unit/party-unit.sql';

export type PropertyType = 'integer' | 'number' | 'string' | 'boolean';

export interface PropertyDef {
  sql: string;
  type: PropertyType;
  title: string;
  /** Carried in the vector tiles. */
  tile?: boolean;
  /** Allowed values, for the OpenAPI document and the queryables. */
  enum?: readonly string[];
}

export interface CollectionDef {
  id: string;
  title: string;
  description: string;
  /** FROM clause; the feature row is alias `e`. */
  from: string;
  /** Condition always applied (rows without a geometry are no features). */
  where: string;
  geom: string;
  idSql: string;
  idType: 'integer' | 'string';
  properties: Record<string, PropertyDef>;
  /** Readable by SERVICE keys limited to coverage. */
  coverage: boolean;
  /** Vector tiles: the lowest zoom that carries this layer (lower zooms are empty). */
  minZoom: number;
}

const severity = SEVERITIES;
/** The worst severity of the findings about a grid (two index lookups: as the grid, as the other grid). */
const worstOfGrid = (grid: string) =>
  `(select ${WORST_SEVERITY('f.severity')}
     from (select severity from coverage_finding where grid_id = ${grid}
           union all select severity from coverage_finding where other_grid_id = ${grid}) f)`;
const coveredShare = (joinToVillages: string) =>
  `(select 1 - sum(c.uncovered_m2) / nullif(sum(c.area_m2), 0) from coverage_unit c join village v on v.id = c.village_id ${joinToVillages})`;

export const COLLECTIONS: readonly CollectionDef[] = [
  {
    id: 'counties',
    title: 'Counties and districts 县区',
    description: 'The counties and districts of the city, with the covered share of their land.',
    from: 'county e',
    where: 'e.geom is not null',
    geom: 'e.geom',
    idSql: 'e.id',
    idType: 'integer',
    coverage: false,
    minZoom: 0,
    properties: {
      code: { sql: 'e.code', type: 'string', title: 'Division code', tile: true },
      name: { sql: 'e.name', type: 'string', title: 'Name', tile: true },
      coveredShare: {
        sql: coveredShare('join township t on t.id = v.township_id where t.county_id = e.id'),
        type: 'number',
        title: 'Covered share (0–1)',
        tile: true,
      },
      areaM2: {
        sql: 'round(ST_Area(e.geom::geography)::numeric, 1)',
        type: 'number',
        title: 'Area (m², on the spheroid)',
      },
    },
  },
  {
    id: 'townships',
    title: 'Townships and streets 乡镇/街道',
    description: 'Townships, towns and streets.',
    from: 'township e',
    where: 'e.geom is not null',
    geom: 'e.geom',
    idSql: 'e.id',
    idType: 'integer',
    coverage: false,
    minZoom: 0,
    properties: {
      code: { sql: 'e.code', type: 'string', title: 'Division code', tile: true },
      name: { sql: 'e.name', type: 'string', title: 'Name', tile: true },
      kind: { sql: 'e.kind', type: 'string', title: 'Kind', tile: true, enum: ['TOWN', 'TOWNSHIP', 'STREET', 'OTHER'] },
      countyId: { sql: 'e.county_id', type: 'integer', title: 'County id', tile: true },
      coveredShare: {
        sql: coveredShare('where v.township_id = e.id'),
        type: 'number',
        title: 'Covered share (0–1)',
        tile: true,
      },
      areaM2: {
        sql: 'round(ST_Area(e.geom::geography)::numeric, 1)',
        type: 'number',
        title: 'Area (m², on the spheroid)',
      },
    },
  },
  {
    id: 'villages',
    title: 'Villages and communities 村/社区',
    description: 'Village-level units: villages (村) and urban communities (社区), with their coverage.',
    from: 'village e join township t on t.id = e.township_id left join coverage_unit c on c.village_id = e.id',
    where: 'e.geom is not null',
    geom: 'e.geom',
    idSql: 'e.id',
    idType: 'integer',
    coverage: false,
    minZoom: 0,
    properties: {
      code: { sql: 'e.code', type: 'string', title: 'Division code', tile: true },
      name: { sql: 'e.name', type: 'string', title: 'Name', tile: true },
      kind: { sql: 'e.kind', type: 'string', title: 'Kind', tile: true, enum: ['VILLAGE', 'COMMUNITY'] },
      townshipId: { sql: 'e.township_id', type: 'integer', title: 'Township id', tile: true },
      countyId: { sql: 't.county_id', type: 'integer', title: 'County id', tile: true },
      households: { sql: 'e.households', type: 'integer', title: 'Households', tile: true },
      population: { sql: 'e.population', type: 'integer', title: 'Population' },
      villagerGroups: { sql: 'e.villager_groups', type: 'integer', title: 'Villager groups' },
      coveredShare: { sql: 'c.covered_share', type: 'number', title: 'Covered share (0–1)', tile: true },
      uncoveredM2: {
        sql: 'round(c.uncovered_m2::numeric, 1)',
        type: 'number',
        title: 'Uncovered land (m²)',
        tile: true,
      },
      gridCount: { sql: 'c.grid_count', type: 'integer', title: 'Grids' },
      findings: {
        sql: '(select count(*) from coverage_finding f where f.village_id = e.id)',
        type: 'integer',
        title: 'Coverage findings',
        tile: true,
      },
      areaM2: { sql: 'round(c.area_m2::numeric, 1)', type: 'number', title: 'Area (m², on the spheroid)' },
    },
  },
  {
    id: 'grids',
    title: 'Grids 网格',
    description: 'Grids with their workers, party unit and worst coverage finding.',
    from: 'grid e join village v on v.id = e.village_id join township t on t.id = v.township_id',
    where: 'true',
    geom: 'e.geom',
    idSql: 'e.id',
    idType: 'integer',
    coverage: false,
    minZoom: 0,
    properties: {
      code: { sql: 'e.code', type: 'string', title: 'Code', tile: true },
      name: { sql: 'e.name', type: 'string', title: 'Name', tile: true },
      kind: {
        sql: 'e.kind',
        type: 'string',
        title: 'Kind',
        tile: true,
        enum: ['VILLAGER_GROUP', 'RESIDENTIAL_COMPOUND', 'BUILDING', 'COMMERCIAL', 'NATURAL_VILLAGE', 'OTHER'],
      },
      villageId: { sql: 'e.village_id', type: 'integer', title: 'Village or community id', tile: true },
      villageName: { sql: 'v.name', type: 'string', title: 'Village or community' },
      townshipId: { sql: 'v.township_id', type: 'integer', title: 'Township id' },
      countyId: { sql: 't.county_id', type: 'integer', title: 'County id' },
      households: { sql: 'e.households', type: 'integer', title: 'Households', tile: true },
      population: { sql: 'e.population', type: 'integer', title: 'Population' },
      workers: {
        sql: '(select count(*) from grid_worker_grids gw where gw.grid_id = e.id and exists (select 1 from grid_worker w where w.id = gw.grid_worker_id and w.active))::int',
        type: 'integer',
        title: 'Active grid workers',
        tile: true,
      },
      partyUnit: {
        sql: `(select p.name from party_unit p where p.grid_id = e.id
               order by ${PARTY_LEVEL_ORDER('p.level')}, p.id limit 1)`,
        type: 'string',
        title: 'Party unit built on the grid',
        tile: true,
      },
      severity: {
        sql: worstOfGrid('e.id'),
        type: 'string',
        title: 'Worst coverage finding',
        tile: true,
        enum: severity,
      },
      areaM2: {
        sql: 'round(ST_Area(e.geom::geography)::numeric, 1)',
        type: 'number',
        title: 'Area (m², on the spheroid)',
      },
    },
  },
  {
    id: 'findings',
    title: 'Coverage findings 覆盖问题',
    description:
      'Every coverage finding: uncovered land, overlaps, spills, grids without worker or party unit, grid sizes.',
    from: 'coverage_finding e join village v on v.id = e.village_id join township t on t.id = v.township_id',
    where: 'true',
    geom: 'coalesce(e.geom, e.point)',
    idSql: 'e.id',
    idType: 'string',
    coverage: true,
    minZoom: 0,
    properties: {
      kind: {
        sql: 'e.kind',
        type: 'string',
        title: 'Kind',
        tile: true,
        enum: [
          'UNCOVERED_LAND',
          'OVERLAP',
          'SPILL',
          'UNSTAFFED_GRID',
          'OVERSIZED_GRID',
          'UNDERSIZED_GRID',
          'GRID_COUNT_MISMATCH',
          'NO_PARTY_UNIT',
          'NO_GRID_PARTY_UNIT',
        ],
      },
      severity: { sql: 'e.severity', type: 'string', title: 'Severity', tile: true, enum: severity },
      villageId: { sql: 'e.village_id', type: 'integer', title: 'Village or community id', tile: true },
      countyId: { sql: 't.county_id', type: 'integer', title: 'County id' },
      gridId: { sql: 'e.grid_id', type: 'integer', title: 'Grid id', tile: true },
      otherGridId: { sql: 'e.other_grid_id', type: 'integer', title: 'Other grid id' },
      subjectName: { sql: 'e.subject_name', type: 'string', title: 'Subject', tile: true },
      otherName: { sql: 'e.other_name', type: 'string', title: 'Other subject' },
      value: { sql: 'e.value', type: 'number', title: 'Value' },
      expected: { sql: 'e.expected', type: 'number', title: 'Expected' },
      areaM2: { sql: 'round(e.area_m2::numeric, 1)', type: 'number', title: 'Area (m²)', tile: true },
    },
  },
  {
    id: 'uncovered',
    title: 'Uncovered land 覆盖空白',
    description: 'Land of a village or community that no grid covers, per unit.',
    from: 'coverage_unit e join village v on v.id = e.village_id join township t on t.id = v.township_id',
    where: 'e.uncovered is not null',
    geom: 'e.uncovered',
    idSql: 'e.village_id',
    idType: 'integer',
    coverage: true,
    minZoom: 0,
    properties: {
      villageId: { sql: 'e.village_id', type: 'integer', title: 'Village or community id', tile: true },
      villageName: { sql: 'v.name', type: 'string', title: 'Village or community', tile: true },
      countyId: { sql: 't.county_id', type: 'integer', title: 'County id' },
      areaM2: { sql: 'round(e.uncovered_m2::numeric, 1)', type: 'number', title: 'Uncovered area (m²)', tile: true },
      coveredShare: { sql: 'e.covered_share', type: 'number', title: 'Covered share of the unit (0–1)', tile: true },
    },
  },
  {
    id: 'overlaps',
    title: 'Overlaps 重叠',
    description: 'Land two grids both claim.',
    from: 'coverage_finding e join village v on v.id = e.village_id join township t on t.id = v.township_id',
    where: "e.kind = 'OVERLAP'",
    geom: 'e.geom',
    idSql: 'e.id',
    idType: 'string',
    coverage: true,
    minZoom: 0,
    properties: {
      gridAId: { sql: 'e.grid_id', type: 'integer', title: 'First grid id', tile: true },
      gridBId: { sql: 'e.other_grid_id', type: 'integer', title: 'Second grid id', tile: true },
      gridAName: { sql: 'e.subject_name', type: 'string', title: 'First grid' },
      gridBName: { sql: 'e.other_name', type: 'string', title: 'Second grid' },
      villageId: { sql: 'e.village_id', type: 'integer', title: 'Village or community id', tile: true },
      countyId: { sql: 't.county_id', type: 'integer', title: 'County id' },
      areaM2: { sql: 'round(e.area_m2::numeric, 1)', type: 'number', title: 'Area (m²)', tile: true },
    },
  },
];

export const COLLECTION_BY_ID = new Map(COLLECTIONS.map((c) => [c.id, c]));
