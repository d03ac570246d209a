import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { connectionFileName, type EmbeddedConnection } from '../../src/database/embedded-database';
import { isAlive } from '../../src/database/embedded-server';
import { personBody } from '../support/ledger-client';
import {
  demoJs,
  freePort,
  ledgerJs,
  listening,
  mainJs,
  runCli,
  type ServiceProcess,
  startService,
  waitForOutput,
} from '../support/service-process';

/**
 * From the body of the request in flight to the exit: about 0.2 s here. A kept-alive client
 * connection left open would hold the HTTP server (and so the exit) for its 4–5 s idle timeout.
 */
const stopAfterBodyMsMax = 3_000;

/**
 * The embedded default as an operator meets it: the service runs (`npm start`, no DATABASE_URL),
 * and the CLI commands run beside it on the same DATA_DIR; Ctrl-C stops it without failing a
 * request; a `kill -9` does not stop the next `npm start`. Everything runs as separate processes
 * of the compiled code, on a real embedded PostgreSQL in a temporary DATA_DIR.
 */
describe('operating the embedded default (no DATABASE_URL)', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'cme-operator-'));
  // The server runs as the `postgres` user when we are root: it must be able to enter the folder.
  chmodSync(dataDir, 0o755);
  const pgDir = path.join(dataDir, 'pg');
  let env: NodeJS.ProcessEnv;
  let service: ServiceProcess | undefined;

  const connection = (): EmbeddedConnection =>
    JSON.parse(readFileSync(path.join(dataDir, connectionFileName), 'utf8')) as EmbeddedConnection;
  const postmasterPid = (): number | null =>
    existsSync(path.join(pgDir, 'postmaster.pid'))
      ? Number(readFileSync(path.join(pgDir, 'postmaster.pid'), 'utf8').split('\n')[0])
      : null;

  beforeAll(async () => {
    if (!existsSync(mainJs))
      throw new Error(`${mainJs} is missing: run "npm run build" (npm test does)`);
    env = {
      ...process.env,
      DATA_DIR: dataDir,
      EMBEDDED_PG_PORT: String(await freePort()),
      PORT: String(await freePort()),
      // The shutdown is logged at info.
      LOG_LEVEL: 'info',
    };
    delete env.DATABASE_URL;
    delete env.EVENTSTORE_CONNECTION_STRING;
  });

  afterAll(async () => {
    // Whatever a failed test left running.
    if (service && service.child.exitCode === null && service.child.signalCode === null) {
      service.child.kill('SIGKILL');
      await service.exited;
    }
    const pid = postmasterPid();
    if (pid && isAlive(pid)) process.kill(pid, 'SIGQUIT');
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('runs token, demo, verify, rebuild and archive against the running service’s PostgreSQL', async () => {
    service = startService(env, { ownProcessGroup: true });
    const url = await listening(service);
    const started = connection();
    // What a client needs, readable by the operator only: it holds the database password.
    expect(statSync(path.join(dataDir, connectionFileName)).mode & 0o777).toBe(0o600);
    expect(started).toMatchObject({
      owner: 'service',
      ownerPid: service.child.pid,
      postmasterPid: postmasterPid(),
    });

    const { stdout: token } = await runCli(
      ledgerJs,
      ['token', '--role', 'auditor', '--jurisdiction', 'CN'],
      env,
    );
    const events = await fetch(`${url}/events?limit=1`, {
      headers: { authorization: `Bearer ${token.trim()}` },
    });
    expect(events.status).toBe(200);

    const demo = await runCli(demoJs, [], { ...env, LOG_LEVEL: 'warn' });
    expect(demo.stdout).toMatch(/Loaded the demo ledger: 300 people/);

    const verify = await runCli(ledgerJs, ['verify'], env);
    const report = JSON.parse(verify.stdout) as { ok: boolean; events: number };
    expect(report.ok).toBe(true);
    expect(report.events).toBeGreaterThan(1000);
    // It used the service's server, and left it running for the service.
    expect(verify.stderr).toMatch(
      new RegExp(
        `connected to the embedded PostgreSQL already running \\(pid ${started.postmasterPid}`,
      ),
    );
    expect(verify.stderr).toMatch(/left the embedded PostgreSQL .* running/);

    const rebuild = await runCli(ledgerJs, ['rebuild', 'all', '--quiet'], env);
    expect(rebuild.stdout).toMatch(/rebuilt person-years: \d{4,} events read/);

    // Demo events are all this year's: a year five back archives nothing, and says so.
    const before = String(new Date().getUTCFullYear() - 5);
    const archive = await runCli(
      ledgerJs,
      ['archive', '--before', before, '--out', path.join(dataDir, 'archives')],
      env,
    );
    expect(archive.stdout).toMatch(new RegExp(`nothing to archive before ${before}`));

    // Still the one server the service started: no command started a second one.
    expect(postmasterPid()).toBe(started.postmasterPid);
    expect(connection().ownerPid).toBe(service.child.pid);
    const health = await fetch(`${url}/health`);
    expect(health.status).toBe(200);
  }, 180_000); // the demo loads a few thousand events through the commands

  it('on Ctrl-C (SIGINT to the whole process group) finishes the request in flight, then stops PostgreSQL', async () => {
    if (!service) throw new Error('needs the service of the previous test');
    const running = service;
    const url = new URL((await listening(running)).replace('localhost', '127.0.0.1'));
    const { postmasterPid: pid } = connection();
    const { stdout: token } = await runCli(
      ledgerJs,
      ['token', '--role', 'committee', '--jurisdiction', 'CN-ZJ'],
      env,
    );
    const body = JSON.stringify(personBody());
    // `Expect: 100-continue`: the server answers "100 Continue" once it has the request, so the
    // signal is sent with the request certainly in flight; its body (and so the database work)
    // comes only after the signal, as from a slow client.
    const request = httpRequest({
      host: url.hostname,
      port: url.port,
      path: '/persons',
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'content-length': Buffer.byteLength(body),
        authorization: `Bearer ${token.trim()}`,
        expect: '100-continue',
      },
    });
    const response = new Promise<{ status: number; text: string }>((resolve, reject) => {
      request.on('error', reject);
      request.on('response', (res) => {
        let text = '';
        res.on('data', (chunk: Buffer) => (text += chunk.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
      });
    });
    request.flushHeaders();
    await new Promise((resolve) => request.once('continue', resolve));

    // As the terminal does: to the process group. PostgreSQL runs in a session of its own and
    // must not get it (with it, the request below failed with a 500).
    process.kill(-(running.child.pid as number), 'SIGINT');
    await waitForOutput(
      running,
      /SIGINT received: shutting down .* 1 request\(s\) in flight/,
      5_000,
    );
    const bodySentMs = Date.now();
    request.end(body);

    const answer = await response;
    expect(answer.status).toBe(201);
    const exit = await running.exited;
    const stopMs = Date.now() - bodySentMs;
    expect(exit).toEqual({ code: 0, signal: null });
    expect(stopMs).toBeLessThan(stopAfterBodyMsMax);
    const log = running.stdout.join('');
    expect(log).toMatch(
      /shut down on SIGINT in \d+ ms: 1 request\(s\) drained, database closed, embedded PostgreSQL stopped/,
    );
    expect(log).toMatch(
      new RegExp(`stopped the embedded PostgreSQL \\(pid ${pid}, fast shutdown\\)`),
    );
    expect(isAlive(pid)).toBe(false);
    expect(postmasterPid()).toBeNull();
    expect(existsSync(path.join(dataDir, connectionFileName))).toBe(false);
  });

  it('with no service running, a CLI command starts the embedded PostgreSQL and stops it after', async () => {
    const verify = await runCli(ledgerJs, ['verify'], env);
    expect(JSON.parse(verify.stdout)).toMatchObject({ ok: true });
    const [, pid] = /started the embedded PostgreSQL \(pid (\d+)/.exec(verify.stderr) ?? [];
    expect(verify.stderr).toMatch(new RegExp(`stopped the embedded PostgreSQL \\(pid ${pid}`));
    expect(isAlive(Number(pid))).toBe(false);
    expect(postmasterPid()).toBeNull();
  });

  it('starts again after a kill -9: reusing the PostgreSQL left running, or recovering when it died too', async () => {
    const first = startService(env);
    await listening(first);
    const { postmasterPid: pid } = connection();
    first.child.kill('SIGKILL');
    await first.exited;
    // The crash left the server running, outside the dead service's process group.
    expect(isAlive(pid)).toBe(true);

    service = startService(env);
    let url = await listening(service);
    expect((await fetch(`${url}/health`)).status).toBe(200);
    expect(service.stdout.join('')).toMatch(
      new RegExp(`reusing the embedded PostgreSQL \\(pid ${pid}.*started and left behind`),
    );
    expect(postmasterPid()).toBe(pid);

    // Now the service and its server both die, leaving postmaster.pid behind.
    service.child.kill('SIGKILL');
    process.kill(pid, 'SIGKILL');
    await service.exited;
    expect(postmasterPid()).toBe(pid);

    service = startService(env);
    url = await listening(service);
    const health = await fetch(`${url}/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: 'ok', database: { reachable: true } });
    expect(service.stdout.join('')).toMatch(
      /postmaster.pid names process \d+, which is .*removing it/,
    );
    expect(postmasterPid()).not.toBe(pid);

    service.child.kill('SIGTERM');
    expect(await service.exited).toEqual({ code: 0, signal: null });
    expect(postmasterPid()).toBeNull();
  });
});
