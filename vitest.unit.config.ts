import { defineConfig } from 'vitest/config';

/**
 * The fast tier (`npm run test:unit`, run first by `npm test`): pure code only — GeoJSON checks,
 * messages, config parsing, the seed plan, the coverage rules, SQL parameter binding. No database,
 * no server, no browser, so no global setup: it runs in seconds. Files are named *.unit.test.ts.
 */
export default defineConfig({
  resolve: {
    alias: [{ find: /^graphql$/, replacement: 'graphql/index.js' }],
  },
  test: {
    include: ['server/**/*.unit.test.ts', 'seeds/**/*.unit.test.ts', 'tests/**/*.unit.test.ts'],
    testTimeout: 10_000,
  },
});
