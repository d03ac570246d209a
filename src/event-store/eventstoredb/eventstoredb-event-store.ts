import {
  BACKWARDS,
  END,
  EventStoreDBClient,
  FORWARDS,
  jsonEvent,
  NO_STREAM,
  START,
  StreamNotFoundError,
  streamNameFilter,
  WrongExpectedVersionError as ServerWrongExpectedVersion,
  type AppendExpectedRevision,
  type ReadPosition,
} from '@eventstore/db-client';
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  prepareEvent,
  replayOrConflict,
  validateAppend,
  type PreparedEvent,
} from '../append-validation';
import { eventHash } from '../event-hash';
import { EventIdConflictError, WrongExpectedVersionError } from '../event-store.errors';
import {
  readLimitDefault,
  readLimitMax,
  subscribeBatchSizeDefault,
  subscribePollIntervalMsDefault,
} from '../event-store.limits';
import {
  type AppendResult,
  type EventStore,
  type ExpectedVersion,
  type LogPosition,
  type NewEvent,
  type ReadAllOptions,
  type ReadAllPagesOptions,
  type ReadStreamOptions,
  type RecordedEvent,
  type StreamHead,
  type SubscribeOptions,
} from '../event-store.port';
import { pagesOfLog, streamHeadsFromLog } from '../read-all-pages';
import {
  claimEventType,
  claimFor,
  claimStreamId,
  judgeClaims,
  parseClaim,
  probeKey,
  type EventIdClaim,
} from './eventstoredb-claims';
import { connectionStringProblem, toPortError } from './eventstoredb-errors';
import {
  fromServerEvent,
  isLedgerEvent,
  ledgerStreamsRegex,
  revisionAfter,
  type ServerRecordedEvent,
  toEventData,
  writeIdOf,
} from './eventstoredb-mapping';
import { newestLedgerPosition, nextWindowStart, takeFromWindow } from './eventstoredb-paging';
import { settleAppend, type SentEvent, type StoredEvent } from './eventstoredb-read-back';

/** Attempts of an `any` append that keeps losing the race for its stream's next revision. */
export const anyAppendAttemptsMax = 200;
/** Longest pause (jittered) between two such attempts. */
export const anyAppendPauseMsMax = 25;
/** Judgements of an event id's claims while another writer's content is in flight under it. */
export const claimAttemptsMax = 20;
export const claimPauseMsMax = 20;
/** Stream heads remembered between appends (chain and revision without a read). */
export const headCacheSizeMax = 10_000;
/** Re-subscriptions of a subscription the server ended or dropped, in a row, before failing. */
export const resubscribeAttemptsMax = 10;
export const resubscribePauseMsMax = 2_000;

interface Head {
  version: number;
  hash: string | null;
}

export interface EventStoreDbOptions {
  /** Raw records per `$all` window (tests make it small to cross gaps of system events). */
  readWindowSize?: number;
}

/**
 * The EventStoreDB/KurrentDB adapter of the event store port (client @eventstore/db-client 6.2.1).
 *
 * The server gives optimistic concurrency, per-stream idempotent ids and a `$all` whose positions
 * only grow; on top, this adapter gives what the port promises and the server does not:
 *
 * - event ids unique across streams, also under races (claims: eventstoredb-claims.ts);
 * - the per-stream hash chain, appended at the exact revision of the stream's head (remembered
 *   from the last append, read when unknown or stale; never a re-read of the whole stream);
 * - after each append, its events read back: each with its own log position, and a writer whose
 *   twin wrote first answered with the twin's stored events (eventstoredb-read-back.ts);
 * - `readAll` that pages past the server's own events to the real end (eventstoredb-paging.ts) and
 *   stops, naming the position, at a user event the ledger did not write;
 * - `recordedAt` the server's `created` (one clock for every instance), the writer's beside it;
 * - subscriptions with backpressure that resubscribe from their last event and surface errors;
 * - the client's errors as the port's (eventstoredb-errors.ts).
 */
export class EventStoreDbEventStore implements EventStore {
  private readonly heads = new Map<string, Head>();
  private readonly readWindowSize: number;

  constructor(
    private readonly client: EventStoreDBClient,
    options: EventStoreDbOptions = {},
  ) {
    this.readWindowSize = Math.max(
      2,
      Math.min(options.readWindowSize ?? readLimitMax, readLimitMax),
    );
  }

