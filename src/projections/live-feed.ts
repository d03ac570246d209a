import { Inject, Injectable, OnApplicationShutdown, Optional } from '@nestjs/common';
import { setTimeout as sleep } from 'node:timers/promises';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import {
  compareLogPositions,
  EVENT_STORE,
  type EventStore,
  type LogPosition,
  type ProjectionLogEvent,
  type RecordedEvent,
} from '../event-store/event-store.port';
import { readLimitMax } from '../event-store/event-store.limits';
import { projectedEvent, projectionPages } from './projection-batch';

/** Events the feed keeps behind its head (or its last page, if larger); a consumer further back
 * reads on its own. */
export const liveFeedWindowEventsMax = 5_000;

/** Optional provider: a smaller window (tests make a consumer fall behind it). */
export const LIVE_FEED_OPTIONS = Symbol('LIVE_FEED_OPTIONS');
export interface LiveFeedOptions {
  windowEventsMax?: number;
}

/**
 * One reader of the log's tail for every consumer in this process (projections and reactors).
 * Each of them used to poll the log on its own and read every new event again; now the feed reads
 * a page once and hands it to each consumer whose checkpoint is within its window. It reads only
 * when some consumer asks for what comes after its head, so it goes as fast as the fastest.
 *
 * The window is a contiguous run of the log, (start, last event], read by consecutive reads each
 * starting after the last event of the one before, through the store's own horizon-bounded reads:
 * so it holds every event in that range that any reader will ever see (a late commit sorts after
 * everything read before it). A consumer behind `start` (a restart, a failure retried from its
 * checkpoint, one that fell behind) reads on its own until it is back in the window (`followLog`).
 *
 * The feed knows no checkpoint: consumers still commit their work and their checkpoint themselves.
 */
@Injectable()
export class LiveFeed implements OnApplicationShutdown {
  private readonly controller = new AbortController();
  /** Exclusive start of the window; undefined is the start of the log. */
  private start: LogPosition | undefined;
  private events: ProjectionLogEvent[] = [];
  private source: AsyncIterator<ProjectionLogEvent[]> | null = null;
  private pulling: Promise<void> | null = null;
  private started = false;
  private readonly windowEventsMax: number;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(APP_CONFIG)
    private readonly config: Pick<AppConfig, 'subscriptionPollMs' | 'projectionBatchSize'>,
    @Optional() @Inject(LIVE_FEED_OPTIONS) options?: LiveFeedOptions,
  ) {
    this.windowEventsMax = options?.windowEventsMax ?? liveFeedWindowEventsMax;
  }

  onApplicationShutdown(): void {
    this.close();
  }

  close(): void {
    this.controller.abort();
    void this.source?.return?.().catch(() => undefined);
  }

  /**
   * Up to `limit` events after `after`, waiting until there are some; null when `after` is behind
   * the window (the caller reads those itself); an empty page once `signal` (or the feed) stops.
   */
  async eventsAfter(
    after: LogPosition | undefined,
    limit: number,
    signal: AbortSignal,
  ): Promise<ProjectionLogEvent[] | null> {
    if (!this.started) {
      // The first consumer to ask places the window where it stands.
      this.started = true;
      this.start = after;
    }
    for (;;) {
      if (signal.aborted || this.controller.signal.aborted) return [];
      if (isBefore(after, this.start)) return null;
      const first = this.indexAfter(after);
      if (first < this.events.length) return this.events.slice(first, first + limit);
      await untilAborted(this.pull(), signal);
    }
  }

  /** Index of the first event of the window after `position` (binary search: log order). */
  private indexAfter(position: LogPosition | undefined): number {
    if (!position) return 0;
    let low = 0;
    let high = this.events.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (compareLogPositions(this.events[mid].position, position) <= 0) low = mid + 1;
      else high = mid;
    }
    return low;
  }

  /** The next page after the window's last event, read once for everyone waiting for it. */
  private pull(): Promise<void> {
    this.pulling ??= this.readNext().finally(() => {
      this.pulling = null;
    });
    return this.pulling;
  }

  private async readNext(): Promise<void> {
    const head = this.events.length > 0 ? this.events[this.events.length - 1].position : this.start;
    this.source ??= this.follow(head)[Symbol.asyncIterator]();
    let next: IteratorResult<ProjectionLogEvent[]>;
    try {
      next = await this.source.next();
    } catch (error) {
      // The database went away, say: the waiting consumers fail and retry from their
      // checkpoints; the next pull reads on from the window's last event.
      this.source = null;
      throw error;
    }
    if (next.done) {
      this.source = null;
      return;
    }
    this.events = this.events.concat(next.value);
    // Older events make room; the page just read stays whole for those who waited for it.
    const excess = Math.min(
      this.events.length - this.windowEventsMax,
      this.events.length - next.value.length,
    );
    if (excess > 0) {
      this.start = this.events[excess - 1].position;
      this.events = this.events.slice(excess);
    }
  }

  /**
   * The log after `after`, live: the store's lean projection read where it has one (polling when
   * caught up), else its own subscription (EventStoreDB follows `$all` natively).
   */
  private async *follow(after: LogPosition | undefined): AsyncIterable<ProjectionLogEvent[]> {
    const signal = this.controller.signal;
    const pageSize = Math.min(this.config.projectionBatchSize, readLimitMax);
    if (!this.store.readProjectionPages) {
      for await (const batch of this.store.subscribe({
        after,
        batchSize: pageSize,
        pollIntervalMs: this.config.subscriptionPollMs,
        signal,
      }))
        yield batch.map(projectedEvent);
      return;
    }
    while (!signal.aborted) {
      // Like a subscription: pages back to back while they come full (catching up), else a pause
      // before the next look, so that a busy log is read in pages, not an event at a time.
      let full = false;
      for await (const page of this.store.readProjectionPages({ after, pageSize })) {
        after = page[page.length - 1].position;
        full = page.length >= pageSize;
        yield page;
        if (!full) break;
      }
      if (!full)
        await sleep(this.config.subscriptionPollMs, undefined, { signal }).catch(() => undefined);
    }
  }
}

