/**
 * Named statements of import and export. The import stages every feature in a temporary
 * table and checks them all with set-based statements (no statement or savepoint per
 * feature): PostGIS computes the facts, import.service.ts judges them.
 * `${t}` / `${p}` are the target and parent tables, from a fixed list, never from input.
 */
export const TRANSFER_SQL = {
  createStage: `
    create temp table import_row (
      idx int primary key, code text, name text, kind text, parent_code text,
      households bigint, population bigint, villager_groups bigint, gj text, wkt text, src_srid int,
      g geometry, gtype text, valid_reason text, outside_extent boolean, ok_geom boolean not null default false,
      existing_id int, old_parent_id int, parent_id int, parent_unknown boolean not null default false,
      no_parent boolean not null default false, write_geom boolean not null default false, empty_after boolean not null default false,
      spill float8, overlap_names text[], overlap_m2 float8, area_m2 float8, changed boolean, in_scope boolean not null default true
    ) on commit drop`,
  /**
   * The spatial index exists before any update: an index created after rows were updated in the same
   * transaction is invisible to that transaction (indcheckxmin), and every join would scan.
   */
  stageIndex: 'create index import_row_g on import_row using gist (g)',
  /** Reads GeoJSON or WKT, drops Z, reprojects a given SRID, turns closed lines (CAD, KML) into polygons. Never throws. */
  geomFunction: `
    create or replace function pg_temp.wz_import_geom(gj text, wkt text, srid int) returns geometry language plpgsql as $$
    declare g geometry;
    begin
      if gj is not null then g := ST_GeomFromGeoJSON(gj);
      elsif wkt is not null then g := ST_GeomFromText(wkt);
      else return null; end if;
      g := ST_Force2D(g);
      if srid is not null and srid <> 4326 then g := ST_Transform(ST_SetSRID(g, srid), 4326); end if;
      g := ST_SetSRID(g, 4326);
      if GeometryType(g) = 'LINESTRING' and ST_IsClosed(g) and ST_NPoints(g) >= 4 then g := ST_MakePolygon(g);
      elsif GeometryType(g) = 'MULTILINESTRING' and ST_IsClosed(g) then g := ST_BuildArea(g);
      elsif GeometryType(g) = 'GEOMETRYCOLLECTION' then g := ST_CollectionExtract(g, 3);
      end if;
      return g;
    exception when others then return null;
    end $$`,
  /**
   * Stages a batch with everything known per row in the one insert (each later update of all rows
   * would rewrite every row and its index entry): the geometry read, its type, validity, extent,
   * the record matched by code, the parent by code, whether the boundary is written, the area.
   * Parameters: replace boundaries, the batch (JSON), the extent with margin (4).
   */
  insertStage: (t: string, fk: string | null, p: string | null) => `
    insert into import_row (idx, code, name, kind, parent_code, households, population, villager_groups, g, gtype, valid_reason,
      outside_extent, ok_geom, existing_id, old_parent_id, parent_id, parent_unknown, write_geom, area_m2)
    select x.idx, x.code, x.name, x.kind, x.parent_code, x.households, x.population, x.villager_groups,
      case when k.poly then ST_Multi(a.g) else a.g end, GeometryType(a.g), v.reason, o.outside,
      k.poly and v.reason is null and not o.outside, e.id, ${fk ? `e.${fk}` : 'null::int'},
      ${p ? `coalesce(pp.id, case when x.parent_code is null then e.${fk} end)` : 'null::int'},
      ${p ? 'x.parent_code is not null and pp.id is null' : 'false'},
      (k.poly and v.reason is null and not o.outside) and (e.id is null or ?::boolean),
      case when k.poly and v.reason is null then ST_Area(a.g::geography, false) end
    from json_to_recordset(?::json) as x(idx int, code text, name text, kind text, parent_code text, households bigint,
      population bigint, villager_groups bigint, gj text, wkt text, src_srid int)
    cross join lateral (select pg_temp.wz_import_geom(x.gj, x.wkt, x.src_srid) as g) a
    cross join lateral (select coalesce(GeometryType(a.g) in ('POLYGON', 'MULTIPOLYGON') and not ST_IsEmpty(a.g), false) as poly) k
    cross join lateral (select case when k.poly and not ST_IsValid(a.g) then ST_IsValidReason(a.g) end as reason) v
    cross join lateral (select coalesce(k.poly and v.reason is null and not (a.g @ ST_MakeEnvelope(?, ?, ?, ?, 4326)), false) as outside) o
    left join ${t} e on e.code = x.code
    ${p ? `left join ${p} pp on pp.code = x.parent_code` : ''}
    order by x.idx`,
  analyze: 'analyze import_row',
  /** The parent containing most (more than half) of the feature's area. */
  parentByArea: (p: string) => `
    update import_row r set parent_id = b.id from (
      select r2.idx, best.id from import_row r2
      cross join lateral (
        select p.id, ST_Area(ST_Intersection(r2.g, p.geom)::geography) / nullif(ST_Area(r2.g::geography), 0) as share
        from ${p} p where p.geom && r2.g and ST_Intersects(p.geom, r2.g) order by 2 desc nulls last limit 1) best
      where r2.parent_id is null and r2.parent_code is null and r2.ok_geom and best.share > 0.5) b
    where b.idx = r.idx;
    update import_row set no_parent = true where parent_id is null and parent_code is null and ok_geom`,
  clip: (p: string) => `
    update import_row r set g = ST_Multi(ST_CollectionExtract(ST_Intersection(r.g, p.geom), 3))
    from ${p} p where p.id = r.parent_id and p.geom is not null and r.write_geom and not ST_CoveredBy(r.g, p.geom)`,
  /** Subtracts existing siblings (not replaced by this file) and earlier features of the file under the same parent. */
  trim: (t: string, fk: string | null) => `
    update import_row r set g = ST_Multi(ST_CollectionExtract(ST_Difference(r.g, o.u), 3))
    from (
      select r2.idx, ST_Union(x.g) as u from import_row r2
      join lateral (
        select e.geom as g from ${t} e
        where e.geom && r2.g and ST_Intersects(e.geom, r2.g) ${fk ? `and e.${fk} = r2.parent_id` : ''}
          and not exists (select 1 from import_row w where w.existing_id = e.id and w.write_geom)
        union all
        select r3.g from import_row r3
        where r3.idx + 0 < r2.idx and r3.write_geom and r3.g && r2.g and ST_Intersects(r3.g, r2.g)
          ${fk ? 'and r3.parent_id is not distinct from r2.parent_id' : ''}) x on true
      where r2.write_geom group by r2.idx) o
    where o.idx = r.idx;
    update import_row set empty_after = true, write_geom = false where write_geom and (ST_IsEmpty(g) or ST_Area(g::geography) < 1)`,
  /**
   * Share of each feature outside its parent. Rows come in parent order (a materialized CTE), so
   * PostGIS reuses the parent's prepared geometry; the share is a ratio of planar areas (the
   * cos(latitude) factor cancels over a feature's extent).
   */
  /** Per parent: the union of the features written under it, the sum and the least of their (planar) areas. */
  parentUnion: `
    create temp table import_parent on commit drop as
    select parent_id, ST_Union(g) as u, sum(ST_Area(g)) as s, min(ST_Area(g)) as m from import_row where write_geom group by parent_id`,
  spill: (p: string) => `
    with risky as (
      -- A parent whose features together reach outside it by less than the allowed share of the smallest
      -- one cannot have a feature over the limit: only the others are measured feature by feature.
      select pr.parent_id from import_parent pr join ${p} p on p.id = pr.parent_id
      where p.geom is not null and not ST_Covers(p.geom, pr.u) and ST_Area(ST_Difference(pr.u, p.geom)) > ? * pr.m),
    j as materialized (
      select r2.idx, r2.g, p.geom from import_row r2 join ${p} p on p.id = r2.parent_id
      where r2.write_geom and r2.parent_id in (select parent_id from risky) order by p.id)
    update import_row r set spill = x.spill from (
      select idx, ST_Area(ST_Difference(g, ST_ClipByBox2D(geom, ST_Expand(g::box2d, 1e-6)))) / nullif(ST_Area(g), 0) as spill
      from j where not ST_Covers(geom, g)) x
    where x.idx = r.idx and x.spill > 0`,
  /**
   * Overlaps (above the noise threshold) with existing siblings that stay and with other features
   * of the file. Features of the file are compared pairwise only under parents where the sum of
   * their areas exceeds the area of their union (a clean tiling costs one union per parent).
   * ("idx + 0" keeps the planner on the spatial index rather than a range scan of the key.)
   */
  overlaps: (t: string, fk: string | null) => `
    with ex as (
      select r2.idx, e.name || coalesce(' (' || e.code || ')', '') as label, ST_Area(ST_Intersection(e.geom, r2.g)::geography) as m2
      from import_row r2 join ${t} e on e.geom && r2.g ${fk ? `and e.${fk} = r2.parent_id` : ''}
      where r2.write_geom and (r2.existing_id is null or e.id <> r2.existing_id)
        and not exists (select 1 from import_row w where w.existing_id = e.id and w.write_geom)
        and ST_Intersects(e.geom, r2.g)),
    suspect as (select parent_id from import_parent where s - ST_Area(u) > 1e-10),
    ff as (
      select a.idx as a, b.idx as b, a.name as an, b.name as bn, ST_Area(ST_Intersection(a.g, b.g)::geography) as m2
      from import_row a join import_row b on b.g && a.g and b.idx + 0 > a.idx ${fk ? 'and b.parent_id is not distinct from a.parent_id' : ''}
      where a.write_geom and b.write_geom and ST_Intersects(a.g, b.g)
        and (a.parent_id in (select parent_id from suspect) or (a.parent_id is null and exists (select 1 from suspect where parent_id is null)))),
    pairs as (
      select idx, label, m2 from ex
      union all select a, '#' || b || ' ' || coalesce(bn, ''), m2 from ff
      union all select b, '#' || a || ' ' || coalesce(an, ''), m2 from ff)
    update import_row r set overlap_names = o.names, overlap_m2 = o.m2 from (
      select idx, array_agg(label order by m2 desc) as names, sum(m2) as m2 from pairs where m2 > ? group by idx) o
    where o.idx = r.idx`,
  /** For the report: on the sphere (within about 0.3% of the spheroid, several times faster). */
  area: 'update import_row set area_m2 = ST_Area(g::geography, false) where write_geom',
  /** Whether anything of an existing record would change. */
  changed: (t: string, fk: string | null, cols: readonly string[]) => `
    update import_row r set changed = (
      (r.name is not null and r.name is distinct from e.name)
      ${cols.includes('kind') ? 'or (r.kind is not null and r.kind is distinct from e.kind)' : ''}
      ${fk ? `or r.parent_id is distinct from e.${fk}` : ''}
      ${cols.includes('households') ? 'or (r.households is not null and r.households is distinct from e.households)' : ''}
      ${cols.includes('population') ? 'or (r.population is not null and r.population is distinct from e.population)' : ''}
      ${cols.includes('villager_groups') ? 'or (r.villager_groups is not null and r.villager_groups is distinct from e.villager_groups)' : ''}
      or (r.write_geom and (e.geom is null or not ST_Equals(ST_SnapToGrid(r.g, 1e-9), ST_SnapToGrid(e.geom, 1e-9)))))
    from ${t} e where e.id = r.existing_id`,
  /** EDITOR scope: every unit a row lies in, before and after, in its counties or townships. */
  scopeVillages: `
    update import_row r set in_scope = not exists (
      select 1 from village v join township t on t.id = v.township_id
      where v.id in (r.parent_id, r.old_parent_id) and not (t.county_id = any(?::int[]) or t.id = any(?::int[])))`,
  scopeTownships: `
    update import_row r set in_scope = not exists (
      select 1 from township t where t.id in (r.parent_id, r.old_parent_id) and not (t.county_id = any(?::int[]) or t.id = any(?::int[])))`,
  facts: `
    select idx, code, name, parent_code, gtype, valid_reason, outside_extent, ok_geom, existing_id, parent_id, parent_unknown, no_parent,
      write_geom, empty_after, spill, overlap_names, overlap_m2, area_m2, changed, in_scope, households, population, villager_groups
    from import_row order by idx`,
  parentNames: (p: string) => `select id, name from ${p} where id = any(?::int[])`,
  previewGeometry:
    "select idx, ST_AsGeoJSON(g, 7)::json as geometry from import_row where g is not null and gtype in ('POLYGON', 'MULTIPOLYGON') order by idx limit ?",
  existingIds: 'select existing_id as id from import_row where existing_id is not null',
} as const;

