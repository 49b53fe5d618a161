import { Migration } from '@mikro-orm/migrations';

/** The layers with stored generalised geometry: tile layer id → table (as Migration20261201070000TileGeometry). */
const LAYERS = { grids: 'grid', villages: 'village', townships: 'township', counties: 'county' } as const;
const BANDS = [9, 12, 15] as const;
/** The band whose grid rows also carry the grids tile's properties (it serves z ≤ 9). */
const PROPERTY_BAND = 9;

/**
 * The properties of a grids tile, as the collection `grids` computes them (server/src/ogc/ogc.collections.ts
 * at the time of writing; tests/gis/tile-geom.test.ts checks the stored values against the live definition).
 */
const GRID_PROPERTIES = {
  code: 'e.code',
  name: 'e.name',
  kind: 'e.kind',
  village_id: 'e.village_id',
  households: 'e.households',
  workers: `(select count(*) from grid_worker_grids gw where gw.grid_id = e.id
     and exists (select 1 from grid_worker w where w.id = gw.grid_worker_id and w.active))::int`,
  party_unit: `(select p.name from party_unit p where p.grid_id = e.id
     order by array_position(array['COMMITTEE','GENERAL_BRANCH','BRANCH','GROUP'], p.level), p.id limit 1)`,
  severity: `(select (array['CRITICAL','WARNING','NOTICE'])[min(array_position(array['CRITICAL','WARNING','NOTICE'], f.severity))]
     from (select severity from coverage_finding where grid_id = e.id
           union all select severity from coverage_finding where other_grid_id = e.id) f)`,
} as const;

type Column = keyof typeof GRID_PROPERTIES;

/**
 * The tables a grid's tile properties are read from, the properties each one feeds, and how a
 * changed row names the grids it touches (`r` is a row of the transition table). Inserts, deletes
 * and updates of each are followed per statement; a TRUNCATE refreshes every grid.
 */
const FOLLOWED: Record<string, { columns: Column[]; grids: string; truncate: boolean }> = {
  grid_worker_grids: { columns: ['workers'], grids: 'select r.grid_id from %rows% r', truncate: true },
  // Only `active` of a worker counts; deleting one cascades to grid_worker_grids.
  grid_worker: {
    columns: ['workers'],
    grids: 'select gw.grid_id from %rows% r join grid_worker_grids gw on gw.grid_worker_id = r.id',
    truncate: false,
  },
  party_unit: {
    columns: ['party_unit'],
    grids: 'select r.grid_id from %rows% r where r.grid_id is not null',
    truncate: true,
  },
  coverage_finding: {
    columns: ['severity'],
    grids:
      'select r.grid_id from %rows% r where r.grid_id is not null union select r.other_grid_id from %rows% r where r.other_grid_id is not null',
    truncate: true,
  },
};

/**
 * The UPDATE that sets `columns` of the band-9 rows of the grids in the int[] `ids` to what the
 * grids have now; a row whose values did not change is not written.
 */
const refresh = (columns: Column[], ids: string) => `
      update tile_geom t set ${columns.map((c) => `${c} = p.${c}`).join(', ')}
      from (select e.id, ${columns.map((c) => `${GRID_PROPERTIES[c]} as ${c}`).join(', ')} from grid e where e.id = any(${ids})) p
      where t.layer = 'grids' and t.band = ${PROPERTY_BAND} and t.id = p.id
        and (${columns.map((c) => `t.${c}`).join(', ')}) is distinct from (${columns.map((c) => `p.${c}`).join(', ')})`;
const ALL = Object.keys(GRID_PROPERTIES) as Column[];

/**
 * Vector tiles at province scale, round 3 (issue 15):
 *
 * 1. A zoom-8 grids tile holds about 2,200 grids; half its time went to the worker count, party unit
 *    and worst finding computed per grid. The band-9 rows of the grids layer now carry those
 *    properties (and the grid's own), so a tile at z ≤ 9 is one index scan of `tile_geom`.
 * 2. The triggers are per statement over transition tables, updates included: a bulk geometry
 *    update replaces its rows' bands in one INSERT … ON CONFLICT instead of two statements per row,
 *    and `tile_geom_of` projects a geometry once instead of once per band and simplifies it by
 *    Douglas–Peucker (the rows already stored keep their topology-preserving simplification: both
 *    are within the band's half pixel).
 *
 * Everything stays exact in the transaction of the write: the properties follow writes to the grid,
 * its workers and their assignments, its party units and the coverage findings.
 */
