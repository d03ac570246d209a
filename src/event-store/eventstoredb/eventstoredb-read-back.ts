import { replayOrConflict, type PreparedEvent } from '../append-validation';
import type { AppendResult, RecordedEvent } from '../event-store.port';

/** One event as this writer sent it: its version, the hash it chained, its attempt's id. */
export interface SentEvent {
  event: PreparedEvent;
  streamVersion: number;
  hash: string;
  writeId: string;
}

/** An event read back, with the id of the append attempt that stored it. */
export type StoredEvent = RecordedEvent & { writeId?: string };

/**
 * What an append really did, from the events read back at the versions it was sent for. The
 * server answers an append whose ids already sit at those versions as a success without writing
 * (its duplicate check compares ids only), so a writer that lost a race to a twin would otherwise
 * report its own hashes — of content that was never stored. Here:
 *
 * - every id there, stored by this very attempt (its writeId; a twin may have the same content,
 *   clock and so hash): written now; each event with its own position;
 * - every id there but stored by someone else: the twin's events, answered as an idempotent replay
 *   when the content is the same and as EventIdConflictError when it is not (replayOrConflict);
 * - ids missing: null (the caller looks through the whole stream).
 */
export function settleAppend(
  streamId: string,
  sent: readonly SentEvent[],
  readBack: readonly StoredEvent[],
): AppendResult | null {
  const byId = new Map(readBack.map((e) => [e.eventId, e]));
  if (!sent.every((s) => byId.has(s.event.eventId))) return null;
  const mine = sent.every((s) => {
    const stored = byId.get(s.event.eventId) as StoredEvent;
    return (
      stored.writeId === s.writeId &&
      stored.hash === s.hash &&
      stored.streamVersion === s.streamVersion
    );
  });
  if (!mine)
    return replayOrConflict(
      streamId,
      sent.map((s) => s.event),
      byId,
    );
  const events = sent.map((s) => {
    const stored = byId.get(s.event.eventId) as RecordedEvent;
    return {
      eventId: stored.eventId,
      streamVersion: stored.streamVersion,
      globalPosition: stored.globalPosition,
      hash: stored.hash,
    };
  });
  return {
    streamId,
    nextExpectedVersion: events[events.length - 1].streamVersion,
    lastGlobalPosition: events[events.length - 1].globalPosition,
    idempotentReplay: false,
    events,
  };
}
