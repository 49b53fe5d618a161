import { spawnSync } from 'node:child_process';
import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { migrationsList } from '../../server/src/db/migrations';
import { testDatabaseUrl } from '../test-database';

/** `npm run migrate` on a database that does not exist yet: created with PostGIS, migrated, and a second run finds nothing to do. */
const url = new URL(testDatabaseUrl());
url.pathname = `${url.pathname}_migrate`;
const name = decodeURIComponent(url.pathname.slice(1));
const maintenance = new URL(url);
maintenance.pathname = '/postgres';

async function dropDatabase(): Promise<void> {
  const admin = new pg.Client({ connectionString: maintenance.toString() });
  await admin.connect();
  await admin.query(`drop database if exists "${name}" with (force)`);
  await admin.end();
}

const migrateCli = () =>
  spawnSync('npm', ['run', '--silent', 'migrate'], {
    env: { ...process.env, DATABASE_URL: url.toString(), LOG_LEVEL: 'warn' },
    encoding: 'utf8',
    timeout: 120_000,
  });

beforeAll(dropDatabase);
afterAll(dropDatabase);

it('npm run migrate creates the database with PostGIS and applies every migration, once', async () => {
  const first = migrateCli();
  expect(first.status, first.stderr + first.stdout).toBe(0);
  expect(first.stdout).toContain(`applied ${migrationsList.length} migrations`);

  const db = new pg.Client({ connectionString: url.toString() });
  await db.connect();
  try {
    const applied = (await db.query('select name from mikro_orm_migrations order by id')).rows.map((r) => r.name);
    expect(applied).toEqual(migrationsList.map((m) => m.name));
    const { rows } = await db.query(
      `select postgis_lib_version() as v, to_regclass('public.grid') is not null as grid, to_regclass('public.coverage_finding') is not null as findings`,
    );
    expect(rows[0]).toMatchObject({ grid: true, findings: true });
    expect(rows[0].v).toMatch(/^3\./);
  } finally {
    await db.end();
  }

  const second = migrateCli();
  expect(second.status, second.stderr + second.stdout).toBe(0);
  expect(second.stdout).toContain('no pending migration');
});

it('npm run migrate refuses an unknown command with its usage', () => {
  const r = spawnSync(process.execPath, ['node_modules/tsx/dist/cli.mjs', 'server/src/db/cli.ts', 'rollback'], {
    encoding: 'utf8',
    timeout: 60_000,
  });
  expect(r.status).toBe(2);
  expect(r.stderr).toContain('usage: npm run migrate');
});