  static fromConnectionString(
    connectionString: string,
    options: EventStoreDbOptions = {},
  ): EventStoreDbEventStore {
    const problem = connectionStringProblem(connectionString);
    if (problem) throw new Error(problem);
    return new EventStoreDbEventStore(
      EventStoreDBClient.connectionString(connectionString),
      options,
    );
  }

  async dispose(): Promise<void> {
    await this.client.dispose();
  }

  async append(
    streamId: string,
    events: readonly NewEvent[],
    expected: ExpectedVersion,
  ): Promise<AppendResult> {
    validateAppend(streamId, events, expected);
    const prepared = events.map(prepareEvent);
    try {
      return await this.appendPrepared(streamId, prepared, expected);
    } catch (error) {
      throw toPortError(error);
    }
  }

  private async appendPrepared(
    streamId: string,
    prepared: PreparedEvent[],
    expected: ExpectedVersion,
  ): Promise<AppendResult> {
    let head = this.heads.get(streamId) ?? (await this.readHead(streamId));
    // A remembered head may be stale (another instance appended): an exact expectation is
    // judged against the server's head before it is refused.
    if (!holds(expected, head.version) && this.heads.has(streamId))
      head = await this.readHead(streamId);
    for (let attempt = 1; ; attempt += 1) {
      // Refused for its expectation: claim nothing (a claim left at an empty place would hold the
      // id against the caller's next decision), but answer a replay as PostgreSQL does.
      const holdsNow = holds(expected, head.version);
      const claimed = await this.claimIds(streamId, prepared, head.version, holdsNow);
      if (claimed === 'stored') return this.replayFromStream(streamId, prepared);
      if (!holdsNow) throw new WrongExpectedVersionError(streamId, String(expected), head.version);
      const sent = chainOnto(streamId, head, prepared, new Date(), randomUUID());
      try {
        await this.client.appendToStream(
          streamId,
          sent.map((s) => s.data),
          { expectedRevision: revisionAfter(head.version) },
        );
      } catch (error) {
        if (!(error instanceof ServerWrongExpectedVersion)) throw error;
        this.heads.delete(streamId);
        // A twin that wrote these very events first makes this a replay, not a lost race.
        const twin = settleAppend(streamId, sent, await this.readVersions(streamId, sent));
        if (twin) return this.remember(streamId, twin);
        head = await this.readHead(streamId);
        if (expected === 'any' && attempt < anyAppendAttemptsMax) {
          await sleep(Math.random() * Math.min(attempt, anyAppendPauseMsMax));
          continue;
        }
        throw new WrongExpectedVersionError(streamId, String(expected), head.version);
      }
      const settled =
        settleAppend(streamId, sent, await this.readVersions(streamId, sent)) ??
        (await this.replayFromStream(streamId, prepared));
      return this.remember(streamId, settled);
    }
  }

  /** Keeps the head a fresh write left (a replay may answer for events long behind the head). */
  private remember(streamId: string, result: AppendResult): AppendResult {
    if (result.idempotentReplay) return result;
    const last = result.events[result.events.length - 1];
    const known = this.heads.get(streamId);
    if (known && known.version > last.streamVersion) return result;
    this.heads.delete(streamId);
    if (this.heads.size >= headCacheSizeMax)
      this.heads.delete(this.heads.keys().next().value as string);
    this.heads.set(streamId, { version: last.streamVersion, hash: last.hash });
    return result;
  }

  /** The events stored at the versions an append was sent for (its read-back). */
  private async readVersions(streamId: string, sent: readonly SentEvent[]): Promise<StoredEvent[]> {
    const stored: StoredEvent[] = [];
    try {
      for await (const resolved of this.client.readStream(streamId, {
        fromRevision: BigInt(sent[0].streamVersion - 1),
        maxCount: sent.length,
        direction: FORWARDS,
      })) {
        if (!resolved.event || !isLedgerEvent(resolved.event)) continue;
        const raw = resolved.event as ServerRecordedEvent;
        stored.push({ ...fromServerEvent(raw), writeId: writeIdOf(raw) });
      }
    } catch (error) {
      if (!(error instanceof StreamNotFoundError)) throw error;
    }
    return stored;
  }

