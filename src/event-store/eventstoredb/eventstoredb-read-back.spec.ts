import { prepareEvent } from '../append-validation';
import { eventHash } from '../event-hash';
import { EventIdConflictError } from '../event-store.errors';
import { settleAppend, type SentEvent, type StoredEvent } from './eventstoredb-read-back';

const streamId = 'person-1';
const events = [1, 2].map((i) =>
  prepareEvent({
    eventId: `7d0b1f9e-2a7c-4c1e-9b8a-00000000000${i}`,
    type: 'ScanRecorded',
    data: { scan: `qr-${i}` },
    occurredAt: new Date('2026-03-01T00:00:00Z'),
  }),
);

function sentBy(
  writerClock: Date,
  data?: unknown,
  writeId = `w-${writerClock.getTime()}`,
): SentEvent[] {
  let previous: string | null = null;
  return events.map((e, i) => {
    const event = data === undefined ? e : { ...e, data };
    const hash = eventHash(previous, {
      ...event,
      streamId,
      streamVersion: i + 1,
      recordedAt: writerClock,
    });
    previous = hash;
    return { event, streamVersion: i + 1, hash, writeId };
  });
}

/** What the server holds after `sent` was stored, each event at its own position. */
const stored = (sent: SentEvent[], writerClock: Date): StoredEvent[] =>
  sent.map((s, i) => ({
    ...s.event,
    streamId,
    streamVersion: s.streamVersion,
    recordedAt: new Date(writerClock.getTime() + 3),
    writerRecordedAt: writerClock,
    globalPosition: BigInt(100 + i * 40),
    position: { commit: BigInt(100 + i * 40), prepare: BigInt(100 + i * 40) },
    prevHash: i === 0 ? null : sent[i - 1].hash,
    hash: s.hash,
    writeId: s.writeId,
  }));

describe('EventStoreDB append read-back', () => {
  const mineAt = new Date('2026-03-01T00:00:00.001Z');
  const twinAt = new Date('2026-03-01T00:00:00.002Z');

  it('written now: each event with its own position (not one position for the batch)', () => {
    const sent = sentBy(mineAt);
    const result = settleAppend(streamId, sent, stored(sent, mineAt));
    expect(result).toEqual({
      streamId,
      nextExpectedVersion: 2,
      lastGlobalPosition: 140n,
      idempotentReplay: false,
      events: [
        { eventId: events[0].eventId, streamVersion: 1, globalPosition: 100n, hash: sent[0].hash },
        { eventId: events[1].eventId, streamVersion: 2, globalPosition: 140n, hash: sent[1].hash },
      ],
    });
  });

  it('a twin with the same content wrote first (the server answered "success" comparing ids): a replay with the stored hashes', () => {
    const twin = sentBy(twinAt);
    const mine = sentBy(mineAt);
    const result = settleAppend(streamId, mine, stored(twin, twinAt));
    expect(result?.idempotentReplay).toBe(true);
    expect(result?.events.map((e) => e.hash)).toEqual(twin.map((s) => s.hash));
    // No hash of content that was never stored reaches the caller.
    expect(result?.events.map((e) => e.hash)).not.toContain(mine[0].hash);
  });

  it('a twin in the same millisecond (same content, clock and so hash) is still told apart by its attempt id', () => {
    const twin = sentBy(mineAt, undefined, 'twin');
    const mine = sentBy(mineAt, undefined, 'mine');
    expect(twin.map((s) => s.hash)).toEqual(mine.map((s) => s.hash));
    expect(settleAppend(streamId, mine, stored(twin, mineAt))?.idempotentReplay).toBe(true);
    expect(settleAppend(streamId, twin, stored(twin, mineAt))?.idempotentReplay).toBe(false);
  });

  it('a twin with other content under the same ids wrote first: EventIdConflictError', () => {
    const twin = sentBy(twinAt, { scan: 'qr-9' });
    expect(() => settleAppend(streamId, sentBy(mineAt), stored(twin, twinAt))).toThrow(
      EventIdConflictError,
    );
  });

  it('ids not where they were sent: null (the caller looks through the whole stream)', () => {
    expect(settleAppend(streamId, sentBy(mineAt), [])).toBeNull();
  });
});
