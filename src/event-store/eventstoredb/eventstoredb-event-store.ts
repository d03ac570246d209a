import {
  BACKWARDS,
  END,
  EventStoreDBClient,
  excludeSystemEvents,
  FORWARDS,
  START,
  StreamNotFoundError,
  WrongExpectedVersionError as ServerWrongExpectedVersion,
} from '@eventstore/db-client';
import { setTimeout as sleep } from 'node:timers/promises';
import { prepareEvent, replayOrConflict, validateAppend } from '../append-validation';
import { eventHash } from '../event-hash';
import { WrongExpectedVersionError } from '../event-store.errors';
import {
  appendOrderRetriesMax,
  readLimitDefault,
  readLimitMax,
  subscribeBatchSizeDefault,
  subscribePollIntervalMsDefault,
} from '../event-store.limits';
import {
  compareLogPositions,
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
  actualVersionOf,
  fromServerEvent,
  isSystemEvent,
  revisionAfter,
  type ServerRecordedEvent,
  toEventData,
} from './eventstoredb-mapping';

/**
 * The EventStoreDB/KurrentDB adapter of the event store port (client @eventstore/db-client 6.x).
 *
 * The server gives optimistic concurrency, idempotent event ids and a `$all` whose positions only
 * grow; this adapter adds what the port promises on top: the per-stream hash chain (it reads the
 * stream head, chains, and appends at that exact revision, retrying an `any` append that lost a
 * race), the ledger's own idempotency answer (same ids → the original result; same id, other
 * content → EventIdConflictError), and reads that hide system events.
 */
export class EventStoreDbEventStore implements EventStore {
  constructor(private readonly client: EventStoreDBClient) {}

  static fromConnectionString(connectionString: string): EventStoreDbEventStore {
    return new EventStoreDbEventStore(EventStoreDBClient.connectionString(connectionString));
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
    for (let attempt = 0; ; attempt += 1) {
      const existing = await this.readWholeStream(streamId);
      const replay = replayOrConflict(
        streamId,
        prepared,
        new Map(existing.map((e) => [e.eventId, e])),
      );
      if (replay) return replay;
      const current = existing.length;
      const ok =
        expected === 'any' ||
        (expected === 'no-stream' && current === 0) ||
        (expected === 'exists' && current > 0) ||
        (typeof expected === 'number' && expected === current);
      if (!ok) throw new WrongExpectedVersionError(streamId, String(expected), current);
      const recordedAt = new Date();
      let previous = existing[existing.length - 1]?.hash ?? null;
      const rows = prepared.map((event, index) => {
        const streamVersion = current + index + 1;
        const hash = eventHash(previous, { ...event, streamId, streamVersion, recordedAt });
        const data = toEventData(event, {
          schemaVersion: event.schemaVersion,
          occurredAt: event.occurredAt.toISOString(),
          recordedAt: recordedAt.toISOString(),
          prevHash: previous,
          hash,
        });
        previous = hash;
        return { event, streamVersion, hash, data };
      });
      try {
        const result = await this.client.appendToStream(
          streamId,
          rows.map((r) => r.data),
          { expectedRevision: revisionAfter(current) },
        );
        const position = result.position ?? { commit: 0n, prepare: 0n };
        return {
          streamId,
          nextExpectedVersion: current + rows.length,
          lastGlobalPosition: position.prepare,
          idempotentReplay: false,
          events: rows.map((r) => ({
            eventId: r.event.eventId,
            streamVersion: r.streamVersion,
            globalPosition: position.prepare,
            hash: r.hash,
          })),
        };
      } catch (error) {
        if (!(error instanceof ServerWrongExpectedVersion)) throw error;
        // Someone appended between our read and our write: 'any' goes again, the rest lost the race.
        if (expected === 'any' && attempt < appendOrderRetriesMax) continue;
        throw new WrongExpectedVersionError(
          streamId,
          String(expected),
          actualVersionOf(error.actualVersion),
        );
      }
    }
  }

