import { idempotencyFingerprint } from './event-hash';
import { EventIdConflictError, InvalidAppendError } from './event-store.errors';
import type {
  AppendResult,
  EventMetadata,
  ExpectedVersion,
  NewEvent,
  RecordedEvent,
} from './event-store.port';
import { appendEventsCountMax, eventTypeLengthMax, streamIdLengthMax } from './event-store.limits';

/** Checks and normalisation every adapter applies before an append, so they refuse the same things. */

const occurredYearMin = 1;
const occurredYearMax = 9999;

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
// Stream ids name aggregates ("person-<uuid>"): printable, no white space, never personal data.
const streamIdPattern = /^[A-Za-z0-9][A-Za-z0-9_.:@-]*$/;

export interface PreparedEvent {
  eventId: string;
  type: string;
  schemaVersion: number;
  data: unknown;
  metadata: EventMetadata;
  occurredAt: Date;
}

export function validateAppend(
  streamId: string,
  events: readonly NewEvent[],
  expected: ExpectedVersion,
): void {
  if (
    typeof streamId !== 'string' ||
    streamId.length > streamIdLengthMax ||
    !streamIdPattern.test(streamId)
  ) {
    throw new InvalidAppendError(
      `stream id must match ${streamIdPattern} and be at most ${streamIdLengthMax} characters`,
    );
  }
  if (typeof expected === 'number' && !(Number.isSafeInteger(expected) && expected >= 0)) {
    throw new InvalidAppendError('expected version must be a whole number ≥ 0');
  }
  if (events.length === 0) throw new InvalidAppendError('an append needs at least one event');
  if (events.length > appendEventsCountMax) {
    throw new InvalidAppendError(`an append takes at most ${appendEventsCountMax} events`);
  }
  const ids = new Set<string>();
  for (const event of events) {
    if (!uuidPattern.test(event.eventId))
      throw new InvalidAppendError(`event id must be a UUID: ${event.eventId}`);
    const id = event.eventId.toLowerCase();
    if (ids.has(id))
      throw new InvalidAppendError(`event id appears twice in one append: ${event.eventId}`);
    ids.add(id);
    if (!event.type || event.type.length > eventTypeLengthMax) {
      throw new InvalidAppendError(`event type must be 1–${eventTypeLengthMax} characters`);
    }
    if (!(event.occurredAt instanceof Date) || Number.isNaN(event.occurredAt.getTime())) {
      throw new InvalidAppendError(`occurredAt of event ${event.eventId} is not a valid instant`);
    }
    // Years 0001–9999: what ISO 8601's four-digit years, PostgreSQL and JSON all carry alike.
    const year = event.occurredAt.getUTCFullYear();
    if (year < occurredYearMin || year > occurredYearMax) {
      throw new InvalidAppendError(
        `occurredAt of event ${event.eventId} must lie in the years ${occurredYearMin}–${occurredYearMax}`,
      );
    }
    for (const [part, value] of [
      ['data', event.data],
      ['metadata', event.metadata],
    ] as const) {
      if (hasUnstorableText(value))
        throw new InvalidAppendError(
          `${part} of event ${event.eventId} holds text JSON stores refuse (NUL or a lone surrogate)`,
        );
    }
    const schemaVersion = event.schemaVersion ?? 1;
    if (!Number.isSafeInteger(schemaVersion) || schemaVersion < 1) {
      throw new InvalidAppendError('schema version must be a whole number ≥ 1');
    }
  }
}

/** What is hashed is exactly what a reader gets back from jsonb: normalise through JSON once. */
export function prepareEvent(event: NewEvent): PreparedEvent {
  return {
    eventId: event.eventId.toLowerCase(),
    type: event.type,
    schemaVersion: event.schemaVersion ?? 1,
    data: JSON.parse(JSON.stringify(event.data ?? null)),
    metadata: JSON.parse(JSON.stringify(event.metadata ?? {})),
    occurredAt: new Date(event.occurredAt.getTime()),
  };
}

/**
 * Idempotency, the same in every adapter: when every event id was stored before with the same
 * content, the answer is the original result; a partial overlap or other content is a conflict.
 * `stored` maps the ids found (in any stream) to the stored events. Null when none was found.
 */
export function replayOrConflict(
  streamId: string,
  events: readonly PreparedEvent[],
  stored: ReadonlyMap<string, RecordedEvent>,
): AppendResult | null {
  const found = events.filter((e) => stored.has(e.eventId));
  if (found.length === 0) return null;
  if (found.length !== events.length) {
    throw new EventIdConflictError(
      found[0].eventId,
      'only some of the events in this append were stored before',
    );
  }
  const originals = events.map((event) => {
    const original = stored.get(event.eventId) as RecordedEvent;
    if (idempotencyFingerprint({ ...event, streamId }) !== idempotencyFingerprint(original)) {
      throw new EventIdConflictError(event.eventId, 'stream, type, data or occurredAt differ');
    }
    return original;
  });
  const last = originals.reduce((a, b) => (a.streamVersion > b.streamVersion ? a : b));
  return {
    streamId,
    nextExpectedVersion: last.streamVersion,
    lastGlobalPosition: last.globalPosition,
    idempotentReplay: true,
    events: originals.map((e) => ({
      eventId: e.eventId,
      streamVersion: e.streamVersion,
      globalPosition: e.globalPosition,
      hash: e.hash,
    })),
  };
}

// PostgreSQL's jsonb refuses \u0000 and unpaired surrogates; refused here, the database never
// sees (nor logs) the event's text.
// eslint-disable-next-line no-control-regex
const unstorable = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

function hasUnstorableText(value: unknown, depth = 0): boolean {
  if (typeof value === 'string') return unstorable.test(value);
  if (value === null || typeof value !== 'object' || depth > 64) return false;
  return Object.entries(value).some(
    ([key, child]) => unstorable.test(key) || hasUnstorableText(child, depth + 1),
  );
}