/** Writes of the apply step, set-based from the staged rows. */
export const WRITE_SQL = {
  insert: (t: string, fk: string | null, cols: readonly string[]) => `
    insert into ${t} (code, name${fk ? `, ${fk}` : ''}${cols.map((c) => `, ${c}`).join('')}, geom, created_at, updated_at)
    select r.code, r.name${fk ? ', r.parent_id' : ''}${cols.map((c) => (c === 'kind' ? ", coalesce(r.kind, 'OTHER')" : `, r.${c}`)).join('')}, r.g, now(), now()
    from import_row r where r.existing_id is null order by r.idx
    returning id`,
  update: (t: string, fk: string | null, cols: readonly string[]) => `
    update ${t} e set name = coalesce(r.name, e.name)${fk ? `, ${fk} = r.parent_id` : ''}
      ${cols.map((c) => `, ${c} = coalesce(r.${c}, e.${c})`).join('')},
      geom = case when r.write_geom then r.g else e.geom end, version = e.version + 1, updated_at = now()
    from import_row r where r.existing_id = e.id and r.changed
    returning e.id`,
  /** Village-level units whose coverage the import changed (grids: their villages; villages: themselves). */
  touchedVillages: (target: string) =>
    target === 'grids'
      ? 'select distinct x as id from import_row r, unnest(array[r.parent_id, r.old_parent_id]) x where x is not null and (r.existing_id is null or r.changed)'
      : target === 'villages'
        ? `select v.id from village v join import_row r on r.code = v.code where r.existing_id is null or r.changed`
        : 'select null::int as id where false',
} as const;

