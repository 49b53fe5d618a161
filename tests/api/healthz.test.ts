import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { MikroORM } from '@mikro-orm/postgresql';
import { expect, it } from 'vitest';
import { createApp } from '../../server/src/app';
import { loadConfig } from '../../server/src/config';
import { ormConfig } from '../../server/src/db/mikro-orm.config';
import { startServer } from '../helpers/server';

it('answers 200 with the PostGIS version when the database answers', async () => {
  const s = await startServer();
  try {
    const res = await fetch(`${s.base}/healthz`);
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.status).toBe('ok');
    expect(body.postgis).toMatch(/^3\.\d+/);
  } finally {
    await s.close();
  }
});

it('answers 503 when the database does not', async () => {
  const config = loadConfig({ DATABASE_URL: 'postgres://postgres@127.0.0.1:1/nowhere', LOG_LEVEL: 'silent' });
  const orm = await MikroORM.init(ormConfig(config.databaseUrl, { connect: false }));
  const app = await createApp(config, { orm });
  const server = app.app.listen(0, '127.0.0.1');
  await once(server, 'listening');
  try {
    const res = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/healthz`);
    expect(res.status).toBe(503);
    expect((await res.json()).status).toBe('unavailable');
  } finally {
    server.close();
    await app.close();
    await orm.close();
  }
});

it('serves the offline GraphQL IDE to a browser at GET /graphql, and GraphQL over GET', async () => {
  const s = await startServer();
  try {
    const page = await fetch(`${s.base}/graphql`, { headers: { accept: 'text/html' } });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('Wuzhong Grid GraphQL');
    expect(html).not.toMatch(/https?:\/\/(?!127)/); // nothing from the internet
    const get = await s.get(`/graphql?query=${encodeURIComponent('{ _allCountiesMeta { count } }')}`, {
      'apollo-require-preflight': 'true',
    });
    expect(get.status).toBe(200);
    expect((await get.json()).data._allCountiesMeta.count).toBeGreaterThanOrEqual(0);
  } finally {
    await s.close();
  }
});
