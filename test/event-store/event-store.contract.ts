import { randomUUID } from 'node:crypto';
import {
  digestWithHeads,
  ledgerDigest,
  merkleRoot,
  verifyLedger,
} from '../../src/audit/verification/ledger-verifier';
import { verifyStreamChain } from '../../src/event-store/event-hash';
import {
  EventIdConflictError,
  InvalidAppendError,
  WrongExpectedVersionError,
} from '../../src/event-store/event-store.errors';
import { readLimitMax } from '../../src/event-store/event-store.limits';
import {
  compareLogPositions,
  EventStore,
  LogPosition,
  NewEvent,
  RecordedEvent,
  StreamHead,
} from '../../src/event-store/event-store.port';
import { pagesOfLog, streamHeadsFromLog } from '../../src/event-store/read-all-pages';

/**
 * The behaviour every adapter of the event store port must have. Written once; each adapter's
 * spec calls it with a factory for a store. The store need not be empty (an EventStoreDB server
 * is shared and never emptied): every run names its streams with its own prefix and reads the log
 * from the position it found at its start.
 */
export interface ContractSubject {
  store: EventStore;
  teardown(): Promise<void>;
}

let streamCounter = 0;
/** This run's own prefix: streams of earlier runs on a shared server are never confused with it. */
export const runId = randomUUID().slice(0, 8);
export function newStreamId(prefix = 'contract'): string {
  streamCounter += 1;
  return `${prefix}-${runId}-${streamCounter}-${randomUUID()}`;
}

export function newEvent(
  type = 'ThingHappened',
  data: unknown = { n: 1 },
  occurredAt = new Date('2026-03-01T08:00:00+08:00'),
): NewEvent {
  return {
    eventId: randomUUID(),
    type,
    data,
    occurredAt,
    metadata: { actorId: 'actor-1', role: 'admin' },
  };
}

/** The log from `after` (default: its beginning) to its end, through `readAll` pages. */
export async function readWholeLog(
  store: EventStore,
  after?: LogPosition,
): Promise<RecordedEvent[]> {
  const all: RecordedEvent[] = [];
  for (;;) {
    const page = await store.readAll({ after: all[all.length - 1]?.position ?? after, limit: 500 });
    if (page.length === 0) return all;
    all.push(...page);
  }
}

/** Every stream's head at `to`, worked out here from the whole log (independently of the store's own). */
async function headsFromWholeLog(store: EventStore, to: LogPosition): Promise<StreamHead[]> {
  const heads = new Map<string, StreamHead>();
  for (const e of await readWholeLog(store)) {
    if (compareLogPositions(e.position, to) > 0) break;
    heads.set(e.streamId, { streamId: e.streamId, version: e.streamVersion, hash: e.hash });
  }
  return [...heads.values()];
}

async function collect<T>(pages: AsyncIterable<T[]>): Promise<T[]> {
  const all: T[] = [];
  for await (const page of pages) all.push(...page);
  return all;
}

/**
 * What a reader gets from a store whose stream lost events at its end (`keep` of them left; 0: the
 * stream vanished) — an EventStoreDB stream deleted, or a truncation a superuser made.
 */
function withLostTail(store: EventStore, streamId: string, keep: number): EventStore {
  const lose = (events: RecordedEvent[]) =>
    events.filter((e) => e.streamId !== streamId || e.streamVersion <= keep);
  const lost: EventStore = Object.create(store);
  lost.readAll = async (options) => lose(await store.readAll(options));
  lost.readStream = async (id, options) => lose(await store.readStream(id, options));
  lost.readAllPages = (options) => pagesOfLog(lost, options);
  lost.streamHeads = (options) => streamHeadsFromLog(lost, options);
  // The store's own record of heads, where it has one, is what the tamperer also changed.
  lost.recordedStreamHeads = undefined;
  return lost;
}

/**
 * What a reader gets from a store in which one stored event was changed after it was written (a
 * superuser's UPDATE, a restored backup): the same store, with that event's data altered on the
 * way out of every read.
 */
