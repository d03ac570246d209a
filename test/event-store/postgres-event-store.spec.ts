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
