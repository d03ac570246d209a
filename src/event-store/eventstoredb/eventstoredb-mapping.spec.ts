import { ANY, NO_STREAM, STREAM_EXISTS } from '@eventstore/db-client';
import { verifyStreamChain, eventHash } from '../event-hash';
import { prepareEvent } from '../append-validation';
import {
  actualVersionOf,
  ForeignEventError,
  fromServerEvent,
  isLedgerEvent,
  isSystemEvent,
  ledgerStreamsRegex,
  revisionAfter,
  toEventData,
  toExpectedRevision,
  versionOfRevision,
} from './eventstoredb-mapping';

describe('EventStoreDB mapping', () => {
  it('maps expected versions (1-based) to expected revisions (0-based)', () => {
    expect(toExpectedRevision('any')).toBe(ANY);
    expect(toExpectedRevision('no-stream')).toBe(NO_STREAM);
    expect(toExpectedRevision(0)).toBe(NO_STREAM);
    expect(toExpectedRevision('exists')).toBe(STREAM_EXISTS);
    expect(toExpectedRevision(1)).toBe(0n);
    expect(toExpectedRevision(42)).toBe(41n);
    expect(revisionAfter(0)).toBe(NO_STREAM);
    expect(revisionAfter(3)).toBe(2n);
    expect(versionOfRevision(0n)).toBe(1);
    expect(actualVersionOf(4n)).toBe(5);
    expect(actualVersionOf('no_stream')).toBe(0);
  });

  it("round-trips an event with its hash chain, schema version and both clocks: recordedAt is the server's created, the writer's (hashed) beside it", () => {
    const streamId = 'person-1';
    const recordedAt = new Date('2026-05-10T01:00:00.000Z');
    const created = new Date('2026-05-10T01:00:00.250Z');
    let previous: string | null = null;
    const serverEvents = [1, 2].map((n) => {
      const event = prepareEvent({
        eventId: `7d0b1f9e-2a7c-4c1e-9b8a-1f2e3d4c5b6${n}`,
        type: 'CreditGranted',
        schemaVersion: 2,
        data: { amount: '2.5', n },
        metadata: { actorId: 'a', role: 'admin', reason: 'because' },
        occurredAt: new Date('2026-05-10T00:00:00.000Z'),
      });
      const hash = eventHash(previous, { ...event, streamId, streamVersion: n, recordedAt });
      const data = toEventData(event, {
        schemaVersion: 2,
        occurredAt: event.occurredAt.toISOString(),
        recordedAt: recordedAt.toISOString(),
        prevHash: previous,
        hash,
      });
      previous = hash;
      expect(data.id).toBe(event.eventId);
      expect(data.type).toBe('CreditGranted');
      return {
        streamId,
        id: event.eventId,
        revision: BigInt(n - 1),
        type: data.type,
        created,
        data: data.data,
        metadata: data.metadata,
        position: { commit: 100n * BigInt(n), prepare: 100n * BigInt(n) },
      };
    });
    const recorded = serverEvents.map(fromServerEvent);
    expect(recorded[1]).toMatchObject({
      streamVersion: 2,
      schemaVersion: 2,
      data: { amount: '2.5', n: 2 },
      metadata: { actorId: 'a', role: 'admin', reason: 'because' },
      recordedAt: created,
      writerRecordedAt: recordedAt,
      position: { commit: 200n, prepare: 200n },
      globalPosition: 200n,
      prevHash: recorded[0].hash,
    });
    // The chain covers the writer's clock, so it holds although recordedAt is the server's.
    expect(verifyStreamChain(recorded)).toBeNull();
    // An archive line carries the writer's clock as text: it hashes the same.
    const writerClockText = (recorded[1].writerRecordedAt as Date).toISOString();
    expect(eventHash(recorded[0].hash, { ...recorded[1], writerRecordedAt: writerClockText })).toBe(
      recorded[1].hash,
    );
    // Without the writer's clock (as if the server's were hashed) the chain breaks.
    expect(
      verifyStreamChain(recorded.map((e) => ({ ...e, writerRecordedAt: undefined }))),
    ).toMatchObject({ streamVersion: 1, reason: 'hash-mismatch' });
  });

  it('refuses an event without a position rather than placing it at 0', () => {
    const event = prepareEvent({
      eventId: '7d0b1f9e-2a7c-4c1e-9b8a-1f2e3d4c5b60',
      type: 'T',
      data: {},
      occurredAt: new Date('2026-05-10T00:00:00.000Z'),
    });
    const data = toEventData(event, {
      schemaVersion: 1,
      occurredAt: event.occurredAt.toISOString(),
      recordedAt: event.occurredAt.toISOString(),
      prevHash: null,
      hash: 'h',
    });
    expect(() =>
      fromServerEvent({
        streamId: 's',
        id: event.eventId,
        revision: 0n,
        type: 'T',
        created: new Date(),
        data: data.data,
        metadata: data.metadata,
      }),
    ).toThrow(/without its log position/);
  });

  it('refuses events it did not write, naming their position, and recognises system events and id claims', () => {
    const foreign = () =>
      fromServerEvent({
        streamId: 's',
        id: 'x',
        revision: 0n,
        type: 'T',
        created: new Date(),
        data: {},
        metadata: {},
        position: { commit: 7n, prepare: 5n },
      });
    expect(foreign).toThrow(ForeignEventError);
    expect(foreign).toThrow(
      /event x in stream s at log position 7:5 was not written by cme-ledger/,
    );
    expect(isLedgerEvent({ streamId: '_cme-event-id-1', type: 'EventIdClaimed' })).toBe(false);
    expect(isLedgerEvent({ streamId: '$$person-1', type: '$metadata' })).toBe(false);
    expect(isLedgerEvent({ streamId: 'person-1', type: '$streamDeleted' })).toBe(false);
    expect(isLedgerEvent({ streamId: 'person-1', type: 'CreditGranted' })).toBe(true);
    const regex = new RegExp(ledgerStreamsRegex);
    expect(['person-1', 'activity-2'].every((s) => regex.test(s))).toBe(true);
    expect(['$stats-1', '$$person-1', '_cme-event-id-1'].some((s) => regex.test(s))).toBe(false);
    expect(isSystemEvent({ streamId: '$stats-127.0.0.1:2113', type: '$statsCollected' })).toBe(
      true,
    );
    expect(isSystemEvent({ streamId: 'person-1', type: 'CreditGranted' })).toBe(false);
  });
});
