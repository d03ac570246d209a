import { freePort } from '../support/service-process';
import { ChildProcess, spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { randomBytes } from 'node:crypto';
import { bearerFromDataDir, personBody, zjCommittee } from '../support/ledger-client';

/**
 * Stop the database under the running service (`node dist/src/main.js`, as `npm start` runs it)
 * and start it again: meanwhile requests get 503 with Retry-After (not 500) and /health says the
 * database is unreachable; afterwards the projections and reactors resume from their checkpoints
 * and /health recovers — without anyone restarting the service.
 */
const mainJs = path.resolve(__dirname, '../../dist/src/main.js');

describe('a database outage under a running service', () => {
  let database: ChildProcess;
  let service: ChildProcess;
  let parent: string;
  let dataDir: string;
  let base: string;
  let serviceLog = '';

  /** Sends a command to the test's PostgreSQL and waits for its answer. */
  function tell(command: string | null, answer: string): Promise<void> {
    return new Promise((resolve, reject) => {
      const onData = (chunk: Buffer) => {
        if (!chunk.toString().includes(answer)) return;
        database.stdout?.off('data', onData);
        resolve();
      };
      database.stdout?.on('data', onData);
      database.once('exit', () =>
        reject(new Error(`the test's PostgreSQL exited before "${answer}"`)),
      );
      if (command) database.stdin?.write(`${command}\n`);
    });
  }

  beforeAll(async () => {
    // A PostgreSQL of its own: the one every other test shares must not go down.
    parent = mkdtempSync(path.join(tmpdir(), 'cme-outage-'));
    chmodSync(parent, 0o755); // the server runs as `postgres` when we are root
    const pgPort = await freePort();
    database = spawn(
      process.execPath,
      [
        path.resolve(__dirname, '../support/pg-server.mjs'),
        path.join(parent, 'server'),
        String(pgPort),
      ],
      { stdio: ['pipe', 'pipe', 'inherit'] },
    );
    await tell(null, 'ready');
    dataDir = path.join(parent, 'data');
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    service = spawn(process.execPath, [mainJs], {
      env: {
        ...process.env,
        DATABASE_URL: `postgres://postgres:test@127.0.0.1:${pgPort}/postgres`,
        DATA_DIR: dataDir,
        PORT: String(port),
        LOG_LEVEL: 'warn',
        SUBSCRIPTION_POLL_MS: '20',
        RATE_LIMIT_PER_MINUTE: '100000',
        PII_KEY: randomBytes(32).toString('base64'),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    service.stderr?.on('data', (chunk: Buffer) => (serviceLog += chunk.toString()));
    await new Promise<void>((resolve, reject) => {
      service.stdout?.on('data', (chunk: Buffer) => {
        serviceLog += chunk.toString();
        if (chunk.toString().includes('listening on')) resolve();
      });
      service.on('exit', () => reject(new Error(`service exited: ${serviceLog}`)));
    });
  });
  afterAll(async () => {
    service?.kill('SIGKILL');
    if (database && database.exitCode === null) await tell('exit', 'never').catch(() => undefined);
    rmSync(parent, { recursive: true, force: true });
  });

  const call = (method: 'GET' | 'POST', route: string, body?: object) =>
    fetch(`${base}${route}`, {
      method,
      headers: {
        ...bearerFromDataDir(dataDir, zjCommittee),
        ...(body ? { 'content-type': 'application/json' } : {}),
      },
      body: body ? JSON.stringify(body) : undefined,
    });
  const caughtUp = async () => {
    const report = (await (await fetch(`${base}/projections`)).json()) as {
      projections: { eventsBehind: number }[];
    };
    return report.projections.every((p) => p.eventsBehind === 0);
  };
  async function eventually(check: () => Promise<boolean>, timeoutMs: number): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      if (await check().catch(() => false)) return true;
      if (Date.now() > deadline) return false;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  it('503 with Retry-After while it is down; /health, projections and reactors recover by themselves', async () => {
    const first = await call('POST', '/persons', personBody());
    expect(first.status).toBe(201);
    const { personId } = (await first.json()) as { personId: string };
    expect(await eventually(caughtUp, 15_000)).toBe(true);

    await tell('stop', 'stopped');
    const refused = await call('POST', '/persons', personBody());
    expect(refused.status).toBe(503);
    expect(refused.headers.get('retry-after')).toBe('5');
    expect(await refused.json()).toMatchObject({ error: 'unavailable' });
    expect((await call('GET', `/persons/${personId}/years/2026`)).status).toBe(503);
    const down = await fetch(`${base}/health`);
    expect(down.status).toBe(503);
    expect(((await down.json()) as { database: { reachable: boolean } }).database.reachable).toBe(
      false,
    );

    await tell('start', 'started');
    expect(
      await eventually(async () => (await fetch(`${base}/health`)).status === 200, 30_000),
    ).toBe(true);

    // Writes work again and every checkpointed consumer follows them from where it stopped.
    const second = await call('POST', '/persons', personBody());
    expect(second.status).toBe(201);
    const { personId: secondId } = (await second.json()) as { personId: string };
    expect(await eventually(caughtUp, 30_000)).toBe(true);
    const year = await call('GET', `/persons/${secondId}/years/2026`);
    expect(year.status).toBe(200);
    expect(service.exitCode).toBeNull(); // it rode the outage out
  });
});
