import { spawn } from 'node:child_process';
import { expect, inject, it } from 'vitest';

/**
 * The server started the way `npm start` starts it (tsx, which emits no decorator
 * metadata), not through vitest: catches a decorator that relies on reflection.
 */
it('starts with tsx as in production, migrates, and answers GraphQL', async () => {
  const port = 20000 + Math.floor(Math.random() * 20000);
  const child = spawn(process.execPath, ['node_modules/tsx/dist/cli.mjs', 'server/src/main.ts'], {
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATABASE_URL: inject('databaseUrl'), SEED: '0', LOG_LEVEL: 'warn' },
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
    const res = await fetch(`http://127.0.0.1:${port}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ allGrids(perPage: 1) { id village { township { county { name } } } } _allVillagesMeta { count } }' }),
    });
    const body = await res.json();
    expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
  } finally {
    child.kill('SIGTERM');
  }
});
