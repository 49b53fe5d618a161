/**
 * Every default of the server in one typed place. The environment is read and
 * validated once, at start; a bad variable stops the process with its name.
 */
export interface Config {
  port: number;
  host: string;
  databaseUrl: string;
  /** True when DATABASE_URL was not given and the local default is used. */
  databaseUrlDefaulted: boolean;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** Wuzhong's extent [minLng, minLat, maxLng, maxLat]; geometries outside it (plus the margin) are refused. */
  extent: [number, number, number, number];
  extentMarginDeg: number;
  /** Largest share of a grid (or village) that may lie outside its parent. */
  maxSpillShare: number;
  /** Largest page the list queries serve. */
  maxPerPage: number;
  /** Coverage: uncovered pieces smaller than this are drawing noise. */
  minGapM2: number;
  /** Coverage: overlaps smaller than this are ignored. */
  minOverlapM2: number;
  /** Where the built admin lives (served at /). */
  adminDist: string;
  statementTimeoutMs: number;
  /** Signs the sign-in tokens; generated and kept in the database when unset. */
  jwtSecret: string | undefined;
  tokenTtlSeconds: number;
  /** Failed sign-ins before the account is locked, and for how long. */
  loginMaxAttempts: number;
  loginLockSeconds: number;
  /** Sign-in attempts from one client address per lock window (any usernames). */
  loginMaxAttemptsPerAddress: number;
  /** The first administrator, created when there is no user. */
  adminUsername: string;
  adminPassword: string | undefined;
  /** GraphQL protection. */
  maxDepth: number;
  maxCost: number;
  maxAliases: number;
  maxTokens: number;
  maxBodyBytes: string;
  /** Server processes behind the one port (node:cluster); WORKERS, default 1 (npm start: the number of cores). */
  workers?: number;
  /**
   * PostgreSQL streaming replicas for reads (DATABASE_REPLICA_URLS, comma-separated); empty: every
   * statement on the primary. Writes, transactions, LISTEN/NOTIFY and a client's reads right after
   * its own write stay on the primary (server/src/db/replicas.ts).
   */
  databaseReplicaUrls: string[];
  /** A replica further behind the primary than this is not read from (DATABASE_REPLICA_MAX_LAG_MS). */
  replicaMaxLagMs: number;
  /** How often each process checks its replicas' replay position and health (DATABASE_REPLICA_CHECK_MS). */
  replicaCheckMs: number;
  /**
   * Express's `trust proxy` (TRUST_PROXY): behind a proxy (the cluster profile's nginx) the client's
   * address, for sign-in throttling, is read from X-Forwarded-For. Unset: the socket's address.
   */
  trustProxy?: boolean | number | string;
}

export const DEFAULT_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/wuzhong';
export const DEFAULT_TEST_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/wuzhong_test';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

export class ConfigError extends Error {
  constructor(public readonly problems: string[]) {
    super(`Bad environment:\n  ${problems.join('\n  ')}`);
  }
}

type Env = Record<string, string | undefined>;

