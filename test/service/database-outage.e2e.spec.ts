import { INestApplication } from '@nestjs/common';
import { ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import request from 'supertest';
import { createApp } from '../../src/app.factory';
import { loadConfig } from '../../src/config/app-config';
import { client, personBody, projectionsCaughtUp, zjCommittee } from '../support/ledger-client';

/**
 * Stop the database under a running service and start it again: meanwhile requests get 503 with
 * Retry-After (not 500) and /health says the database is unreachable; afterwards the projections
 * resume from their checkpoints and /health recovers — without restarting the service.
 */
function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

describe('a database outage under a running service', () => {
  let server: ChildProcess;
  let app: INestApplication;
  let parent: string;

  /** Sends a command to the test's PostgreSQL and waits for its answer. */
  function tell(command: string | null, answer: string): Promise<void> {
    return new Promise((resolve, reject) => {
      const onData = (chunk: Buffer) => {
        if (!chunk.toString().includes(answer)) return;
        server.stdout?.off('data', onData);
        resolve();
      };
      server.stdout?.on('data', onData);
      server.once('exit', () =>
        reject(new Error(`the test's PostgreSQL exited before "${answer}"`)),
      );
      if (command) server.stdin?.write(`${command}\n`);
    });
  }

  beforeAll(async () => {
    // A PostgreSQL of its own: the one every other test shares must not go down.
    parent = mkdtempSync(path.join(tmpdir(), 'cme-outage-'));
    chmodSync(parent, 0o755); // the server runs as `postgres` when we are root
    const port = await freePort();
    server = spawn(
      process.execPath,
      [
        path.resolve(__dirname, '../support/pg-server.mjs'),
        path.join(parent, 'server'),
        String(port),
      ],
      { stdio: ['pipe', 'pipe', 'inherit'] },
    );
    await tell(null, 'ready');
    app = await createApp({
      ...loadConfig({}),
      databaseUrl: `postgres://postgres:test@127.0.0.1:${port}/postgres`,
      logLevel: 'silent',
      dataDir: mkdtempSync(path.join(tmpdir(), 'cme-outage-app-')),
      rateLimitPerMinute: 1_000_000,
      subscriptionPollMs: 20,
      piiKey: randomBytes(32).toString('base64'),
    });
    await app.init();
  });
  afterAll(async () => {
    await app?.close();
    if (server && server.exitCode === null) await tell('exit', '').catch(() => undefined);
    server?.kill('SIGKILL');
    rmSync(parent, { recursive: true, force: true });
  });

  it('503 with Retry-After while it is down; /health and the projections recover by themselves', async () => {
    const api = client(app);
    const first = await api.post('/persons', personBody(), zjCommittee).expect(201);
    await projectionsCaughtUp(app);

    await tell('stop', 'stopped');
    const refused = await api.post('/persons', personBody(), zjCommittee);
    expect(refused.status).toBe(503);
    expect(refused.headers['retry-after']).toBe('5');
    expect(refused.body).toMatchObject({ error: 'unavailable' });
    const read = await api.get(`/persons/${first.body.personId}/years/2026`, zjCommittee);
    expect(read.status).toBe(503);
    const down = await request(app.getHttpServer()).get('/health');
    expect(down.status).toBe(503);
    expect(down.body.database.reachable).toBe(false);

    await tell('start', 'started');
    const deadline = Date.now() + 30_000;
    let health = await request(app.getHttpServer()).get('/health');
    while (health.status !== 200 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      health = await request(app.getHttpServer()).get('/health');
    }
    expect(health.status).toBe(200);
    expect(health.body.status).not.toBe('unavailable');

    // Writes work again and the projections follow them, from where they stopped.
    const second = await api.post('/persons', personBody(), zjCommittee).expect(201);
    await projectionsCaughtUp(app, 30_000);
    const year = await api.get(`/persons/${second.body.personId}/years/2026`, zjCommittee);
    expect(year.status).toBe(200);
    expect(year.body.personId ?? second.body.personId).toBe(second.body.personId);
  });
});
