#!/usr/bin/env node
/**
 * `npm run build`: the server compiled with tsc into dist/, run by plain node (`npm start`).
 *
 * The sources import without file extensions (moduleResolution Bundler, as tsx and vitest
 * resolve them); Node's ESM loader needs them, so the emitted relative specifiers get their
 * `.js` (or `/index.js`) here. Files read beside the code (ide.html) are copied, and the
 * directories the code finds relative to itself (admin/dist, seeds/data, schema) are linked,
 * so dist/ mirrors the source tree. No decorator metadata is emitted: every decorator names
 * its type explicitly, exactly as under tsx.
 */
import { spawnSync } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const dist = path.join(root, 'dist');

export function build({ quiet = false } = {}) {
  const started = Date.now();
  rmSync(dist, { recursive: true, force: true });
  const tsc = spawnSync(
    process.execPath,
    [path.join(root, 'node_modules/typescript/bin/tsc'), '-p', path.join(root, 'tsconfig.build.json')],
    { cwd: root, stdio: 'inherit' },
  );
  if (tsc.status !== 0) throw new Error('tsc failed; see the messages above');

  let files = 0;
  const walk = (dir) => {
    for (const name of readdirSync(dir)) {
      const p = path.join(dir, name);
      const s = lstatSync(p);
      if (s.isDirectory()) walk(p);
      else if (name.endsWith('.js')) {
        fixSpecifiers(p);
        files++;
      }
    }
  };
  walk(dist);

  copyFileSync(path.join(root, 'server/src/ide.html'), path.join(dist, 'server/src/ide.html'));
  for (const [link, target] of [
    ['admin', '../admin'],
    ['schema', '../schema'],
    ['seeds/data', '../../seeds/data'],
  ]) {
    const at = path.join(dist, link);
    mkdirSync(path.dirname(at), { recursive: true });
    symlinkSync(target, at, 'dir');
  }
  writeFileSync(path.join(dist, '.built'), new Date().toISOString());
  if (!quiet) console.log(`[wuzhong] built dist/ (${files} files) in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

const SPECIFIER = /(\bfrom\s*|\bimport\s*\(\s*|\bimport\s+)(['"])(\.{1,2}\/[^'"]*)\2/g;

function fixSpecifiers(file) {
  const dir = path.dirname(file);
  const text = readFileSync(file, 'utf8');
  const out = text.replace(SPECIFIER, (all, lead, quote, spec) => {
    if (/\.(m?js|json|cjs)$/.test(spec)) return all;
    const target = path.resolve(dir, spec);
    if (existsSync(`${target}.js`)) return `${lead}${quote}${spec}.js${quote}`;
    if (existsSync(path.join(target, 'index.js'))) return `${lead}${quote}${spec}/index.js${quote}`;
    return all;
  });
  if (out !== text) writeFileSync(file, out);
}

/** The newest modification time under the sources that go into dist/. */
export function newestSource() {
  let newest = 0;
  const walk = (dir) => {
    if (!existsSync(dir)) return;
    for (const name of readdirSync(dir)) {
      const p = path.join(dir, name);
      const s = statSync(p);
      if (s.isDirectory()) {
        if (name !== 'node_modules' && name !== 'data') walk(p);
      } else if (/\.(ts|html)$/.test(name) && !name.endsWith('.test.ts')) newest = Math.max(newest, s.mtimeMs);
    }
  };
  walk(path.join(root, 'server/src'));
  walk(path.join(root, 'seeds'));
  for (const f of ['tsconfig.json', 'tsconfig.build.json', 'package-lock.json', 'server/bin/build.mjs']) {
    if (existsSync(path.join(root, f))) newest = Math.max(newest, statSync(path.join(root, f)).mtimeMs);
  }
  return newest;
}

/** Builds when dist/ is missing or older than a source. */
export function ensureBuilt() {
  const marker = path.join(dist, '.built');
  if (existsSync(marker) && statSync(marker).mtimeMs >= newestSource()) return false;
  console.log('[wuzhong] compiling the server (tsc → dist/)…');
  build();
  return true;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    build();
  } catch (e) {
    console.error(e.message);
    process.exit(1);
  }
}
