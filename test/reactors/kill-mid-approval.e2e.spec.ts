import { reportedSession } from '../support/reported-session';
import { freePort } from '../support/service-process';
import { ChildProcess, spawn } from 'node:child_process';
import * as path from 'node:path';
import type { AppConfig } from '../../src/config/app-config';
import { APP_CONFIG } from '../../src/config/app-config';
import { bearer, client, zjCommittee } from '../support/ledger-client';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * The approval of a session with 400 attendees is one event; its 400 grants follow from the log.
 * SIGKILL the service while the credit-effects reactor is granting, start it again, and every
 * grant appears exactly once — with nobody repeating the approval.
 */
const mainJs = path.resolve(__dirname, '../../dist/src/main.js');
const attendeesCount = 400;
/** Kill once this many grants are in: well into the fan-out, far from its end. */
const killAfterGrants = 40;

describe('reactions survive a crash', () => {
  let t: TestApp;
  let config: AppConfig;
  const children: ChildProcess[] = [];

  afterAll(async () => {
    for (const child of children) child.kill('SIGKILL');
    await t.db.drop();
  });

  function start(port: number): { child: ChildProcess; listening: Promise<void> } {
    const env = {
      ...process.env,
      DATABASE_URL: t.db.url,
      DATA_DIR: config.dataDir,
      PII_KEY: config.piiKey,
      PORT: String(port),
      LOG_LEVEL: 'silent',
      SUBSCRIPTION_POLL_MS: '10',
    };
    const child = spawn(process.execPath, [mainJs], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    children.push(child);
    const listening = new Promise<void>((resolve, reject) => {
      child.stdout?.on(
        'data',
        (chunk: Buffer) => chunk.toString().includes('listening on') && resolve(),
      );
      child.on('exit', () => reject(new Error('service exited before listening')));
    });
    return { child, listening };
  }

  const grants = async () =>
    (
      await t.db.sql<{ credits: number; events: number }[]>`
        SELECT count(DISTINCT data->>'creditId')::int AS credits, count(*)::int AS events
          FROM events WHERE event_type = 'CreditGranted'`
    )[0];

  it(`SIGKILL in the middle of a ${attendeesCount}-attendee approval: after a restart every grant is there exactly once`, async () => {
    // The ledger up to the report, through the API in this process.
    t = await startTestApp({ rateLimitPerMinute: 1_000_000 });
    config = t.app.get<AppConfig>(APP_CONFIG);
    const api = client(t.app);
    const session = await reportedSession(api, attendeesCount);
    const committee = bearer(t.app, zjCommittee);
    await t.app.close();

    // The approval, sent to the built service, which is killed as soon as grants start to appear.
    const port = await freePort();
    const first = start(port);
    await first.listening;
    const exited = new Promise((resolve) => first.child.on('exit', resolve));
    void fetch(`http://127.0.0.1:${port}/sessions/${session.sessionId}/report/decision`, {
      method: 'POST',
      headers: { ...committee, 'content-type': 'application/json' },
      body: JSON.stringify({ decision: 'approve' }),
    }).catch(() => undefined);
    const deadline = Date.now() + 20_000;
    while ((await grants()).events < killAfterGrants && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 2));
    first.child.kill('SIGKILL');
    await exited;
    const atKill = await grants();
    console.log(`grants when the service was killed: ${atKill.events} of ${attendeesCount}`);
    expect(atKill.events).toBeGreaterThan(0);
    expect(atKill.events).toBeLessThan(attendeesCount); // the kill did land mid-way

    // Restart; nobody repeats the approval.
    const second = start(await freePort());
    await second.listening;
    const until = Date.now() + 30_000;
    while ((await grants()).events < attendeesCount && Date.now() < until)
      await new Promise((resolve) => setTimeout(resolve, 50));
    await new Promise((resolve) => setTimeout(resolve, 300)); // room for a duplicate to show
    second.child.kill('SIGTERM');

    expect(await grants()).toEqual({ credits: attendeesCount, events: attendeesCount });
    const [approval] = await t.db.sql<{ n: number }[]>`
      SELECT count(*)::int AS n FROM events WHERE event_type = 'ExecutionReportApproved'`;
    expect(approval.n).toBe(1);
    // Every grant names the approval that caused it.
    const [named] = await t.db.sql<{ n: number }[]>`
      SELECT count(*)::int AS n FROM events g
        JOIN events a ON a.event_type = 'ExecutionReportApproved' AND g.metadata->>'causationId' = a.event_id::text
       WHERE g.event_type = 'CreditGranted'`;
    expect(named.n).toBe(attendeesCount);
  });
});
