import type { Sql } from 'postgres';
import type { EventMetadata, EventStore, RecordedEvent } from '../event-store/event-store.port';

export interface ReactionContext {
  store: EventStore;
  /** For reactors that keep rows of their own (sealed verdicts); never for the log. */
  sql: Sql;
  /** Personal data, for reactors that index it (person names): open a sealed value, keyed hash. */
  pii?: {
    openFor(personId: string, sealed: string): Promise<string | null>;
    lookupHash(value: string): string;
  };
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

/**
 * Runs `work` over every item, `concurrency` at a time, and settles only when every item has been
 * tried: one failing item (a refused decision, a lost connection) never leaves others running
 * after the caller moved on, nor skips the items after it. The first error is thrown at the end.
 */
export async function forEachLimited<T>(
  items: readonly T[],
  work: (item: T) => Promise<void>,
  concurrency = reactionConcurrencyMax,
): Promise<void> {
  let next = 0;
  const errors: unknown[] = [];
  const worker = async () => {
    while (next < items.length) {
      const item = items[next];
      next += 1;
      try {
        await work(item);
      } catch (error) {
        errors.push(error);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
  if (errors.length > 0) throw errors[0];
}
