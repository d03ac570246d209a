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
  /** On EventStoreDB the adapter stamps this at append time (the server's own `created` is kept too). */
  recordedAt: string;
  prevHash: string | null;
  hash: string;
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

export function fromServerEvent(event: ServerRecordedEvent): RecordedEvent {
  const { [cmeMetadataKey]: envelope, ...metadata } = (event.metadata ?? {}) as EventMetadata & {
    [cmeMetadataKey]?: CmeEnvelope;
  };
  if (!envelope)
    throw new Error(
      `event ${event.id} in ${event.streamId} was not written by cme-ledger (no ${cmeMetadataKey} metadata)`,
    );
  const position = event.position ?? { commit: 0n, prepare: 0n };
  return {
    eventId: event.id,
    type: event.type,
    schemaVersion: envelope.schemaVersion,
    data: event.data,
    metadata: metadata as EventMetadata,
    occurredAt: new Date(envelope.occurredAt),
    recordedAt: new Date(envelope.recordedAt),
    streamId: event.streamId,
    streamVersion: versionOfRevision(event.revision),
    globalPosition: position.prepare,
    position: { commit: position.commit, prepare: position.prepare },
    prevHash: envelope.prevHash,
    hash: envelope.hash,
  };
}

/** System streams and events ($…) are the server's, never the ledger's. */
export const isSystemEvent = (event: { streamId: string; type: string }) =>
  event.streamId.startsWith('$') || event.type.startsWith('$');
