import { ACTIVE_WORKER_EXISTS } from '../grid-worker/grid-worker.sql';
import { FindingKind, SEVERITIES } from './coverage.rules';

/** `array['CRITICAL','WARNING','NOTICE']`, from the Severity enum: most severe first. */
const SEVERITIES_ARRAY = `array[${SEVERITIES.map((s) => `'${s}'`).join(',')}]`;

/** Rank of a severity column (1 = most severe), for `order by` and `min`. */
export const SEVERITY_ORDER = (column: string) => `array_position(${SEVERITIES_ARRAY}, ${column})`;

/** The most severe of a group's severities (an aggregate). */
export const WORST_SEVERITY = (column: string) => `(${SEVERITIES_ARRAY})[min(${SEVERITY_ORDER(column)})]`;

/** A finding row with its point as GeoJSON (alias `f`), as toFinding reads it. */
const FINDING_COLUMNS = 'f.*, ST_AsGeoJSON(f.point, 7)::json as centroid';

/**
 * The statements the coverage module runs. Overlays run on a 1e-9° grid (about 0.1 mm):
 * a sliver thinner than that between two shapes is no land, and the area of such a
 * degenerate sliver on the spheroid can come out as metres² of noise.
 * Each recompute statement takes the
 * ids of the village-level units to recompute (`:ids`) and unions grids per
 * unit — never one union of the whole city. Thresholds and severities come in as named
 * parameters (`:name`, bound by bindNamed) from coverage.rules.ts.
 */
