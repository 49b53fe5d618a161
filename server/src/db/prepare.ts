/**
 * Makes sure the database the server or the tests will use exists and has PostGIS:
 * starts a local PostgreSQL cluster when it is down, creates the database,
 * installs Debian's PostGIS package when the extension is missing (as root),
 * and otherwise says exactly what to do.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import pg from 'pg';

export class PrepareError extends Error {}

type Say = (line: string) => void;

const isLocal = (host: string) => ['127.0.0.1', 'localhost', '::1', ''].includes(host) || host.startsWith('/');
const isRoot = () => typeof process.getuid === 'function' && process.getuid() === 0;
const has = (cmd: string) => spawnSync('sh', ['-c', `command -v ${cmd}`]).status === 0;

function help(url: URL, problem: string): string {
  return [
    `Cannot use the database at ${url.host}${url.pathname}: ${problem}`,
    'Do one of these, then run the command again:',
    '  - start PostgreSQL 15+ with PostGIS 3 on 127.0.0.1:5432 where user postgres may connect',
    '    (Debian/Ubuntu: sudo apt-get install -y postgresql postgresql-15-postgis-3);',
    '  - or run `docker compose up -d db` and set DATABASE_URL=postgres://postgres:postgres@127.0.0.1:5432/wuzhong;',
    '  - or set DATABASE_URL=postgres://USER:PASSWORD@HOST:PORT/DATABASE to a PostgreSQL you have (PostGIS installed, or a user allowed to CREATE EXTENSION postgis).',
  ].join('\n');
}

async function connect(url: URL, database: string): Promise<pg.Client> {
  const u = new URL(url.toString());
  u.pathname = `/${database}`;
  const client = new pg.Client({ connectionString: u.toString(), connectionTimeoutMillis: 5000 });
  await client.connect();
  return client;
}

function startLocalCluster(say: Say): boolean {
  if (!has('pg_ctlcluster') || !existsSync('/etc/postgresql')) return false;
  const versions = execFileSync('ls', ['/etc/postgresql']).toString().trim().split(/\s+/).filter(Boolean);
  for (const v of versions) {
    say(`PostgreSQL is not answering; starting the local cluster ${v}/main…`);
    spawnSync('pg_ctlcluster', ['--skip-systemctl-redirect', v, 'main', 'start'], { stdio: 'inherit' });
  }
  return versions.length > 0;
}

/** Peer/password auth for postgres over TCP: make a role through the local socket, as the postgres OS user. */
function createLocalRole(say: Say): string | null {
  if (!isRoot() || !has('runuser')) return null;
  say(
    'user postgres may not connect over TCP here; creating role "wuzhong" through the local socket (runuser -u postgres)…',
  );
  const sql = `do $$ begin
      if not exists (select from pg_roles where rolname = 'wuzhong') then
        create role wuzhong login superuser password 'wuzhong';
      end if; end $$;`;
  const r = spawnSync('runuser', ['-u', 'postgres', '--', 'psql', '-v', 'ON_ERROR_STOP=1', '-c', sql], {
    stdio: 'inherit',
  });
  return r.status === 0 ? 'wuzhong:wuzhong' : null;
}

function installPostgis(major: number, say: Say): boolean {
  if (!isRoot() || !has('apt-get')) return false;
  const pkg = `postgresql-${major}-postgis-3`;
  say(`PostGIS is not installed; installing ${pkg} with apt-get (once)…`);
  let r = spawnSync('apt-get', ['install', '-y', '-q', pkg], {
    stdio: 'inherit',
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
  if (r.status !== 0) {
    spawnSync('apt-get', ['update', '-q'], { stdio: 'inherit' });
    r = spawnSync('apt-get', ['install', '-y', '-q', pkg], {
      stdio: 'inherit',
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    });
  }
  return r.status === 0;
}

/**
 * Ensures the database exists with PostGIS. Returns the URL to use (it differs
 * from the given one only when a local role had to be created).
 */
export async function prepareDatabase(databaseUrl: string, say: Say = console.log): Promise<string> {
  let url = new URL(databaseUrl);
  const database = decodeURIComponent(url.pathname.slice(1));
  let admin: pg.Client | undefined;

  for (let attempt = 0; !admin; attempt++) {
    try {
      admin = await connect(url, 'postgres');
    } catch (e) {
      const err = e as { code?: string; message: string };
      const local = isLocal(url.hostname);
      if (attempt === 0 && err.code === 'ECONNREFUSED' && local && startLocalCluster(say)) {
        await new Promise((r) => setTimeout(r, 1500));
        continue;
      }
      if (attempt < 2 && ['28P01', '28000'].includes(err.code ?? '') && local && !url.password) {
        const creds = createLocalRole(say);
        if (creds) {
          const [user, password] = creds.split(':');
          url = new URL(url.toString());
          url.username = user!;
          url.password = password!;
          say(`using ${url.protocol}//${user}:***@${url.host}${url.pathname}; set DATABASE_URL to choose another.`);
          continue;
        }
      }
      if (err.code === '3D000') {
        // No "postgres" maintenance database: try the target itself.
        try {
          admin = await connect(url, database);
          break;
        } catch {
          /* fall through to the help text */
        }
      }
      throw new PrepareError(help(url, err.message));
    }
  }

  try {
    const exists = await admin.query('select 1 from pg_database where datname = $1', [database]);
    if (!exists.rowCount) {
      say(`creating database ${database}…`);
      await admin.query(`create database "${database.replace(/"/g, '""')}"`);
    }
  } catch (e) {
    throw new PrepareError(help(url, `cannot create database ${database}: ${(e as Error).message}`));
  } finally {
    await admin.end();
  }

  const db = await connect(url, database);
  try {
    const major = Math.floor(Number((await db.query('show server_version_num')).rows[0].server_version_num) / 10000);
    try {
      await db.query('create extension if not exists postgis');
    } catch (e) {
      const message = (e as Error).message;
      const missing = /could not open extension control file|is not available/.test(message);
      if (missing && isLocal(url.hostname) && installPostgis(major, say)) {
        await db.query('create extension if not exists postgis');
      } else if (missing) {
        throw new PrepareError(
          help(
            url,
            `PostGIS is not installed on the server (${message}). On Debian/Ubuntu: sudo apt-get install -y postgresql-${major}-postgis-3`,
          ),
        );
      } else {
        throw new PrepareError(help(url, `cannot create extension postgis: ${message}`));
      }
    }
  } finally {
    await db.end();
  }
  return url.toString();
}
