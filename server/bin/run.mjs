#!/usr/bin/env node
/**
 * `npm start` and `npm test` on a fresh clone: install what is missing, then hand
 * over to the TypeScript entry points. Plain Node with no dependencies, because
 * it runs before anything is installed.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const command = process.argv[2];
const say = (line) => console.log(`[wuzhong] ${line}`);

function run(cmd, args, options = {}) {
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', ...options });
  if (r.error) throw r.error;
  return r.status ?? 1;
}

const mtime = (p) => (existsSync(p) ? statSync(p).mtimeMs : 0);
const isRoot = () => typeof process.getuid === 'function' && process.getuid() === 0;
const has = (cmd) => spawnSync('sh', ['-c', `command -v ${cmd}`]).status === 0;

/** npm ci when node_modules is missing or older than the lock file. */
function ensureDependencies() {
  const marker = path.join(root, 'node_modules/.package-lock.json');
  if (mtime(marker) >= mtime(path.join(root, 'package-lock.json')) && existsSync(path.join(root, 'node_modules/tsx')))
    return;
  say('installing dependencies (npm ci)…');
  if (run('npm', ['ci', '--no-audit', '--no-fund']) !== 0) {
    console.error('npm ci failed; see the messages above.');
    process.exit(1);
  }
}

/** The admin panel is built once, and again when its sources change. */
function ensureAdminBuild() {
  const config = path.join(root, 'admin/vite.config.ts');
  if (!existsSync(config)) return;
  const built = mtime(path.join(root, 'admin/dist/index.html'));
  const newest = Math.max(
    ...newestFiles(path.join(root, 'admin/src')),
    mtime(config),
    mtime(path.join(root, 'admin/index.html')),
  );
  if (built >= newest) return;
  say('building the admin panel (vite build)…');
  if (
    run(process.execPath, [
      'node_modules/vite/bin/vite.js',
      'build',
      '--config',
      'admin/vite.config.ts',
      '--logLevel',
      'warn',
    ]) !== 0
  ) {
    console.error('The admin build failed; see the messages above.');
    process.exit(1);
  }
}

function newestFiles(dir) {
  if (!existsSync(dir)) return [0];
  const out = [];
  const walk = (d) => {
    for (const name of spawnSync('ls', ['-A', d]).stdout.toString().split('\n').filter(Boolean)) {
      const p = path.join(d, name);
      const s = statSync(p);
      if (s.isDirectory()) walk(p);
      else out.push(s.mtimeMs);
    }
  };
  walk(dir);
  return out.length ? out : [0];
}

/** The browser tests drive Debian's chromium (and need a Chinese font to draw the admin); install them when missing and we may. */
function ensureChromium() {
  const font = '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc';
  if ((existsSync('/usr/bin/chromium') && existsSync(font)) || process.env.SKIP_BROWSER_TESTS === '1') return;
  if (isRoot() && has('apt-get')) {
    say('installing chromium and a Chinese font for the browser tests (apt-get, once)…');
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    const packages = ['chromium', 'fonts-wqy-microhei'];
    if (run('apt-get', ['install', '-y', '-q', ...packages], { env }) !== 0) {
      run('apt-get', ['update', '-q'], { env });
      run('apt-get', ['install', '-y', '-q', ...packages], { env });
    }
  }
  if (!existsSync('/usr/bin/chromium')) {
    say('chromium is not installed: the browser tests will be skipped (install it: sudo apt-get install -y chromium).');
  }
}

/** GDAL (ogr2ogr, ogrinfo) reads and writes the GIS file formats and coordinate systems; Debian's gdal-bin, once. */
function ensureGdal() {
  if (has('ogr2ogr') && has('ogrinfo')) return;
  if (isRoot() && has('apt-get')) {
    say('installing GDAL (gdal-bin) for GIS file import and export (apt-get, once)…');
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    if (run('apt-get', ['install', '-y', '-q', 'gdal-bin'], { env }) !== 0) {
      run('apt-get', ['update', '-q'], { env });
      run('apt-get', ['install', '-y', '-q', 'gdal-bin'], { env });
    }
  }
  if (!has('ogr2ogr'))
    say(
      'GDAL is not installed: GIS file import and export will not work (install it: sudo apt-get install -y gdal-bin).',
    );
}

/** The code habits (issue #11): type-check, ESLint, Prettier, knip; the first that fails stops `npm test`. */
/** The code habits; returns the names of the checks that failed (the tests still run, so one run shows everything). */
function checkHabits() {
  const failed = [];
  const steps = [
    ['type-check', 'typescript/bin/tsc', ['--noEmit', '-p', 'tsconfig.json'], 'npm run typecheck'],
    [
      'lint',
      'eslint/bin/eslint.js',
      ['--cache', '--cache-location', 'node_modules/.cache/eslint/', '.'],
      'npm run lint',
    ],
    // No --cache here: Prettier's cache can call a file formatted that a second pass would still change
    // (some method chains settle on the second pass); checked from scratch, as on a fresh clone.
    ['format', 'prettier/bin/prettier.cjs', ['--check', '--log-level', 'warn', '.'], 'npm run format'],
    ['knip', 'knip/bin/knip.js', [], 'npm run knip'],
  ];
  for (const [name, bin, args, fix] of steps) {
    const started = Date.now();
    if (run(process.execPath, [path.join(root, 'node_modules', bin), ...args]) !== 0) {
      console.error(`[wuzhong] ${name} failed: see the messages above (\`${fix}\` runs it alone).`);
      failed.push(name);
      continue;
    }
    say(`${name}: ok (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  }
  return failed;
}

switch (command) {
  case 'start': {
    ensureDependencies();
    ensureGdal();
    ensureAdminBuild();
    // Production runs the compiled server with plain node (tsc → dist/, rebuilt when a source is newer).
    const { ensureBuilt } = await import('./build.mjs');
    try {
      ensureBuilt();
    } catch (e) {
      console.error(`The server build failed: ${e.message}`);
      process.exit(1);
    }
    // One server process per core behind the one port unless WORKERS says otherwise (server/src/cluster.ts).
    const env = { ...process.env, WORKERS: process.env.WORKERS || String(availableParallelism()) };
    // A larger young generation: fewer scavenges for the short-lived objects of each request.
    process.exitCode = run(
      process.execPath,
      ['--enable-source-maps', '--max-semi-space-size=32', 'dist/seeds/start.js'],
      { env },
    );
    break;
  }
  case 'test': {
    ensureDependencies();
    ensureGdal();
    ensureChromium();
    ensureAdminBuild();
    const habits = checkHabits();
    // The fast tier first (no database, seconds): a broken rule or message fails before the slow suites start.
    const unit = run(process.execPath, [
      'node_modules/vitest/vitest.mjs',
      'run',
      '--config',
      'vitest.unit.config.ts',
      '--passWithNoTests',
      ...process.argv.slice(3),
    ]);
    if (unit !== 0) {
      process.exitCode = unit;
      break;
    }
    process.exitCode = run(process.execPath, ['node_modules/vitest/vitest.mjs', 'run', ...process.argv.slice(3)]);
    if (habits.length) {
      console.error(`[wuzhong] the tests ran, but these checks failed: ${habits.join(', ')}.`);
      process.exitCode = 1;
    }
    break;
  }
  default:
    console.error('usage: node server/bin/run.mjs start|test');
    process.exit(2);
}
