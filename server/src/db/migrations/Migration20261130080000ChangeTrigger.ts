import { Migration } from '@mikro-orm/migrations';

/**
 * The rectification trigger (Migration20261130070000Loop) files its audit events under the change
 * that caused them: the write corridor sets `wz.change_id` (transaction-local) right after it opens
 * the change row, and the trigger, which runs at commit (it is deferred, after the corridor closed
 * the change), writes that id on its events and adds them to the change's event_count and record
 * types. Outside a change (a script's recompute) the id is null, as before. The branch that only
 * followed a finding's severity or name now writes its event too (every changed record has one).
 */
export class Migration20261130080000ChangeTrigger extends Migration {
  override async up(): Promise<void> {
    this
      .addSql(`create function rectification_audit(op text, rid int, before jsonb, after jsonb) returns void language plpgsql as $$
    declare
      cid bigint := nullif(current_setting('wz.change_id', true), '')::bigint;
    begin
      insert into audit_event (change_id, username, role, operation, record_type, record_id, before, after)
      values (cid, 'coverage', 'SYSTEM', op, 'Rectification', rid, before, after);
      if cid is not null then
        update change set event_count = event_count + 1,
          record_types = case when 'Rectification' = any(record_types) then record_types
                              else (select array_agg(x order by x) from unnest(array_append(record_types, 'Rectification')) x) end
        where id = cid;
      end if;
    end $$;`);
    this.addSql(`create or replace function rectification_sync() returns trigger language plpgsql as $$
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
            perform rectification_audit('open', r.id, null, to_jsonb(r));
          end if;
        elsif r.status = 'CLOSED' then
          snap := to_jsonb(r);
          update rectification set status = 'OPEN', closed_at = null, reopen_count = reopen_count + 1, severity = f.severity,
            village_id = f.village_id, grid_id = f.grid_id, subject_name = f.subject_name, version = version + 1, updated_at = now()
          where id = r.id returning * into r;
          insert into rectification_event (rectification_id, action, username, role) values (r.id, 'REOPENED', 'coverage', 'SYSTEM');
          perform rectification_audit('reopen', r.id, snap, to_jsonb(r));
        elsif r.severity <> f.severity or r.subject_name <> f.subject_name or r.village_id <> f.village_id then
          snap := to_jsonb(r);
          update rectification set severity = f.severity, subject_name = f.subject_name, village_id = f.village_id, updated_at = now()
          where id = r.id returning * into r;
          perform rectification_audit('follow', r.id, snap, to_jsonb(r));
        end if;
      elsif r.id is not null and r.status <> 'CLOSED' then
        snap := to_jsonb(r);
        update rectification set status = 'CLOSED', closed_at = now(), version = version + 1, updated_at = now()
        where id = r.id returning * into r;
        insert into rectification_event (rectification_id, action, username, role) values (r.id, 'AUTO_CLOSED', 'coverage', 'SYSTEM');
        perform rectification_audit('close', r.id, snap, to_jsonb(r));
      end if;
      return null;
    end $$;`);
  }

  override async down(): Promise<void> {
    // Nothing: rectification_sync calls rectification_audit; the down of Migration20261130070000Loop
    // drops the trigger and its function (rectification_audit goes with the schema).
  }
}
