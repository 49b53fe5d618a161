/**
 * The statements the coverage module runs. Overlays run on a 1e-9° grid (about 0.1 mm):
 * a sliver thinner than that between two shapes is no land, and the area of such a
 * degenerate sliver on the spheroid can come out as metres² of noise.
 * Each recompute statement takes the
 * ids of the village-level units to recompute (`?::int[]`) and unions grids per
 * unit — never one union of the whole city. Thresholds come in as parameters.
 */
export const COVERAGE_SQL = {
  deleteUnits: 'delete from coverage_unit where village_id = any(?::int[])',

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
      where d.area >= ?) p
    where v.id = any(?::int[]) and v.geom is not null`,

  /** Every finding of the units but overlaps (those depend on grid geometry alone: see overlaps*). */
  deleteFindings: `delete from coverage_finding where kind <> 'OVERLAP' and village_id = any(?::int[])`,
  deleteUnitOverlaps: `delete from coverage_finding where kind = 'OVERLAP' and (village_id = any(?::int[]) or other_village_id = any(?::int[]))`,
  deleteGridOverlaps: `delete from coverage_finding where kind = 'OVERLAP' and (grid_id = any(?::int[]) or other_grid_id = any(?::int[]))`,

  uncovered: `
    insert into coverage_finding (id, kind, severity, village_id, subject_name, value, area_m2, geom, point)
    select 'UNCOVERED_LAND-v' || c.village_id, 'UNCOVERED_LAND',
           case when 1 - c.covered_share >= ? then 'CRITICAL' else 'WARNING' end,
           c.village_id, v.name, 1 - c.covered_share, c.uncovered_m2, c.uncovered, ST_PointOnSurface(c.uncovered)
    from coverage_unit c join village v on v.id = c.village_id
    where c.village_id = any(?::int[]) and c.uncovered_m2 > 0`,

  /**
   * Pairs of grids sharing more than [minOverlapM2] of land, found from some grids (`mine`:
   * the units' grids, or the grids an edit changed) against every grid near them.
   */
  overlaps: (mine: 'units' | 'grids') => `
    with mine as (select * from grid where ${mine === 'units' ? 'village_id' : 'id'} = any(?::int[])),
    pairs as (
      -- each pair once: a pair of two of mine only from its lower id
      select distinct least(a.id, b.id) as a_id, greatest(a.id, b.id) as b_id
      from mine a join grid b on b.geom && a.geom and b.id <> a.id
      where (b.id > a.id or ${mine === 'units' ? 'b.village_id' : 'b.id'} <> all(?::int[]))
        and ST_Relate(a.geom, b.geom, '2********')),
    pieces as (
      select p.a_id, p.b_id, ST_Multi(ST_CollectionExtract(ST_Intersection(a.geom, b.geom, 1e-9), 3)) as geom
      from pairs p join grid a on a.id = p.a_id join grid b on b.id = p.b_id)
    insert into coverage_finding (id, kind, severity, village_id, other_village_id, grid_id, other_grid_id, subject_name, other_name, area_m2, geom, point)
    select 'OVERLAP-g' || x.a_id || '-g' || x.b_id, 'OVERLAP', 'WARNING', a.village_id, nullif(b.village_id, a.village_id),
           x.a_id, x.b_id, a.name, b.name, x.area, x.geom, ST_PointOnSurface(x.geom)
    from (select *, ST_Area(geom::geography) as area from pieces) x
    join grid a on a.id = x.a_id join grid b on b.id = x.b_id
    where x.area > ?`,

  spills: `
    insert into coverage_finding (id, kind, severity, village_id, grid_id, subject_name, area_m2, geom, point)
    select 'SPILL-g' || s.id, 'SPILL', 'WARNING', s.village_id, s.id, s.name, s.area, s.geom, ST_PointOnSurface(s.geom)
    from (select g.id, g.village_id, g.name, d.geom, ST_Area(d.geom::geography) as area
          from grid g join village v on v.id = g.village_id
          cross join lateral (select ST_Multi(ST_CollectionExtract(ST_Difference(g.geom, v.geom, 1e-9), 3)) as geom) d
          where g.village_id = any(?::int[]) and v.geom is not null and not ST_Covers(v.geom, g.geom)) s
    where s.area > ?`,

  unstaffed: `
    insert into coverage_finding (id, kind, severity, village_id, grid_id, subject_name, point)
    select 'UNSTAFFED_GRID-g' || g.id, 'UNSTAFFED_GRID', 'CRITICAL', g.village_id, g.id, g.name, ST_PointOnSurface(g.geom)
    from grid g
    where g.village_id = any(?::int[])
      and not exists (select 1 from grid_worker_grids gw
                      where gw.grid_id = g.id and exists (select 1 from grid_worker w where w.id = gw.grid_worker_id and w.active))`,

  /** Community grids by households: over the maximum (WARNING), over the critical size (CRITICAL), under the minimum (NOTICE). */
  sizes: `
    insert into coverage_finding (id, kind, severity, village_id, grid_id, subject_name, value, point)
    select case when g.households > ? then 'OVERSIZED_GRID-g' else 'UNDERSIZED_GRID-g' end || g.id,
           case when g.households > ? then 'OVERSIZED_GRID' else 'UNDERSIZED_GRID' end,
           case when g.households > ? then 'CRITICAL' when g.households > ? then 'WARNING' else 'NOTICE' end,
           g.village_id, g.id, g.name, g.households, ST_PointOnSurface(g.geom)
    from grid g join village v on v.id = g.village_id
    where g.village_id = any(?::int[]) and v.kind = 'COMMUNITY' and g.households is not null
      and (g.households > ? or g.households < ?)`,

  gridCount: `
    insert into coverage_finding (id, kind, severity, village_id, subject_name, value, expected, point)
    select 'GRID_COUNT_MISMATCH-v' || v.id, 'GRID_COUNT_MISMATCH', 'NOTICE', v.id, v.name, c.n, v.villager_groups,
           ST_PointOnSurface(v.geom)
    from village v cross join lateral (select count(*) as n from grid g where g.village_id = v.id) c
    where v.id = any(?::int[]) and v.kind = 'VILLAGE' and v.villager_groups is not null and c.n <> v.villager_groups`,

  noPartyUnit: `
    insert into coverage_finding (id, kind, severity, village_id, grid_id, subject_name, point)
    select 'NO_PARTY_UNIT-g' || g.id, 'NO_PARTY_UNIT', 'WARNING', g.village_id, g.id, g.name, ST_PointOnSurface(g.geom)
    from grid g
    where g.village_id = any(?::int[]) and not exists (select 1 from party_unit p where p.grid_id = g.id)`,

  /** A community with no party branch or group built on any of its grids. */
  noGridPartyUnit: `
    insert into coverage_finding (id, kind, severity, village_id, subject_name, point)
    select 'NO_GRID_PARTY_UNIT-v' || v.id, 'NO_GRID_PARTY_UNIT', 'WARNING', v.id, v.name, ST_PointOnSurface(v.geom)
    from village v
    where v.id = any(?::int[]) and v.kind = 'COMMUNITY'
      and not exists (select 1 from party_unit p join grid g on g.id = p.grid_id
                      where g.village_id = v.id and p.level in ('BRANCH', 'GROUP'))`,

  bumpVersion: 'update data_version set n = n + 1, changed_at = now() where id = 1',
  version: 'select n from data_version where id = 1',
  allVillageIds: 'select id from village order by id',
  /** The full rebuild's batches: each township's units, townships in id order. */
  unitsByTownship: 'select township_id, array_agg(id order by id) as ids from village group by township_id order by township_id',
  /** A maintenance batch is bounded by its size, not by the request timeout of the API. */
  liftStatementTimeout: 'set local statement_timeout = 0',
} as const;
