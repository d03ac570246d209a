import {
  ANY,
  NO_STREAM,
  STREAM_EXISTS,
  jsonEvent,
  type AppendExpectedRevision,
  type EventData,
  type JSONType,
} from '@eventstore/db-client';
import type { PreparedEvent } from '../append-validation';
import type { EventMetadata, ExpectedVersion, RecordedEvent } from '../event-store.port';
import { isClaimStream } from './eventstoredb-claims';

/**
 * Pure mapping between the port and EventStoreDB (client 6.x). Versions are 1-based on the port and
 * revisions 0-based on the server; the log position is the server's own {commit, prepare}. The hash
 * chain, both clocks and the schema version travel in the event metadata under `$cme`, so events
 * keep the JSON shape they have in PostgreSQL. Every use of the client stays inside this folder.
 */
export const cmeMetadataKey = '$cme';

export interface CmeEnvelope {
  schemaVersion: number;
  occurredAt: string;
  /**
   * The writing instance's clock at append time, which the hash covers (the hash is made before
   * the server stamps `created`). Read back as `writerRecordedAt`; `recordedAt` is `created`.
   */
  recordedAt: string;
  prevHash: string | null;
  hash: string;
  /**
   * One per append attempt (random): tells this writer's stored events from a twin's that hold
   * the same content, clock and hash, so a lost race is never reported as a fresh write.
   */
  writeId?: string;
}

export function toExpectedRevision(expected: ExpectedVersion): AppendExpectedRevision {
  if (expected === 'any') return ANY;
  if (expected === 'no-stream' || expected === 0) return NO_STREAM;
  if (expected === 'exists') return STREAM_EXISTS;
  return BigInt(expected - 1);
}

/** The exact revision to append after a stream at `version` (0 = no stream yet). */
export const revisionAfter = (version: number): AppendExpectedRevision =>
  version === 0 ? NO_STREAM : BigInt(version - 1);

export const versionOfRevision = (revision: bigint): number => Number(revision) + 1;

/** The server's "actual version" of a WrongExpectedVersion error, as a 1-based version. */
export function actualVersionOf(actual: unknown): number {
  return typeof actual === 'bigint' ? versionOfRevision(actual) : 0;
}

export function toEventData(event: PreparedEvent, envelope: CmeEnvelope): EventData {
  return jsonEvent({
    id: event.eventId,
    type: event.type,
    data: event.data as JSONType,
    metadata: { ...event.metadata, [cmeMetadataKey]: envelope },
  });
}

export interface ServerRecordedEvent {
  streamId: string;
  id: string;
  revision: bigint;
  type: string;
  created: Date;
  data: unknown;
  metadata?: unknown;
  position?: { commit: bigint; prepare: bigint };
}

/**
 * A user event in a ledger stream without the ledger's metadata: something else wrote to the
 * server. Named with its position, so that an operator can find it; never skipped silently.
 */
export class ForeignEventError extends Error {
  override readonly name = 'ForeignEventError';
  constructor(
    readonly eventId: string,
    readonly streamId: string,
    readonly position: string | null,
  ) {
    super(
      `event ${eventId} in stream ${streamId}${position ? ` at log position ${position}` : ''} was not written by cme-ledger (no ${cmeMetadataKey} metadata): remove it or move it out of the ledger's server`,
    );
  }
}

export function fromServerEvent(event: ServerRecordedEvent): RecordedEvent {
  const { [cmeMetadataKey]: envelope, ...metadata } = (event.metadata ?? {}) as EventMetadata & {
    [cmeMetadataKey]?: CmeEnvelope;
  };
  if (!envelope || typeof envelope !== 'object' || typeof envelope.hash !== 'string')
    throw new ForeignEventError(
      event.id,
      event.streamId,
      event.position ? `${event.position.commit}:${event.position.prepare}` : null,
    );
  // Every event the server returns from $all, and from a stream since 20.x, carries its position;
  // one without is refused rather than given a position of 0 that sorts before everything.
  if (!event.position)
    throw new Error(`event ${event.id} in ${event.streamId} came back without its log position`);
  const position = event.position;
  return {
    eventId: event.id,
    type: event.type,
    schemaVersion: envelope.schemaVersion,
    data: event.data,
    metadata: metadata as EventMetadata,
    occurredAt: new Date(envelope.occurredAt),
    // The server's clock, one for every instance of the ledger; the writer's is kept and hashed.
    recordedAt: event.created,
    writerRecordedAt: new Date(envelope.recordedAt),
    streamId: event.streamId,
    streamVersion: versionOfRevision(event.revision),
    globalPosition: position.prepare,
    position: { commit: position.commit, prepare: position.prepare },
    prevHash: envelope.prevHash,
    hash: envelope.hash,
  };
}

/** The append attempt that stored an event (its envelope's writeId), if recorded. */
export function writeIdOf(event: { metadata?: unknown }): string | undefined {
  const envelope = (event.metadata as { [cmeMetadataKey]?: CmeEnvelope } | undefined)?.[
    cmeMetadataKey
  ];
  return typeof envelope?.writeId === 'string' ? envelope.writeId : undefined;
}

/** System streams and events ($…) are the server's, never the ledger's. */
export const isSystemEvent = (event: { streamId: string; type: string }) =>
  event.streamId.startsWith('$') || event.type.startsWith('$');

/** What readers of the ledger's log see: neither the server's events nor the id claims. */
export const isLedgerEvent = (event: { streamId: string; type: string }) =>
  !isSystemEvent(event) && !isClaimStream(event.streamId);

/**
 * The server-side filter for subscriptions: stream names starting with neither `$` (the server's)
 * nor `_` (the id claims; no ledger stream id may start with it). Readers check `isLedgerEvent`
 * as well, for system event types written into user streams (a deleted stream's marker).
 */
export const ledgerStreamsRegex = '^[^$_]';
