import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { DATA } from '../../seeds/lib/registry';

const dirs: string[] = [];

/** A copy of seeds/data in a temporary directory with one file changed (the seed's dataDir). */
export function damagedCopy(file: string, change: (text: string) => string | Buffer): URL {
  const dir = mkdtempSync(path.join(tmpdir(), 'wz-seed-'));
  dirs.push(dir);
  cpSync(DATA, dir, { recursive: true });
  writeFileSync(path.join(dir, file), change(readFileSync(path.join(dir, file), 'utf8')));
  return pathToFileURL(`${dir}/`);
}

export function removeDamagedCopies(): void {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
}
