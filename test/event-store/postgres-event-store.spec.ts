import { randomUUID } from 'node:crypto';
import { cpSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { defaultMigrationsDir, migrate } from '../../src/database/migrator';
import { eventHash, verifyStreamChain } from '../../src/event-store/event-hash';
import { PostgresEventStore } from '../../src/event-store/postgres/postgres-event-store';
import { createTestDatabase, TestDatabase } from '../support/test-database';
import { describeEventStoreContract, newEvent, newStreamId } from './event-store.contract';

describeEventStoreContract('PostgreSQL', async () => {
  const db = await createTestDatabase();
  return { store: new PostgresEventStore(db.sql), teardown: () => db.drop() };
});

describe('PostgreSQL event store: what the database itself guarantees', () => {
  let db: TestDatabase;
  let store: PostgresEventStore;
  let streamId: string;

  beforeAll(async () => {
    db = await createTestDatabase();
    store = new PostgresEventStore(db.sql);
    streamId = newStreamId('immutable');
    await store.append(
      streamId,
      [newEvent('CreditGranted', { credits: '2.5' }), newEvent()],
      'no-stream',
    );
  });
  afterAll(() => db.drop());

  const count = async () => Number((await db.sql`SELECT count(*)::int AS n FROM events`)[0].n);

  it('rejects UPDATE of an event', async () => {
    await expect(
      db.sql`UPDATE events SET data = '{"credits":"25"}' WHERE stream_id = ${streamId}`,
    ).rejects.toThrow(/immutable: UPDATE/);
    const [row] =
      await db.sql`SELECT data FROM events WHERE stream_id = ${streamId} AND stream_version = 1`;
    expect(row.data).toEqual({ credits: '2.5' });
  });

  it('rejects DELETE of an event', async () => {
    await expect(db.sql`DELETE FROM events WHERE stream_id = ${streamId}`).rejects.toThrow(
      /immutable: DELETE/,
    );
    expect(await count()).toBe(2);
  });

  it('rejects TRUNCATE of the events table', async () => {
    await expect(db.sql`TRUNCATE events CASCADE`).rejects.toThrow(/immutable: TRUNCATE/);
    expect(await count()).toBe(2);
  });

  it('rejects moving a stream head back or deleting it', async () => {
    await expect(
      db.sql`UPDATE streams SET version = 1 WHERE stream_id = ${streamId}`,
    ).rejects.toThrow(/only move forward/);
    await expect(db.sql`DELETE FROM streams WHERE stream_id = ${streamId}`).rejects.toThrow(
      /only move forward/,
    );
    expect(await store.streamVersion(streamId)).toBe(2);
  });

  it('sets recorded_at itself, whatever the writer sends', async () => {
    const other = newStreamId('raw');
    await db.sql`INSERT INTO streams (stream_id, version) VALUES (${other}, 1)`;
    await db.sql`
      INSERT INTO events (stream_id, stream_version, event_id, event_type, schema_version, data, metadata, occurred_at, recorded_at, hash)
      VALUES (${other}, 1, gen_random_uuid(), 'Backdated', 1, '{}', '{}', now(), '2001-01-01T00:00:00Z', 'x')`;
    const [row] = await db.sql`SELECT recorded_at FROM events WHERE stream_id = ${other}`;
    expect(Math.abs((row.recorded_at as Date).getTime() - Date.now())).toBeLessThan(60_000);
  });

  it('refuses an event with no stream head, or beyond its head, appending nothing', async () => {
    const before = await count();
    const insert = (stream: string, version: number) => db.sql`
      INSERT INTO events (stream_id, stream_version, event_id, event_type, schema_version, data, metadata, occurred_at, hash)
      VALUES (${stream}, ${version}, gen_random_uuid(), 'Stray', 1, '{}', '{}', now(), 'x')`;
    await expect(insert(newStreamId('no-head'), 1)).rejects.toThrow(
      /beyond the stream's recorded head/,
    );
    // The immutable stream above is at version 2: version 3 has no head yet.
    await expect(insert(streamId, 3)).rejects.toThrow(/beyond the stream's recorded head/);
    expect(await count()).toBe(before);
  });

  it('keeps decimal credits exactly as written', async () => {
    const s = newStreamId('decimal');
    await store.append(
      s,
      [newEvent('CreditGranted', { credits: '0.1', hours: '0.2' })],
      'no-stream',
    );
    const [event] = await store.readStream(s);
    expect(event.data).toEqual({ credits: '0.1', hours: '0.2' });
  });
});

describe('PostgreSQL event store: the chain step in the database (migration 0011)', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(() => db.drop());

  it('hashes exactly as eventHash does, for awkward types, keys, text and numbers', async () => {
    const store = new PostgresEventStore(db.sql);
    const streamId = newStreamId('awkward.chain:x@y');
    const result = await store.append(
      streamId,
      [
        newEvent('Type "quoted" \\ back\nslash\u0001\u001f 学分 🎓', {
          '"k"': 'v\u2028\t',
          é: [1.5, 1e21, 5e-7, -0, null, true],
          nested: { b: { d: 1, c: 2 }, a: [] },
          credits: '0.100',
        }),
        { ...newEvent('Second', null), schemaVersion: 3, metadata: { actorId: 'a', z: { y: 1 } } },
      ],
      'no-stream',
    );
    const stored = await store.readStream(streamId);
    expect(verifyStreamChain(stored)).toBeNull();
    expect(result.events.map((e) => e.hash)).toEqual(stored.map((e) => e.hash));
    expect(stored[1].prevHash).toBe(stored[0].hash);
    expect(stored[0].hash).toBe(eventHash(null, stored[0]));
  });

  it('continues a chain written before the migration: an existing database upgrades in place', async () => {
    const old = await createTestDatabase({ migrate: false });
    const dir = mkdtempSync(path.join(tmpdir(), 'cme-pre-0011-'));
    try {
      for (const file of readdirSync(defaultMigrationsDir()))
        if (file < '0011') cpSync(path.join(defaultMigrationsDir(), file), path.join(dir, file));
      await migrate(old.sql, dir, () => undefined);
      // Written as the adapter did before 0011: hashed in Node, recorded_at set by the trigger.
      const streamId = newStreamId('before-0011');
      await old.sql.begin(async (tx) => {
        const [{ now }] = await tx<
          { now: Date }[]
        >`SELECT date_trunc('milliseconds', now()) AS now`;
        const event = {
          ...newEvent('Old', { n: 1 }),
          schemaVersion: 1,
          metadata: { actorId: 'a' },
        };
        const hash = eventHash(null, { ...event, streamId, streamVersion: 1, recordedAt: now });
        await tx`INSERT INTO streams (stream_id, version, last_hash, last_transaction_id)
                 VALUES (${streamId}, 1, ${hash}, pg_current_xact_id())`;
        await tx`INSERT INTO events (stream_id, stream_version, event_id, event_type, schema_version, data, metadata, occurred_at, prev_hash, hash)
                 VALUES (${streamId}, 1, ${event.eventId}, 'Old', 1, ${JSON.stringify(event.data)}::text::jsonb,
                         ${JSON.stringify(event.metadata)}::text::jsonb, ${event.occurredAt}, NULL, ${hash})`;
      });
      await migrate(old.sql, defaultMigrationsDir(), () => undefined);
      const store = new PostgresEventStore(old.sql);
      await store.append(streamId, [newEvent('New', { n: 2 })], 1);
      const stream = await store.readStream(streamId);
      expect(stream.map((e) => e.type)).toEqual(['Old', 'New']);
      expect(verifyStreamChain(stream)).toBeNull();
      // The recorded_at guard still overrides a writer's clock after the upgrade.
      const other = `raw-${randomUUID()}`;
      await old.sql`INSERT INTO streams (stream_id, version) VALUES (${other}, 1)`;
      await old.sql`
        INSERT INTO events (stream_id, stream_version, event_id, event_type, schema_version, data, metadata, occurred_at, recorded_at, hash)
        VALUES (${other}, 1, gen_random_uuid(), 'Backdated', 1, '{}', '{}', now(), '2001-01-01T00:00:00Z', 'x')`;
      const [row] = await old.sql`SELECT recorded_at FROM events WHERE stream_id = ${other}`;
      expect(Math.abs((row.recorded_at as Date).getTime() - Date.now())).toBeLessThan(60_000);
    } finally {
      rmSync(dir, { recursive: true, force: true });
      await old.drop();
    }
  });
});
