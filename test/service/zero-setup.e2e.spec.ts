import { chmodSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import {
  freePort,
  listening,
  mainJs,
  type ServiceProcess,
  startService,
} from '../support/service-process';

/**
 * `npm start` on a machine with no database: the built service starts a real embedded
 * PostgreSQL, serves /health, and on SIGTERM closes everything, the embedded server included.
 * Runs the compiled service (`npm test` builds first) as a separate process, as a user would.
 */
describe('zero-setup start (no DATABASE_URL)', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'cme-zero-setup-'));
  chmodSync(dataDir, 0o755);
  let env: NodeJS.ProcessEnv;

  beforeAll(async () => {
    if (!existsSync(mainJs))
      throw new Error(`${mainJs} is missing: run "npm run build" (npm test does)`);
    env = {
      ...process.env,
      DATA_DIR: dataDir,
      EMBEDDED_PG_PORT: String(await freePort()),
      PORT: String(await freePort()),
      LOG_LEVEL: 'warn',
    };
    delete env.DATABASE_URL;
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  async function startAndCheck(): Promise<ServiceProcess> {
    const started = startService(env);
    const url = await listening(started);
    const health = await fetch(`${url}/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({
      status: 'ok',
      database: { reachable: true, embedded: true },
      migrations: { pending: [] },
    });
    return started;
  }

  async function stop(started: ServiceProcess): Promise<void> {
    started.child.kill('SIGTERM');
    const exit = await started.exited;
    // A graceful stop is a clean exit, not death by the signal.
    expect(exit).toEqual({ code: 0, signal: null });
    // The embedded server was stopped with the service, not left behind.
    expect(existsSync(path.join(dataDir, 'pg', 'postmaster.pid'))).toBe(false);
  }

  it('starts an embedded PostgreSQL, serves /health = ok, and stops it on SIGTERM', async () => {
    const started = await startAndCheck();
    expect(started.stdout.join('')).toMatch(/health: http:\/\/\S+\/health/);
    await stop(started);
  });

  it('starts again on the same data directory, keeping what it had', async () => {
    const started = await startAndCheck();
    await stop(started);
  });

  it('refuses to start on a wrong variable, naming it', async () => {
    const started = startService({ ...env, PORT: 'eighty' });
    const exit = await started.exited;
    expect(exit.code).toBe(2);
    expect(started.stderr.join('')).toMatch(/PORT must be a whole number \(got "eighty"\)/);
  });
});
