import { spawnSync } from 'node:child_process';
import { statSync, utimesSync } from 'node:fs';
import * as path from 'node:path';

/**
 * `npm run ledger` (and demo, migrate, start) build only when a compiled input is newer than the
 * last build (scripts/ensure-built.mjs). `npm test` has just built, so dist/ is current; a source
 * made newer (its mtime only, restored after) makes a build due. `--check` never builds.
 */
const script = path.resolve(__dirname, '../../scripts/ensure-built.mjs');
const source = path.resolve(__dirname, '../../src/main.ts');

function check(): { status: number | null; stderr: string } {
  const result = spawnSync(process.execPath, [script, '--check'], { encoding: 'utf8' });
  return { status: result.status, stderr: result.stderr };
}

describe('scripts/ensure-built.mjs', () => {
  it('finds dist/ current after the build, and a build due once a source is newer', () => {
    expect(check()).toEqual({ status: 0, stderr: '' });
    const { atime, mtime } = statSync(source);
    try {
      utimesSync(source, atime, new Date(Date.now() + 60_000));
      const stale = check();
      expect(stale.status).toBe(1);
      expect(stale.stderr).toMatch(/sources changed since the last build/);
    } finally {
      utimesSync(source, atime, mtime);
    }
    expect(check().status).toBe(0);
  });

  it('finds the web console stale once a file under web/ is newer than its own stamp', () => {
    const webSource = path.resolve(__dirname, '../../web/src/App.tsx');
    const { atime, mtime } = statSync(webSource);
    try {
      utimesSync(webSource, atime, new Date(Date.now() + 60_000));
      const stale = check();
      expect(stale.status).toBe(1);
      expect(stale.stderr).toMatch(/web sources changed since the last build/);
    } finally {
      utimesSync(webSource, atime, mtime);
    }
    expect(check().status).toBe(0);
  });
});
