import { Migration } from '@mikro-orm/migrations';

/**
 * 网格长: a grid names one of its workers as its leader (issue 13). Nullable; a worker who is
 * deleted stops leading (set null). That the leader is one of the grid's workers is checked
 * by the grid service on every write (and a worker leaving the grid stops leading it).
 */
export class Migration20261201020000GridLeader extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "grid" add column "leader_id" int null;`);
    this.addSql(`create index "grid_leader_idx" on "grid" ("leader_id");`);
    this.addSql(
      `alter table "grid" add constraint "grid_leader_id_foreign" foreign key ("leader_id") references "grid_worker" ("id") on update cascade on delete set null;`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "grid" drop column "leader_id";`);
  }
}