  /** Every id was stored before: the original result (or EventIdConflictError). */
  private async replayFromStream(
    streamId: string,
    prepared: readonly PreparedEvent[],
  ): Promise<AppendResult> {
    const stored = new Map<string, RecordedEvent>();
    for (let from = 1; ;) {
      const page = await this.readStream(streamId, { fromVersion: from, limit: readLimitMax });
      for (const e of page) stored.set(e.eventId, e);
      if (page.length < readLimitMax) break;
      from = page[page.length - 1].streamVersion + 1;
    }
    const replay = replayOrConflict(streamId, prepared, stored);
    if (!replay)
      throw new Error(
        `stream ${streamId}: the server acknowledged an append whose events are not in the stream`,
      );
    return replay;
  }

  private async readHead(streamId: string): Promise<Head> {
    try {
      for await (const resolved of this.client.readStream(streamId, {
        fromRevision: END,
        direction: BACKWARDS,
        maxCount: 1,
      })) {
        if (!resolved.event) continue;
        const last = fromServerEvent(resolved.event as ServerRecordedEvent);
        return { version: last.streamVersion, hash: last.hash };
      }
      return { version: 0, hash: null };
    } catch (error) {
      if (error instanceof StreamNotFoundError) return { version: 0, hash: null };
      throw error;
    }
  }

  /**
   * Claims every id of the append ('stored' when any of them is stored with this content). With
   * `write` false it only judges: stored, conflict, or neither.
   */
  private async claimIds(
    streamId: string,
    prepared: readonly PreparedEvent[],
    version: number,
    write: boolean,
  ): Promise<'claimed' | 'stored'> {
    const outcomes = await Promise.all(
      prepared.map((event, i) =>
        this.claim(event.eventId, claimFor(streamId, event, version + i + 1), write),
      ),
    );
    return outcomes.includes('stored') ? 'stored' : 'claimed';
  }

  private async claim(
    eventId: string,
    mine: EventIdClaim,
    write: boolean,
  ): Promise<'claimed' | 'stored'> {
    const stream = claimStreamId(eventId);
    let writeAt: AppendExpectedRevision | null = write ? NO_STREAM : null;
    for (let attempt = 1; attempt <= claimAttemptsMax; attempt += 1) {
      if (writeAt !== null) {
        try {
          await this.client.appendToStream(
            stream,
            jsonEvent({ type: claimEventType, data: { ...mine } }),
            { expectedRevision: writeAt },
          );
          return 'claimed';
        } catch (error) {
          if (!(error instanceof ServerWrongExpectedVersion)) throw error;
        }
      }
      const { claims, revision } = await this.readClaims(stream);
      const places = new Map<string, string | null>();
      for (const c of claims)
        if (!places.has(probeKey(c))) places.set(probeKey(c), await this.idAt(c));
      const verdict = judgeClaims(eventId, mine, claims, (c) => places.get(probeKey(c)) ?? null);
      switch (verdict.kind) {
        case 'stored':
          return 'stored';
        case 'conflict':
          throw new EventIdConflictError(eventId, verdict.detail);
        case 'in-flight':
          if (!write) return 'claimed';
          writeAt = null;
          await sleep(Math.random() * claimPauseMsMax);
          continue;
        case 'free':
        case 'ours': {
          const last = claims[claims.length - 1];
          if (!write || (last && sameClaim(last, mine))) return 'claimed';
          writeAt = revision;
        }
      }
    }
    throw new EventIdConflictError(
      eventId,
      'another writer kept appending other content under this id',
    );
  }

  private async readClaims(
    stream: string,
  ): Promise<{ claims: EventIdClaim[]; revision: AppendExpectedRevision }> {
    const claims: EventIdClaim[] = [];
    let revision: AppendExpectedRevision = NO_STREAM;
    try {
      for await (const resolved of this.client.readStream(stream, { direction: FORWARDS })) {
        if (!resolved.event) continue;
        revision = resolved.event.revision;
        const claim = parseClaim(resolved.event.data);
        if (claim) claims.push(claim);
      }
    } catch (error) {
      if (!(error instanceof StreamNotFoundError)) throw error;
    }
    return { claims, revision };
  }

  /** The id of the event a claim's place holds, or null when nothing is there (yet). */
  private async idAt(claim: EventIdClaim): Promise<string | null> {
    const revision = BigInt(claim.streamVersion - 1);
    try {
      for await (const resolved of this.client.readStream(claim.streamId, {
        fromRevision: revision,
        maxCount: 1,
      })) {
        // A truncated stream answers with a later event: the place is hidden, judged as empty.
        if (resolved.event && resolved.event.revision === revision) return resolved.event.id;
        return null;
      }
      return null;
    } catch (error) {
      if (error instanceof StreamNotFoundError) return null;
      throw error;
    }
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    try {
      return await this.readStreamRaw(streamId, options);
    } catch (error) {
      throw toPortError(error);
    }
  }

