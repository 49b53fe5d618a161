import { Migration } from '@mikro-orm/migrations';

/** Accounts, API keys and the audit trail (issue #7). */
export class Migration20261129020000Auth extends Migration {
  override async up(): Promise<void> {
    this
      .addSql(`create table "app_user" ("id" serial primary key, "version" int not null default 1, "created_at" timestamptz not null,
      "updated_at" timestamptz not null, "username" varchar(64) not null, "display_name" varchar(100) null, "password_hash" text not null,
      "role" text check ("role" in ('ADMIN', 'EDITOR', 'ANALYST')) not null default 'ANALYST',
      "county_ids" int[] not null default '{}', "township_ids" int[] not null default '{}', "active" boolean not null default true,
      "failed_attempts" int not null default 0, "locked_until" timestamptz null, "password_changed_at" timestamptz not null);`);
    this.addSql(`alter table "app_user" add constraint "app_user_username_unique" unique ("username");`);
    this
      .addSql(`create table "api_key" ("id" serial primary key, "version" int not null default 1, "created_at" timestamptz not null,
      "updated_at" timestamptz not null, "name" varchar(100) not null, "prefix" varchar(16) not null, "key_hash" varchar(64) not null,
      "coverage_only" boolean not null default false, "created_by" varchar(64) null, "revoked_at" timestamptz null, "last_used_at" timestamptz null);`);
    this.addSql(`alter table "api_key" add constraint "api_key_prefix_unique" unique ("prefix");`);
    this.addSql(`create table app_setting (key text primary key, value text not null);`);
    this.addSql(`create table audit_event (
      id bigserial primary key,
      at timestamptz not null default now(),
      user_id int,
      username text not null,
      role text not null,
      operation text not null,
      record_type text not null,
      record_id int,
      before jsonb,
      after jsonb
    );`);
    this.addSql(`create index audit_event_record_idx on audit_event (record_type, record_id, at);`);
    this.addSql(`create index audit_event_user_idx on audit_event (user_id, at);`);
    this.addSql(`create index audit_event_at_idx on audit_event (at);`);
  }

  override async down(): Promise<void> {
    this.addSql('drop table if exists audit_event, app_setting, api_key, app_user;');
  }
}
