import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261129000000Initial } from './Migration20261129000000Initial';
import { Migration20261129010000Coverage } from './Migration20261129010000Coverage';
import { Migration20261129020000Auth } from './Migration20261129020000Auth';

/**
 * Migrations are listed here, not discovered from disk, so they run the same under
 * tsx, vitest and a bundler. A test fails when a migration file is missing here.
 */
export const migrationsList: MigrationObject[] = [
  { name: 'Migration20261129000000Initial', class: Migration20261129000000Initial },
  { name: 'Migration20261129010000Coverage', class: Migration20261129010000Coverage },
  { name: 'Migration20261129020000Auth', class: Migration20261129020000Auth },
];
import { Migration20261130070000Loop } from './Migration20261130070000Loop';
migrationsList.push({ name: 'Migration20261130070000Loop', class: Migration20261130070000Loop });
