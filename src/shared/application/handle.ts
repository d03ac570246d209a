import type { EventMetadata, EventStore } from '../../event-store/event-store.port';
import type { Decider, DomainEvent } from '../domain/domain-event';
import { type Decided, runCommand } from './command-retry';
import { runBatchedCommand } from './group-commit';
import type { Loaded } from './state-cache';

/** How a handler runs one command through its aggregate's decider. */
export interface HandleOptions<S, E extends DomainEvent, R> {
  /** Metadata of every event the command appends (actor, reason, Idempotency-Key). */
  metadata: EventMetadata;
  /** The id of the `index`-th event the command produced: deterministic where the command is
   * naturally idempotent (a retry then appends nothing new); some derive it from the version. */
  eventId: (event: E, index: number, loaded: Loaded<S>) => string;
  /** Business time of each event (passed in by the caller, as the decider's `now` is). */
  occurredAt: Date | ((event: E, index: number) => Date);
  /** Group commit: concurrent commands on the stream in this process share one load and one
   * append (a session's door). Only for deciders that never mutate the state they are given. */
  batched?: boolean;
  /**
   * Before deciding, on the loaded state: authorization (throws), or an Idempotency-Key replay
   * answered without deciding again (`{ answer }`).
   */
  check?: (state: S, loaded: Loaded<S>) => { answer: R } | undefined | void;
  /** The answer, from the state after the command's events (the loaded state if there are none). */
  result: (stateAfter: S, events: E[], loaded: Loaded<S>) => R;
}

/**
 * Every command handler's one way to change a stream: load (cached), check, decide, append with
 * the loaded version; a lost race is loaded and decided again (retry), and `batched` commands go
 * through group commit.
 */
export function handle<C extends { type: string }, S, E extends DomainEvent, R>(
  store: EventStore,
  decider: Decider<C, S, E>,
  streamId: string,
  command: C,
  options: HandleOptions<S, E, R>,
): Promise<R> {
  const decide = (state: S, loaded: Loaded<S>): Decided<S, E, R> => {
    const early = options.check?.(state, loaded);
    if (early) return { events: [], result: early.answer };
    const produced = decider.decide(command, state);
    const { occurredAt } = options;
    const events = produced.map((event, index) => ({
      event,
      eventId: options.eventId(event, index, loaded),
      occurredAt: occurredAt instanceof Date ? occurredAt : occurredAt(event, index),
    }));
    return { events, after: (stateAfter) => options.result(stateAfter, produced, loaded) };
  };
  return options.batched
    ? runBatchedCommand(store, streamId, decider, decide, options.metadata)
    : runCommand(store, streamId, decider, decide, options.metadata);
}