  private async readWholeStream(streamId: string): Promise<RecordedEvent[]> {
    const events: RecordedEvent[] = [];
    for (;;) {
      const page = await this.readStream(streamId, {
        fromVersion: events.length + 1,
        limit: readLimitMax,
      });
      events.push(...page);
      if (page.length < readLimitMax) return events;
    }
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    const limit = Math.min(options.limit ?? readLimitDefault, readLimitMax);
    const events: RecordedEvent[] = [];
    try {
      const read = this.client.readStream(streamId, {
        fromRevision: BigInt((options.fromVersion ?? 1) - 1),
        maxCount: limit,
        direction: FORWARDS,
      });
      for await (const resolved of read) {
        if (!resolved.event) continue;
        const event = fromServerEvent(resolved.event as ServerRecordedEvent);
        if (options.toVersion !== undefined && event.streamVersion > options.toVersion) break;
        // No server-side "as of": stop at the first event recorded at or after the instant.
        if (options.recordedBefore && event.recordedAt >= options.recordedBefore) break;
        events.push(event);
      }
    } catch (error) {
      if (error instanceof StreamNotFoundError) return [];
      throw error;
    }
    return events;
  }

  async streamVersion(streamId: string): Promise<number> {
    try {
      for await (const resolved of this.client.readStream(streamId, {
        fromRevision: END,
        direction: BACKWARDS,
        maxCount: 1,
      })) {
        if (resolved.event) return Number(resolved.event.revision) + 1;
      }
      return 0;
    } catch (error) {
      if (error instanceof StreamNotFoundError) return 0;
      throw error;
    }
  }

  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    const limit = Math.min(options.limit ?? readLimitDefault, readLimitMax);
    const events: RecordedEvent[] = [];
    // `$all` reads are inclusive of their start and include system events: both are skipped here.
    // A window of the server's own events (statistics, scavenges) can be longer than one read, so
    // windows are read until `limit` events are found or `$all` ends, each starting at the last
    // raw position seen (and skipping up to it), never at the last event of ours.
    let from: LogPosition | undefined = options.after;
    for (;;) {
      const read = this.client.readAll({
        fromPosition: from ?? START,
        maxCount: readLimitMax,
        direction: FORWARDS,
      });
      let rawCount = 0;
      let lastRaw: LogPosition | undefined;
      try {
        for await (const resolved of read) {
          rawCount += 1;
          const raw = resolved.event as ServerRecordedEvent | undefined;
          if (!raw?.position) continue;
          const at = { commit: raw.position.commit, prepare: raw.position.prepare };
          if (from && compareLogPositions(at, from) <= 0) continue;
          lastRaw = at;
          if (isSystemEvent(raw)) continue;
          const event = fromServerEvent(raw);
          if (options.recordedBefore && event.recordedAt >= options.recordedBefore) continue;
          events.push(event);
          if (events.length >= limit) return events;
        }
      } finally {
        await read.cancel().catch(() => undefined);
      }
      // A short window is the end of $all; a window that did not move is one we cannot pass.
      if (rawCount < readLimitMax || lastRaw === undefined) return events;
      from = lastRaw;
    }
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

  async *subscribe(options: SubscribeOptions = {}): AsyncIterable<RecordedEvent[]> {
    const batchSize = Math.min(options.batchSize ?? subscribeBatchSizeDefault, readLimitMax);
    const pollIntervalMs = options.pollIntervalMs ?? subscribePollIntervalMsDefault;
    // Start positions are exclusive on subscriptions; the filter runs on the server.
    const subscription = this.client.subscribeToAll({
      fromPosition: options.after ?? START,
      filter: excludeSystemEvents(),
    });
    const queue: RecordedEvent[] = [];
    let failure: Error | null = null;
    subscription.on('data', (resolved) => {
      if (resolved.event) queue.push(fromServerEvent(resolved.event as ServerRecordedEvent));
    });
    subscription.on('error', (error: Error) => {
      failure = error;
    });
    options.signal?.addEventListener('abort', () => void subscription.unsubscribe());
    try {
      while (!options.signal?.aborted) {
        if (failure) throw failure;
        if (queue.length > 0) {
          yield queue.splice(0, batchSize);
          continue;
        }
        await sleep(pollIntervalMs, undefined, { signal: options.signal }).catch(() => undefined);
      }
    } finally {
      await subscription.unsubscribe().catch(() => undefined);
    }
  }

  async headPosition(): Promise<LogPosition | null> {
    const read = this.client.readAll({
      fromPosition: END,
      direction: BACKWARDS,
      maxCount: readLimitMax,
    });
    try {
      for await (const resolved of read) {
        const raw = resolved.event as ServerRecordedEvent | undefined;
        if (raw && !isSystemEvent(raw) && raw.position)
          return { commit: raw.position.commit, prepare: raw.position.prepare };
      }
      return null;
    } finally {
      await read.cancel().catch(() => undefined);
    }
  }
}
