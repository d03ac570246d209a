// Builds dist/ only when a compiled input changed since the last build, so that `npm run ledger`,
// `npm run demo`, `npm run migrate` and `npm start` start in about a second instead of rebuilding
// every time (15–18 s). `--force` always builds (`npm run build`); `--check` only says whether a
// build is due (exit 1 and why, on stderr) and never builds.
//
// The build stamp (dist/.build-stamp) carries the time the last successful build *started*: a
// file saved during a build is newer than the stamp and triggers the next one. Directories count
// too, so deleting or renaming a source file triggers a build. migrations/ is not compiled (read at
// run time from the repository), so it is not an input.
import { spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  readdirSync,
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
const entryPoints = ['dist/src/main.js', 'dist/src/cli/ledger.js', 'dist/src/cli/demo.js'];
/** Two builds at once (two `npm run ledger` after a pull) would delete each other's output. */
const lockDir = join(root, 'node_modules', '.cache', 'cme-ledger-build.lock');
const lockWaitMsMax = 120_000;
/** A lock older than this was left by a build that was killed. */
const lockStaleMs = 300_000;

function newestInputMs() {
  let newest = 0;
  const visit = (path) => {
    const stats = statSync(path, { throwIfNoEntry: false });
    if (!stats) return;
    newest = Math.max(newest, stats.mtimeMs);
    if (!stats.isDirectory()) return;
    for (const entry of readdirSync(path, { withFileTypes: true })) {
      // Specs are not compiled into dist/ (tsconfig.build.json excludes them).
      if (entry.isFile() && entry.name.endsWith('.spec.ts')) continue;
      visit(join(path, entry.name));
    }
  };
  for (const dir of inputDirs) visit(join(root, dir));
  for (const file of inputFiles) visit(join(root, file));
  return newest;
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
  const reason = staleReason();
  if (reason) process.stderr.write(`${reason}\n`);
  process.exit(reason ? 1 : 0);
}
const force = process.argv.includes('--force');
if (force || staleReason()) {
  const status = withLock(() => {
    // Another process may have built while this one waited for the lock.
    const reason = force ? 'forced' : staleReason();
    if (!reason) return 0;
    if (!force) process.stderr.write(`building (${reason}) …\n`);
    const startedMs = Date.now();
    const nest = createRequire(import.meta.url).resolve('@nestjs/cli/bin/nest.js');
    // The compiler's output goes to stderr: stdout stays the command's (`$(npm run -s ledger -- token …)`).
    const result = spawnSync(process.execPath, [nest, 'build'], {
      cwd: root,
      stdio: ['ignore', 2, 2],
    });
    if (result.status !== 0) return result.status ?? 1;
    writeFileSync(stampFile, `${new Date(startedMs).toISOString()}\n`);
    utimesSync(stampFile, startedMs / 1000, startedMs / 1000);
    return 0;
  });
  process.exit(status);
}
