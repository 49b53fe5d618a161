import { describe, expect, it } from 'vitest';
import { ConfigError, DEFAULT_DATABASE_URL, loadConfig } from './config';

/** The problems loadConfig reports for an environment (none: it returned a config). */
function problems(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
    return [];
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    return (e as ConfigError).problems;
  }
}

describe('config: one typed module, validated at start', () => {
  it('an empty environment gives the documented defaults', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({
      port: 4000,
      host: '0.0.0.0',
      databaseUrl: DEFAULT_DATABASE_URL,
      databaseUrlDefaulted: true,
      logLevel: 'info',
      maxPerPage: 1000,
      minGapM2: 100,
      minOverlapM2: 10,
      workers: 1,
      adminUsername: 'admin',
      maxBodyBytes: '5mb',
    });
    expect(c.jwtSecret).toBeUndefined();
  });

  it('reads the values it is given', () => {
    const c = loadConfig({
      PORT: '4101',
      DATABASE_URL: 'postgresql://u:p@db:5433/wz',
      LOG_LEVEL: 'warn',
      COVERAGE_MIN_GAP_M2: '2.5',
      WORKERS: '4',
    });
    expect(c).toMatchObject({
      port: 4101,
      databaseUrl: 'postgresql://u:p@db:5433/wz',
      databaseUrlDefaulted: false,
      logLevel: 'warn',
      minGapM2: 2.5,
      workers: 4,
    });
  });

  it('reports every bad setting at once, each with its name, value and what is expected', () => {
    const found = problems({
      PORT: 'eighty',
      WORKERS: '0',
      LOG_LEVEL: 'loud',
      DATABASE_URL: 'mysql://x/y',
      ADMIN_PASSWORD: 'short',
      JWT_SECRET: 'tiny',
      MAX_SPILL_SHARE: '2',
    });
    expect(found).toEqual(
      expect.arrayContaining([
        'PORT=eighty: expected a whole number from 0 to 65535',
        'WORKERS=0: expected a whole number from 1 to 256',
        expect.stringMatching(/^LOG_LEVEL=loud: expected one of fatal, error/),
        expect.stringMatching(/^DATABASE_URL=mysql:\/\/x\/y: expected postgres:\/\//),
        'ADMIN_PASSWORD: needs at least 8 characters',
        'JWT_SECRET: needs at least 32 characters',
        'MAX_SPILL_SHARE=2: expected a number from 0 to 1',
      ]),
    );
    expect(found).toHaveLength(7);
  });

  it('a database URL without a database name is refused', () => {
    expect(problems({ DATABASE_URL: 'postgres://127.0.0.1:5432' })).toEqual([
      expect.stringMatching(/^DATABASE_URL: names no database/),
    ]);
  });
});
