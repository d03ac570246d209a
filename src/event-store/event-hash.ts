import { createHash } from 'node:crypto';
import { canonicalJson } from '../shared/domain/canonical-json';

/**
 * Tamper evidence: each event's hash covers its canonical content and the previous hash of its
 * stream. Per-stream chains keep appends to different streams concurrent; a verifier recomputes
 * every chain and names the first event that does not match.
 *
 * The same function is used by every adapter, so a log copied between stores keeps its hashes.
 */

export const hashAlgorithm = 'sha256-canonical-json-v1';

export { canonicalJson };

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
  /** Where the store's clock is not the writer's (EventStoreDB): the writer's, which is hashed. */
  writerRecordedAt?: Date | string;
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
    // An archive line read back holds the writer's clock as text: both forms hash the same.
    recordedAt:
      event.writerRecordedAt === undefined
        ? event.recordedAt.toISOString()
        : new Date(event.writerRecordedAt).toISOString(),
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
