import { Migration } from '@mikro-orm/migrations';

/**
 * Every server process caches the principal of a token or API key (server/src/auth/principal-cache.ts).
 * A change that may end or narrow a session — password, deactivation, role or scope, deletion,
 * a revoked key — is announced on channel `wz_principal`, whatever wrote it, so every process
 * forgets the cached principal at once (issue #12).
 */
export class Migration20261130030000PrincipalNotify extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create or replace function wz_notify_principal() returns trigger language plpgsql as $$
      begin
        if tg_level = 'STATEMENT' then
          perform pg_notify('wz_principal', 'all');
        else
          perform pg_notify('wz_principal', tg_argv[0] || ':' || coalesce(old.id, new.id)::text);
        end if;
        return null;
      end $$;`);
    this
      .addSql(`create trigger app_user_principal after update of password_hash, password_changed_at, active, role, county_ids, township_ids, username
      or delete on app_user for each row execute function wz_notify_principal('user');`);
    this.addSql(
      `create trigger app_user_principal_truncate after truncate on app_user for each statement execute function wz_notify_principal('user');`,
    );
    this.addSql(`create trigger api_key_principal after update of revoked_at, key_hash, coverage_only, prefix, name
      or delete on api_key for each row execute function wz_notify_principal('service');`);
    this.addSql(
      `create trigger api_key_principal_truncate after truncate on api_key for each statement execute function wz_notify_principal('service');`,
    );
  }

  override async down(): Promise<void> {
    this.addSql('drop trigger if exists app_user_principal on app_user;');
    this.addSql('drop trigger if exists app_user_principal_truncate on app_user;');
    this.addSql('drop trigger if exists api_key_principal on api_key;');
    this.addSql('drop trigger if exists api_key_principal_truncate on api_key;');
    this.addSql('drop function if exists wz_notify_principal();');
  }
}
