import { execFileSync, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import pg from 'pg';

/**
 * A throwaway streaming replica of the local PostgreSQL 15: `pg_basebackup -R` into a directory
 * under /tmp, started as the postgres OS user on a free port, logging every statement with its
 * application_name (`%a|`). For replica.test.ts and `npm run bench:replica`.
 */
export const PG_BIN = '/usr/lib/postgresql/15/bin';

/** Why a replica cannot be made here, or null when it can. */
export function replicaClusterUnavailable(primaryUrl: string): string | null {
  if (typeof process.getuid !== 'function' || process.getuid() !== 0)
    return 'not root: the replica cluster runs as the postgres user through runuser';
  if (!existsSync(path.join(PG_BIN, 'pg_basebackup'))) return `no PostgreSQL 15 binaries in ${PG_BIN}`;
  if (spawnSync('sh', ['-c', 'command -v runuser && id postgres']).status !== 0)
    return 'no runuser or no postgres OS user';
  const host = new URL(primaryUrl).hostname;
  if (!['127.0.0.1', 'localhost'].includes(host)) return `the primary is not local (${host})`;
  return null;
}

export async function freePort(): Promise<number> {
  const srv = createServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', () => r()));
  const port = (srv.address() as { port: number }).port;
  await new Promise((r) => srv.close(r));
  return port;
}

const asPostgres = (cmd: string, args: string[]) =>
  execFileSync('runuser', ['-u', 'postgres', '--', path.join(PG_BIN, cmd), ...args], {
    stdio: 'pipe',
    timeout: 120_000,
  });

export interface ReplicaCluster {
  /** The replica's URL for the same database as the primary URL. */
  url: string;
  dir: string;
  /** Statements the app ran on the replica (application_name wuzhong-read) mentioning `needle`. */
  statements(needle: string): number;
  stop(mode?: 'fast' | 'immediate'): void;
  /** Stops it when running and removes its directory. */
  remove(): void;
}

export async function startReplicaCluster(primaryUrl: string): Promise<ReplicaCluster> {
  const primary = new URL(primaryUrl);
  const admin = new pg.Client({ connectionString: primaryUrl });
  await admin.connect();
  let dir = '';
  let running = false;
  const data = () => path.join(dir, 'data');
  const stop = (mode: 'fast' | 'immediate' = 'fast') => {
    if (!running) return;
    running = false;
    asPostgres('pg_ctl', ['-D', data(), '-m', mode, '-w', 'stop']);
  };
  const remove = () => {
    try {
      stop('immediate');
    } finally {
      if (dir) rmSync(dir, { recursive: true, force: true });
    }
  };
  try {
    // Replication connections from 127.0.0.1 (the primary's pg_hba may have none): added once, as root.
    const hba = (await admin.query<{ f: string }>("select current_setting('hba_file') as f")).rows[0]!.f;
    const rules = await admin.query(
      `select 1 from pg_hba_file_rules where 'replication' = any(database) and address = '127.0.0.1' and auth_method = 'trust'`,
    );
    if (!rules.rowCount) {
      writeFileSync(hba, `${readFileSync(hba, 'utf8').replace(/\n?$/, '\n')}host replication all 127.0.0.1/32 trust\n`);
      await admin.query('select pg_reload_conf()');
    }
    // A standby refuses to start with fewer of these than its primary has.
    const settings = await admin.query<{ name: string; setting: string }>(
      `select name, setting from pg_settings where name in ('max_connections', 'max_worker_processes', 'max_wal_senders', 'max_prepared_transactions', 'max_locks_per_transaction')`,
    );
    dir = mkdtempSync('/tmp/wz-replica-');
    const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres']).toString());
    chownSync(dir, id('-u'), id('-g'));
    const port = await freePort();
    // -N: no fsync of the copy (a throwaway cluster); --checkpoint=fast: no wait for a spread checkpoint.
    asPostgres('pg_basebackup', [
      '-h',
      primary.hostname,
      '-p',
      primary.port || '5432',
      '-U',
      'postgres',
      '-D',
      data(),
      '-R',
      '-X',
      'stream',
      '--checkpoint=fast',
      '-N',
    ]);
    const conf = [
      `port = ${port}`,
      `listen_addresses = '127.0.0.1'`,
      `unix_socket_directories = '${dir}'`,
      'hot_standby = on',
      'fsync = off',
      'shared_buffers = 64MB',
      `log_line_prefix = '%a|'`,
      `log_statement = 'all'`,
      ...settings.rows.map((r) => `${r.name} = ${r.setting}`),
    ];
    writeFileSync(path.join(data(), 'postgresql.conf'), `${conf.join('\n')}\n`);
    writeFileSync(path.join(data(), 'pg_hba.conf'), 'local all all trust\nhost all all 127.0.0.1/32 trust\n');
    writeFileSync(path.join(data(), 'pg_ident.conf'), '');
    execFileSync('chown', ['-R', 'postgres:postgres', dir]);
    asPostgres('pg_ctl', ['-D', data(), '-l', path.join(dir, 'log'), '-w', '-t', '60', 'start']);
    running = true;
    const url = new URL(primaryUrl);
    url.port = String(port);
    return {
      url: url.toString(),
      dir,
      statements: (needle) =>
        readFileSync(path.join(dir, 'log'), 'utf8')
          .split(/\n(?=[^\n|]*\|[A-Z]+: {2})/) // one entry per logged statement (a statement spans lines)
          .filter((e) => e.startsWith('wuzhong-read|') && e.includes(needle)).length,
      stop,
      remove,
    };
  } catch (e) {
    remove();
    throw e;
  } finally {
    await admin.end();
  }
}
