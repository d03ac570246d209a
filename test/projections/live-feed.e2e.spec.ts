import { randomUUID } from 'node:crypto';
import type {
  EventStore,
  LogPosition,
  ProjectionLogEvent,
} from '../../src/event-store/event-store.port';
import { PostgresEventStore } from '../../src/event-store/postgres/postgres-event-store';
import { followLog, LiveFeed } from '../../src/projections/live-feed';
import { createTestDatabase, TestDatabase } from '../support/test-database';

/**
 * The shared feed (src/projections/live-feed.ts) on a real PostgreSQL store, counted through a
 * wrapper around it: each page of the log's tail is read once for every consumer, a consumer
 * behind the feed's window catches up on its own reads, and late commits are never skipped.
 */

interface Counts {
  /** Events handed out by the store's `readProjectionPages` (what the feed reads). */
  projectionEvents: number;
  /** Calls of the other whole-log reads (readAll, readAllPages, subscribe). */
  otherReads: number;
}

/** The real store, with its log reads counted. */
function counted(store: EventStore): { store: EventStore; counts: Counts } {
  const counts: Counts = { projectionEvents: 0, otherReads: 0 };
  const wrapped = new Proxy(store, {
    get(target, property) {
      const value = Reflect.get(target, property, target) as unknown;
      if (typeof value !== 'function') return value;
      const method = value as (...args: unknown[]) => unknown;
      if (property === 'readProjectionPages')
        return (...args: unknown[]) =>
          (async function* () {
            const pages = method.apply(target, args) as AsyncIterable<ProjectionLogEvent[]>;
            for await (const page of pages) {
              counts.projectionEvents += page.length;
              yield page;
            }
          })();
      if (property === 'readAll' || property === 'readAllPages' || property === 'subscribe')
        return (...args: unknown[]) => {
          counts.otherReads += 1;
          return method.apply(target, args);
        };
      return method.bind(target);
    },
  });
  return { store: wrapped, counts };
}

const pageSize = 20;

describe('the shared live feed', () => {
  let db: TestDatabase;
  let real: PostgresEventStore;
  const stops: AbortController[] = [];

  beforeAll(async () => {
    db = await createTestDatabase({ poolMax: 12 });
    real = new PostgresEventStore(db.sql);
  });
  afterAll(async () => {
    for (const stop of stops) stop.abort();
    await db.drop();
  });

  /** Appends `count` events over a few streams; their ids in append order. */
  async function append(count: number, store: EventStore = real): Promise<string[]> {
    const ids: string[] = [];
    for (let i = 0; i < count; i += 1) {
      const eventId = randomUUID();
      await store.append(
        `feed-test-${i % 3}`,
        [{ eventId, type: 'FeedTested', data: { i }, occurredAt: new Date() }],
        'any',
      );
      ids.push(eventId);
    }
    return ids;
  }

  /** A consumer: follows the log from `after` until it holds `count` events. */
  async function consume(
    feed: LiveFeed,
    store: EventStore,
    after: LogPosition | undefined,
    count: number,
  ): Promise<ProjectionLogEvent[]> {
    const stop = new AbortController();
    stops.push(stop);
    const got: ProjectionLogEvent[] = [];
    for await (const page of followLog(feed, store, after, pageSize, stop.signal)) {
      got.push(...page);
      if (got.length >= count) break;
    }
    return got;
  }

  const logIds = async (after?: LogPosition) => {
    const ids: string[] = [];
    for await (const page of real.readAllPages({ after })) ids.push(...page.map((e) => e.eventId));
    return ids;
  };

  it('reads each page once for several consumers, first the backlog, then live', async () => {
    const start = await real.headPosition();
    const backlog = await append(45);
    const { store, counts } = counted(real);
    const feed = new LiveFeed(store, { subscriptionPollMs: 5, projectionBatchSize: pageSize });
    try {
      const consumers = 5;
      const caughtUp = await Promise.all(
        Array.from({ length: consumers }, () => consume(feed, store, start ?? undefined, 45)),
      );
      for (const got of caughtUp) expect(got.map((e) => e.eventId)).toEqual(backlog);
      // Five consumers, each event read once: not 5 × 45.
      expect(counts.projectionEvents).toBe(45);
      expect(counts.otherReads).toBe(0);

      // Live: the consumers wait at the head; what is appended now reaches each of them.
      const head = caughtUp[0][44].position;
      const waiting = Array.from({ length: consumers }, () => consume(feed, store, head, 12));
      const live = await append(12);
      for (const got of await Promise.all(waiting)) expect(got.map((e) => e.eventId)).toEqual(live);
      expect(counts.projectionEvents).toBe(45 + 12);
      expect(counts.otherReads).toBe(0);
    } finally {
      feed.close();
    }
  });

  it('a consumer behind the window catches up on its own reads, then follows the feed', async () => {
    const start = (await real.headPosition()) ?? undefined;
    const appended = await append(40);
    const { store, counts } = counted(real);
    const feed = new LiveFeed(
      store,
      { subscriptionPollMs: 5, projectionBatchSize: pageSize },
      { windowEventsMax: 10 },
    );
    try {
      // The first consumer drives the feed to the head; the window keeps only the last 10.
      const fast = await consume(feed, store, start, 40);
      expect(fast.map((e) => e.eventId)).toEqual(appended);
      expect(counts.projectionEvents).toBe(40);
      expect(await feed.eventsAfter(start, pageSize, new AbortController().signal)).toBeNull();

      // A consumer from the same start (a restart from its checkpoint): behind the window, it
      // reads the 40 itself, in order, nothing twice.
      const late = await consume(feed, store, start, 40);
      expect(late.map((e) => e.eventId)).toEqual(appended);
      expect(counts.projectionEvents).toBe(80);

      // Both at the head now: what comes next is read once for the two.
      const head = late[39].position;
      const both = [consume(feed, store, head, 7), consume(feed, store, head, 7)];
      const live = await append(7);
      for (const got of await Promise.all(both)) expect(got.map((e) => e.eventId)).toEqual(live);
      expect(counts.projectionEvents).toBe(87);
      expect(await logIds(start)).toEqual([...appended, ...live]);
    } finally {
      feed.close();
    }
  });

  it('late commits: every consumer of the feed sees every event once, while writers commit out of order', async () => {
    const writers = 6;
    const appendsPerWriter = 60;
    const slow = new PostgresEventStore(db.sql, {
      beforeCommit: () => new Promise((resolve) => setTimeout(resolve, Math.random() * 4)),
    });
    const start = (await real.headPosition()) ?? undefined;
    const feed = new LiveFeed(
      real,
      { subscriptionPollMs: 1, projectionBatchSize: 7 },
      { windowEventsMax: 50 },
    );
    const total = writers * appendsPerWriter;
    try {
      const consumers = Array.from({ length: 3 }, () => consume(feed, real, start, total));
      const written = (
        await Promise.all(Array.from({ length: writers }, () => append(appendsPerWriter, slow)))
      ).flat();
      const expected = new Set(written);
      for (const got of await Promise.all(consumers)) {
        const ids = got.map((e) => e.eventId);
        expect(new Set(ids).size).toBe(ids.length); // nothing twice
        expect(new Set(ids)).toEqual(expected); // nothing skipped
        expect(ids).toEqual(await logIds(start)); // in log order
      }
    } finally {
      feed.close();
    }
  });
});
