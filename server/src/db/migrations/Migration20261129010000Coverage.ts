import { Migration } from '@mikro-orm/migrations';

/**
 * Coverage results (issue #4), kept current inside every writing transaction:
 * one row per village-level unit, the findings with stable ids, and a data
 * version that every write bumps (the ETag of the GeoJSON endpoints).
 */
export class Migration20261129010000Coverage extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table coverage_unit (
      village_id int primary key references village (id) on delete cascade,
      area_m2 double precision not null,
      uncovered_m2 double precision not null,
      covered_share double precision,
      uncovered geometry(MultiPolygon, 4326),
      grid_count int not null,
      households_in_grids int not null,
      computed_at timestamptz not null default now()
    );`);
    this.addSql(`create index coverage_unit_uncovered_gist on coverage_unit using gist (uncovered);`);
    this.addSql(`create table coverage_finding (
      id text primary key,
      kind text not null check (kind in ('UNCOVERED_LAND', 'OVERLAP', 'SPILL', 'UNSTAFFED_GRID', 'OVERSIZED_GRID',
        'UNDERSIZED_GRID', 'GRID_COUNT_MISMATCH', 'NO_PARTY_UNIT', 'NO_GRID_PARTY_UNIT')),
      severity text not null check (severity in ('CRITICAL', 'WARNING', 'NOTICE')),
      village_id int not null references village (id) on delete cascade,
      other_village_id int references village (id) on delete cascade,
      grid_id int references grid (id) on delete cascade,
      other_grid_id int references grid (id) on delete cascade,
      subject_name text not null,
      other_name text,
      value double precision,
      expected double precision,
      area_m2 double precision,
      geom geometry(Geometry, 4326),
      point geometry(Point, 4326),
      computed_at timestamptz not null default now()
    );`);
    this.addSql(`create index coverage_finding_village_idx on coverage_finding (village_id);`);
    this.addSql(`create index coverage_finding_other_village_idx on coverage_finding (other_village_id);`);
    this.addSql(`create index coverage_finding_grid_idx on coverage_finding (grid_id);`);
    this.addSql(`create index coverage_finding_kind_idx on coverage_finding (kind, severity);`);
    this.addSql(`create index coverage_finding_geom_gist on coverage_finding using gist (geom);`);
    this.addSql(`create index coverage_finding_point_gist on coverage_finding using gist (point);`);
    this.addSql(
      `create table data_version (id int primary key check (id = 1), n bigint not null, changed_at timestamptz not null);`,
    );
    this.addSql(`insert into data_version values (1, 1, now());`);
  }

  override async down(): Promise<void> {
    this.addSql('drop table if exists coverage_finding, coverage_unit, data_version;');
  }
}
