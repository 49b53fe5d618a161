import { Migration } from '@mikro-orm/migrations';

/**
 * Changes (issue 11): one row per write, grouping its audit events, so a whole change can be
 * listed and reverted (undo) or re-applied (redo) on the server.
 */
export class Migration20261130020000Changes extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table change (
      id bigserial primary key,
      at timestamptz not null default now(),
      user_id int,
      username text not null,
      role text not null,
      operation text not null,
      summary text,
      village_ids int[] not null default '{}',
      record_types text[] not null default '{}',
      event_count int not null default 0,
      reverts_change_id bigint references change (id)
    );`);
    this.addSql(`create index change_user_idx on change (user_id, at);`);
    this.addSql(`create index change_at_idx on change (at);`);
    this.addSql(`create index change_village_ids_idx on change using gin (village_ids);`);
    this.addSql(`create index change_reverts_idx on change (reverts_change_id);`);
    this.addSql(`alter table audit_event add column change_id bigint references change (id);`);
    this.addSql(`create index audit_event_change_idx on audit_event (change_id);`);
  }

  override async down(): Promise<void> {
    this.addSql('alter table audit_event drop column if exists change_id;');
    this.addSql('drop table if exists change;');
  }
}