export const COVERAGE_SQL = {
  deleteUnits: 'delete from coverage_unit where village_id = any(:ids::int[])',

  /** Per unit: area, uncovered pieces at least [minGapM2] in size, covered share, grids and households. */
  insertUnits: `
    insert into coverage_unit (village_id, area_m2, uncovered_m2, covered_share, uncovered, grid_count, households_in_grids, computed_at)
    select v.id, a.area, coalesce(p.area, 0),
           case when a.area > 0 then greatest(0, 1 - coalesce(p.area, 0) / a.area) end,
           p.geom, c.n, c.hh, now()
    from village v
    cross join lateral (select ST_Area(v.geom::geography) as area) a
    cross join lateral (select count(*)::int as n, coalesce(sum(g.households), 0)::int as hh, ST_Union(g.geom) as geom
                        from grid g where g.village_id = v.id) c
    cross join lateral (
      select ST_Multi(ST_Collect(d.geom)) as geom, sum(d.area) as area
      from (select (x.dp).geom as geom, ST_Area((x.dp).geom::geography) as area
            from (select ST_Dump(case when c.geom is null then v.geom else ST_Difference(v.geom, c.geom, 1e-9) end) as dp) x
            where ST_Dimension((x.dp).geom) = 2) d
      where d.area >= :minGapM2) p
    where v.id = any(:ids::int[]) and v.geom is not null`,

  /** Every finding of the units but overlaps (those depend on grid geometry alone: see overlaps*). */
  deleteFindings: `delete from coverage_finding where kind <> :overlap and village_id = any(:ids::int[])`,
  deleteUnitOverlaps: `delete from coverage_finding where kind = :overlap and (village_id = any(:ids::int[]) or other_village_id = any(:ids::int[]))`,
  deleteGridOverlaps: `delete from coverage_finding where kind = :overlap and (grid_id = any(:gridIds::int[]) or other_grid_id = any(:gridIds::int[]))`,

  uncovered: `
    insert into coverage_finding (id, kind, severity, village_id, subject_name, value, area_m2, geom, point)
    select :kind::text || '-v' || c.village_id, :kind,
           case when 1 - c.covered_share >= :criticalShare then :criticalSeverity else :severity end,
           c.village_id, v.name, 1 - c.covered_share, c.uncovered_m2, c.uncovered, ST_PointOnSurface(c.uncovered)
    from coverage_unit c join village v on v.id = c.village_id
    where c.village_id = any(:ids::int[]) and c.uncovered_m2 > 0`,

  /**
   * Pairs of grids sharing more than [minOverlapM2] of land, found from some grids (`mine`:
   * the units' grids, or the grids an edit changed) against every grid near them.
   */
  overlaps: (mine: 'villages' | 'grids') => `
    with pairs as (
      -- each pair once (a pair of two of mine only from its lower id), lower id first; a join of two
      -- relations, not six: the statement is planned on every write
      select case when a.id < b.id then a.id else b.id end as a_id, case when a.id < b.id then b.id else a.id end as b_id,
             case when a.id < b.id then a.geom else b.geom end as a_geom, case when a.id < b.id then b.geom else a.geom end as b_geom,
             case when a.id < b.id then a.village_id else b.village_id end as a_village_id,
             case when a.id < b.id then b.village_id else a.village_id end as b_village_id,
             case when a.id < b.id then a.name else b.name end as a_name, case when a.id < b.id then b.name else a.name end as b_name
      from grid a join grid b on b.geom && a.geom and b.id <> a.id
      where a.${mine === 'villages' ? 'village_id' : 'id'} = any(:ids::int[])
        and (b.id > a.id or ${mine === 'villages' ? 'b.village_id' : 'b.id'} <> all(:ids::int[]))
        and ST_Relate(a.geom, b.geom, '2********')),
    pieces as (
      select p.*, ST_Multi(ST_CollectionExtract(ST_Intersection(p.a_geom, p.b_geom, 1e-9), 3)) as geom from pairs p)
    insert into coverage_finding (id, kind, severity, village_id, other_village_id, grid_id, other_grid_id, subject_name, other_name, area_m2, geom, point)
    select :kind::text || '-g' || x.a_id || '-g' || x.b_id, :kind, :severity, x.a_village_id, nullif(x.b_village_id, x.a_village_id),
           x.a_id, x.b_id, x.a_name, x.b_name, x.area, x.geom, ST_PointOnSurface(x.geom)
    from (select *, ST_Area(geom::geography) as area from pieces) x
    where x.area > :minOverlapM2`,

  /**
   * `_ST_Covers` is ST_Covers without its index support: the same test (the same C function), but
   * the planner does not estimate its selectivity from the geometry statistics (0.4 ms a plan).
   */
  spills: `
    insert into coverage_finding (id, kind, severity, village_id, grid_id, subject_name, area_m2, geom, point)
    select :kind::text || '-g' || s.id, :kind, :severity, s.village_id, s.id, s.name, s.area, s.geom, ST_PointOnSurface(s.geom)
    from (select g.id, g.village_id, g.name, d.geom, ST_Area(d.geom::geography) as area
          from grid g join village v on v.id = g.village_id
          cross join lateral (select ST_Multi(ST_CollectionExtract(ST_Difference(g.geom, v.geom, 1e-9), 3)) as geom) d
          where g.village_id = any(:ids::int[]) and v.geom is not null and not _ST_Covers(v.geom, g.geom)) s
    where s.area > :minOverlapM2`,

  unstaffed: `
    insert into coverage_finding (id, kind, severity, village_id, grid_id, subject_name, point)
    select :kind::text || '-g' || g.id, :kind, :severity, g.village_id, g.id, g.name, ST_PointOnSurface(g.geom)
    from grid g
    where g.village_id = any(:ids::int[]) and not ${ACTIVE_WORKER_EXISTS('g.id')}`,

  /** Community grids by households: over the maximum, over the critical size, under the minimum (severities from RULES). */
  sizes: `
    insert into coverage_finding (id, kind, severity, village_id, grid_id, subject_name, value, point)
    select s.kind || '-g' || s.id, s.kind, s.severity, s.village_id, s.id, s.name, s.households, s.point
    from (select g.id, g.village_id, g.name, g.households, ST_PointOnSurface(g.geom) as point,
                 case when g.households > :maxHouseholds then :oversized else :undersized end as kind,
                 case when g.households > :criticalHouseholds then :criticalSeverity
                      when g.households > :maxHouseholds then :oversizedSeverity else :undersizedSeverity end as severity
          from grid g join village v on v.id = g.village_id
          where g.village_id = any(:ids::int[]) and v.kind = 'COMMUNITY' and g.households is not null
            and (g.households > :maxHouseholds or g.households < :minHouseholds)) s`,

  gridCount: `
    insert into coverage_finding (id, kind, severity, village_id, subject_name, value, expected, point)
    select :kind::text || '-v' || v.id, :kind, :severity, v.id, v.name, c.n, v.villager_groups,
           ST_PointOnSurface(v.geom)
    from village v cross join lateral (select count(*) as n from grid g where g.village_id = v.id) c
    where v.id = any(:ids::int[]) and v.kind = 'VILLAGE' and v.villager_groups is not null and c.n <> v.villager_groups`,

  noPartyUnit: `
    insert into coverage_finding (id, kind, severity, village_id, grid_id, subject_name, point)
    select :kind::text || '-g' || g.id, :kind, :severity, g.village_id, g.id, g.name, ST_PointOnSurface(g.geom)
    from grid g
    where g.village_id = any(:ids::int[]) and not exists (select 1 from party_unit p where p.grid_id = g.id)`,

  /** A community with no party branch or group built on any of its grids. */
  noGridPartyUnit: `
    insert into coverage_finding (id, kind, severity, village_id, subject_name, point)
    select :kind::text || '-v' || v.id, :kind, :severity, v.id, v.name, ST_PointOnSurface(v.geom)
    from village v
    where v.id = any(:ids::int[]) and v.kind = 'COMMUNITY'
      and not exists (select 1 from party_unit p join grid g on g.id = p.grid_id
                      where g.village_id = v.id and p.level in ('BRANCH', 'GROUP'))`,

  // Reads. `where` is a Where on alias v (village) and, for findings, f: its `?` parameters come first.

  /** Totals of the units in a scope. */
  rollupTotals: (where: string) => `
    select count(c.village_id)::int as units, count(*) filter (where c.uncovered_m2 = 0)::int as fully_covered,
           coalesce(sum(c.area_m2), 0) as area_m2, coalesce(sum(c.uncovered_m2), 0) as uncovered_m2,
           coalesce(sum(c.grid_count), 0)::int as grids, coalesce(sum(v.households), 0)::int as households,
           coalesce(sum(c.households_in_grids), 0)::int as households_in_grids
    from village v join coverage_unit c on c.village_id = v.id where ${where}`,

  /** Findings in a scope by kind and severity. */
  rollupCounts: (where: string) => `
    select f.kind, f.severity, count(*)::int as n from coverage_finding f join village v on v.id = f.village_id
    where ${where} group by f.kind, f.severity`,

  /** Uncovered land in a scope as one MultiPolygon; with `simplified`, the first parameter is the tolerance in degrees. */
  uncoveredGeometry: (where: string, simplified: boolean) => `
    select ST_AsGeoJSON(ST_Multi(ST_Collect(${simplified ? 'ST_SimplifyPreserveTopology(c.uncovered, ?)' : 'c.uncovered'})), 7)::json as g
    from coverage_unit c join village v on v.id = c.village_id where c.uncovered is not null and ${where}`,

  /** Overlap findings in a scope with their geometry; with `simplified`, the first parameter is the tolerance. */
  overlapPieces: (where: string, simplified: boolean) => `
    select f.id, f.grid_id, f.other_grid_id, f.area_m2,
           ST_AsGeoJSON(${simplified ? 'ST_SimplifyPreserveTopology(f.geom, ?)' : 'f.geom'}, 7)::json as g
    from coverage_finding f join village v on v.id = f.village_id where f.kind = '${FindingKind.OVERLAP}' and ${where} order by f.id`,

  /** A page of findings: the where parameters, then limit and offset. `sort` is a FINDING_SORT value. */
  findings: (where: string, sort: string, order: 'ASC' | 'DESC') => `
    select ${FINDING_COLUMNS} from coverage_finding f join village v on v.id = f.village_id
    where ${where} order by ${sort} ${order}, f.id limit ? offset ?`,

  countFindings: (where: string) =>
    `select count(*) as n from coverage_finding f join village v on v.id = f.village_id where ${where}`,

  /** Loaders (a batch of ids each). */
  findingGeometries: 'select id, ST_AsGeoJSON(geom, 9)::json as g from coverage_finding where id = any(?::text[])',
  coverageOfVillages: 'select * from coverage_unit where village_id = any(?::int[])',
  findingsOfVillages: `select ${FINDING_COLUMNS} from coverage_finding f
    where f.village_id = any(?::int[]) order by ${SEVERITY_ORDER('f.severity')}, f.id`,
  findingsOfGrids: `select ${FINDING_COLUMNS} from coverage_finding f
    where f.grid_id = any(:gridIds::int[]) or f.other_grid_id = any(:gridIds::int[]) order by ${SEVERITY_ORDER('f.severity')}, f.id`,

  bumpVersion: 'update data_version set n = n + 1, changed_at = now() where id = 1',
  version: 'select n from data_version where id = 1',
  allVillageIds: 'select id from village order by id',
  /** The full rebuild's batches: each township's units, townships in id order. */
  unitsByTownship:
    'select township_id, array_agg(id order by id) as ids from village group by township_id order by township_id',
  /**
   * For the rest of the transaction: the coverage statements spend their time in GEOS, not in
   * expressions, yet from about four units their estimated cost (ST_Dump's thousand rows) passes
   * jit_above_cost, and compiling took 0.3–0.7 s per statement for nothing (200 units: 1.29 s → 0.44 s).
   */
  noJit: 'set local jit = off',
  /** A maintenance batch is bounded by its size, not by the request timeout of the API. */
  liftStatementTimeout: 'set local statement_timeout = 0',
} as const;

/** Conditions of the scope and finding filters (Where parts; alias v = village, f = finding). */
export const COVERAGE_WHERE = {
  village: 'v.id = ?',
  township: 'v.township_id = ?',
  county: 'v.township_id in (select t.id from township t where t.county_id = ?)',
  subjectLike: 'f.subject_name ilike ?',
  ids: 'f.id = any(?::text[])',
  kind: 'f.kind = ?',
  kinds: 'f.kind = any(?::text[])',
  severity: 'f.severity = ?',
  grid: '(f.grid_id = ? or f.other_grid_id = ?)',
  bbox: 'coalesce(f.geom, f.point) && ST_MakeEnvelope(?, ?, ?, ?, 4326)',
} as const;

/** Sortable finding fields and their SQL. */
export const FINDING_SORT: Record<string, string> = {
  id: 'f.id',
  kind: 'f.kind',
  severity: SEVERITY_ORDER('f.severity'),
  villageId: 'f.village_id',
  gridId: 'f.grid_id',
  areaM2: 'f.area_m2',
  value: 'f.value',
  subjectName: 'f.subject_name',
};
