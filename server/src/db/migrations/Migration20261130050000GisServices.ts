import { Migration } from '@mikro-orm/migrations';

/**
 * GIS services (issue 15): the change feed and indexes the tiles need.
 *
 * `change_feed` holds one row per committed data version: the records the transaction's audit
 * events name, the village-level units it recomputed or touched, and the operations. A
 * deferred constraint trigger on `data_version` (bumped by every write) writes it at commit
 * time — when every audit event and coverage row of the transaction exists — and issues
 * `NOTIFY wz_change, '<version>'` in the same transaction, so listeners in every server
 * process hear of exactly the committed changes. The write path is not touched: the rows of
 * the transaction are found by their timestamp (`now()` is the transaction's start time).
 */
export class Migration20261130050000GisServices extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table change_feed (
      version bigint primary key,
      at timestamptz not null default now(),
      operations text[] not null,
      records jsonb not null,
      records_truncated boolean not null default false,
      village_ids int[] not null,
      all_units boolean not null default false
    );`);
    this.addSql(`create index coverage_unit_computed_idx on coverage_unit (computed_at);`);
    this.addSql(`create index coverage_finding_other_grid_idx on coverage_finding (other_grid_id);`);
    this.addSql(`create or replace function wz_publish_change() returns trigger language plpgsql as $$
declare
  v bigint;
  recs jsonb;
  n_recs int;
  ops text[];
  units int[];
begin
  select n into v from data_version where id = 1;
  if exists (select 1 from change_feed where version = v) then return null; end if;
  select coalesce(jsonb_agg(r.rec), '[]'::jsonb), count(*) into recs, n_recs from (
    select jsonb_build_object('type', record_type, 'id', record_id, 'operation', operation) as rec
    from audit_event where at = now() group by record_type, record_id, operation order by record_type, record_id limit 1001) r;
  select coalesce(array_agg(distinct operation), '{}') into ops from audit_event where at = now();
  if n_recs > 1000 then recs := recs - 1000; end if;
  select coalesce(array_agg(distinct u order by u), '{}') into units from (
    select village_id as u from coverage_unit where computed_at = now()
    union all select (a.before->>'village_id')::int from audit_event a where a.at = now() and a.record_type = 'Grid'
    union all select (a.after->>'village_id')::int from audit_event a where a.at = now() and a.record_type = 'Grid'
    union all select a.record_id from audit_event a where a.at = now() and a.record_type = 'Village') x
  where u is not null;
  insert into change_feed (version, operations, records, records_truncated, village_ids, all_units)
  values (v, case when cardinality(ops) = 0 then array['RECOMPUTE'] else ops end, recs, n_recs > 1000,
          case when cardinality(units) > 5000 then '{}'::int[] else units end, cardinality(units) > 5000);
  perform pg_notify('wz_change', v::text);
  return null;
end $$;`);
    this.addSql(`create constraint trigger data_version_publish after update on data_version
      deferrable initially deferred for each row execute function wz_publish_change();`);
  }

  override async down(): Promise<void> {
    this.addSql('drop trigger if exists data_version_publish on data_version;');
    this.addSql('drop function if exists wz_publish_change();');
    this.addSql('drop index if exists coverage_finding_other_grid_idx;');
    this.addSql('drop index if exists coverage_unit_computed_idx;');
    this.addSql('drop table if exists change_feed;');
  }
}
