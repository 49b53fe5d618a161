import type { TestProject } from 'vitest/node';
import { MikroORM } from '@mikro-orm/postgresql';
import pg from 'pg';
import { ormConfig } from '../server/src/db/mikro-orm.config';
import { migrate } from '../server/src/db/migrate';
import { prepareDatabase } from '../server/src/db/prepare';
import { testDatabaseUrl } from './test-database';

declare module 'vitest' {
  export interface ProvidedContext {
    databaseUrl: string;
  }
}

/** A clean test database, migrated from scratch, for every run. */
export default async function setup(project: TestProject): Promise<void> {
  const url = await prepareDatabase(testDatabaseUrl(), (line) => console.log(`[test db] ${line}`));
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query('drop schema public cascade; create schema public; create extension postgis;');
  await client.end();
  const orm = await MikroORM.init(ormConfig(url));
  await migrate(orm);
  await orm.close();
  project.provide('databaseUrl', url);
}
