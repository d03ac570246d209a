import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { defaultMigrationsDir, readMigrations } from '../../src/database/migrator';
import { EVENT_STORE, EventStore } from '../../src/event-store/event-store.port';
import { bearer } from '../support/ledger-client';
import { startTestApp, TestApp } from '../support/test-app';

describe('the service over HTTP', () => {
  let t: TestApp;
  let store: EventStore;
  const http = () => request(t.app.getHttpServer());
  let auditor: Record<string, string>;

  beforeAll(async () => {
    t = await startTestApp();
    store = t.app.get(EVENT_STORE);
    auditor = bearer(t.app, { id: 'auditor-1', role: 'auditor', jurisdiction: 'CN' });
  });
  afterAll(() => t.close());

  it('GET /health: ok, database reachable, every migration applied', async () => {
    const response = await http().get('/health').expect(200);
    expect(response.body).toMatchObject({
      status: 'ok',
      database: { reachable: true, embedded: false },
      migrations: { applied: readMigrations(defaultMigrationsDir()).length, pending: [] },
      log: { headPosition: null },
    });
    // Projections (read models) and reactors (consequences still to append) side by side.
    expect(
      response.body.projections.map((p: { name: string; kind: string }) => [p.name, p.kind]),
    ).toEqual([
      ['person-years', 'projection'],
      ['activities', 'projection'],
      ['sessions', 'projection'],
      ['credit-provenance', 'projection'],
      ['person-directory', 'projection'],
      ['reactor:credit-effects', 'reactor'],
      ['reactor:sealed-verdicts', 'reactor'],
      ['reactor:person-names', 'reactor'],
    ]);
    for (const p of response.body.projections) {
      expect(p).toMatchObject({ eventsBehind: 0, error: null, needsRebuild: false });
    }
  });

  it('serves OpenAPI at /openapi.json and the docs page at /docs', async () => {
    const spec = await http().get('/openapi.json').expect(200);
    expect(spec.body.openapi).toMatch(/^3\./);
    expect(Object.keys(spec.body.paths)).toEqual(expect.arrayContaining(['/health', '/events']));
    const docs = await http().get('/docs').expect(200);
    expect(docs.text).toMatch(/swagger/i);
  });

  it('GET /events pages through the log in order and says where to continue', async () => {
    const streamId = `probe-${randomUUID()}`;
    await store.append(
      streamId,
      [1, 2, 3].map((n) => ({
        eventId: randomUUID(),
        type: 'Probed',
        data: { n, credits: '0.5' },
        occurredAt: new Date('2026-05-01T09:00:00+08:00'),
      })),
      'no-stream',
    );
    const first = await http().get('/events').set(auditor).query({ limit: 2 }).expect(200);
    expect(first.body.events.map((e: { data: { n: number } }) => e.data.n)).toEqual([1, 2]);
    expect(first.body.events[0]).toMatchObject({
      streamId,
      streamVersion: 1,
      type: 'Probed',
      occurredAt: '2026-05-01T01:00:00.000Z',
      prevHash: null,
    });
    expect(first.body.events[0].globalPosition).toMatch(/^\d+$/);
    expect(first.body.events[1].prevHash).toBe(first.body.events[0].hash);
    const second = await http()
      .get('/events')
      .set(auditor)
      .query({ after: first.body.next, limit: 2 })
      .expect(200);
    expect(second.body.events.map((e: { data: { n: number } }) => e.data.n)).toEqual([3]);
    const asOf = await http()
      .get('/events')
      .set(auditor)
      .query({ recordedBefore: '2000-01-01T00:00:00+08:00' })
      .expect(200);
    expect(asOf.body.events).toEqual([]);
  });

  it.each([
    [{ limit: 'many' }, 'limit'],
    [{ limit: '0' }, 'limit'],
    [{ limit: '100000' }, 'limit'],
    [{ after: '12' }, 'after'],
    [{ recordedBefore: '2026-01-01T00:00:00' }, 'recordedBefore'],
    [{ recordedBefore: 'yesterday' }, 'recordedBefore'],
    [{ unknownField: '1' }, 'unknownField'],
  ])('bad query %j gets a 400 naming %s', async (query, field) => {
    const response = await http().get('/events').set(auditor).query(query).expect(400);
    expect(JSON.stringify(response.body.message)).toContain(field);
  });

  it('the log is for auditors, committees and admins', async () => {
    await http().get('/events').expect(401);
    await http()
      .get('/events')
      .set(bearer(t.app, { id: 'organizer-1', role: 'organizer', jurisdiction: 'CN' }))
      .expect(403);
  });

  it('unknown routes get 404', async () => {
    await http().get('/no-such-route').expect(404);
  });
});
