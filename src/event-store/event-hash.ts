import { createHash } from 'node:crypto';

/**
 * Tamper evidence: each event's hash covers its canonical content and the previous hash of its
 * stream. Per-stream chains keep appends to different streams concurrent; a verifier recomputes
 * every chain and names the first event that does not match.
 *
 * The same function is used by every adapter, so a log copied between stores keeps its hashes.
 */

export const hashAlgorithm = 'sha256-canonical-json-v1';

/** JSON with object keys sorted at every depth and no insignificant white space. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    if (typeof value === 'bigint') return JSON.stringify(value.toString());
    if (typeof value === 'number' && !Number.isFinite(value)) {
      throw new TypeError('non-finite numbers cannot be stored in an event');
    }
    return JSON.stringify(value) ?? 'null';
  }
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value)) {
    return `[${value.map((item) => (item === undefined ? 'null' : canonicalJson(item))).join(',')}]`;
  }
  const entries = Object.keys(value)
    .filter((key) => (value as Record<string, unknown>)[key] !== undefined)
    .sort()
    .map(
      (key) => `${JSON.stringify(key)}:${canonicalJson((value as Record<string, unknown>)[key])}`,
    );
  return `{${entries.join(',')}}`;
}

export interface HashableEvent {
  streamId: string;
  streamVersion: number;
  eventId: string;
  type: string;
  schemaVersion: number;
  data: unknown;
  metadata: unknown;
  occurredAt: Date;
  recordedAt: Date;
}

export function eventHash(previousHash: string | null, event: HashableEvent): string {
  const content = canonicalJson({
    streamId: event.streamId,
    streamVersion: event.streamVersion,
    eventId: event.eventId,
    type: event.type,
    schemaVersion: event.schemaVersion,
    data: event.data,
    metadata: event.metadata,
    occurredAt: event.occurredAt.toISOString(),
    recordedAt: event.recordedAt.toISOString(),
  });
  return createHash('sha256')
    .update(previousHash ?? '')
    .update('\n')
    .update(content)
    .digest('hex');
}

/**
 * What decides whether a re-appended event id is "the same event": everything the writer chose
 * except the metadata (a retried request legitimately carries a new correlation id).
 */
export function idempotencyFingerprint(event: {
  streamId: string;
  type: string;
  schemaVersion: number;
  data: unknown;
  occurredAt: Date;
}): string {
  return canonicalJson({
    streamId: event.streamId,
    type: event.type,
    schemaVersion: event.schemaVersion,
    data: event.data,
    occurredAt: event.occurredAt.toISOString(),
  });
}

export interface ChainBreak {
  streamId: string;
  streamVersion: number;
  eventId: string;
  globalPosition: bigint;
  reason: 'hash-mismatch' | 'prev-hash-mismatch' | 'version-gap';
}

/** Recomputes one stream's chain, given its events in version order; null when it holds. */
export function verifyStreamChain(
  events: readonly (HashableEvent & {
    prevHash: string | null;
    hash: string;
    globalPosition: bigint;
  })[],
): ChainBreak | null {
  let previous: string | null = null;
  let expectedVersion = 1;
  for (const event of events) {
    const at = {
      streamId: event.streamId,
      streamVersion: event.streamVersion,
      eventId: event.eventId,
      globalPosition: event.globalPosition,
    };
    if (event.streamVersion !== expectedVersion) return { ...at, reason: 'version-gap' };
    if (event.prevHash !== previous) return { ...at, reason: 'prev-hash-mismatch' };
    if (eventHash(previous, event) !== event.hash) return { ...at, reason: 'hash-mismatch' };
    previous = event.hash;
    expectedVersion += 1;
  }
  return null;
}
