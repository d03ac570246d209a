import { reportedSession } from '../support/reported-session';
import type { INestApplication } from '@nestjs/common';
import { createApp } from '../../src/app.factory';
import { APP_CONFIG, type AppConfig } from '../../src/config/app-config';
import { client, zjCommittee } from '../support/ledger-client';
import { startTestApp, type TestApp } from '../support/test-app';

/**
 * Two instances of the service on one database, both running the reactors in small batches: each
 * batch is reacted to by one of them, the checkpoint only ever moves forward, every grant exists
 * once, and a request answered by either instance sees its grants recorded (not 202).
 */
describe('reactors with two instances', () => {
  let first: TestApp;
  let second: INestApplication;

  beforeAll(async () => {
    first = await startTestApp({ projectionBatchSize: 3, subscriptionPollMs: 10 });
    const config = first.app.get<AppConfig>(APP_CONFIG);
    second = await createApp({ ...config });
    await second.init();
  });
  afterAll(async () => {
    await second.close();
    await first.close();
  });

  it('every grant once, the checkpoint never moving back, answers from either instance', async () => {
    const apis = [client(first.app), client(second)];
    const checkpoints: string[] = [];
    let watching = true;
    const watcher = (async () => {
      while (watching) {
        const [row] = await first.db.sql<{ commit: string; prepare: string }[]>`
          SELECT commit_position::text AS commit, prepare_position::text AS prepare
            FROM projection_checkpoints WHERE name = 'reactor:credit-effects'`;
        if (row) checkpoints.push(`${row.commit}:${row.prepare}`);
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
    })();

    const sessionsCount = 4;
    const attendeesPerSession = 12;
    const answers: { status: number; grants: string; creditsGranted: number | null }[] = [];
    for (let s = 0; s < sessionsCount; s += 1) {
      const api = apis[s % 2];
      const session = await reportedSession(api, attendeesPerSession);
      // Approved through the other instance than the one that recorded the session.
      const decision = await apis[(s + 1) % 2].post(
        `/sessions/${session.sessionId}/report/decision`,
        { decision: 'approve' },
        zjCommittee,
      );
      answers.push({ status: decision.status, ...decision.body });
    }
    watching = false;
    await watcher;

    expect(answers.map((a) => [a.status, a.grants])).toEqual(
      Array.from({ length: sessionsCount }, () => [200, 'recorded']),
    );
    const [grants] = await first.db.sql<{ credits: number; events: number }[]>`
      SELECT count(DISTINCT data->>'creditId')::int AS credits, count(*)::int AS events
        FROM events WHERE event_type = 'CreditGranted'`;
    expect(grants).toEqual({
      credits: sessionsCount * attendeesPerSession,
      events: sessionsCount * attendeesPerSession,
    });
    const positions = checkpoints.map((c) => c.split(':').map(BigInt));
    for (let i = 1; i < positions.length; i += 1) {
      const [pc, pp] = positions[i - 1];
      const [c, p] = positions[i];
      expect(c > pc || (c === pc && p >= pp)).toBe(true); // never back
    }
  });
});
