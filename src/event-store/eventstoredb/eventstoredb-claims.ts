import { createHash } from 'node:crypto';
import type { PreparedEvent } from '../append-validation';
import { idempotencyFingerprint } from '../event-hash';

/**
 * Event ids unique across every stream, on a server whose duplicate check is per stream.
 *
 * Before an event is appended, the writer records a claim for its id in the id's own claim stream
 * (`_cme-event-id-<uuid>`): which stream, at which version, with which content (a fingerprint). A
 * claim stream is written only at exact revisions, so of two writers the second always reads the
 * first's claim. What a claim means is decided by looking at the place it names, which never
 * changes once written (a revision of a stream holds one event for ever):
 *
 * - the event there has this id: the id is stored, with the claim's content, in the claim's stream;
 * - nothing is there yet: the claimant may still be appending (in flight);
 * - another event is there: the claimant's append at that exact revision failed, and never can
 *   succeed later, so the claim is dead.
 *
 * So the same content in the same stream may go ahead (a retry, or two retries racing: the server
 * then keeps one and the read-back after the append tells the loser); other content, or another
 * stream, is refused while a claim for it is stored or in flight, and may take over a dead claim.
 *
 * Claim streams start with `_`, which no ledger stream id may (append-validation), and every
 * reader of the log skips them. Everything here is pure; the adapter does the reading and writing.
 */
export const claimStreamPrefix = '_cme-event-id-';
export const claimEventType = 'EventIdClaimed';

export const claimStreamId = (eventId: string): string =>
  `${claimStreamPrefix}${eventId.toLowerCase()}`;

export const isClaimStream = (streamId: string): boolean => streamId.startsWith(claimStreamPrefix);

export interface EventIdClaim {
  streamId: string;
  /** The 1-based version the claimant appends the event at. */
  streamVersion: number;
  /** sha256 of the idempotency fingerprint (stream, type, schema version, data, business time). */
  fingerprint: string;
}

export function contentFingerprint(streamId: string, event: PreparedEvent): string {
  return createHash('sha256')
    .update(idempotencyFingerprint({ ...event, streamId }))
    .digest('hex');
}

export function claimFor(
  streamId: string,
  event: PreparedEvent,
  streamVersion: number,
): EventIdClaim {
  return { streamId, streamVersion, fingerprint: contentFingerprint(streamId, event) };
}

/** A claim event's data as stored, checked (a claim stream holds nothing else). */
export function parseClaim(data: unknown): EventIdClaim | null {
  const d = data as Partial<EventIdClaim> | null;
  if (
    !d ||
    typeof d.streamId !== 'string' ||
    typeof d.fingerprint !== 'string' ||
    !Number.isSafeInteger(d.streamVersion) ||
    (d.streamVersion as number) < 1
  )
    return null;
  return {
    streamId: d.streamId,
    streamVersion: d.streamVersion as number,
    fingerprint: d.fingerprint,
  };
}

/**
 * - `free`: no live or stored claim of other content: claim it and append.
 * - `ours`: the id is claimed for this very content and stream, stored nowhere yet (a retry, a
 *   twin in flight, or an attempt that lost its race): claim it again at our version and append.
 * - `stored`: it is stored with this content in this stream: the append is an idempotent replay.
 * - `conflict`: stored in another stream, or with other content.
 * - `in-flight`: other content is being appended under this id now: wait and judge again.
 */
export type ClaimVerdict =
  | { kind: 'free' }
  | { kind: 'ours' }
  | { kind: 'stored'; at: EventIdClaim }
  | { kind: 'conflict'; detail: string }
  | { kind: 'in-flight'; at: EventIdClaim };

/** What the place a claim names holds: the event id there, or null when the stream is shorter. */
export type ClaimProbe = (claim: EventIdClaim) => string | null;

export const probeKey = (claim: { streamId: string; streamVersion: number }): string =>
  `${claim.streamVersion}@${claim.streamId}`;

export function judgeClaims(
  eventId: string,
  mine: EventIdClaim,
  claims: readonly EventIdClaim[],
  probe: ClaimProbe,
): ClaimVerdict {
  const id = eventId.toLowerCase();
  const same = (c: EventIdClaim) =>
    c.streamId === mine.streamId && c.fingerprint === mine.fingerprint;
  let inFlight: EventIdClaim | null = null;
  let oursLive = false;
  for (const claim of claims) {
    const there = probe(claim);
    if (there !== null && there.toLowerCase() === id) {
      if (same(claim)) return { kind: 'stored', at: claim };
      return {
        kind: 'conflict',
        detail:
          claim.streamId === mine.streamId
            ? 'stream, type, data or occurredAt differ'
            : `already stored in stream ${claim.streamId}`,
      };
    }
    if (there === null) {
      if (same(claim)) oursLive = true;
      else inFlight ??= claim;
    }
  }
  if (inFlight) return { kind: 'in-flight', at: inFlight };
  return oursLive ? { kind: 'ours' } : { kind: 'free' };
}