/** Export: one row per record, names instead of ids. `where` is the list's own filter on alias `e`. */
export const EXPORT_SQL = {
  counties: (where: string) => `
    select e.id, e.code, e.name, e.geom from county e where ${where} order by e.code`,
  townships: (where: string) => `
    select e.id, e.code, e.name, e.kind, c.name as county, e.geom from township e join county c on c.id = e.county_id where ${where} order by e.code`,
  villages: (where: string) => `
    select e.id, e.code, e.name, e.kind, t.code as township_code, t.name as township, c.name as county, e.households, e.population,
      e.villager_groups, cu.covered_share, (select count(*) from grid g where g.village_id = e.id) as grids, e.geom
    from village e join township t on t.id = e.township_id join county c on c.id = t.county_id
    left join coverage_unit cu on cu.village_id = e.id where ${where} order by e.code`,
  grids: (where: string) => `
    select e.id, e.code, e.name, e.kind, v.code as village_code, v.name as village, t.name as township, c.name as county,
      e.households, e.population,
      (select string_agg(w.name, '、' order by w.name) from grid_worker_grids gw join grid_worker w on w.id = gw.grid_worker_id
        where gw.grid_id = e.id and w.active) as workers,
      (select string_agg(p.name, '、' order by p.id) from party_unit p where p.grid_id = e.id) as party_unit, e.geom
    from grid e join village v on v.id = e.village_id join township t on t.id = v.township_id join county c on c.id = t.county_id
    where ${where} order by e.code nulls last, e.id`,
  coverage: (where: string) => `
    select v.id, v.code, v.name, v.kind, t.name as township, c.name as county, e.area_m2, e.uncovered_m2,
      e.covered_share, e.grid_count, e.uncovered as geom
    from coverage_unit e join village v on v.id = e.village_id join township t on t.id = v.township_id join county c on c.id = t.county_id
    where ${where} order by v.code`,
  count: (from: string, where: string) => `select count(*)::int as n from ${from} e where ${where}`,
} as const;