  private async readStreamRaw(
    streamId: string,
    options: ReadStreamOptions,
  ): Promise<RecordedEvent[]> {
    const limit = Math.min(options.limit ?? readLimitDefault, readLimitMax);
    const events: RecordedEvent[] = [];
    let from = (options.fromVersion ?? 1) - 1;
    // "As of" filters (as PostgreSQL's WHERE does) rather than stopping at the first later event:
    // `created` follows the leader's clock, which need not grow along a stream.
    for (;;) {
      let raw = 0;
      try {
        for await (const resolved of this.client.readStream(streamId, {
          fromRevision: BigInt(from),
          maxCount: limit,
          direction: FORWARDS,
        })) {
          raw += 1;
          if (!resolved.event) continue;
          from = Number(resolved.event.revision) + 1;
          if (!isLedgerEvent(resolved.event)) continue;
          const event = fromServerEvent(resolved.event as ServerRecordedEvent);
          if (options.toVersion !== undefined && event.streamVersion > options.toVersion)
            return events;
          if (options.recordedBefore && !(event.recordedAt < options.recordedBefore)) continue;
          events.push(event);
          if (events.length >= limit) return events;
        }
      } catch (error) {
        if (error instanceof StreamNotFoundError) return events;
        throw error;
      }
      if (raw < limit) return events;
    }
  }

