import type { INestApplication } from '@nestjs/common';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { personYearsProjection } from '../../projections/person-years/person-years.projection';
import { createApp } from '../../src/app.factory';
import { type AppConfig, loadConfig } from '../../src/config/app-config';
import {
  EVENT_STORE,
  type EventStore,
  type NewEvent,
} from '../../src/event-store/event-store.port';
import { client, projectionsCaughtUp, zjCommittee } from '../support/ledger-client';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

/**
 * A projection whose code is of a newer version than the documents in the database (a change of
 * logic or of the documents' shape, as person-years version 3 kept its years compact) is rebuilt
 * by the service itself when it starts.
 */
function personEvents(personId: string, credits: number): NewEvent[] {
  const at = new Date('2026-05-10T08:00:00+08:00');
  return [
    {
      eventId: randomUUID(),
      type: 'PersonRegistered',
      occurredAt: at,
      data: {
        personId,
        profession: 'nurse',
        titleLevel: 'junior',
        specialty: 'icu',
        jurisdiction: 'CN-ZJ',
        grassroots: false,
        idNumberHash: 'x',
        idNumberSealed: 'x',
        nameSealed: 'x',
        personalDataHash: 'x',
      },
    },
    ...Array.from({ length: credits }, (_, i): NewEvent => ({
      eventId: randomUUID(),
      type: 'CreditGranted',
      occurredAt: at,
      data: {
        creditId: `${personId}-c${i}`,
        source: 'project',
        activityId: `a${i}`,
        sessionId: `s${i}`,
        kind: 'project',
        level: 'provincial',
        amount: '4',
        hours: null,
        category: null,
        subject: i === 0 ? 'public' : 'professional',
        format: 'in-person',
        earnedAt: at.toISOString(),
        creditYear: 2026,
        profileId: 'zhejiang-2024',
        profileVersion: 1,
        verification: 'not-required',
        calculation: 'test',
        evidence: null,
      },
    })),
  ];
}

describe('a projection of a newer version than its documents', () => {
  let db: TestDatabase;
  let config: AppConfig;
  const apps: INestApplication[] = [];

  beforeAll(async () => {
    db = await createTestDatabase();
    config = {
      ...loadConfig({}),
      databaseUrl: db.url,
      logLevel: 'silent',
      dataDir: mkdtempSync(path.join(tmpdir(), 'cme-test-app-')),
      rateLimitPerMinute: 1_000_000,
      piiKey: randomBytes(32).toString('base64'),
      subscriptionPollMs: 10,
    };
  });
  afterAll(async () => {
    for (const app of apps) await app.close();
    await db.drop();
  });

  async function start(): Promise<INestApplication> {
    const app = await createApp(config);
    await app.init();
    apps.push(app);
    return app;
  }

  const docs = () =>
    db.sql<{ key: string; doc: unknown }[]>`SELECT key, doc FROM proj_person_years ORDER BY key`;
  const version = async () =>
    (
      await db.sql<{ version: number }[]>`
        SELECT version FROM projection_checkpoints WHERE name = ${personYearsProjection.name}`
    )[0].version;

  it('is rebuilt by the service when it starts, and answers as before', async () => {
    const first = await start();
    const store = first.get<EventStore>(EVENT_STORE);
    const people = [randomUUID(), randomUUID(), randomUUID()];
    for (const [i, personId] of people.entries())
      await store.append(`person-${personId}`, personEvents(personId, 3 + i * 4), 'no-stream');
    await projectionsCaughtUp(first);
    const live = await docs();
    expect(live).toHaveLength(3);
    const { body: answered } = await client(first)
      .get(`/persons/${people[1]}/years/2026`, zjCommittee)
      .expect(200);
    await first.close();
    apps.splice(apps.indexOf(first), 1);

    // As an older version left them: stamped one version back, with a field the current
    // version does not write.
    await db.sql`
      UPDATE projection_checkpoints SET version = ${personYearsProjection.version - 1}
       WHERE name = ${personYearsProjection.name}`;
    await db.sql`
      UPDATE proj_person_years SET doc = jsonb_set(doc, '{stale}', 'true'::jsonb)`;

    const second = await start();
    const deadline = Date.now() + 30_000;
    while ((await version()) !== personYearsProjection.version && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 20));
    expect(await version()).toBe(personYearsProjection.version);
    await projectionsCaughtUp(second);
    expect(await docs()).toEqual(live);
    const { body: again } = await client(second)
      .get(`/persons/${people[1]}/years/2026`, zjCommittee)
      .expect(200);
    expect(again).toEqual(answered);
    const { body: status } = await client(second).get('/projections', zjCommittee).expect(200);
    expect(
      (status.projections as { name: string; needsRebuild: boolean }[]).find(
        (p) => p.name === personYearsProjection.name,
      ),
    ).toMatchObject({ needsRebuild: false });
  });

  it('stands by while the documents are of a newer version (an older instance during a rolling deploy), and goes on when they are not', async () => {
    const app = apps[apps.length - 1];
    const store = app.get<EventStore>(EVENT_STORE);
    await projectionsCaughtUp(app);
    await db.sql`
      UPDATE projection_checkpoints SET version = ${personYearsProjection.version + 1}
       WHERE name = ${personYearsProjection.name}`;
    const personId = randomUUID();
    await store.append(`person-${personId}`, personEvents(personId, 2), 'no-stream');
    // Time for many polls (every 10 ms here): nothing is folded over the newer documents.
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect((await docs()).map((d) => d.key)).not.toContain(personId);
    await db.sql`
      UPDATE projection_checkpoints SET version = ${personYearsProjection.version}
       WHERE name = ${personYearsProjection.name}`;
    await projectionsCaughtUp(app);
    expect((await docs()).map((d) => d.key)).toContain(personId);
  });
});
