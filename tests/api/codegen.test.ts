import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { generate } from '@graphql-codegen/cli';
import { expect, it } from 'vitest';
import config from '../../codegen';

const ROOT = new URL('../..', import.meta.url).pathname;
const ADMIN = join(ROOT, 'admin/src');

it('admin/src/generated/graphql.ts is what graphql-codegen makes of schema/schema.graphql (run npm run codegen when this fails)', async () => {
  const [out] = await generate({ ...config, cwd: ROOT, silent: true }, false);
  expect(out).toBeDefined();
  expect(readFileSync(join(ROOT, 'admin/src/generated/graphql.ts'), 'utf8')).toBe(out!.content);
});

const files = (dir: string): string[] =>
  readdirSync(dir).flatMap((f) =>
    statSync(join(dir, f)).isDirectory() ? files(join(dir, f)) : /\.tsx?$/.test(f) ? [join(dir, f)] : [],
  );

it('the admin has one data path: only the data provider posts to /graphql or imports its request function', () => {
  const offenders: string[] = [];
  for (const file of files(ADMIN)) {
    const rel = relative(ADMIN, file);
    const text = readFileSync(file, 'utf8');
    const insideProvider = rel.startsWith('data/') || rel === 'dataProvider.ts';
    if (!insideProvider && /from '[./]*data\/request'/.test(text)) offenders.push(`${rel}: imports data/request`);
    // Signing in and changing one's password are the auth provider's and the account page's own calls.
    if (
      !insideProvider &&
      !['auth/authProvider.ts', 'account/ChangePassword.tsx'].includes(rel) &&
      /['`]\/graphql['`]/.test(text)
    )
      offenders.push(`${rel}: posts to /graphql`);
    if (/from '[./]*api'/.test(text)) offenders.push(`${rel}: imports the removed api.ts`);
  }
  expect(offenders).toEqual([]);
});

it('enums in the admin come from the generated file, not retyped lists', () => {
  const enums = readFileSync(join(ADMIN, 'common/enums.tsx'), 'utf8');
  expect(enums).toContain("from '../generated/graphql'");
  expect(enums).not.toMatch(/GridKind: \[/);
});
