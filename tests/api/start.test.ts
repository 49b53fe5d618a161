import { spawn } from 'node:child_process';
import { expect, inject, it } from 'vitest';
import { startServer } from '../helpers/server';

/**
 * The server started the way `npm start` starts it (tsx, which emits no decorator
 * metadata), not through vitest: catches a decorator that relies on reflection.
 */
it('starts with tsx as in production, migrates, and answers GraphQL', async () => {
  // A user of its own in the test database, to sign in on the spawned server.
  const s = await startServer();
  await s.signIn('test-start', 'ANALYST');
  await s.close();
  const port = 20000 + Math.floor(Math.random() * 20000);
  const child = spawn(process.execPath, ['node_modules/tsx/dist/cli.mjs', 'server/src/main.ts'], {
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATABASE_URL: inject('databaseUrl'),
      SEED: '0',
      LOG_LEVEL: 'warn',
      ADMIN_USERNAME: 'start-admin',
      ADMIN_PASSWORD: 'start-admin-pw',
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
      if (health?.ok) break;
      if (child.exitCode !== null) break;
      await new Promise((r) => setTimeout(r, 300));
    }
    expect(health?.status, output).toBe(200);
    const post = (query: string, headers: Record<string, string> = {}) =>
      fetch(`http://127.0.0.1:${port}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ query }),
      });
    // The test database already has users, so no first admin is made: sign in as the test's own user.
    const login = await (
      await post('mutation { login(username: "test-start", password: "pw-test-start-secret") { token } }')
    ).json();
    expect(login.errors, JSON.stringify(login.errors)).toBeUndefined();
    const res = await post(
      '{ allGrids(perPage: 1) { id village { township { county { name } } } } _allVillagesMeta { count } }',
      {
        authorization: `Bearer ${login.data.login.token}`,
      },
    );
    const body = await res.json();
    expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
  } finally {
    child.kill('SIGTERM');
  }
});
