import { encodeLogPosition, RecordedEvent } from './event-store.port';

/** The JSON shape of a recorded event: positions as decimal strings, instants in ISO 8601. */
export function recordedEventView(event: RecordedEvent) {
  return {
    globalPosition: event.globalPosition.toString(),
    position: encodeLogPosition(event.position),
    streamId: event.streamId,
    streamVersion: event.streamVersion,
    eventId: event.eventId,
    type: event.type,
    schemaVersion: event.schemaVersion,
    data: event.data,
    metadata: event.metadata,
    occurredAt: event.occurredAt.toISOString(),
    recordedAt: event.recordedAt.toISOString(),
    // EventStoreDB: the writer's clock, which the hash covers (absent on PostgreSQL).
    ...(event.writerRecordedAt ? { writerRecordedAt: event.writerRecordedAt.toISOString() } : {}),
    prevHash: event.prevHash,
    hash: event.hash,
  };
}
