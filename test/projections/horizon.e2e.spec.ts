import { randomUUID } from 'node:crypto';
import postgres from 'postgres';
import request from 'supertest';
import { EVENT_STORE, type EventStore } from '../../src/event-store/event-store.port';
import { newEvent } from '../event-store/event-store.contract';
import { projectionsCaughtUp } from '../support/ledger-client';
import { databaseUrl } from '../support/test-database';
import { startTestApp, TestApp } from '../support/test-app';

/** Polls `read` until `done` holds for what it returns. */
async function until<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 15_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`gave up waiting: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/**
 * Readers see only what committed below the oldest transaction id still running on the whole
 * server. An idle transaction opened by any client — here in another database — holds every
 * projection back; /health and /projections must say who, and turn `degraded` past the lag limit.
 *
 * The held transaction stalls readers of every database on this server for a few seconds, which
 * is why `npm test` runs the files one at a time (--runInBand).
 */
describe('the horizon: who holds the log back', () => {
  let t: TestApp;
  let store: EventStore;
  const http = () => request(t.app.getHttpServer());
  const applicationName = `cme-horizon-test-${randomUUID().slice(0, 8)}`;
  const lagDegradedSeconds = 1;

  beforeAll(async () => {
    t = await startTestApp({
      projectionLagDegradedSeconds: lagDegradedSeconds,
      subscriptionPollMs: 20,
    });
    store = t.app.get(EVENT_STORE);
  });
  afterAll(() => t.close());

  it('names the idle transaction, turns degraded past the limit (still 200), and recovers once it ends', async () => {
    await store.append(`person-${randomUUID()}`, [newEvent()], 'no-stream');
    await projectionsCaughtUp(t.app);
    expect((await http().get('/health').expect(200)).body.status).toBe('ok');

    const holder = postgres(databaseUrl('postgres'), {
      max: 1,
      onnotice: () => undefined,
      connection: { application_name: applicationName },
    });
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    let holding!: (pid: number) => void;
    const held = new Promise<number>((resolve) => (holding = resolve));
    const transaction = holder.begin(async (tx) => {
      const [row] = await tx<
        { pid: number }[]
      >`SELECT pg_backend_pid() AS pid, pg_current_xact_id()`;
      holding(row.pid);
      await released; // idle in transaction until the test says so
    });
    try {
      const pid = await held;
      const streamId = `person-${randomUUID()}`;
      await store.append(streamId, [newEvent(), newEvent(), newEvent()], 'no-stream');

      const degraded = await until(
        async () => (await http().get('/projections').expect(200)).body,
        (body) => body.status === 'degraded',
      );
      expect(degraded.lagDegradedSeconds).toBe(lagDegradedSeconds);
      expect(degraded.horizon.eventsHeldBack).toBe(3);
      expect(degraded.horizon.heldBy[0]).toEqual({
        pid,
        applicationName,
        database: 'postgres',
        state: 'idle in transaction',
        transactionAgeSeconds: expect.any(Number),
        transactionId: degraded.horizon.oldestRunningTransactionId,
      });
      expect(degraded.horizon.heldBy[0].transactionAgeSeconds).toBeGreaterThanOrEqual(
        lagDegradedSeconds,
      );
      for (const p of degraded.projections) {
        expect(p.eventsBehind).toBe(3);
        expect(p.secondsBehind).toBeGreaterThan(lagDegradedSeconds);
      }
      // Committed (their stream reads them) but not yet in log order, where projections read.
      expect((await store.readStream(streamId)).length).toBe(3);
      const head = await store.headPosition();
      expect((await store.readAll({ after: head ?? undefined })).length).toBe(0);

      // Degraded is still 200: a load balancer must not restart a service that another session holds back.
      const health = (await http().get('/health').expect(200)).body;
      expect(health.status).toBe('degraded');
      expect(health.horizon.heldBy[0]).toMatchObject({
        pid,
        applicationName,
        database: 'postgres',
      });
      expect(JSON.stringify(health)).not.toMatch(/pg_current_xact_id|pg_backend_pid/); // no query text
    } finally {
      release();
      await transaction;
      await holder.end();
    }

    await projectionsCaughtUp(t.app);
    const recovered = await until(
      async () => (await http().get('/health').expect(200)).body,
      (body) => body.status === 'ok',
    );
    expect(recovered.horizon.eventsHeldBack).toBe(0);
    expect(
      recovered.horizon.heldBy.map((h: { applicationName: string }) => h.applicationName),
    ).not.toContain(applicationName);
    for (const p of recovered.projections)
      expect(p).toMatchObject({ eventsBehind: 0, error: null });
  });
});
