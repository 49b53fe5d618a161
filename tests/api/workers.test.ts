import { spawn, execFileSync } from 'node:child_process';
import { expect, inject, it } from 'vitest';
import { startServer } from '../helpers/server';

/** The child processes of a process (none: an empty list; ps then exits 1). */
const childrenOf = (pid: number | undefined): string[] => {
  try {
    return execFileSync('ps', ['-o', 'pid=', '--ppid', String(pid)], { encoding: 'utf8' })
      .trim()
      .split(/\s+/)
      .filter(Boolean);
  } catch {
    return [];
  }
};

/**
 * WORKERS=2: two server processes behind one port (node:cluster), and nothing correct in
 * process memory — a password changed through one worker ends the old token on every worker.
 */
it('serves from several processes on one port; a session ended through one is ended in all', async () => {
  const s = await startServer();
  const headers = await s.signIn('test-workers', 'ANALYST');
  await s.close();
  // @ts-expect-error: a plain .mjs script without types
  const { ensureBuilt } = await import('../../server/bin/build.mjs');
  ensureBuilt();
  const port = 20000 + Math.floor(Math.random() * 20000);
  const child = spawn(process.execPath, ['dist/server/src/main.js'], {
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATABASE_URL: inject('databaseUrl'),
      SEED: '0',
      LOG_LEVEL: 'warn',
      WORKERS: '2',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  const base = `http://127.0.0.1:${port}`;
  const post = async (query: string, h: Record<string, string>, variables = {}) =>
    (
      await fetch(`${base}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...h },
        body: JSON.stringify({ query, variables }),
      })
    ).json();
  try {
    const deadline = Date.now() + 60_000;
    let workers: string[] = [];
    while (Date.now() < deadline) {
      const ok = await fetch(`${base}/healthz`).then(
        (r) => r.ok,
        () => false,
      );
      workers = childrenOf(child.pid);
      if ((ok && workers.length === 2) || child.exitCode !== null) break;
      await new Promise((r) => setTimeout(r, 300));
    }
    expect(workers, output).toHaveLength(2);
    // Both workers know the token (each caches it on its own).
    for (let i = 0; i < 6; i++)
      expect((await post('{ me { username } }', headers)).data?.me?.username, output).toBe('test-workers');

    // The password changed through one worker: every worker refuses the old token (NOTIFY wz_principal).
    const login = await post(
      'mutation { login(username: "test-workers", password: "pw-test-workers-secret") { token } }',
      {},
    );
    const fresh = { authorization: `Bearer ${login.data.login.token}` };
    const changed = await post(
      'mutation { changePassword(oldPassword: "pw-test-workers-secret", newPassword: "another-secret-pw") }',
      fresh,
    );
    expect(changed.errors, JSON.stringify(changed.errors)).toBeUndefined();
    let refused = 0;
    const until = Date.now() + 3000;
    while (refused < 8 && Date.now() < until) {
      const r = await post('{ me { username } }', headers);
      refused = r.errors?.[0]?.extensions?.code === 'UNAUTHENTICATED' ? refused + 1 : 0;
    }
    expect(refused).toBe(8);
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => (child.exitCode !== null ? r(null) : child.once('exit', r)));
  }
  // The primary stopped its workers.
  await new Promise((r) => setTimeout(r, 500));
  expect(childrenOf(child.pid)).toEqual([]);
}, 240_000);
