import { ChildProcess, spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

/**
 * `npm start` on a machine with no database: the built service starts a real embedded
 * PostgreSQL, serves /health, and on SIGTERM closes everything, the embedded server included.
 * Runs the compiled service (`npm test` builds first) as a separate process, as a user would.
 */
const mainJs = path.resolve(__dirname, '../../dist/src/main.js');

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

interface Started {
  child: ChildProcess;
  stdout: string[];
  stderr: string[];
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

function run(env: NodeJS.ProcessEnv): Started {
  const child = spawn(process.execPath, [mainJs], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  const stdout: string[] = [];
  const stderr: string[] = [];
  child.stdout?.on('data', (chunk: Buffer) => stdout.push(chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => stderr.push(chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  return { child, stdout, stderr, exited };
}

async function waitForLine(started: Started, pattern: RegExp, timeoutMs: number): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const match = started.stdout.join('').match(pattern);
    if (match) return match[0];
    if (started.child.exitCode !== null)
      throw new Error(`service exited: ${started.stderr.join('')}`);
    if (Date.now() > deadline)
      throw new Error(`no "${pattern}" within ${timeoutMs} ms: ${started.stderr.join('')}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

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

  async function startAndCheck(): Promise<Started> {
    const started = run(env);
    const line = await waitForLine(started, /listening on (http:\/\/\S+)/, 30_000);
    const url = line.replace('listening on ', '');
    const health = await fetch(`${url}/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({
      status: 'ok',
      database: { reachable: true, embedded: true },
      migrations: { pending: [] },
    });
    return started;
  }

  async function stop(started: Started): Promise<void> {
    started.child.kill('SIGTERM');
    const exit = await started.exited;
    expect(exit.code === 0 || exit.signal === 'SIGTERM').toBe(true);
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
    const started = run({ ...env, PORT: 'eighty' });
    const exit = await started.exited;
    expect(exit.code).toBe(2);
    expect(started.stderr.join('')).toMatch(/PORT must be a whole number \(got "eighty"\)/);
  });
});
