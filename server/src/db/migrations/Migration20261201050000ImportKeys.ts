import { Migration } from '@mikro-orm/migrations';

/**
 * API keys that may import (issue #14): a key with the IMPORT scope imports over
 * POST /api/import with the role and units of its owner (the user who created it), never more.
 * The owner is kept by id (a username can be renamed or reused); existing keys get the owner
 * their created_by names, when that user still exists.
 */
export class Migration20261201050000ImportKeys extends Migration {
  override async up(): Promise<void> {
    this.addSql('alter table api_key add column owner_id int references app_user (id) on delete set null;');
    this.addSql('update api_key k set owner_id = u.id from app_user u where u.username = k.created_by;');
    this.addSql('create index api_key_owner_idx on api_key (owner_id);');
    this.addSql('alter table api_key_scope drop constraint api_key_scope_scope_check;');
    this.addSql(`alter table api_key_scope add constraint api_key_scope_scope_check check (scope in ('WORK_ORDERS_CREATE', 'IMPORT'));`);
  }

  override async down(): Promise<void> {
    this.addSql(`delete from api_key_scope where scope = 'IMPORT';`);
    this.addSql('alter table api_key_scope drop constraint api_key_scope_scope_check;');
    this.addSql(`alter table api_key_scope add constraint api_key_scope_scope_check check (scope in ('WORK_ORDERS_CREATE'));`);
    this.addSql('alter table api_key drop column owner_id;');
  }
}
