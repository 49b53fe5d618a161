import { readdirSync, readFileSync } from 'node:fs';
import { MikroORM } from '@mikro-orm/postgresql';
import { expect, inject, it } from 'vitest';
import { ormConfig } from '../../server/src/db/mikro-orm.config';
import { migrationsList } from '../../server/src/db/migrations';
import { printedSchema, SCHEMA_FILE } from '../../server/src/schema-file';

it('schema/schema.graphql is the schema the code generates (run npm run schema:generate when this fails)', async () => {
  expect(readFileSync(SCHEMA_FILE, 'utf8')).toBe(await printedSchema());
});

it('every migration file is listed in migrations/index.ts', () => {
  const files = readdirSync(new URL('../../server/src/db/migrations', import.meta.url))
    .filter((f) => /^Migration\d+.*\.ts$/.test(f))
    .map((f) => f.replace(/\.ts$/, ''));
  expect(migrationsList.map((m) => m.name).sort()).toEqual(files.sort());
});

it('the migrated database matches the entities (no schema drift)', async () => {
  const orm = await MikroORM.init(ormConfig(inject('databaseUrl')));
  try {
    const diff = await orm.schema.getUpdateSchemaSQL({ wrap: false, safe: true });
    // The pivot's grid_id index is ours (the ORM does not declare pivot indexes).
    const lines = diff.split('\n').filter((l) => l.trim() && !/grid_worker_grids_grid_idx/.test(l));
    expect(lines).toEqual([]);
  } finally {
    await orm.close();
  }
});