/**
 * The log after `after` for one consumer, page by page, until `signal` aborts: from the shared
 * feed while the consumer is within its window, from its own reads (lean where the store has
 * them) while it is behind. Like `EventStore.subscribe`, every event once, in log order.
 */
export async function* followLog(
  feed: LiveFeed,
  store: EventStore,
  after: LogPosition | undefined,
  pageSize: number,
  signal: AbortSignal,
): AsyncIterable<ProjectionLogEvent[]> {
  while (!signal.aborted) {
    const page = await feed.eventsAfter(after, pageSize, signal);
    if (page === null) {
      // Behind the window: catch up on its own to what a reader sees now, then ask again.
      for await (const own of projectionPages(store, { after, pageSize })) {
        after = own[own.length - 1].position;
        yield own;
        if (signal.aborted) return;
      }
      continue;
    }
    if (page.length === 0) return; // stopped
    after = page[page.length - 1].position;
    yield page;
  }
}

/**
 * The whole recorded events (metadata, hashes…) of those of a page that `wanted` picks, for a
 * consumer that needs more than a projection folds (reactors). `after` is where the page starts
 * (exclusive). By position where the store reads events so, else the page's range read again.
 */
export async function recordedEventsOf(
  store: EventStore,
  page: readonly ProjectionLogEvent[],
  after: LogPosition | undefined,
  wanted: (event: ProjectionLogEvent) => boolean,
): Promise<RecordedEvent[]> {
  const picked = page.filter(wanted);
  if (picked.length === 0) return [];
  const ids = new Set(picked.map((e) => e.eventId));
  const found: RecordedEvent[] = [];
  if (store.readEventsAt) {
    for (let i = 0; i < picked.length; i += readLimitMax)
      found.push(
        ...(await store.readEventsAt(
          picked.slice(i, i + readLimitMax).map((e) => BigInt(e.globalPosition)),
        )),
      );
  } else {
    const to = page[page.length - 1].position;
    for await (const events of store.readAllPages({ after, to, pageSize: readLimitMax }))
      for (const event of events) if (ids.has(event.eventId)) found.push(event);
  }
  const events = found.filter((e) => ids.has(e.eventId));
  if (events.length !== picked.length)
    throw new Error(`${picked.length - events.length} event(s) of the page could not be read back`);
  return events;
}

/** `a` strictly before `b`; undefined is the start of the log. */
function isBefore(a: LogPosition | undefined, b: LogPosition | undefined): boolean {
  if (!b) return false;
  if (!a) return true;
  return compareLogPositions(a, b) < 0;
}

/** Waits for `work` unless `signal` aborts first (the work goes on for whoever else awaits it). */
function untilAborted(work: Promise<void>, signal: AbortSignal): Promise<void> {
  work.catch(() => undefined);
  if (signal.aborted) return Promise.resolve();
  return new Promise<void>((resolve, reject) => {
    const stop = () => resolve();
    signal.addEventListener('abort', stop, { once: true });
    work.then(
      () => {
        signal.removeEventListener('abort', stop);
        resolve();
      },
      (error: unknown) => {
        signal.removeEventListener('abort', stop);
        reject(error);
      },
    );
  });
}
