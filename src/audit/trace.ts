import { activityStreamId } from '../activities/domain/activity.events';
import {
  encodeLogPosition,
  EventStore,
  RecordedEvent,
  compareLogPositions,
} from '../event-store/event-store.port';
import { readWholeStream } from '../event-store/read-whole-stream';
import { personStreamId } from '../persons/domain/person.events';
import { sessionStreamId } from '../sessions/domain/session.events';
import { splitCompositeId } from '../shared/ids';

/** One link of a provenance chain: the event, who recorded it, both clocks, and where it sits. */
export function traceStep(event: RecordedEvent) {
  return {
    type: event.type,
    eventId: event.eventId,
    streamId: event.streamId,
    streamVersion: event.streamVersion,
    actor: event.metadata.actorId ?? null,
    role: event.metadata.role ?? null,
    reason: event.metadata.reason ?? null,
    occurredAt: event.occurredAt.toISOString(),
    recordedAt: event.recordedAt.toISOString(),
    globalPosition: event.globalPosition.toString(),
    position: encodeLogPosition(event.position),
    hash: event.hash,
    data: event.data,
    imported: importedFrom(event),
  };
}

/** Where an imported event came from: its batch, file and row ("imported from <file> row 412"). */
function importedFrom(event: RecordedEvent) {
  const { importBatchId, importFile, importRow } = event.metadata;
  if (typeof importBatchId !== 'string') return null;
  return {
    batchId: importBatchId,
    file: String(importFile ?? ''),
    row: Number(importRow),
    text: `从 ${String(importFile)} 第 ${Number(importRow)} 行导入 — imported from ${String(importFile)} row ${Number(importRow)}`,
  };
}

export interface SessionEvidence {
  activity: RecordedEvent[];
  session: RecordedEvent[];
}

/** The activity's and the session's events that bear on one person's attendance. */
export async function sessionEvidence(
  store: EventStore,
  sessionId: string,
  personId: string,
  asOf?: Date,
): Promise<SessionEvidence | null> {
  const parts = splitCompositeId(sessionId);
  if (!parts) return null;
  const activity = (await readWholeStream(store, activityStreamId(parts.parent), asOf)).filter(
    (e) =>
      e.type !== 'SessionScheduled' || (e.data as { sessionId: string }).sessionId === sessionId,
  );
  const session = (await readWholeStream(store, sessionStreamId(parts.child), asOf)).filter(
    (e) =>
      e.type !== 'AttendanceRecorded' || (e.data as { personId: string }).personId === personId,
  );
  return { activity, session };
}

export async function personEventsAbout(
  store: EventStore,
  personId: string,
  creditIds: Set<string>,
  asOf?: Date,
): Promise<RecordedEvent[]> {
  const events = await readWholeStream(store, personStreamId(personId), asOf);
  return events.filter((e) => creditIds.has((e.data as { creditId?: string }).creditId ?? ''));
}

export const inLogOrder = (events: RecordedEvent[]) =>
  [...events].sort((a, b) => compareLogPositions(a.position, b.position));
