import { Migration } from '@mikro-orm/migrations';

/**
 * The model of issue #2: counties, townships, village-level units, grids, party
 * units and grid workers. Every geometry is geometry(MultiPolygon, 4326) with a
 * GIST index. PostGIS itself is created by the start script (it needs rights
 * that the application role may not have); this checks it is there.
 */
export class Migration20261129000000Initial extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create extension if not exists postgis;`);
    this.addSql(
      `create table "county" ("id" serial primary key, "version" int not null default 1, "created_at" timestamptz not null, "updated_at" timestamptz not null, "code" varchar(12) not null, "name" varchar(200) not null, "geom" geometry(MultiPolygon, 4326) null);`,
    );
    this.addSql(`alter table "county" add constraint "county_code_unique" unique ("code");`);
    this.addSql(`create index "county_geom_gist" on "county" using gist ("geom");`);
    this.addSql(
      `create table "grid_worker" ("id" serial primary key, "version" int not null default 1, "created_at" timestamptz not null, "updated_at" timestamptz not null, "name" varchar(100) not null, "phone" varchar(32) null, "employment" text check ("employment" in ('FULL_TIME', 'PART_TIME')) not null default 'PART_TIME', "source" text check ("source" in ('SENT_DOWN_CADRE', 'SPECIAL_RECRUITMENT', 'PUBLIC_POST', 'OTHER')) not null default 'OTHER', "active" boolean not null default true);`,
    );
    this.addSql(
      `create table "township" ("id" serial primary key, "version" int not null default 1, "created_at" timestamptz not null, "updated_at" timestamptz not null, "code" varchar(12) not null, "name" varchar(200) not null, "kind" text check ("kind" in ('TOWN', 'TOWNSHIP', 'STREET', 'OTHER')) not null default 'TOWN', "county_id" int not null, "geom" geometry(MultiPolygon, 4326) null);`,
    );
    this.addSql(`alter table "township" add constraint "township_code_unique" unique ("code");`);
    this.addSql(`create index "township_county_idx" on "township" ("county_id");`);
    this.addSql(`create index "township_geom_gist" on "township" using gist ("geom");`);
    this.addSql(
      `create table "village" ("id" serial primary key, "version" int not null default 1, "created_at" timestamptz not null, "updated_at" timestamptz not null, "code" varchar(12) not null, "name" varchar(200) not null, "kind" text check ("kind" in ('VILLAGE', 'COMMUNITY')) not null default 'VILLAGE', "township_id" int not null, "households" int null, "population" int null, "villager_groups" int null, "geom" geometry(MultiPolygon, 4326) null);`,
    );
    this.addSql(`alter table "village" add constraint "village_code_unique" unique ("code");`);
    this.addSql(`create index "village_township_idx" on "village" ("township_id");`);
    this.addSql(`create index "village_geom_gist" on "village" using gist ("geom");`);
    this.addSql(
      `create table "grid" ("id" serial primary key, "version" int not null default 1, "created_at" timestamptz not null, "updated_at" timestamptz not null, "code" varchar(32) null, "name" varchar(200) not null, "kind" text check ("kind" in ('VILLAGER_GROUP', 'RESIDENTIAL_COMPOUND', 'BUILDING', 'COMMERCIAL', 'NATURAL_VILLAGE', 'OTHER')) not null default 'OTHER', "village_id" int not null, "households" int null, "population" int null, "geom" geometry(MultiPolygon, 4326) not null);`,
    );
    this.addSql(`alter table "grid" add constraint "grid_code_unique" unique ("code");`);
    this.addSql(`create index "grid_village_idx" on "grid" ("village_id");`);
    this.addSql(`create index "grid_geom_gist" on "grid" using gist ("geom");`);
    this.addSql(
      `create table "party_unit" ("id" serial primary key, "version" int not null default 1, "created_at" timestamptz not null, "updated_at" timestamptz not null, "name" varchar(200) not null, "level" text check ("level" in ('COMMITTEE', 'GENERAL_BRANCH', 'BRANCH', 'GROUP')) not null default 'BRANCH', "kind" text check ("kind" in ('VILLAGE', 'COMMUNITY', 'GRID', 'BUILDING', 'NATURAL_VILLAGE', 'INDUSTRY', 'AGENCY')) not null default 'VILLAGE', "parent_id" int null, "village_id" int null, "grid_id" int null, "members" int null);`,
    );
    this.addSql(`create index "party_unit_parent_idx" on "party_unit" ("parent_id");`);
    this.addSql(`create index "party_unit_village_idx" on "party_unit" ("village_id");`);
    this.addSql(`create index "party_unit_grid_idx" on "party_unit" ("grid_id");`);
    this.addSql(
      `create table "grid_worker_grids" ("grid_worker_id" int not null, "grid_id" int not null, constraint "grid_worker_grids_pkey" primary key ("grid_worker_id", "grid_id"));`,
    );
    this.addSql(
      `alter table "township" add constraint "township_county_id_foreign" foreign key ("county_id") references "county" ("id") on update cascade on delete restrict;`,
    );
    this.addSql(
      `alter table "village" add constraint "village_township_id_foreign" foreign key ("township_id") references "township" ("id") on update cascade on delete restrict;`,
    );
    this.addSql(
      `alter table "grid" add constraint "grid_village_id_foreign" foreign key ("village_id") references "village" ("id") on update cascade on delete restrict;`,
    );
    this.addSql(
      `alter table "party_unit" add constraint "party_unit_parent_id_foreign" foreign key ("parent_id") references "party_unit" ("id") on update cascade on delete restrict;`,
    );
    this.addSql(
      `alter table "party_unit" add constraint "party_unit_village_id_foreign" foreign key ("village_id") references "village" ("id") on update cascade on delete restrict;`,
    );
    this.addSql(
      `alter table "party_unit" add constraint "party_unit_grid_id_foreign" foreign key ("grid_id") references "grid" ("id") on update cascade on delete set null;`,
    );
    this.addSql(
      `alter table "grid_worker_grids" add constraint "grid_worker_grids_grid_worker_id_foreign" foreign key ("grid_worker_id") references "grid_worker" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "grid_worker_grids" add constraint "grid_worker_grids_grid_id_foreign" foreign key ("grid_id") references "grid" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(`create index "grid_worker_grids_grid_idx" on "grid_worker_grids" ("grid_id");`);
  }

  override async down(): Promise<void> {
    for (const table of ['grid_worker_grids', 'party_unit', 'grid', 'grid_worker', 'village', 'township', 'county']) {
      this.addSql(`drop table if exists "${table}" cascade;`);
    }
  }
}
