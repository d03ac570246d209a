import { setTimeout as sleep } from 'node:timers/promises';
import { WrongExpectedVersionError } from '../event-store/event-store.errors';
import {
  EventMetadata,
  EventStore,
  NewEvent,
  RecordedEvent,
} from '../event-store/event-store.port';
import type { Decision, DomainEvent, Evolver } from './domain/domain-event';

/** Attempts of a command that keeps losing the optimistic race on a busy stream (a session
 * with many scanners at the door), with a growing, jittered pause between attempts. */
export const commandRetriesMax = 30;
export const commandRetryPauseMsMax = 20;

export interface Loaded<S> {
  state: S;
  version: number;
  /** Every event id in the stream, with its metadata (for Idempotency-Key replays). */
  eventIds: Map<string, EventMetadata>;
}

/** Streams whose folded state is kept per store and evolver (least recently used go first). */
export const stateCacheStreamsMax = 10_000;

interface CachedState {
  state: unknown;
  version: number;
  eventIds: Map<string, EventMetadata>;
}

/**
 * Folded states by store, evolver and stream. Only a shortcut: every load still reads the events
 * after the cached version from the store, so another writer's appends are always seen. Callers get
 * a copy, so a decision that is later refused can never leak into the cache.
 */
const stateCache = new WeakMap<EventStore, WeakMap<object, Map<string, CachedState>>>();

function cacheFor(store: EventStore, evolver: object): Map<string, CachedState> {
  let byEvolver = stateCache.get(store);
  if (!byEvolver) stateCache.set(store, (byEvolver = new WeakMap()));
  let streams = byEvolver.get(evolver);
  if (!streams) byEvolver.set(evolver, (streams = new Map()));
  return streams;
}

/** `shared`: the caller only reads the state and never mutates it, so it may get the cached one. */
export interface LoadOptions {
  shared?: boolean;
}

export async function loadState<S, E extends DomainEvent>(
  store: EventStore,
  streamId: string,
  evolver: Evolver<S, E>,
  options: LoadOptions = {},
): Promise<Loaded<S>> {
  const cache = cacheFor(store, evolver);
  const seen = cache.get(streamId);
  let entry: CachedState;
  if (!seen) {
    // Cold: fold as the pages come, into a state nobody else sees yet.
    entry = { state: evolver.initialState(), version: 0, eventIds: new Map() };
    await foldNewEvents(store, streamId, entry, (batch) => applyAll(entry, batch, evolver));
    const raced = cache.get(streamId);
    if (raced && raced.version >= entry.version) entry = raced;
  } else {
    // Warm: read what is new since the cached version, then fold it onto the cached state in one
    // synchronous step (other loads may have folded some of it meanwhile: only newer events
    // apply). Only committed events ever enter the cache.
    entry = seen;
    const fresh: RecordedEvent[] = [];
    await foldNewEvents(store, streamId, { ...seen }, (batch) => fresh.push(...batch));
    applyAll(entry, fresh, evolver);
  }
  if (entry.version > 0) {
    cache.delete(streamId); // re-insert: most recently used last
    cache.set(streamId, entry);
    if (cache.size > stateCacheStreamsMax) cache.delete(cache.keys().next().value as string);
  }
  // Callers get their own copy (a refused decision must never leak into the cache); the event ids
  // are shared and only ever grow with committed events.
  return {
    state: options.shared ? (entry.state as S) : structuredClone(entry.state as S),
    version: entry.version,
    eventIds: entry.eventIds,
  };
}

/** Reads the stream after `from.version`, a page at a time. */
async function foldNewEvents(
  store: EventStore,
  streamId: string,
  from: { version: number },
  take: (batch: RecordedEvent[]) => void,
): Promise<void> {
  let version = from.version;
  for (;;) {
    const events = await store.readStream(streamId, { fromVersion: version + 1, limit: 1000 });
    take(events);
    if (events.length > 0) version = events[events.length - 1].streamVersion;
    if (events.length < 1000) return;
  }
}

function applyAll<S, E extends DomainEvent>(
  entry: CachedState,
  events: readonly RecordedEvent[],
  evolver: Evolver<S, E>,
): void {
  for (const e of events) {
    if (e.streamVersion <= entry.version) continue;
    entry.state = evolver.evolve(
      entry.state as S,
      {
        type: e.type,
        data: e.data,
        eventId: e.eventId,
      } as E,
    );
    entry.version = e.streamVersion;
    entry.eventIds.set(e.eventId, e.metadata);
  }
}

/**
 * Load, decide, append with the version that was loaded; on a lost race load again and decide
 * again (the decision may now differ: a duplicate scan, a cap reached).
 */
export async function runCommand<S, E extends DomainEvent, R>(
  store: EventStore,
  streamId: string,
  evolver: Evolver<S, E>,
  decide: (state: S, loaded: Loaded<S>) => Decision<E, R>,
  metadata: EventMetadata,
  options: LoadOptions = {},
): Promise<R> {
  for (let attempt = 1; ; attempt += 1) {
    const loaded = await loadState(store, streamId, evolver, options);
    const { state, version } = loaded;
    const decision = decide(state, loaded);
    if (decision.events.length === 0) return decision.result;
    try {
      const appended = await store.append(
        streamId,
        decision.events.map((e) => toNewEvent(e, metadata)),
        version === 0 ? 'no-stream' : version,
      );
      // A concurrent identical command recorded this very fact first: decide again knowing it
      // (a repeated scan is then answered as the duplicate it is, not as a second "first").
      if (appended.idempotentReplay && attempt < commandRetriesMax) continue;
      return decision.result;
    } catch (error) {
      if (error instanceof WrongExpectedVersionError && attempt < commandRetriesMax) {
        await sleep(Math.random() * Math.min(attempt * 2, commandRetryPauseMsMax));
        continue;
      }
      throw error;
    }
  }
}

/** Commands of one batch on one stream (a busy session's door: one append for many scans). */
export const commandBatchMax = 200;

interface Queued<S, E extends DomainEvent> {
  decide: (state: S, loaded: Loaded<S>) => Decision<E, unknown>;
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
  decide: (state: S, loaded: Loaded<S>) => Decision<E, R>,
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
        outcomes.push({ item, result: decision.result });
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