  async streamVersion(streamId: string): Promise<number> {
    try {
      return (await this.readHead(streamId)).version;
    } catch (error) {
      throw toPortError(error);
    }
  }

  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    try {
      return await this.readAllRaw(options);
    } catch (error) {
      throw toPortError(error);
    }
  }

  private async readAllRaw(options: ReadAllOptions): Promise<RecordedEvent[]> {
    const limit = Math.min(options.limit ?? readLimitDefault, readLimitMax);
    const events: RecordedEvent[] = [];
    let from: LogPosition | undefined = options.after;
    for (;;) {
      const raw = await this.rawWindow(from ?? START, FORWARDS);
      const outcome = takeFromWindow(raw, this.readWindowSize, {
        after: from,
        wanted: limit - events.length,
        recordedBefore: options.recordedBefore,
      });
      events.push(...outcome.events);
      const next = nextWindowStart(outcome, from);
      if (!next) return events;
      from = next;
    }
  }

  private async rawWindow(
    from: ReadPosition,
    direction: typeof FORWARDS | typeof BACKWARDS,
  ): Promise<ServerRecordedEvent[]> {
    const read = this.client.readAll({
      fromPosition: from,
      maxCount: this.readWindowSize,
      direction,
    });
    const raw: ServerRecordedEvent[] = [];
    try {
      for await (const resolved of read)
        if (resolved.event) raw.push(resolved.event as ServerRecordedEvent);
    } finally {
      await read.cancel().catch(() => undefined);
    }
    return raw;
  }

  readAllPages(options: ReadAllPagesOptions = {}): AsyncIterable<RecordedEvent[]> {
    return pagesOfLog(this, options);
  }

  /** No index of heads by position here: one pass over `$all` up to `to`. */
  streamHeads(options: { to: LogPosition }): AsyncIterable<StreamHead[]> {
    return streamHeadsFromLog(this, options);
  }

  /**
   * Never held: `$all` positions are handed out at commit, so a reader that follows them cannot
   * skip a late commit and nothing makes it wait for another client's transaction.
   */
  async horizon(): Promise<null> {
    return null;
  }

  async headPosition(): Promise<LogPosition | null> {
    try {
      let before: LogPosition | undefined;
      for (;;) {
        const raw = await this.rawWindow(before ?? END, BACKWARDS);
        const { found, lastSeen } = newestLedgerPosition(raw, before);
        if (found) return found;
        // Only the server's events in this window: look further back, to the real start.
        if (raw.length < this.readWindowSize || !lastSeen) return null;
        before = lastSeen;
      }
    } catch (error) {
      throw toPortError(error);
    }
  }

  /**
   * Follows `$all` from `after`, filtered on the server to ledger streams. Backpressure: the
   * subscription is read in paused mode, so the client stops pulling from the server while a batch
   * is being handled (a catch-up over a large log holds a bounded buffer, not the log). A mapping
   * error or a server error ends the iteration with that error; a subscription the server ended
   * or dropped for being away is resubscribed from the last event handed out.
   */
  async *subscribe(options: SubscribeOptions = {}): AsyncIterable<RecordedEvent[]> {
    const batchSize = Math.min(options.batchSize ?? subscribeBatchSizeDefault, readLimitMax);
    const pollIntervalMs = options.pollIntervalMs ?? subscribePollIntervalMsDefault;
    const signal = options.signal;
    let checkpoint = options.after;
    let resubscribes = 0;
    while (!signal?.aborted) {
      const subscription = this.client.subscribeToAll({
        fromPosition: checkpoint ?? START,
        filter: streamNameFilter({ regex: ledgerStreamsRegex }),
      });
      let failure: unknown = null;
      let ended = false;
      subscription.on('error', (error: unknown) => {
        failure = error;
      });
      subscription.on('end', () => {
        ended = true;
      });
      const stop = () => void subscription.unsubscribe().catch(() => undefined);
      signal?.addEventListener('abort', stop);
      try {
        while (!signal?.aborted) {
          const batch: RecordedEvent[] = [];
          for (let resolved; batch.length < batchSize && (resolved = subscription.read());) {
            const raw = (resolved as { event?: ServerRecordedEvent }).event;
            if (raw && isLedgerEvent(raw)) batch.push(fromServerEvent(raw));
          }
          if (batch.length > 0) {
            checkpoint = batch[batch.length - 1].position;
            resubscribes = 0;
            yield batch;
            continue;
          }
          if (failure || ended) break;
          // Until the next record, the end, an error (its listener set `failure`) or the poll.
          const waiting = new AbortController();
          const stopWaiting = () => waiting.abort();
          signal?.addEventListener('abort', stopWaiting, { once: true });
          try {
            await Promise.race([
              once(subscription, 'readable', { signal: waiting.signal }).catch(() => undefined),
              sleep(pollIntervalMs, undefined, { signal: waiting.signal }).catch(() => undefined),
            ]);
          } finally {
            // Never leave a listener behind per poll.
            waiting.abort();
            signal?.removeEventListener('abort', stopWaiting);
          }
        }
      } finally {
        signal?.removeEventListener('abort', stop);
        await subscription.unsubscribe().catch(() => undefined);
      }
      if (signal?.aborted) return;
      const error = toPortError(failure);
      const transient =
        failure === null || (error as { name?: string }).name === 'EventStoreUnavailableError';
      if (!transient || resubscribes >= resubscribeAttemptsMax)
        throw error ?? new Error('subscription ended');
      resubscribes += 1;
      await sleep(Math.random() * Math.min(resubscribes * 200, resubscribePauseMsMax), undefined, {
        signal,
      }).catch(() => undefined);
    }
  }
}

function holds(expected: ExpectedVersion, version: number): boolean {
  return (
    expected === 'any' ||
    (expected === 'no-stream' && version === 0) ||
    (expected === 'exists' && version > 0) ||
    (typeof expected === 'number' && expected === version)
  );
}

function sameClaim(a: EventIdClaim, b: EventIdClaim): boolean {
  return (
    a.streamId === b.streamId &&
    a.streamVersion === b.streamVersion &&
    a.fingerprint === b.fingerprint
  );
}

/** The events chained onto a stream's head, stamped with the writer's clock (which is hashed). */
function chainOnto(
  streamId: string,
  head: Head,
  prepared: readonly PreparedEvent[],
  writerClock: Date,
  writeId: string,
): (SentEvent & { data: ReturnType<typeof toEventData> })[] {
  let previous = head.hash;
  return prepared.map((event, index) => {
    const streamVersion = head.version + index + 1;
    const hash = eventHash(previous, {
      ...event,
      streamId,
      streamVersion,
      recordedAt: writerClock,
    });
    const data = toEventData(event, {
      schemaVersion: event.schemaVersion,
      occurredAt: event.occurredAt.toISOString(),
      recordedAt: writerClock.toISOString(),
      prevHash: previous,
      hash,
      writeId,
    });
    previous = hash;
    return { event, streamVersion, hash, writeId, data };
  });
}