function withChangedEvent(store: EventStore, eventId: string): EventStore {
  const change = (e: RecordedEvent): RecordedEvent =>
    e.eventId === eventId ? { ...e, data: { changed: true } } : e;
  const changed: EventStore = Object.create(store);
  changed.readAll = async (options) => (await store.readAll(options)).map(change);
  changed.readStream = async (streamId, options) =>
    (await store.readStream(streamId, options)).map(change);
  changed.readAllPages = (options) => pagesOfLog(changed, options);
  return changed;
}

export function describeEventStoreContract(
  name: string,
  open: () => Promise<ContractSubject>,
): void {
  describe(`event store contract: ${name}`, () => {
    let subject: ContractSubject;
    let store: EventStore;
    /** Where the log stood when this run began: what the run reads starts after it. */
    let runStart: LogPosition | undefined;
    const readRunLog = () => readWholeLog(store, runStart);

    beforeAll(async () => {
      subject = await open();
      store = subject.store;
      runStart = (await store.headPosition()) ?? undefined;
    });
    afterAll(async () => {
      await subject?.teardown();
    });

    describe('append and read a stream', () => {
      it('numbers events 1…n, keeps every field, and chains their hashes', async () => {
        const streamId = newStreamId();
        const events = [
          newEvent('ActivityRegistered', { credits: '0.5', title: '心血管 continuing course' }),
          {
            ...newEvent('SessionScheduled', { at: 2 }),
            schemaVersion: 2,
            metadata: {
              actorId: 'a-2',
              role: 'organizer',
              correlationId: 'c-1',
              causationId: 'c-0',
              reason: 'because',
            },
          },
          newEvent('AttendanceRecorded', { nested: { b: [1, 2, { z: true }], a: null } }),
        ];
        const result = await store.append(streamId, events, 'no-stream');
        expect(result.nextExpectedVersion).toBe(3);
        expect(result.idempotentReplay).toBe(false);
        expect(result.events.map((e) => e.streamVersion)).toEqual([1, 2, 3]);

        const read = await store.readStream(streamId);
        expect(read.map((e) => e.eventId)).toEqual(events.map((e) => e.eventId));
        expect(read.map((e) => e.streamVersion)).toEqual([1, 2, 3]);
        expect(read[0].data).toEqual({ credits: '0.5', title: '心血管 continuing course' });
        expect(read[1].schemaVersion).toBe(2);
        expect(read[0].schemaVersion).toBe(1);
        expect(read[1].metadata).toEqual({
          actorId: 'a-2',
          role: 'organizer',
          correlationId: 'c-1',
          causationId: 'c-0',
          reason: 'because',
        });
        expect(read[2].data).toEqual({ nested: { b: [1, 2, { z: true }], a: null } });
        expect(read[0].occurredAt.toISOString()).toBe('2026-03-01T00:00:00.000Z');
        for (const e of read) expect(e.recordedAt).toBeInstanceOf(Date);
        expect(read.map((e) => e.globalPosition)).toEqual(
          result.events.map((e) => e.globalPosition),
        );
        expect(read[0].globalPosition < read[1].globalPosition).toBe(true);
        expect(read[0].prevHash).toBeNull();
        expect(read[1].prevHash).toBe(read[0].hash);
        expect(verifyStreamChain(read)).toBeNull();
        expect(await store.streamVersion(streamId)).toBe(3);
      });

      it('chains across appends, and the chain detects a changed event', async () => {
        const streamId = newStreamId();
        await store.append(streamId, [newEvent()], 'no-stream');
        await store.append(streamId, [newEvent(), newEvent()], 1);
        const read = await store.readStream(streamId);
        expect(verifyStreamChain(read)).toBeNull();
        const tampered = read.map((e, i) => (i === 1 ? { ...e, data: { n: 2 } } : e));
        expect(verifyStreamChain(tampered)).toMatchObject({
          streamVersion: 2,
          reason: 'hash-mismatch',
        });
      });

      it('reads a version range and "as of" a recorded time', async () => {
        const streamId = newStreamId();
        await store.append(streamId, [newEvent(), newEvent()], 'no-stream');
        const [, second] = await store.readStream(streamId);
        await new Promise((resolve) => setTimeout(resolve, 15));
        await store.append(streamId, [newEvent(), newEvent()], 2);

        expect(
          (await store.readStream(streamId, { fromVersion: 2, toVersion: 3 })).map(
            (e) => e.streamVersion,
          ),
        ).toEqual([2, 3]);
        expect(
          (await store.readStream(streamId, { fromVersion: 3 })).map((e) => e.streamVersion),
        ).toEqual([3, 4]);
        expect(
          (await store.readStream(streamId, { limit: 1 })).map((e) => e.streamVersion),
        ).toEqual([1]);
        const asOf = new Date(second.recordedAt.getTime() + 1);
        expect(
          (await store.readStream(streamId, { recordedBefore: asOf })).map((e) => e.streamVersion),
        ).toEqual([1, 2]);
        expect(
          await store.readStream(streamId, { recordedBefore: new Date('2000-01-01T00:00:00Z') }),
        ).toEqual([]);
        expect(await store.readStream(newStreamId('missing'))).toEqual([]);
        expect(await store.streamVersion(newStreamId('missing'))).toBe(0);
      });
    });

    describe('optimistic concurrency', () => {
      it('no-stream: succeeds only on a new stream', async () => {
        const streamId = newStreamId();
        await store.append(streamId, [newEvent()], 'no-stream');
        await expect(store.append(streamId, [newEvent()], 'no-stream')).rejects.toMatchObject({
          name: 'WrongExpectedVersionError',
          actual: 1,
        });
      });

      it('exists: fails on a new stream, succeeds on an existing one', async () => {
        const streamId = newStreamId();
        await expect(store.append(streamId, [newEvent()], 'exists')).rejects.toBeInstanceOf(
          WrongExpectedVersionError,
        );
        expect(await store.streamVersion(streamId)).toBe(0);
        await store.append(streamId, [newEvent()], 'any');
        await expect(store.append(streamId, [newEvent()], 'exists')).resolves.toMatchObject({
          nextExpectedVersion: 2,
        });
      });

      it('exact version: 0 means empty; any other mismatch fails with the actual version', async () => {
        const streamId = newStreamId();
        await store.append(streamId, [newEvent()], 0);
        await expect(store.append(streamId, [newEvent()], 0)).rejects.toMatchObject({ actual: 1 });
        await expect(store.append(streamId, [newEvent()], 5)).rejects.toMatchObject({
          actual: 1,
          expected: '5',
        });
        await expect(store.append(streamId, [newEvent()], 1)).resolves.toMatchObject({
          nextExpectedVersion: 2,
        });
      });

      it('any: appends whatever the stream holds', async () => {
        const streamId = newStreamId();
        await store.append(streamId, [newEvent()], 'any');
        await store.append(streamId, [newEvent()], 'any');
        expect(await store.streamVersion(streamId)).toBe(2);
      });

      it('of many writers racing on one expected version, exactly one wins', async () => {
        const streamId = newStreamId();
        await store.append(streamId, [newEvent()], 'no-stream');
        const outcomes = await Promise.allSettled(
          Array.from({ length: 10 }, () => store.append(streamId, [newEvent()], 1)),
        );
        const won = outcomes.filter((o) => o.status === 'fulfilled');
        const lost = outcomes.filter((o) => o.status === 'rejected') as PromiseRejectedResult[];
        expect(won).toHaveLength(1);
        expect(lost).toHaveLength(9);
        for (const o of lost) expect(o.reason).toBeInstanceOf(WrongExpectedVersionError);
        expect(await store.streamVersion(streamId)).toBe(2);
      });

      it('of many writers racing to create a stream with no-stream, exactly one wins', async () => {
        const streamId = newStreamId();
        const outcomes = await Promise.allSettled(
          Array.from({ length: 8 }, () => store.append(streamId, [newEvent()], 'no-stream')),
        );
        expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
        expect(await store.streamVersion(streamId)).toBe(1);
      });

      it('concurrent writers with any lose nothing', async () => {
        const streamId = newStreamId();
        await Promise.all(
          Array.from({ length: 20 }, () => store.append(streamId, [newEvent()], 'any')),
        );
        const read = await store.readStream(streamId);
        expect(read.map((e) => e.streamVersion)).toEqual(
          Array.from({ length: 20 }, (_, i) => i + 1),
        );
        expect(verifyStreamChain(read)).toBeNull();
      });
    });

    describe('idempotency by event id', () => {
      it('re-appending the same events returns the original result and writes nothing', async () => {
        const streamId = newStreamId();
        const events = [
          newEvent('ScanRecorded', { scan: 'qr-1' }),
          newEvent('ScanRecorded', { scan: 'qr-2' }),
        ];
        const first = await store.append(streamId, events, 'no-stream');
        const before = (await readRunLog()).length;
        // A retried request: same ids and content, new correlation id, same expected version.
        const retried = events.map((e) => ({
          ...e,
          metadata: { ...e.metadata, correlationId: 'retry' },
        }));
        const again = await store.append(streamId, retried, 'no-stream');
        expect(again.idempotentReplay).toBe(true);
        expect(again.events).toEqual(first.events);
        expect(again.nextExpectedVersion).toBe(2);
        expect((await readRunLog()).length).toBe(before);
        expect(await store.streamVersion(streamId)).toBe(2);
      });

      it('the same id with different content is an error', async () => {
        const streamId = newStreamId();
        const event = newEvent('ScanRecorded', { scan: 'qr-1' });
        await store.append(streamId, [event], 'no-stream');
        await expect(
          store.append(streamId, [{ ...event, data: { scan: 'qr-9' } }], 'any'),
        ).rejects.toBeInstanceOf(EventIdConflictError);
        await expect(store.append(newStreamId(), [event], 'any')).rejects.toBeInstanceOf(
          EventIdConflictError,
        );
        await expect(store.append(streamId, [event, newEvent()], 'any')).rejects.toBeInstanceOf(
          EventIdConflictError,
        );
        expect(await store.streamVersion(streamId)).toBe(1);
      });

      it('the same event appended concurrently is stored once', async () => {
        const streamId = newStreamId();
        const event = newEvent('ScanRecorded', { scan: 'qr-race' });
        const results = await Promise.all(
          Array.from({ length: 8 }, () => store.append(streamId, [event], 'any')),
        );
        expect(new Set(results.map((r) => r.events[0].globalPosition)).size).toBe(1);
        expect(results.filter((r) => !r.idempotentReplay)).toHaveLength(1);
        expect(await store.streamVersion(streamId)).toBe(1);
      });
    });

    describe('idempotency across streams and under races', () => {
      it('an event id is unique in the whole log: reused in another stream it is refused, whatever the content', async () => {
        const [a, b] = [newStreamId('reuse'), newStreamId('reuse')];
        const event = newEvent('CreditGranted', { credits: '2.5' });
        await store.append(a, [event], 'no-stream');
        await expect(store.append(b, [event], 'no-stream')).rejects.toBeInstanceOf(
          EventIdConflictError,
        );
        await expect(
          store.append(b, [{ ...event, data: { credits: '25' } }], 'any'),
        ).rejects.toBeInstanceOf(EventIdConflictError);
        expect(await store.streamVersion(b)).toBe(0);
        expect((await readRunLog()).filter((e) => e.eventId === event.eventId)).toHaveLength(1);
      });

      it('one id raced into several streams at once is stored in exactly one of them', async () => {
        const streams = Array.from({ length: 6 }, () => newStreamId('reuse-race'));
        const event = newEvent('CreditGranted', { credits: '1' });
        const outcomes = await Promise.allSettled(
          streams.map((s) => store.append(s, [event], 'any')),
        );
        const won = outcomes.filter((o) => o.status === 'fulfilled');
        expect(won).toHaveLength(1);
        for (const o of outcomes)
          if (o.status === 'rejected') expect(o.reason).toBeInstanceOf(EventIdConflictError);
        const stored = (await readRunLog()).filter((e) => e.eventId === event.eventId);
        expect(stored).toHaveLength(1);
        const versions = await Promise.all(streams.map((s) => store.streamVersion(s)));
        expect(versions.filter((v) => v === 1)).toHaveLength(1);
      });

      it('concurrent retries of one id with different content: one content is stored, and no caller holds a hash that is not in the chain', async () => {
        const streamId = newStreamId('conflicting-retries');
        const base = newEvent('ScanRecorded', { scan: 'qr-0' });
        // Four contents, each sent by two writers at once.
        const attempts = Array.from({ length: 8 }, (_, i) => ({
          ...base,
          data: { scan: `qr-${i % 4}` },
        }));
        const outcomes = await Promise.allSettled(
          attempts.map((e) => store.append(streamId, [e], 'any')),
        );
        const [stored] = await store.readStream(streamId);
        expect(await store.streamVersion(streamId)).toBe(1);
        expect(stored.eventId).toBe(base.eventId);
        let fresh = 0;
        outcomes.forEach((o, i) => {
          const sameContent = JSON.stringify(attempts[i].data) === JSON.stringify(stored.data);
          if (o.status === 'fulfilled') {
            expect(sameContent).toBe(true);
            expect(o.value.events[0].hash).toBe(stored.hash);
            expect(o.value.events[0].globalPosition).toBe(stored.globalPosition);
            if (!o.value.idempotentReplay) fresh += 1;
          } else {
            expect(sameContent).toBe(false);
            expect(o.reason).toBeInstanceOf(EventIdConflictError);
          }
        });
        expect(fresh).toBe(1);
      });

      it('a retry refused for its expected version is still answered as the replay it is', async () => {
        const streamId = newStreamId('stale-replay');
        const event = newEvent('ScanRecorded', { scan: 'qr-1' });
        const first = await store.append(streamId, [event], 'no-stream');
        await store.append(streamId, [newEvent()], 1);
        const again = await store.append(streamId, [event], 'no-stream');
        expect(again).toMatchObject({ idempotentReplay: true, events: first.events });
        // A new id with the same stale expectation is refused, and the id stays free.
        const late = newEvent('ScanRecorded', { scan: 'qr-2' });
        await expect(store.append(streamId, [late], 1)).rejects.toBeInstanceOf(
          WrongExpectedVersionError,
        );
        await expect(
          store.append(streamId, [{ ...late, data: { scan: 'qr-3' } }], 2),
        ).resolves.toMatchObject({ nextExpectedVersion: 3, idempotentReplay: false });
      });
    });

    describe('positions', () => {
      it('each event of an append gets its own position, the one every reader sees', async () => {
        const streamId = newStreamId('positions');
        const result = await store.append(
          streamId,
          [newEvent('Tick', { i: 0 }), newEvent('Tick', { i: 1 }), newEvent('Tick', { i: 2 })],
          'no-stream',
        );
        const positions = result.events.map((e) => e.globalPosition);
        expect(new Set(positions).size).toBe(3);
        expect(positions[0] < positions[1] && positions[1] < positions[2]).toBe(true);
        expect(result.lastGlobalPosition).toBe(positions[2]);
        const read = await store.readStream(streamId);
        expect(read.map((e) => e.globalPosition)).toEqual(positions);
        const fromLog = (await readRunLog()).filter((e) => e.streamId === streamId);
        expect(fromLog.map((e) => e.globalPosition)).toEqual(positions);
        expect(fromLog.map((e) => e.position)).toEqual(read.map((e) => e.position));
        for (let i = 1; i < read.length; i += 1)
          expect(compareLogPositions(read[i - 1].position, read[i].position)).toBe(-1);
      });

      it('"as of" is the same instant on readStream and readAll: the store\'s clock', async () => {
        const streamId = newStreamId('as-of');
        await store.append(streamId, [newEvent()], 'no-stream');
        await new Promise((resolve) => setTimeout(resolve, 15));
        await store.append(streamId, [newEvent()], 1);
        const [first, second] = await store.readStream(streamId);
        expect(first.recordedAt < second.recordedAt).toBe(true);
        for (const asOf of [
          first.recordedAt,
          second.recordedAt,
          new Date(second.recordedAt.getTime() + 1),
        ]) {
          const fromStream = await store.readStream(streamId, { recordedBefore: asOf });
          const fromLog = (
            await store.readAll({ after: runStart, recordedBefore: asOf, limit: 10_000 })
          ).filter((e) => e.streamId === streamId);
          expect(fromStream.map((e) => e.eventId)).toEqual(fromLog.map((e) => e.eventId));
          expect(fromStream.every((e) => e.recordedAt < asOf)).toBe(true);
        }
      });
    });

    describe('bad appends are refused whole', () => {
      it.each([
        ['no events', () => [] as NewEvent[]],
        ['an id that is not a UUID', () => [{ ...newEvent(), eventId: 'scan-1' }]],
        [
          'the same id twice',
          () => {
            const e = newEvent();
            return [e, e];
          },
        ],
        ['an empty type', () => [{ ...newEvent(), type: '' }]],
        ['an invalid occurredAt', () => [{ ...newEvent(), occurredAt: new Date('nope') }]],
        ['a schema version of 0', () => [{ ...newEvent(), schemaVersion: 0 }]],
      ])('%s', async (_label, events) => {
        const streamId = newStreamId();
        await expect(store.append(streamId, events(), 'any')).rejects.toBeInstanceOf(
          InvalidAppendError,
        );
        expect(await store.streamVersion(streamId)).toBe(0);
      });

      it('a stream id with white space or personal-data-like free text', async () => {
        await expect(
          store.append('person 330102199001011234', [newEvent()], 'any'),
        ).rejects.toBeInstanceOf(InvalidAppendError);
        await expect(store.append('', [newEvent()], 'any')).rejects.toBeInstanceOf(
          InvalidAppendError,
        );
      });
    });

    describe('reading the whole log', () => {
      it('pages through every event exactly once, in an order consistent with each stream', async () => {
        const streams = [newStreamId(), newStreamId(), newStreamId()];
        for (let i = 0; i < 5; i += 1) {
          for (const s of streams) await store.append(s, [newEvent('Tick', { i })], 'any');
        }
        const all = await readRunLog();
        const ids = all.map((e) => e.eventId);
        expect(new Set(ids).size).toBe(ids.length);
        for (let i = 1; i < all.length; i += 1) {
          expect(compareLogPositions(all[i - 1].position, all[i].position)).toBe(-1);
        }
        for (const s of streams) {
          expect(all.filter((e) => e.streamId === s).map((e) => e.streamVersion)).toEqual([
            1, 2, 3, 4, 5,
          ]);
        }
        const head = await store.headPosition();
        expect(head && compareLogPositions(head, all[all.length - 1].position)).toBe(0);
        expect(await store.readAll({ after: head ?? undefined })).toEqual([]);
      });

      it('answers "as of" a recorded time', async () => {
        const streamId = newStreamId();
        await store.append(streamId, [newEvent()], 'no-stream');
        const [first] = await store.readStream(streamId);
        await new Promise((resolve) => setTimeout(resolve, 15));
        await store.append(streamId, [newEvent()], 1);
        const asOf = new Date(first.recordedAt.getTime() + 1);
        const seen = (await readRunLog()).filter(
          (e) => e.recordedAt < asOf && e.streamId === streamId,
        );
        const asOfPage = (
          await store.readAll({ after: runStart, recordedBefore: asOf, limit: 10_000 })
        ).filter((e) => e.streamId === streamId);
        expect(asOfPage.map((e) => e.streamVersion)).toEqual([1]);
        expect(seen.map((e) => e.streamVersion)).toEqual([1]);
      });
    });

    describe('reading the whole log in pages (readAllPages)', () => {
      it('pages of at most pageSize, after (exclusive) up to to (inclusive), as readAll has them', async () => {
        const before = (await store.headPosition()) ?? undefined;
        const streams = [newStreamId('pages'), newStreamId('pages')];
        for (let i = 0; i < 4; i += 1)
          for (const s of streams) await store.append(s, [newEvent('Tick', { i })], 'any');
        const ours = (await readRunLog()).filter((e) =>
          before ? compareLogPositions(e.position, before) > 0 : true,
        );
        expect(ours).toHaveLength(8);

        const sizes: number[] = [];
        const paged: RecordedEvent[] = [];
        for await (const page of store.readAllPages({ after: before, pageSize: 3 })) {
          sizes.push(page.length);
          paged.push(...page);
        }
        expect(paged).toEqual(ours);
        expect(sizes).toEqual([3, 3, 2]);

        const to = ours[4].position;
        const upTo = await collect(store.readAllPages({ after: before, to, pageSize: 2 }));
        expect(upTo.map((e) => e.eventId)).toEqual(ours.slice(0, 5).map((e) => e.eventId));
        expect(await collect(store.readAllPages({ after: to, to }))).toEqual([]);

        const asOf = new Date(ours[0].recordedAt.getTime() + 1);
        const asOfPaged = await collect(
          store.readAllPages({ after: before, recordedBefore: asOf, pageSize: 2 }),
        );
        expect(asOfPaged.every((e) => e.recordedAt < asOf)).toBe(true);
        expect(asOfPaged.map((e) => e.eventId)).toContain(ours[0].eventId);

        await expect(collect(store.readAllPages({ pageSize: readLimitMax + 1 }))).rejects.toThrow(
          RangeError,
        );
        await expect(collect(store.readAllPages({ pageSize: 0 }))).rejects.toThrow(RangeError);
      });
    });

    describe('verifier and digest through the port', () => {
      it('a digest at a position stays the same as the log grows, and equals the heads worked out from the whole log', async () => {
        const streams = [newStreamId('digest'), newStreamId('digest'), newStreamId('digest')];
        for (const [i, s] of streams.entries())
          await store.append(s, [newEvent('Tick', { i }), newEvent('Tick', { i })], 'no-stream');
        const published = await ledgerDigest(store);
        const head = (await store.headPosition()) as LogPosition;
        const heads = await headsFromWholeLog(store, head);
        expect(published).toEqual({
          algorithm: 'merkle-sha256-stream-heads-v1',
          position: `${head.commit}:${head.prepare}`,
          root: merkleRoot(heads),
          streams: heads.length,
          events: heads.reduce((n, h) => n + h.version, 0),
        });
        // The store's own heads and a fold over its log agree.
        const byId = (a: StreamHead, b: StreamHead) => (a.streamId < b.streamId ? -1 : 1);
        expect((await collect(store.streamHeads({ to: head }))).sort(byId)).toEqual(
          (await collect(streamHeadsFromLog(store, { to: head }))).sort(byId),
        );

        await store.append(streams[0], [newEvent('Tick', { i: 9 })], 2);
        expect(await ledgerDigest(store, head)).toEqual(published);
        expect((await ledgerDigest(store)).root).not.toBe(published.root);
      });

      it('the verifier recomputes every chain, agrees with the digest, and names the event that was changed', async () => {
        const streamId = newStreamId('verify');
        await store.append(
          streamId,
          [newEvent('Tick', { i: 1 }), newEvent('Tick', { i: 2 }), newEvent('Tick', { i: 3 })],
          'no-stream',
        );
        const report = await verifyLedger(store);
        const head = (await store.headPosition()) as LogPosition;
        expect(report).toMatchObject({ ok: true, firstBreak: null, breaks: [] });
        expect(report.digest).toEqual(await ledgerDigest(store, head));
        const log = await readWholeLog(store);
        expect(report.events).toBe(log.length);
        expect(report.streams).toBe(new Set(log.map((e) => e.streamId)).size);

        const [, second] = await store.readStream(streamId);
        const tampered = await verifyLedger(withChangedEvent(store, second.eventId));
        expect(tampered.ok).toBe(false);
        expect(tampered.firstBreak).toEqual({
          eventId: second.eventId,
          streamId,
          streamVersion: 2,
          globalPosition: second.globalPosition.toString(),
          reason: 'hash-mismatch',
        });
      });

      it('against a published digest, a stream that lost its tail or vanished is named', async () => {
        const [kept, cut, gone] = [newStreamId('tail'), newStreamId('tail'), newStreamId('tail')];
        for (const s of [kept, cut, gone])
          await store.append(
            s,
            [newEvent('Tick'), newEvent('Tick'), newEvent('Tick')],
            'no-stream',
          );
        const { digest, heads } = await digestWithHeads(store);
        const published = { ...digest, heads };
        expect((await verifyLedger(store, { published })).ok).toBe(true);
        // Without the heads, only the root can differ.
        const rootOnly = { position: digest.position, root: digest.root };
        expect((await verifyLedger(store, { published: rootOnly })).ok).toBe(true);

        const tampered = withLostTail(withLostTail(store, cut, 1), gone, 0);
        const report = await verifyLedger(tampered, { published });
        expect(report.ok).toBe(false);
        expect(report.breaks).toEqual(
          expect.arrayContaining([
            expect.objectContaining({ streamId: cut, streamVersion: 3, reason: 'tail-lost' }),
            expect.objectContaining({
              streamId: gone,
              streamVersion: 3,
              reason: 'stream-vanished',
            }),
          ]),
        );
        expect(report.breaks.some((b) => b.streamId === kept)).toBe(false);
        // Each chain that is left still holds: only the published heads show the loss.
        expect((await verifyLedger(tampered)).breaks.filter((b) => b.streamId === cut)).toEqual([]);
        expect((await verifyLedger(tampered, { published: rootOnly })).breaks).toEqual(
          expect.arrayContaining([expect.objectContaining({ reason: 'digest-mismatch' })]),
        );
      });
    });

    describe('subscription', () => {
      it('catches up in batches, then follows new events live, until aborted', async () => {
        const head = await store.headPosition();
        const streamId = newStreamId('sub');
        await store.append(
          streamId,
          Array.from({ length: 7 }, (_, i) => newEvent('Tick', { i })),
          'no-stream',
        );
        const controller = new AbortController();
        const seen: RecordedEvent[] = [];
        const batchSizes: number[] = [];
        const done = (async () => {
          for await (const batch of store.subscribe({
            after: head ?? undefined,
            batchSize: 3,
            pollIntervalMs: 10,
            signal: controller.signal,
          })) {
            batchSizes.push(batch.length);
            seen.push(...batch);
            if (seen.length >= 10) controller.abort();
          }
        })();
        await waitFor(() => seen.length >= 7);
        await store.append(
          streamId,
          [newEvent('Tick', { i: 7 }), newEvent('Tick', { i: 8 }), newEvent('Tick', { i: 9 })],
          7,
        );
        await done;
        expect(seen.map((e) => (e.data as { i: number }).i)).toEqual([
          0, 1, 2, 3, 4, 5, 6, 7, 8, 9,
        ]);
        expect(Math.max(...batchSizes)).toBeLessThanOrEqual(3);
      });

      it('resumes after a checkpoint without repeating anything', async () => {
        const streamId = newStreamId('resume');
        await store.append(
          streamId,
          [newEvent('Tick', { i: 0 }), newEvent('Tick', { i: 1 })],
          'no-stream',
        );
        const [firstEvent] = await store.readStream(streamId);
        const controller = new AbortController();
        const seen: RecordedEvent[] = [];
        for await (const batch of store.subscribe({
          after: firstEvent.position,
          pollIntervalMs: 10,
          signal: controller.signal,
        })) {
          seen.push(...batch.filter((e) => e.streamId === streamId));
          controller.abort();
        }
        expect(seen.map((e) => e.streamVersion)).toEqual([2]);
      });
    });
  });
}

export async function waitFor(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > timeoutMs) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
