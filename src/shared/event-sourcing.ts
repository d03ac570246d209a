import { createHash } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { canonicalJson } from '../event-store/event-hash';
import { WrongExpectedVersionError } from '../event-store/event-store.errors';
import { EventMetadata, EventStore, NewEvent } from '../event-store/event-store.port';
import { invalid } from './domain/domain-error';
import { Actor } from './http/actor';

/** A domain event as deciders see it: a discriminated union on `type`. */
export interface DomainEvent<TType extends string = string, TData = unknown> {
  type: TType;
  data: TData;
  /** Set when the event is read back from the store (corrections name the event they correct). */
  eventId?: string;
}

export interface Evolver<S, E extends DomainEvent> {
  initialState(): S;
  evolve(state: S, event: E): S;
}

/** Events a decision produced, with the ids and business times the handler chose for them. */
export interface Decision<E extends DomainEvent, R> {
  events: { event: E; eventId: string; occurredAt: Date }[];
  result: R;
}

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

export async function loadState<S, E extends DomainEvent>(
  store: EventStore,
  streamId: string,
  evolver: Evolver<S, E>,
): Promise<Loaded<S>> {
  const cache = cacheFor(store, evolver);
  const cached = cache.get(streamId);
  // Each load folds onto its own copy: concurrent loads of one stream must not share a state.
  let state = cached ? structuredClone(cached.state as S) : evolver.initialState();
  let version = cached?.version ?? 0;
  const eventIds = new Map(cached?.eventIds);
  for (;;) {
    const events = await store.readStream(streamId, { fromVersion: version + 1, limit: 1000 });
    for (const e of events) {
      state = evolver.evolve(state, { type: e.type, data: e.data, eventId: e.eventId } as E);
      version = e.streamVersion;
      eventIds.set(e.eventId, e.metadata);
    }
    if (events.length < 1000) break;
  }
  const latest = cache.get(streamId);
  if (version > 0 && (!latest || latest.version <= version)) {
    cache.delete(streamId); // re-insert: most recently used last
    cache.set(streamId, { state: structuredClone(state), version, eventIds: new Map(eventIds) });
    if (cache.size > stateCacheStreamsMax) cache.delete(cache.keys().next().value as string);
  }
  return { state, version, eventIds };
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
): Promise<R> {
  for (let attempt = 1; ; attempt += 1) {
    const loaded = await loadState(store, streamId, evolver);
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

export function actorMetadata(actor: Actor, extra: EventMetadata = {}): EventMetadata {
  return { actorId: actor.actorId, role: actor.role, jurisdiction: actor.jurisdiction, ...extra };
}

/**
 * Event metadata of a command from HTTP: the actor, the reason where one is given, and with an
 * Idempotency-Key the key and the request's fingerprint (to tell a retry from a reuse).
 */
export function commandMetadata(
  actor: Actor,
  request: { idempotencyKey?: string; body?: unknown; reason?: string } = {},
): EventMetadata {
  return actorMetadata(actor, {
    ...(request.reason ? { reason: request.reason } : {}),
    ...(request.idempotencyKey
      ? {
          idempotencyKey: request.idempotencyKey,
          requestFingerprint: requestFingerprint(request.body),
        }
      : {}),
  });
}

/**
 * An Idempotency-Key replay: the event the first request appended is already in the stream.
 * True when it is the same request again; a different request under the same key is refused.
 */
export function isReplay(
  loaded: Loaded<unknown>,
  eventId: string,
  fingerprint: string | undefined,
): boolean {
  const metadata = loaded.eventIds.get(eventId);
  if (!metadata) return false;
  if (metadata.requestFingerprint !== fingerprint) {
    throw invalid('Idempotency-Key', 'Idempotency-Key was already used for a different request');
  }
  return true;
}

/** Fingerprint of a request body, kept with an Idempotency-Key to tell a retry from a reuse. */
export function requestFingerprint(body: unknown): string {
  return createHash('sha256').update(canonicalJson(body)).digest('hex').slice(0, 32);
}
