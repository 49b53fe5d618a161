import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: {
    // One copy of graphql: type-graphql and Apollo load the CommonJS build.
    alias: [{ find: /^graphql$/, replacement: 'graphql/index.js' }],
  },
  test: {
    include: ['server/**/*.test.ts', 'seeds/**/*.test.ts', 'tests/**/*.test.ts'],
    // The pure tier runs on its own first (vitest.unit.config.ts, npm run test:unit).
    exclude: ['**/node_modules/**', '**/*.unit.test.ts'],
    globalSetup: ['tests/global-setup.ts'],
    // The tests share one database: run files one after another.
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // The JSON report lets .ci/run print the plain 'N passed, N failed' line.
    reporters: ['default', ['json', { outputFile: 'tests/output/vitest.json' }]],
  },
});
