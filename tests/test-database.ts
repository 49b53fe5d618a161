import { DEFAULT_TEST_DATABASE_URL } from '../server/src/config';

/**
 * The database the tests use: TEST_DATABASE_URL, else DATABASE_URL's server with
 * a `_test` database, else wuzhong_test on 127.0.0.1. Never the main database.
 */
export function testDatabaseUrl(env = process.env): string {
  if (env.TEST_DATABASE_URL) return env.TEST_DATABASE_URL;
  if (env.DATABASE_URL) {
    const url = new URL(env.DATABASE_URL);
    url.pathname = `${url.pathname.replace(/_test$/, '')}_test`;
    return url.toString();
  }
  return DEFAULT_TEST_DATABASE_URL;
}