export function loadConfig(env: Env = process.env): Config {
  const problems: string[] = [];

  const int = (name: string, fallback: number, min: number, max: number): number => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < min || value > max) {
      problems.push(`${name}=${raw}: expected a whole number from ${min} to ${max}`);
      return fallback;
    }
    return value;
  };
  const num = (name: string, fallback: number, min: number, max: number): number => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    const value = Number(raw);
    if (!Number.isFinite(value) || value < min || value > max) {
      problems.push(`${name}=${raw}: expected a number from ${min} to ${max}`);
      return fallback;
    }
    return value;
  };

  let databaseUrl = env.DATABASE_URL ?? '';
  const databaseUrlDefaulted = databaseUrl === '';
  if (databaseUrlDefaulted) databaseUrl = DEFAULT_DATABASE_URL;
  try {
    const url = new URL(databaseUrl);
    if (!['postgres:', 'postgresql:'].includes(url.protocol)) throw new Error('protocol');
    if (url.pathname.length < 2) problems.push(`DATABASE_URL: names no database (e.g. ${DEFAULT_DATABASE_URL})`);
  } catch {
    problems.push(`DATABASE_URL=${databaseUrl}: expected postgres://user[:password]@host:port/database`);
  }

  const databaseReplicaUrls = (env.DATABASE_REPLICA_URLS ?? '')
    .split(',')
    .map((u) => u.trim())
    .filter(Boolean);
  for (const replicaUrl of databaseReplicaUrls) {
    try {
      const url = new URL(replicaUrl);
      if (!['postgres:', 'postgresql:'].includes(url.protocol)) throw new Error('protocol');
      if (url.pathname.length < 2)
        problems.push(`DATABASE_REPLICA_URLS: ${url.host} names no database (e.g. postgres://replica:5432/wuzhong)`);
    } catch {
      problems.push(`DATABASE_REPLICA_URLS: "${replicaUrl}" is not postgres://user[:password]@host:port/database`);
    }
  }

  let trustProxy: Config['trustProxy'];
  const rawTrust = env.TRUST_PROXY?.trim();
  if (rawTrust === 'true') trustProxy = true;
  else if (rawTrust === 'false' || !rawTrust) trustProxy = undefined;
  else if (/^\d+$/.test(rawTrust)) trustProxy = Number(rawTrust);
  else if (
    /^[0-9a-f.:/,\s]+$|^(loopback|linklocal|uniquelocal)(\s*,\s*(loopback|linklocal|uniquelocal))*$/i.test(rawTrust)
  )
    trustProxy = rawTrust;
  else
    problems.push(
      `TRUST_PROXY=${rawTrust}: expected true, a number of proxy hops, or proxy addresses/subnets (comma-separated)`,
    );

  const logLevel = (env.LOG_LEVEL ?? 'info') as Config['logLevel'];
  if (!LOG_LEVELS.includes(logLevel))
    problems.push(`LOG_LEVEL=${env.LOG_LEVEL}: expected one of ${LOG_LEVELS.join(', ')}`);

  const config: Config = {
    port: int('PORT', 4000, 0, 65535),
    host: env.HOST || '0.0.0.0',
    databaseUrl,
    databaseUrlDefaulted,
    logLevel,
    // Wuzhong spans about 104.2–107.7 E, 36.5–38.4 N.
    extent: [104.1, 36.4, 107.8, 38.5],
    extentMarginDeg: num('EXTENT_MARGIN_DEG', 0.5, 0, 10),
    maxSpillShare: num('MAX_SPILL_SHARE', 0.01, 0, 1),
    maxPerPage: int('MAX_PER_PAGE', 1000, 1, 100000),
    minGapM2: num('COVERAGE_MIN_GAP_M2', 100, 0, 1e9),
    minOverlapM2: num('COVERAGE_MIN_OVERLAP_M2', 10, 0, 1e9),
    adminDist: env.ADMIN_DIST || new URL('../../admin/dist', import.meta.url).pathname,
    statementTimeoutMs: int('STATEMENT_TIMEOUT_MS', 30000, 0, 3600000),
    jwtSecret: env.JWT_SECRET || undefined,
    tokenTtlSeconds: int('TOKEN_TTL_SECONDS', 8 * 3600, 10, 30 * 24 * 3600),
    loginMaxAttempts: int('LOGIN_MAX_ATTEMPTS', 5, 1, 100),
    loginLockSeconds: int('LOGIN_LOCK_SECONDS', 15 * 60, 1, 24 * 3600),
    loginMaxAttemptsPerAddress: int('LOGIN_MAX_ATTEMPTS_PER_ADDRESS', 30, 1, 100000),
    adminUsername: env.ADMIN_USERNAME || 'admin',
    adminPassword: env.ADMIN_PASSWORD || undefined,
    maxDepth: int('GRAPHQL_MAX_DEPTH', 10, 2, 100),
    maxCost: int('GRAPHQL_MAX_COST', 200_000, 100, 100_000_000),
    maxAliases: int('GRAPHQL_MAX_ALIASES', 30, 1, 1000),
    maxTokens: int('GRAPHQL_MAX_TOKENS', 10_000, 100, 1_000_000),
    maxBodyBytes: env.MAX_BODY_SIZE || '5mb',
    // `npm start` (server/bin/run.mjs) sets it to the number of cores when unset.
    workers: int('WORKERS', 1, 1, 256),
    databaseReplicaUrls,
    replicaMaxLagMs: int('DATABASE_REPLICA_MAX_LAG_MS', 10_000, 0, 3_600_000),
    replicaCheckMs: int('DATABASE_REPLICA_CHECK_MS', 500, 50, 60_000),
    trustProxy,
  };
  if (config.adminPassword !== undefined && config.adminPassword.length < 8)
    problems.push('ADMIN_PASSWORD: needs at least 8 characters');
  if (config.jwtSecret !== undefined && config.jwtSecret.length < 32)
    problems.push('JWT_SECRET: needs at least 32 characters');
  if (problems.length) throw new ConfigError(problems);
  return config;
}

let cached: Config | undefined;
/** The process-wide config, validated on first use. */
export function config(): Config {
  cached ??= loadConfig();
  return cached;
}
