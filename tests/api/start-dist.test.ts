import { spawn } from 'node:child_process';
import { expect, inject, it } from 'vitest';
import { startServer } from '../helpers/server';

/**
 * The server as `npm start` runs it in production: compiled by tsc into dist/ (server/bin/build.mjs)
 * and started with plain node — no tsx, no decorator metadata, Node's own ESM resolution.
 */
it('builds with tsc and serves from dist/ with plain node', async () => {
  const s = await startServer();
  await s.signIn('test-dist', 'ANALYST');
  await s.close();
  // @ts-expect-error: a plain .mjs script without types
  const { ensureBuilt } = await import('../../server/bin/build.mjs');
  ensureBuilt();
  const port = 20000 + Math.floor(Math.random() * 20000);
  // The entry npm start runs (seeds an empty database, then starts server/src/main; SEED=0: no seeding here).
  const child = spawn(process.execPath, ['dist/seeds/start.js'], {
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATABASE_URL: inject('databaseUrl'),
      SEED: '0',
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  try {
    const deadline = Date.now() + 30_000;
    let health: Response | undefined;
    while (Date.now() < deadline) {
      health = await fetch(`http://127.0.0.1:${port}/healthz`).catch(() => undefined);
      if (health?.ok || child.exitCode !== null) break;
      await new Promise((r) => setTimeout(r, 300));
    }
    expect(health?.status, output).toBe(200);
    const post = async (query: string, headers: Record<string, string> = {}) =>
      (
        await fetch(`http://127.0.0.1:${port}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...headers },
          body: JSON.stringify({ query }),
        })
      ).json();
    const login = await post('mutation { login(username: "test-dist", password: "pw-test-dist-secret") { token } }');
    expect(login.errors, JSON.stringify(login.errors)).toBeUndefined();
    const body = await post(
      '{ allGrids(perPage: 1) { id village { township { county { name } } } } _allVillagesMeta { count } gridAt(lng: 106.2, lat: 37.9) { id } }',
      {
        authorization: `Bearer ${login.data.login.token}`,
      },
    );
    expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
    expect((await fetch(`http://127.0.0.1:${port}/graphql`, { headers: { accept: 'text/html' } })).status).toBe(200);
  } finally {
    child.kill('SIGTERM');
  }
}, 240_000);
