import request from 'supertest';
import { APP_CONFIG, type AppConfig } from '../../src/config/app-config';
import { EVENT_STORE, type EventStore } from '../../src/event-store/event-store.port';
import { listenForMetrics } from '../../src/metrics/metrics-server';
import { derivedId } from '../../src/shared/ids';
import {
  bearer,
  client,
  personBody,
  projectionsCaughtUp,
  zjCommittee,
} from '../support/ledger-client';
import { startTestApp, type TestApp } from '../support/test-app';

/** Samples of a Prometheus text exposition: `name{labels} value`. */
function samples(text: string): { name: string; labels: Record<string, string>; value: number }[] {
  return text
    .split('\n')
    .filter((line) => line && !line.startsWith('#'))
    .map((line) => {
      const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{(.*)\})? (\S+)$/.exec(line);
      if (!match) throw new Error(`not a sample line: ${line}`);
      const labels = Object.fromEntries(
        [...(match[3] ?? '').matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g)].map((m) => [
          m[1],
          m[2],
        ]),
      );
      return { name: match[1], labels, value: Number(match[4]) };
    });
}

describe('GET /metrics (Prometheus)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ subscriptionPollMs: 10, rateLimitPerMinute: 20 });
  }, 60_000);
  afterAll(() => t.close());

  it('after some traffic, has every family with sane values and no ids in any label', async () => {
    const api = client(t.app);
    const { body: person } = await api.post('/persons', personBody(), zjCommittee).expect(201);
    await api.get(`/persons/${person.personId}`, zjCommittee).expect(200);
    await api.post('/persons', { idNumber: 'nope' }, zjCommittee).expect(400);
    await request(t.app.getHttpServer()).get('/events').expect(401);
    // An idempotent repeat and a conflict, straight at the store.
    const store = t.app.get<EventStore>(EVENT_STORE);
    const event = {
      eventId: derivedId('metrics-test', 'event'),
      type: 'MetricsProbe',
      data: { n: 1 },
      occurredAt: new Date('2026-01-01T00:00:00Z'),
    };
    await store.append('probe-metrics', [event], 'no-stream');
    await store.append('probe-metrics', [event], 'no-stream');
    await expect(
      store.append('probe-metrics', [{ ...event, eventId: derivedId('metrics-test', '2') }], 0),
    ).rejects.toThrow(/expected/);
    await projectionsCaughtUp(t.app);
    // Past the rate limit (20 a minute for this caller, one token): 429s.
    const caller = bearer(t.app, zjCommittee);
    const statuses: number[] = [];
    for (let i = 0; i < 25; i += 1)
      statuses.push(
        (await request(t.app.getHttpServer()).get(`/persons/${person.personId}`).set(caller))
          .status,
      );
    expect(statuses).toContain(429);

    const { text } = await request(t.app.getHttpServer())
      .get('/metrics')
      .expect(200)
      .expect('content-type', /text\/plain/);
    const all = samples(text);
    const find = (name: string, labels: Record<string, string> = {}) =>
      all.filter(
        (s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v),
      );
    const value = (name: string, labels: Record<string, string> = {}) =>
      find(name, labels).reduce((sum, s) => sum + s.value, 0);

    // HTTP duration by route template and status; errors; rate-limit refusals.
    expect(
      value('cme_http_request_duration_seconds_count', {
        method: 'POST',
        route: '/persons',
        status: '201',
      }),
    ).toBe(1);
    expect(
      value('cme_http_request_duration_seconds_count', {
        method: 'GET',
        route: '/persons/{personId}',
        status: '200',
      }),
    ).toBeGreaterThanOrEqual(1);
    expect(
      value('cme_http_request_duration_seconds_sum', { route: '/persons', status: '201' }),
    ).toBeGreaterThan(0);
    expect(value('cme_http_errors_total', { route: '/persons', status: '400' })).toBe(1);
    expect(value('cme_http_errors_total', { route: '/events', status: '401' })).toBe(1);
    expect(value('cme_rate_limit_refusals_total', { route: '/persons/{personId}' })).toBe(
      statuses.filter((s) => s === 429).length,
    );

    // Appends by event type: count, events, duration, idempotent repeats and conflicts.
    expect(
      value('cme_event_store_appends_total', { type: 'PersonRegistered', outcome: 'appended' }),
    ).toBe(1);
    expect(value('cme_event_store_events_appended_total', { type: 'PersonRegistered' })).toBe(1);
    expect(
      value('cme_event_store_appends_total', { type: 'MetricsProbe', outcome: 'idempotent' }),
    ).toBe(1);
    expect(
      value('cme_event_store_appends_total', { type: 'MetricsProbe', outcome: 'conflict' }),
    ).toBe(1);
    expect(
      value('cme_event_store_append_duration_seconds_count', { type: 'PersonRegistered' }),
    ).toBe(1);

    // Projection and reactor lag, caught up: 0 events behind, running.
    for (const kind of ['projection', 'reactor']) {
      const lag = find('cme_consumer_lag_events', { kind });
      expect(lag.length).toBeGreaterThan(0);
      expect(lag.every((s) => s.value === 0)).toBe(true);
      expect(find('cme_consumer_lag_seconds', { kind }).every((s) => s.value >= 0)).toBe(true);
      expect(find('cme_consumer_up', { kind }).every((s) => s.value === 1)).toBe(true);
    }
    expect(find('cme_consumer_lag_events', { consumer: 'person-years' })).toHaveLength(1);

    // The pool and the process.
    expect(value('cme_db_pool_max')).toBe(10);
    expect(value('cme_db_connections', { state: 'in-use' })).toBeGreaterThanOrEqual(1);
    expect(value('cme_db_connections_waiting')).toBe(0);
    expect(value('process_cpu_user_seconds_total')).toBeGreaterThan(0);
    expect(value('process_resident_memory_bytes')).toBeGreaterThan(1_000_000);
    expect(find('nodejs_eventloop_lag_seconds').length).toBe(1);

    // Never an id or personal data in a label.
    expect(text).not.toContain(person.personId);
    const labelValues = all.flatMap((s) => Object.values(s.labels));
    expect(labelValues.filter((v) => /[0-9a-f]{8}-[0-9a-f]{4}-/.test(v))).toEqual([]);
  });

  it('METRICS_TOKEN guards it; METRICS_PORT moves it to a port of its own', async () => {
    const config = t.app.get<AppConfig>(APP_CONFIG);
    const token = 'metrics-token-0123456789';
    Object.assign(config, { metricsToken: token });
    try {
      await request(t.app.getHttpServer()).get('/metrics').expect(401);
      await request(t.app.getHttpServer())
        .get('/metrics')
        .set(bearer(t.app, zjCommittee))
        .expect(401);
      await request(t.app.getHttpServer())
        .get('/metrics')
        .set('Authorization', `Bearer ${token}`)
        .expect(200);

      const server = await listenForMetrics(t.app, { ...config, metricsPort: 0 });
      Object.assign(config, { metricsPort: 1 });
      try {
        await request(t.app.getHttpServer())
          .get('/metrics')
          .set('Authorization', `Bearer ${token}`)
          .expect(404);
        await request(server!).get('/metrics').expect(401);
        const { text } = await request(server!)
          .get('/metrics')
          .set('Authorization', `Bearer ${token}`)
          .expect(200);
        expect(text).toContain('cme_http_request_duration_seconds');
        await request(server!).get('/other').expect(404);
      } finally {
        server?.close();
      }
    } finally {
      Object.assign(config, { metricsToken: undefined, metricsPort: undefined });
    }
  });
});
