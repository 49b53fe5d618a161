/**
 * schema/schema.graphql is generated from the code: `npm run schema:generate`
 * writes it, and a test fails when the committed file differs.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { lexicographicSortSchema, printSchema } from 'graphql';
import { schema } from './schema';

export const SCHEMA_FILE = new URL('../../schema/schema.graphql', import.meta.url).pathname;

export async function printedSchema(): Promise<string> {
  const header = '# Generated from the code by `npm run schema:generate`. Do not edit by hand.\n\n';
  return header + printSchema(lexicographicSortSchema(await schema())) + '\n';
}

if (process.argv[2] === 'write') {
  const text = await printedSchema();
  writeFileSync(SCHEMA_FILE, text);
  console.log(`wrote ${SCHEMA_FILE} (${text.length} bytes)`);
} else if (process.argv[2] === 'check') {
  const same = readFileSync(SCHEMA_FILE, 'utf8') === (await printedSchema());
  console.log(
    same ? 'schema/schema.graphql is current' : 'schema/schema.graphql is stale: run npm run schema:generate',
  );
  process.exit(same ? 0 : 1);
}
