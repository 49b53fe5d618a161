import { Migration } from '@mikro-orm/migrations';

/** The layers with stored generalised geometry: tile layer id → table (column `geom`, EPSG:4326). */
const LAYERS = { grids: 'grid', villages: 'village', townships: 'township', counties: 'county' } as const;
/**
 * Zoom bands: a band serves the zooms up to its number (z ≤ 9, 10–12, 13–15; from z16 the tiles
 * use the stored geometry itself). Its tolerance is half a pixel of a 512-pixel tile at that zoom,
 * in EPSG:3857 metres (40,075,016.686 / (2^z × 1024)), so every zoom of the band is drawn to
 * within half a pixel.
 */
const BANDS = [9, 12, 15] as const;

/**
 * Vector tiles at province scale (issue 15, item 4): `tile_geom` keeps each map geometry
 * projected to EPSG:3857 and simplified per zoom band, so a zoom-8 tile reads ready geometry
 * through a GIST index instead of projecting and simplifying thousands of grids per request.
 * Triggers on the four tables (per statement for inserts, deletes and truncates; per row for an
 * update that changes the geometry) keep it current in the transaction of every
 * write (the corridor's, a revert's, the import's, the seed's): an edited geometry's rows are
 * replaced, a deleted record's removed, a truncated table's emptied.
 */
export class Migration20261201070000TileGeometry extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table tile_geom (
      layer text not null,
      band smallint not null,
      id int not null,
      geom geometry(Geometry, 3857) not null,
      primary key (layer, id, band)
    );`);
    for (const layer of Object.keys(LAYERS)) {
      for (const band of BANDS) {
        this.addSql(
          `create index tile_geom_${layer}_z${band}_gist on tile_geom using gist (geom) where layer = '${layer}' and band = ${band};`,
        );
      }
    }
    this.addSql(`create function tile_geom_of(g geometry) returns table (band smallint, geom geometry)
      language sql immutable strict parallel safe as $$
      select b.band::smallint, ST_SimplifyPreserveTopology(ST_Transform(g, 3857), 40075016.686 / (2 ^ b.band * 1024))
      from unnest(array[${BANDS.join(', ')}]) as b(band)
    $$;`);
    this.addSql(`create function tile_geom_sync() returns trigger language plpgsql as $$
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
    // An update, per row and only when the geometry changed (a join of the old and new transition
    // tables has no index: a bulk update would compare every pair).
    this.addSql(`create function tile_geom_sync_row() returns trigger language plpgsql as $$
    begin
      delete from tile_geom g where g.layer = tg_argv[0] and g.id = old.id;
      if new.geom is not null then
        insert into tile_geom (layer, band, id, geom) select tg_argv[0], t.band, new.id, t.geom from tile_geom_of(new.geom) t;
      end if;
      return null;
    end $$;`);
    for (const [layer, table] of Object.entries(LAYERS)) {
      this.addSql(`create trigger ${table}_tile_geom_insert after insert on ${table} referencing new table as new_rows
        for each statement execute function tile_geom_sync('${layer}');`);
      this.addSql(`create trigger ${table}_tile_geom_update after update of geom on ${table}
        for each row when (old.geom is distinct from new.geom) execute function tile_geom_sync_row('${layer}');`);
      this.addSql(`create trigger ${table}_tile_geom_delete after delete on ${table} referencing old table as old_rows
        for each statement execute function tile_geom_sync('${layer}');`);
      // A reset (the seed's, the browser tests') truncates: no row trigger sees it.
      this.addSql(`create trigger ${table}_tile_geom_truncate after truncate on ${table}
        for each statement execute function tile_geom_sync('${layer}');`);
      this.addSql(`insert into tile_geom (layer, band, id, geom)
        select '${layer}', t.band, e.id, t.geom from ${table} e cross join lateral tile_geom_of(e.geom) t where e.geom is not null;`);
    }
    this.addSql('analyze tile_geom;');
  }

  override async down(): Promise<void> {
    for (const table of Object.values(LAYERS)) {
      for (const op of ['insert', 'update', 'delete', 'truncate'])
        this.addSql(`drop trigger if exists ${table}_tile_geom_${op} on ${table};`);
    }
    this.addSql('drop function if exists tile_geom_sync();');
    this.addSql('drop function if exists tile_geom_sync_row();');
    this.addSql('drop function if exists tile_geom_of(geometry);');
    this.addSql('drop table if exists tile_geom;');
  }
}