export class Migration20261202010000TileGridProperties extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `alter table tile_geom ${Object.keys(GRID_PROPERTIES)
        .map((c) => `add column ${c} ${c === 'village_id' || c === 'households' || c === 'workers' ? 'int' : 'text'}`)
        .join(', ')};`,
    );
    this.addSql(
      `comment on column tile_geom.workers is 'The grids tile''s properties: on the band-${PROPERTY_BAND} rows of layer grids only, kept by triggers (Migration20261202010000TileGridProperties).';`,
    );
    // Projected once (offset 0 keeps the planner from copying the projection into each band), and
    // simplified by Douglas–Peucker keeping collapsed parts: as close to the input (Hausdorff within
    // the tolerance) as the topology-preserving simplifier, about 20× cheaper on grids. A ring it
    // makes self-intersecting is repaired where it is drawn: ST_AsMVTGeom validates every polygon.
    this.addSql(`create or replace function tile_geom_of(g geometry) returns table (band smallint, geom geometry)
      language sql immutable strict parallel safe rows 3 as $$
      select b.band::smallint, ST_Simplify(m.g, 40075016.686 / (2 ^ b.band * 1024), true)
      from (select ST_Transform(g, 3857) as g offset 0) m cross join unnest(array[${BANDS.join(', ')}]) as b(band)
    $$;`);
    // The trigger functions run without JIT: the planner cannot estimate a transition table's join
    // and compiled a bulk update's statements for longer (about 0.3 s each) than they ran.
    this.addSql(`create function tile_grid_properties(ids int[]) returns void language sql set jit = off as $$
      ${refresh(ALL, 'ids')}
    $$;`);
    this.addSql(`create or replace function tile_geom_sync() returns trigger language plpgsql set jit = off as $$
    declare
      lyr text := tg_argv[0];
    begin
      if tg_op = 'TRUNCATE' then
        delete from tile_geom g where g.layer = lyr;
      elsif tg_op = 'INSERT' then
        insert into tile_geom (layer, band, id, geom)
        select lyr, t.band, n.id, t.geom from new_rows n cross join lateral tile_geom_of(n.geom) t where n.geom is not null;
        if lyr = 'grids' then
          perform tile_grid_properties(array(select n.id from new_rows n));
        end if;
      elsif tg_op = 'DELETE' then
        delete from tile_geom g using old_rows o where g.layer = lyr and g.id = o.id;
      else
        -- The rows whose geometry changed: every band replaced at once (a hash join of the two
        -- transition tables; the bands of a geometry are always the same three).
        insert into tile_geom as g (layer, band, id, geom)
        select lyr, t.band, n.id, t.geom
        from new_rows n join old_rows o on o.id = n.id cross join lateral tile_geom_of(n.geom) t
        where n.geom is distinct from o.geom
        on conflict (layer, id, band) do update set geom = excluded.geom;
        delete from tile_geom g using new_rows n join old_rows o on o.id = n.id
        where n.geom is null and o.geom is not null and g.layer = lyr and g.id = n.id;
        if lyr = 'grids' then
          perform tile_grid_properties(array(
            select n.id from new_rows n join old_rows o on o.id = n.id
            where (n.code, n.name, n.kind, n.village_id, n.households) is distinct from (o.code, o.name, o.kind, o.village_id, o.households)
               or (o.geom is null and n.geom is not null)));
        end if;
      end if;
      return null;
    end $$;`);
    for (const [layer, table] of Object.entries(LAYERS)) {
      this.addSql(`drop trigger ${table}_tile_geom_update on ${table};`);
      // No column list: PostgreSQL allows transition tables only on triggers without one.
      this.addSql(`create trigger ${table}_tile_geom_update after update on ${table}
        referencing old table as old_rows new table as new_rows
        for each statement execute function tile_geom_sync('${layer}');`);
    }
    this.addSql('drop function tile_geom_sync_row();');

    for (const [table, f] of Object.entries(FOLLOWED)) {
      const of = (rows: string) => f.grids.replaceAll('%rows%', rows);
      this.addSql(`create function tile_grid_follow_${table}() returns trigger language plpgsql set jit = off as $$
      declare
        ids int[];
      begin
        if tg_op = 'TRUNCATE' then
          ids := array(select g.id from grid g);
        elsif tg_op = 'INSERT' then
          ids := array(${of('new_rows')});
        elsif tg_op = 'DELETE' then
          ids := array(${of('old_rows')});
        else
          ids := array(${of('new_rows')} union ${of('old_rows')});
        end if;
        -- Most statements of a coverage recompute touch no grid (a unit's uncovered land, its counts).
        if cardinality(ids) > 0 then
          ${refresh(f.columns, 'ids')};
        end if;
        return null;
      end $$;`);
      const ops = [
        ['insert', 'new table as new_rows'],
        ['delete', 'old table as old_rows'],
        ['update', 'old table as old_rows new table as new_rows'],
      ];
      for (const [op, referencing] of ops)
        this.addSql(`create trigger ${table}_tile_grid_${op} after ${op} on ${table} referencing ${referencing}
          for each statement execute function tile_grid_follow_${table}();`);
      if (f.truncate)
        this.addSql(`create trigger ${table}_tile_grid_truncate after truncate on ${table}
          for each statement execute function tile_grid_follow_${table}();`);
    }
    this.addSql('select tile_grid_properties(array(select id from grid));');
    this.addSql('analyze tile_geom;');
  }

  override async down(): Promise<void> {
    for (const [table, f] of Object.entries(FOLLOWED)) {
      for (const op of ['insert', 'delete', 'update', ...(f.truncate ? ['truncate'] : [])])
        this.addSql(`drop trigger if exists ${table}_tile_grid_${op} on ${table};`);
      this.addSql(`drop function if exists tile_grid_follow_${table}();`);
    }
    this.addSql(`create or replace function tile_geom_sync_row() returns trigger language plpgsql as $$
    begin
      delete from tile_geom g where g.layer = tg_argv[0] and g.id = old.id;
      if new.geom is not null then
        insert into tile_geom (layer, band, id, geom) select tg_argv[0], t.band, new.id, t.geom from tile_geom_of(new.geom) t;
      end if;
      return null;
    end $$;`);
    for (const [layer, table] of Object.entries(LAYERS)) {
      this.addSql(`drop trigger if exists ${table}_tile_geom_update on ${table};`);
      this.addSql(`create trigger ${table}_tile_geom_update after update of geom on ${table}
        for each row when (old.geom is distinct from new.geom) execute function tile_geom_sync_row('${layer}');`);
    }
    this.addSql(`create or replace function tile_geom_sync() returns trigger language plpgsql as $$
    declare
      lyr text := tg_argv[0];
    begin
      if tg_op = 'TRUNCATE' then
        delete from tile_geom g where g.layer = lyr;
      elsif tg_op = 'INSERT' then
        insert into tile_geom (layer, band, id, geom)
        select lyr, t.band, n.id, t.geom from new_rows n cross join lateral tile_geom_of(n.geom) t where n.geom is not null;
      else
        delete from tile_geom g using old_rows o where g.layer = lyr and g.id = o.id;
      end if;
      return null;
    end $$;`);
    this.addSql(`create or replace function tile_geom_of(g geometry) returns table (band smallint, geom geometry)
      language sql immutable strict parallel safe as $$
      select b.band::smallint, ST_SimplifyPreserveTopology(ST_Transform(g, 3857), 40075016.686 / (2 ^ b.band * 1024))
      from unnest(array[${BANDS.join(', ')}]) as b(band)
    $$;`);
    this.addSql('drop function if exists tile_grid_properties(int[]);');
    this.addSql(
      `alter table tile_geom ${Object.keys(GRID_PROPERTIES)
        .map((c) => `drop column if exists ${c}`)
        .join(', ')};`,
    );
  }
}
