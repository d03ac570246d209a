// Builds dist/ only when a compiled input changed since the last build, so that `npm run ledger`,
// `npm run demo`, `npm run migrate` and `npm start` start in about a second instead of rebuilding
// every time (15–18 s). `--force` always builds (`npm run build`); `--check` only says whether a
// build is due (exit 1 and why, on stderr) and never builds.
//
// The build stamp (dist/.build-stamp) carries the time the last successful build *started*: a
// file saved during a build is newer than the stamp and triggers the next one. Directories count
// too, so deleting or renaming a source file triggers a build. migrations/ is not compiled (read at
// run time from the repository), so it is not an input.
//
// The web console (web/, React + Vite) is built into dist/web with a stamp of its own
// (dist/web/.build-stamp): a change under web/ rebuilds only the console; a server build keeps an
// up-to-date dist/web aside while Nest empties dist/, and puts it back.
import { spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const inputDirs = ['src', 'projections', 'bench'];
const inputFiles = [
  'package.json',
  'package-lock.json',
  'tsconfig.json',
  'tsconfig.build.json',
  'nest-cli.json',
];
const stampFile = join(root, 'dist', '.build-stamp');
const webDir = join(root, 'dist', 'web');
const webStampFile = join(webDir, '.build-stamp');
const webInputs = ['web', 'package.json', 'package-lock.json'];
/** Where an up-to-date dist/web waits while Nest empties dist/. */
const webKeptDir = join(root, 'node_modules', '.cache', 'cme-ledger-web-kept');
const entryPoints = ['dist/src/main.js', 'dist/src/cli/ledger.js', 'dist/src/cli/demo.js'];
/** Two builds at once (two `npm run ledger` after a pull) would delete each other's output. */
const lockDir = join(root, 'node_modules', '.cache', 'cme-ledger-build.lock');
const lockWaitMsMax = 120_000;
/** A lock older than this was left by a build that was killed. */
const lockStaleMs = 300_000;

function newestInputMs(dirs = inputDirs, files = inputFiles) {
  let newest = 0;
  const visit = (path) => {
    const stats = statSync(path, { throwIfNoEntry: false });
    if (!stats) return;
    newest = Math.max(newest, stats.mtimeMs);
    if (!stats.isDirectory()) return;
    for (const entry of readdirSync(path, { withFileTypes: true })) {
      // Specs are not compiled into dist/ (tsconfig.build.json excludes them).
      if (entry.isFile() && /\.(spec|test)\.tsx?$/.test(entry.name)) continue;
      // Caches (Vite's and Vitest's) are not sources.
      if (entry.isDirectory() && entry.name === 'node_modules') continue;
      visit(join(path, entry.name));
    }
  };
  for (const dir of dirs) visit(join(root, dir));
  for (const file of files) visit(join(root, file));
  return newest;
}

/** Why dist/web is out of date, or null when it is current. */
function webStaleReason() {
  if (!existsSync(join(webDir, 'index.html'))) return 'dist/web/index.html is missing';
  const stamp = statSync(webStampFile, { throwIfNoEntry: false });
  if (!stamp) return 'dist/web has no build stamp';
  if (newestInputMs(webInputs, []) > stamp.mtimeMs)
    return 'web sources changed since the last build';
  return null;
}

function stamp(file, startedMs) {
  writeFileSync(file, `${new Date(startedMs).toISOString()}\n`);
  utimesSync(file, startedMs / 1000, startedMs / 1000);
}

/** `vite build` of web/ into dist/web. */
function buildWeb() {
  const startedMs = Date.now();
  const vite = join(root, 'node_modules', 'vite', 'bin', 'vite.js');
  const result = spawnSync(
    process.execPath,
    [vite, 'build', '--config', join(root, 'web', 'vite.config.ts'), '--logLevel', 'warn'],
    {
      cwd: root,
      stdio: ['ignore', 2, 2],
    },
  );
  if (result.status !== 0) return result.status ?? 1;
  stamp(webStampFile, startedMs);
  return 0;
}

/** Why dist/ is out of date, or null when it is current. */
function staleReason() {
  const missing = entryPoints.find((file) => !existsSync(join(root, file)));
  if (missing) return `${missing} is missing`;
  const stamp = statSync(stampFile, { throwIfNoEntry: false });
  if (!stamp) return 'dist/ has no build stamp';
  if (newestInputMs() > stamp.mtimeMs) return 'sources changed since the last build';
  return null;
}

function sleepMs(ms) {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

function withLock(build) {
  const deadline = Date.now() + lockWaitMsMax;
  mkdirSync(dirname(lockDir), { recursive: true });
  for (;;) {
    try {
      mkdirSync(lockDir);
      break;
    } catch (error) {
      if (error.code !== 'EEXIST') throw error;
      const lock = statSync(lockDir, { throwIfNoEntry: false });
      if (lock && Date.now() - lock.mtimeMs > lockStaleMs)
        rmSync(lockDir, { recursive: true, force: true });
      else if (Date.now() > deadline)
        throw new Error(`${lockDir} held for over ${lockWaitMsMax} ms`);
      else sleepMs(200);
    }
  }
  try {
    return build();
  } finally {
    rmSync(lockDir, { recursive: true, force: true });
  }
}

if (process.argv.includes('--check')) {
  const reason = staleReason() ?? webStaleReason();
  if (reason) process.stderr.write(`${reason}\n`);
  process.exit(reason ? 1 : 0);
}
const force = process.argv.includes('--force');
if (force || staleReason() || webStaleReason()) {
  const status = withLock(() => {
    // Another process may have built while this one waited for the lock.
    const reason = force ? 'forced' : staleReason();
    if (reason) {
      if (!force) process.stderr.write(`building (${reason}) …\n`);
      const startedMs = Date.now();
      // An up-to-date console survives the server build (Nest empties dist/ first).
      const keepWeb = !force && !webStaleReason();
      rmSync(webKeptDir, { recursive: true, force: true });
      if (keepWeb) renameSync(webDir, webKeptDir);
      const nest = createRequire(import.meta.url).resolve('@nestjs/cli/bin/nest.js');
      // The compiler's output goes to stderr: stdout stays the command's (`$(npm run -s ledger -- token …)`).
      const result = spawnSync(process.execPath, [nest, 'build'], {
        cwd: root,
        stdio: ['ignore', 2, 2],
      });
      if (keepWeb) {
        rmSync(webDir, { recursive: true, force: true });
        mkdirSync(dirname(webDir), { recursive: true });
        renameSync(webKeptDir, webDir);
      }
      if (result.status !== 0) return result.status ?? 1;
      stamp(stampFile, startedMs);
    }
    const webReason = force ? 'forced' : webStaleReason();
    if (!webReason) return 0;
    if (!force) process.stderr.write(`building the web console (${webReason}) …\n`);
    return buildWeb();
  });
  process.exit(status);
}
