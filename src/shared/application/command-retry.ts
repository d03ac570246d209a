import { setTimeout as sleep } from 'node:timers/promises';
import { WrongExpectedVersionError } from '../../event-store/event-store.errors';
import type { EventMetadata, EventStore, NewEvent } from '../../event-store/event-store.port';
import type { Decision, DomainEvent, Evolver } from '../domain/domain-event';
import { type LoadOptions, type Loaded, loadState } from './state-cache';

/** Attempts of a command that keeps losing the optimistic race on a busy stream (a session
 * with many scanners at the door), with a growing, jittered pause between attempts. */
export const commandRetriesMax = 30;
export const commandRetryPauseMsMax = 20;

/**
 * What a decide callback returns: the events with their ids and business times, and the answer —
 * either known at once (`result`) or computed from the state after the events (`after`).
 */
export type Decided<S, E extends DomainEvent, R> =
  Decision<E, R> | (Omit<Decision<E, R>, 'result'> & { after: (stateAfter: S) => R });

/** The answer of a decision whose events are folded onto `state` (a copy nobody else sees). */
export function answerOf<S, E extends DomainEvent, R>(
  decision: Decided<S, E, R>,
  evolver: Evolver<S, E>,
  state: S,
): R {
  if ('result' in decision) return decision.result;
  const after = decision.events.reduce(
    (s, e) => evolver.evolve(s, { ...e.event, eventId: e.eventId } as E),
    state,
  );
  return decision.after(after);
}

/**
 * Load, decide, append with the version that was loaded; on a lost race load again and decide
 * again (the decision may now differ: a duplicate scan, a cap reached).
 */
export async function runCommand<S, E extends DomainEvent, R>(
  store: EventStore,
  streamId: string,
  evolver: Evolver<S, E>,
  decide: (state: S, loaded: Loaded<S>) => Decided<S, E, R>,
  metadata: EventMetadata,
  options: LoadOptions = {},
): Promise<R> {
  for (let attempt = 1; ; attempt += 1) {
    const loaded = await loadState(store, streamId, evolver, options);
    const { state, version } = loaded;
    const decision = decide(state, loaded);
    const events = decision.events;
    if (events.length === 0) return answerOf(decision, evolver, state);
    // The answer is folded from a private copy: a shared (cached) state is never evolved here.
    const answer = answerOf(decision, evolver, options.shared ? structuredClone(state) : state);
    try {
      const appended = await store.append(
        streamId,
        events.map((e) => toNewEvent(e, metadata)),
        version === 0 ? 'no-stream' : version,
      );
      // A concurrent identical command recorded this very fact first: decide again knowing it
      // (a repeated scan is then answered as the duplicate it is, not as a second "first").
      if (appended.idempotentReplay && attempt < commandRetriesMax) continue;
      return answer;
    } catch (error) {
      if (error instanceof WrongExpectedVersionError && attempt < commandRetriesMax) {
        await sleep(Math.random() * Math.min(attempt * 2, commandRetryPauseMsMax));
        continue;
      }
      throw error;
    }
  }
}

export function toNewEvent(
  e: { event: DomainEvent; eventId: string; occurredAt: Date },
  metadata: EventMetadata,
): NewEvent {
  return {
    eventId: e.eventId,
    type: e.event.type,
    data: e.event.data,
    occurredAt: e.occurredAt,
    metadata,
  };
}
