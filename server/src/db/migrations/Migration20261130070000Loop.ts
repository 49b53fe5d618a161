import { Migration } from '@mikro-orm/migrations';

/**
 * Issue #16: rectification of coverage findings (整改闭环), member units and work orders
 * (民情交办单), API key scopes, and coverage snapshots over time. Plain SQL tables (no ORM
 * entities): the modules read and write them with named statements.
 *
 * Rectification follows the findings by a deferred constraint trigger on coverage_finding:
 * it runs at the commit of the transaction that recomputed coverage, when the delete and
 * re-insert of a finding by the recompute are both done, so a finding that is still there
 * is left alone, one that is gone closes its rectification, and one that comes back reopens it.
 */
export class Migration20261130070000Loop extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table rectification (
      id serial primary key,
      version int not null default 1,
      finding_id text not null constraint rectification_finding_unique unique,
      kind text not null,
      severity text not null,
      village_id int not null references village (id) on delete cascade,
      grid_id int,
      subject_name text not null,
      status text not null default 'OPEN' check (status in ('OPEN', 'WAIVED', 'CLOSED')),
      assignee_township_id int references township (id) on delete set null,
      assignee_user_id int references app_user (id) on delete set null,
      deadline date,
      note text,
      waive_reason text,
      opened_at timestamptz not null default now(),
      closed_at timestamptz,
      reopen_count int not null default 0,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    );`);
    this.addSql(`create index rectification_village_idx on rectification (village_id);`);
    this.addSql(`create index rectification_status_idx on rectification (status, kind, severity);`);
    this.addSql(`create index rectification_assignee_township_idx on rectification (assignee_township_id);`);
    this.addSql(`create table rectification_event (
      id bigserial primary key,
      rectification_id int not null references rectification (id) on delete cascade,
      at timestamptz not null default now(),
      action text not null,
      username text not null,
      role text not null,
      text text,
      data jsonb
    );`);
    this.addSql(`create index rectification_event_rect_idx on rectification_event (rectification_id, at);`);

    this.addSql(`create function rectification_sync() returns trigger language plpgsql as $$
    declare
      fid text := case when tg_op = 'DELETE' then old.id else new.id end;
      f coverage_finding%rowtype;
      r rectification%rowtype;
      snap jsonb;
    begin
      select * into f from coverage_finding where id = fid;
      select * into r from rectification where finding_id = fid for update;
      if f.id is not null then
        if r.id is null then
          insert into rectification (finding_id, kind, severity, village_id, grid_id, subject_name)
          values (f.id, f.kind, f.severity, f.village_id, f.grid_id, f.subject_name)
          on conflict (finding_id) do nothing returning * into r;
          if r.id is not null then
            insert into rectification_event (rectification_id, action, username, role) values (r.id, 'OPENED', 'coverage', 'SYSTEM');
            insert into audit_event (username, role, operation, record_type, record_id, before, after)
            values ('coverage', 'SYSTEM', 'open', 'Rectification', r.id, null, to_jsonb(r));
          end if;
        elsif r.status = 'CLOSED' then
          snap := to_jsonb(r);
          update rectification set status = 'OPEN', closed_at = null, reopen_count = reopen_count + 1, severity = f.severity,
            village_id = f.village_id, grid_id = f.grid_id, subject_name = f.subject_name, version = version + 1, updated_at = now()
          where id = r.id returning * into r;
          insert into rectification_event (rectification_id, action, username, role) values (r.id, 'REOPENED', 'coverage', 'SYSTEM');
          insert into audit_event (username, role, operation, record_type, record_id, before, after)
          values ('coverage', 'SYSTEM', 'reopen', 'Rectification', r.id, snap, to_jsonb(r));
        elsif r.severity <> f.severity or r.subject_name <> f.subject_name or r.village_id <> f.village_id then
          update rectification set severity = f.severity, subject_name = f.subject_name, village_id = f.village_id, updated_at = now() where id = r.id;
        end if;
      elsif r.id is not null and r.status <> 'CLOSED' then
        snap := to_jsonb(r);
        update rectification set status = 'CLOSED', closed_at = now(), version = version + 1, updated_at = now()
        where id = r.id returning * into r;
        insert into rectification_event (rectification_id, action, username, role) values (r.id, 'AUTO_CLOSED', 'coverage', 'SYSTEM');
        insert into audit_event (username, role, operation, record_type, record_id, before, after)
        values ('coverage', 'SYSTEM', 'close', 'Rectification', r.id, snap, to_jsonb(r));
      end if;
      return null;
    end $$;`);
    this.addSql(`create constraint trigger rectification_sync after insert or delete on coverage_finding
      deferrable initially deferred for each row execute function rectification_sync();`);
    // Findings that exist already get their rectification now.
    this.addSql(`insert into rectification (finding_id, kind, severity, village_id, grid_id, subject_name)
      select id, kind, severity, village_id, grid_id, subject_name from coverage_finding on conflict do nothing;`);
    this.addSql(
      `insert into rectification_event (rectification_id, action, username, role) select id, 'OPENED', 'migration', 'SYSTEM' from rectification;`,
    );

    // Member units of the communities' joint party committees (联合党委), their pairings (结对共建) and their users.
    this.addSql(`create table member_unit (
      id serial primary key,
      version int not null default 1,
      name text not null,
      kind text not null default 'AGENCY' check (kind in ('AGENCY', 'ENTERPRISE', 'INSTITUTION', 'SOCIAL_ORGANISATION', 'OTHER')),
      contact_name text,
      contact_phone text,
      committee_village_id int references village (id) on delete set null,
      reported_members int not null default 0 check (reported_members >= 0),
      generated boolean not null default false,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    );`);
    this.addSql(`create index member_unit_committee_idx on member_unit (committee_village_id);`);
    this.addSql(`create table member_unit_pairing (
      member_unit_id int not null references member_unit (id) on delete cascade,
      village_id int not null references village (id) on delete cascade,
      primary key (member_unit_id, village_id)
    );`);
    this.addSql(`create index member_unit_pairing_village_idx on member_unit_pairing (village_id);`);
    this.addSql(`create table member_unit_user (
      member_unit_id int not null references member_unit (id) on delete cascade,
      user_id int not null references app_user (id) on delete cascade,
      primary key (user_id, member_unit_id)
    );`);

    this.addSql(`create table work_order (
      id serial primary key,
      version int not null default 1,
      code text not null constraint work_order_code_unique unique,
      title text not null,
      description text,
      category text,
      address text,
      point geometry(Point, 4326),
      channel text not null default 'STAFF' check (channel in ('STAFF', 'GRID_WORKER', 'SERVICE')),
      reported_by text not null,
      reporter_name text,
      reporter_phone text,
      village_id int references village (id) on delete set null,
      grid_id int references grid (id) on delete set null,
      worker_id int references grid_worker (id) on delete set null,
      routing text not null check (routing in ('GRID', 'SHARED_BOUNDARY', 'UNCOVERED', 'GIVEN')),
      candidate_grid_ids int[] not null default '{}',
      flagged boolean not null default false,
      status text not null default 'REPORTED' check (status in ('REPORTED', 'ASSIGNED', 'CLAIMED', 'DONE', 'SCORED', 'CANCELLED')),
      member_unit_id int references member_unit (id) on delete set null,
      deadline date,
      assigned_at timestamptz,
      claimed_at timestamptz,
      done_at timestamptz,
      scored_at timestamptz,
      result text,
      score double precision,
      score_scale text check (score_scale in ('FIVE', 'HUNDRED')),
      score100 double precision,
      score_comment text,
      generated boolean not null default false,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    );`);
    this.addSql(`create index work_order_village_idx on work_order (village_id, status);`);
    this.addSql(`create index work_order_grid_idx on work_order (grid_id);`);
    this.addSql(`create index work_order_member_unit_idx on work_order (member_unit_id, status);`);
    this.addSql(`create index work_order_point_gist on work_order using gist (point);`);
    this.addSql(`create sequence work_order_code_seq;`);

    // What an API key may do besides reading (additive to coverage_only).
    this.addSql(`create table api_key_scope (
      api_key_id int not null references api_key (id) on delete cascade,
      scope text not null check (scope in ('WORK_ORDERS_CREATE')),
      primary key (api_key_id, scope)
    );`);

    // Coverage roll-ups per day and scope (city, county, township, village-level unit).
    this.addSql(`create table coverage_snapshot (
      day date not null,
      scope_type text not null check (scope_type in ('CITY', 'COUNTY', 'TOWNSHIP', 'VILLAGE')),
      scope_id int not null,
      units int not null,
      fully_covered int not null,
      area_m2 double precision not null,
      uncovered_m2 double precision not null,
      covered_share double precision,
      grids int not null,
      workers int not null,
      households int not null,
      households_in_grids int not null,
      f_uncovered_land int not null default 0,
      f_overlap int not null default 0,
      f_spill int not null default 0,
      f_unstaffed_grid int not null default 0,
      f_oversized_grid int not null default 0,
      f_undersized_grid int not null default 0,
      f_grid_count_mismatch int not null default 0,
      f_no_party_unit int not null default 0,
      f_no_grid_party_unit int not null default 0,
      s_critical int not null default 0,
      s_warning int not null default 0,
      s_notice int not null default 0,
      oversized_critical int not null default 0,
      generated boolean not null default false,
      taken_at timestamptz not null default now(),
      primary key (scope_type, scope_id, day)
    );`);
    this.addSql(`create index coverage_snapshot_day_idx on coverage_snapshot (day);`);
  }

  override async down(): Promise<void> {
    this.addSql('drop trigger if exists rectification_sync on coverage_finding;');
    this.addSql('drop function if exists rectification_sync();');
    this.addSql(
      'drop table if exists coverage_snapshot, api_key_scope, work_order, member_unit_user, member_unit_pairing, member_unit, rectification_event, rectification;',
    );
    this.addSql('drop sequence if exists work_order_code_seq;');
  }
}
