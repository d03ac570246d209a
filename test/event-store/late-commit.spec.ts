import { randomUUID } from 'node:crypto';
import { RecordedEvent } from '../../src/event-store/event-store.port';
import { PostgresEventStore } from '../../src/event-store/postgres/postgres-event-store';
import { createTestDatabase, TestDatabase } from '../support/test-database';

/**
 * ENGINEERING.md §3: a position is handed out when a row is inserted, not when its transaction
 * commits. Writers here sleep for a random time inside their transactions, after their rows have
 * positions, so commits land out of position order all the time. A subscriber polling
 * throughout must still see every event exactly once, each stream in version order.
 */
const writers = 8;
const appendsPerWriter = 1_000;
const streamsCount = 12;
const delayMsMax = 4;

describe('late commits: no reader ever skips an event', () => {
  let db: TestDatabase;

  beforeAll(async () => {
    db = await createTestDatabase({ poolMax: writers + 4 });
  });
  afterAll(() => db.drop());

  it(`${writers} concurrent writers × ${appendsPerWriter} appends with random in-transaction delays`, async () => {
    const store = new PostgresEventStore(db.sql, {
      beforeCommit: () => new Promise((resolve) => setTimeout(resolve, Math.random() * delayMsMax)),
    });
    const reader = new PostgresEventStore(db.sql);
    const appended = new Set<string>();
    const seen: RecordedEvent[] = [];
    const controller = new AbortController();

    const subscription = (async () => {
      for await (const batch of reader.subscribe({
        batchSize: 97,
        pollIntervalMs: 1,
        signal: controller.signal,
      })) {
        seen.push(...batch);
      }
    })();

    await Promise.all(
      Array.from({ length: writers }, async (_, writer) => {
        for (let i = 0; i < appendsPerWriter; i += 1) {
          const eventId = randomUUID();
          const stream = `late-${(writer * 7 + i) % streamsCount}`;
          await store.append(
            stream,
            [{ eventId, type: 'Tick', data: { writer, i }, occurredAt: new Date() }],
            'any',
          );
          appended.add(eventId);
        }
      }),
    );

    const deadline = Date.now() + 30_000;
    while (seen.length < appended.size && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    // Give a duplicate, if the mechanism were broken, the chance to show up.
    await new Promise((resolve) => setTimeout(resolve, 100));
    controller.abort();
    await subscription;

    const seenIds = seen.map((e) => e.eventId);
    expect(new Set(seenIds).size).toBe(seenIds.length); // exactly once
    expect(seenIds.length).toBe(writers * appendsPerWriter);
    const missing = [...appended].filter((id) => !seenIds.includes(id));
    expect(missing).toEqual([]);
    const lastVersion = new Map<string, number>();
    for (const event of seen) {
      expect(event.streamVersion).toBe((lastVersion.get(event.streamId) ?? 0) + 1);
      lastVersion.set(event.streamId, event.streamVersion);
    }
  });
});
