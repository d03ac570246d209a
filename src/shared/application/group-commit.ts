import { setTimeout as sleep } from 'node:timers/promises';
import { WrongExpectedVersionError } from '../../event-store/event-store.errors';
import type { EventMetadata, EventStore, NewEvent } from '../../event-store/event-store.port';
import type { DomainEvent, Evolver } from '../domain/domain-event';
import {
  commandRetriesMax,
  commandRetryPauseMsMax,
  type Decided,
  runCommand,
  toNewEvent,
} from './command-retry';
import { type Loaded, loadState } from './state-cache';

/** Commands of one batch on one stream (a busy session's door: one append for many scans). */
export const commandBatchMax = 200;

interface Queued<S, E extends DomainEvent> {
  decide: (state: S, loaded: Loaded<S>) => Decided<S, E, unknown>;
  metadata: EventMetadata;
  resolve: (result: unknown) => void;
  reject: (error: unknown) => void;
}

const queues = new WeakMap<EventStore, Map<string, unknown[]>>();

/**
 * Like `runCommand`, but concurrent commands on the same stream in this process are decided one
 * after another on one loaded state and appended together (group commit): one load and one
 * append for the whole batch instead of one each — and no optimistic races among them. Each
 * command still gets its own result or error; its events carry its own metadata. Another
 * process writing the stream is still caught by the expected version (the batch is re-decided).
 * For deciders that only read the state they are given (it is the shared cached state until the
 * batch's own events are folded onto a copy).
 */
export function runBatchedCommand<S, E extends DomainEvent, R>(
  store: EventStore,
  streamId: string,
  evolver: Evolver<S, E>,
  decide: (state: S, loaded: Loaded<S>) => Decided<S, E, R>,
  metadata: EventMetadata,
): Promise<R> {
  let streams = queues.get(store);
  if (!streams) queues.set(store, (streams = new Map()));
  const byStream = streams as Map<string, Queued<S, E>[]>;
  const queued = byStream.get(streamId);
  return new Promise<R>((resolve, reject) => {
    const item: Queued<S, E> = {
      decide,
      metadata,
      resolve: resolve as (r: unknown) => void,
      reject,
    };
    if (queued) {
      queued.push(item); // a batch on this stream is running: ride with the next one
      return;
    }
    const queue: Queued<S, E>[] = [item];
    byStream.set(streamId, queue);
    void drain(store, streamId, evolver, queue, byStream);
  });
}

async function drain<S, E extends DomainEvent>(
  store: EventStore,
  streamId: string,
  evolver: Evolver<S, E>,
  queue: Queued<S, E>[],
  byStream: Map<string, Queued<S, E>[]>,
): Promise<void> {
  try {
    while (queue.length > 0) {
      const batch = queue.splice(0, commandBatchMax);
      try {
        await runBatch(store, streamId, evolver, batch);
      } catch (error) {
        for (const item of batch) item.reject(error); // e.g. the database went away
      }
    }
  } finally {
    byStream.delete(streamId);
  }
}

async function runBatch<S, E extends DomainEvent>(
  store: EventStore,
  streamId: string,
  evolver: Evolver<S, E>,
  batch: Queued<S, E>[],
): Promise<void> {
  for (let attempt = 1; ; attempt += 1) {
    const loaded = await loadState(store, streamId, evolver, { shared: true });
    let state = loaded.state;
    let copied = false;
    const outcomes: { item: Queued<S, E>; result?: unknown; error?: unknown }[] = [];
    const events: NewEvent[] = [];
    for (const item of batch) {
      try {
        const decision = item.decide(state, loaded);
        if (decision.events.length > 0 && !copied) {
          state = structuredClone(state); // the batch's own events go onto a private copy
          copied = true;
        }
        for (const e of decision.events) {
          state = evolver.evolve(state, { ...e.event, eventId: e.eventId } as E);
          events.push(toNewEvent(e, item.metadata));
        }
        // The events are already folded onto the batch's private copy: answer from it.
        const result = 'result' in decision ? decision.result : decision.after(state);
        outcomes.push({ item, result });
      } catch (error) {
        outcomes.push({ item, error });
      }
    }
    const settle = () => {
      for (const o of outcomes)
        if ('error' in o && o.error !== undefined) o.item.reject(o.error);
        else o.item.resolve(o.result);
    };
    if (events.length === 0) return settle();
    try {
      const appended = await store.append(
        streamId,
        events,
        loaded.version === 0 ? 'no-stream' : loaded.version,
      );
      // Another process recorded these very facts first: decide again knowing them.
      if (appended.idempotentReplay && attempt < commandRetriesMax) continue;
      return settle();
    } catch (error) {
      if (error instanceof WrongExpectedVersionError && attempt < commandRetriesMax) {
        await sleep(Math.random() * Math.min(attempt * 2, commandRetryPauseMsMax));
        continue;
      }
      if (batch.length === 1) return batch[0].reject(error);
      // Some event of the batch was refused by the store: each command on its own, so one
      // refusal does not fail the others.
      await Promise.all(
        batch.map((item) =>
          runCommand(store, streamId, evolver, item.decide, item.metadata, {
            shared: true,
          }).then(item.resolve, item.reject),
        ),
      );
      return;
    }
  }
}
