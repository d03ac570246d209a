import type { Sql } from 'postgres';
import type { EventMetadata, EventStore, RecordedEvent } from '../event-store/event-store.port';

export interface ReactionContext {
  store: EventStore;
  /** For reactors that keep rows of their own (sealed verdicts); never for the log. */
  sql: Sql;
}

/**
 * A reactor turns a fact on one stream into its consequences on others (grants after an approval,
 * annulments after a project is annulled, revocations after a failed finding, verdict rows after a
 * seal). The runner feeds it from the log in order and moves its checkpoint only after a batch's
 * reactions are done, so a crash at any point re-runs reactions rather than losing them; every
 * reaction appends with event ids derived from its cause, so re-running one appends nothing twice.
 */
export interface Reactor<Outcome = unknown> {
  /** Its checkpoint's name (in projection_checkpoints, beside the projections). */
  name: string;
  version: number;
  handles: readonly string[];
  react(event: RecordedEvent, context: ReactionContext): Promise<Outcome>;
}

/**
 * Metadata of the events a reaction appends: who caused it (the actor of the fact), what caused it
 * (its event id) and which reactor wrote it. An Idempotency-Key belongs to the original request only.
 */
export function reactionMetadata(
  cause: RecordedEvent,
  reactor: string,
  extra: EventMetadata = {},
): EventMetadata {
  const inherited: EventMetadata = { ...cause.metadata };
  delete inherited.idempotencyKey;
  delete inherited.requestFingerprint;
  return { ...inherited, causationId: cause.eventId, reactor, ...extra };
}

/** How many streams one reaction writes at once (an approval of 400 attendees: 8 at a time). */
export const reactionConcurrencyMax = 8;

export async function forEachLimited<T>(
  items: readonly T[],
  work: (item: T) => Promise<void>,
  concurrency = reactionConcurrencyMax,
): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const item = items[next];
      next += 1;
      await work(item);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
}
