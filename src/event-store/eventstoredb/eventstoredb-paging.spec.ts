import { prepareEvent } from '../append-validation';
import { eventHash } from '../event-hash';
import { compareLogPositions, type LogPosition } from '../event-store.port';
import { ForeignEventError, toEventData, type ServerRecordedEvent } from './eventstoredb-mapping';
import { newestLedgerPosition, nextWindowStart, takeFromWindow } from './eventstoredb-paging';

let n = 0;
const at = (p: number) => ({ commit: BigInt(p), prepare: BigInt(p) });

function ledger(p: number, created = new Date('2026-05-10T00:00:00Z')): ServerRecordedEvent {
  n += 1;
  const event = prepareEvent({
    eventId: `7d0b1f9e-2a7c-4c1e-9b8a-${String(n).padStart(12, '0')}`,
    type: 'Tick',
    data: { p },
    occurredAt: new Date('2026-05-10T00:00:00Z'),
  });
  const streamId = `s-${p}`;
  const hash = eventHash(null, { ...event, streamId, streamVersion: 1, recordedAt: created });
  const data = toEventData(event, {
    schemaVersion: 1,
    occurredAt: event.occurredAt.toISOString(),
    recordedAt: created.toISOString(),
    prevHash: null,
    hash,
  });
  return {
    streamId,
    id: event.eventId,
    revision: 0n,
    type: 'Tick',
    created,
    data: data.data,
    metadata: data.metadata,
    position: at(p),
  };
}
const system = (p: number): ServerRecordedEvent => ({
  streamId: '$stats-127.0.0.1:2113',
  id: `sys-${p}`,
  revision: BigInt(p),
  type: '$statsCollected',
  created: new Date(),
  data: {},
  position: at(p),
});
const claim = (p: number): ServerRecordedEvent => ({
  streamId: `_cme-event-id-${p}`,
  id: `claim-${p}`,
  revision: 0n,
  type: 'EventIdClaimed',
  created: new Date(),
  data: {},
  position: at(p),
});

/** A fake $all: windows of `size` raw records from a position (inclusive), as the server reads. */
function serverLog(records: ServerRecordedEvent[]) {
  return (from: LogPosition | undefined, size: number) =>
    records
      .filter((r) => !from || compareLogPositions(r.position as LogPosition, from) >= 0)
      .slice(0, size);
}

/** The adapter's loop over windows, with the pure functions under test. */
function readAll(
  records: ServerRecordedEvent[],
  size: number,
  options: { after?: LogPosition; limit: number; recordedBefore?: Date },
) {
  const window = serverLog(records);
  const events = [];
  let from = options.after;
  let windows = 0;
  for (;;) {
    windows += 1;
    const outcome = takeFromWindow(window(from, size), size, {
      after: from,
      wanted: options.limit - events.length,
      recordedBefore: options.recordedBefore,
    });
    events.push(...outcome.events);
    const next = nextWindowStart(outcome, from);
    if (!next) return { events, windows };
    from = next;
  }
}

describe('EventStoreDB $all paging (client-side filtering, until the real end)', () => {
  it('a window of only system events and id claims is not the end: paging goes on past it', () => {
    const records = [
      ledger(1),
      ...Array.from({ length: 25 }, (_, i) => (i % 2 ? system(2 + i) : claim(2 + i))),
      ledger(30),
      ledger(31),
    ];
    const { events, windows } = readAll(records, 5, { after: at(1), limit: 10 });
    expect(events.map((e) => e.position.prepare)).toEqual([30n, 31n]);
    expect(windows).toBeGreaterThan(5);
    // Without an `after`, the first event is included (windows are inclusive of their start).
    expect(readAll(records, 5, { limit: 1 }).events.map((e) => e.position.prepare)).toEqual([1n]);
  });

  it('stops when the page is full, and the next page starts after its last event', () => {
    const records = [ledger(1), system(2), ledger(3), ledger(4), system(5), ledger(6)];
    const first = readAll(records, 2, { limit: 2 }).events;
    expect(first.map((e) => e.position.prepare)).toEqual([1n, 3n]);
    const second = readAll(records, 2, { after: first[1].position, limit: 2 }).events;
    expect(second.map((e) => e.position.prepare)).toEqual([4n, 6n]);
    expect(readAll(records, 2, { after: at(6), limit: 2 }).events).toEqual([]);
  });

  it('"as of" filters on the server clock (created) and keeps paging past later events', () => {
    const early = new Date('2026-05-10T00:00:00Z');
    const late = new Date('2026-05-11T00:00:00Z');
    const records = [ledger(1, late), ledger(2, early), ledger(3, late), ledger(4, early)];
    const events = readAll(records, 2, { limit: 10, recordedBefore: late }).events;
    expect(events.map((e) => e.position.prepare)).toEqual([2n, 4n]);
    expect(events.every((e) => e.recordedAt < late)).toBe(true);
  });

  it('a user event the ledger did not write stops the read with its position', () => {
    const stranger: ServerRecordedEvent = {
      streamId: 'orders-1',
      id: 'a-stranger',
      revision: 0n,
      type: 'OrderPlaced',
      created: new Date(),
      data: {},
      metadata: {},
      position: at(3),
    };
    expect(() => readAll([ledger(1), system(2), stranger], 5, { limit: 10 })).toThrow(
      ForeignEventError,
    );
    expect(() => readAll([ledger(1), system(2), stranger], 5, { limit: 10 })).toThrow(/3:3/);
  });

  it('the newest ledger event, reading backwards past the server events at the end', () => {
    const backwards = [system(9), claim(8), ledger(7), ledger(6)];
    expect(newestLedgerPosition(backwards.slice(0, 2), undefined)).toEqual({
      found: null,
      lastSeen: at(8),
    });
    // The next backwards window starts (inclusive) at the last one seen, which is skipped.
    expect(newestLedgerPosition(backwards.slice(1), at(8)).found).toEqual(at(7));
    expect(newestLedgerPosition([], undefined)).toEqual({ found: null, lastSeen: undefined });
  });
});
