import { Migration } from '@mikro-orm/migrations';

/**
 * 1. API keys that may import (issue #14): a key with the IMPORT scope imports over
 * POST /api/import with the role and units of its owner (the user who created it), never more.
 * The owner is kept by id (a username can be renamed or reused); existing keys get the owner
 * their created_by names, when that user still exists.
 *
 * 2. A large import's commit (issue #14, bench:import): the rectification trigger added one to its
 * change's event_count per audit event it wrote — 100,000 updates of ONE row in one transaction when
 * 50,000 new grids open their findings, each update walking the row's growing chain of versions
 * (quadratic: minutes at commit). Now the events are counted once per change, by a deferred trigger
 * on the change row that the corridor's closing update queues after every finding's (deferred events
 * fire in order): the same event_count and record_types as before, in one update.
 */
export class Migration20261201050000ImportKeys extends Migration {
  override async up(): Promise<void> {
    // No foreign key (the ORM's entity declares none, and the schema must match it): a deleted owner's
    // id is never reused (a sequence), and a key whose owner is gone is refused at import.
    this.addSql('alter table api_key add column owner_id int;');
    this.addSql('update api_key k set owner_id = u.id from app_user u where u.username = k.created_by;');
    this.addSql('alter table api_key_scope drop constraint api_key_scope_scope_check;');
    this.addSql(
      `alter table api_key_scope add constraint api_key_scope_scope_check check (scope in ('WORK_ORDERS_CREATE', 'IMPORT'));`,
    );

    this
      .addSql(`create or replace function rectification_audit(op text, rid int, before jsonb, after jsonb) returns void language plpgsql as $$
    begin
      -- Counted into the change once, at its close (change_rectification_events).
      insert into audit_event (change_id, username, role, operation, record_type, record_id, before, after)
      values (nullif(current_setting('wz.change_id', true), '')::bigint, 'coverage', 'SYSTEM', op, 'Rectification', rid, before, after);
    end $$;`);
    this.addSql(`create function change_rectification_events() returns trigger language plpgsql as $$
    declare n int;
    begin
      select count(*) into n from audit_event where change_id = new.id and record_type = 'Rectification' and username = 'coverage';
      if n > 0 then
        update change set event_count = event_count + n,
          record_types = case when 'Rectification' = any(record_types) then record_types
                              else (select array_agg(x order by x) from unnest(array_append(record_types, 'Rectification')) x) end
        where id = new.id;
      end if;
      return null;
    end $$;`);
    // Fires once per change: at the corridor's closing update (summary set), never at its own update.
    this
      .addSql(`create constraint trigger change_rectification_events after update on change deferrable initially deferred
      for each row when (old.summary is null and new.summary is not null) execute function change_rectification_events();`);
  }

  override async down(): Promise<void> {
    this.addSql('drop trigger if exists change_rectification_events on change;');
    this.addSql('drop function if exists change_rectification_events();');
    this
      .addSql(`create or replace function rectification_audit(op text, rid int, before jsonb, after jsonb) returns void language plpgsql as $$
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
    this.addSql(`delete from api_key_scope where scope = 'IMPORT';`);
    this.addSql('alter table api_key_scope drop constraint api_key_scope_scope_check;');
    this.addSql(
      `alter table api_key_scope add constraint api_key_scope_scope_check check (scope in ('WORK_ORDERS_CREATE'));`,
    );
    this.addSql('alter table api_key drop column owner_id;');
  }
}
