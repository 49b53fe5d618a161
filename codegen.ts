import type { CodegenConfig } from '@graphql-codegen/cli';

/**
 * The admin's TypeScript types and enums, generated from the committed schema
 * (npm run codegen; tests/api/codegen.test.ts fails when the output is stale).
 */
const config: CodegenConfig = {
  schema: 'schema/schema.graphql',
  generates: {
    'admin/src/generated/graphql.ts': {
      plugins: ['typescript'],
      config: {
        enumsAsConst: true,
        avoidOptionals: { field: true, inputValue: false, object: true, defaultValue: false },
        scalars: {
          ID: { input: 'string | number', output: 'string' },
          DateTimeISO: 'string',
          GeoJSON: 'import("geojson").Geometry',
          JSONObject: 'Record<string, unknown>',
        },
      },
    },
  },
};
export default config;
