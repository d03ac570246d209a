import type { EventMetadata, EventStore, RecordedEvent } from '../../event-store/event-store.port';
import type { DomainEvent, Evolver } from '../domain/domain-event';

/** Loading an aggregate's state: the stream read a page at a time and folded, with a cache of
 * folded states so a busy stream is not re-read from its start for every command. */

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
 * Folded states by store, evolve function and stream (keyed by the function, so an aggregate's
 * decider and its evolver share one cache). Only a shortcut: every load still reads the events
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
  const cache = cacheFor(store, evolver.evolve);
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
