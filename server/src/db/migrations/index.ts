import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261129000000Initial } from './Migration20261129000000Initial';
import { Migration20261129010000Coverage } from './Migration20261129010000Coverage';
import { Migration20261129020000Auth } from './Migration20261129020000Auth';
import { Migration20261130020000Changes } from './Migration20261130020000Changes';
import { Migration20261130030000PrincipalNotify } from './Migration20261130030000PrincipalNotify';
import { Migration20261130050000GisServices } from './Migration20261130050000GisServices';
import { Migration20261130070000Loop } from './Migration20261130070000Loop';
import { Migration20261130080000ChangeTrigger } from './Migration20261130080000ChangeTrigger';
import { Migration20261201020000GridLeader } from './Migration20261201020000GridLeader';
import { Migration20261201050000ImportKeys } from './Migration20261201050000ImportKeys';
import { Migration20261201070000TileGeometry } from './Migration20261201070000TileGeometry';
import { Migration20261202010000TileGridProperties } from './Migration20261202010000TileGridProperties';

/**
 * Migrations are listed here, not discovered from disk, so they run the same under
 * tsx, vitest and a bundler. A test fails when a migration file is missing here.
 */
export const migrationsList: MigrationObject[] = [
  { name: 'Migration20261129000000Initial', class: Migration20261129000000Initial },
  { name: 'Migration20261129010000Coverage', class: Migration20261129010000Coverage },
  { name: 'Migration20261129020000Auth', class: Migration20261129020000Auth },
  { name: 'Migration20261130020000Changes', class: Migration20261130020000Changes },
  { name: 'Migration20261130030000PrincipalNotify', class: Migration20261130030000PrincipalNotify },
  { name: 'Migration20261130050000GisServices', class: Migration20261130050000GisServices },
  { name: 'Migration20261130070000Loop', class: Migration20261130070000Loop },
  { name: 'Migration20261130080000ChangeTrigger', class: Migration20261130080000ChangeTrigger },
  { name: 'Migration20261201020000GridLeader', class: Migration20261201020000GridLeader },
  { name: 'Migration20261201050000ImportKeys', class: Migration20261201050000ImportKeys },
  { name: 'Migration20261201070000TileGeometry', class: Migration20261201070000TileGeometry },
  { name: 'Migration20261202010000TileGridProperties', class: Migration20261202010000TileGridProperties },
];
