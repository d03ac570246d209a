import { WrongExpectedVersionError } from '../event-store/event-store.errors';
import type {
  AppendResult,
  EventStore,
  ExpectedVersion,
  NewEvent,
  ReadStreamOptions,
  RecordedEvent,
} from '../event-store/event-store.port';
import { readLimitMaxForStreams } from '../event-store/event-store.port';

/**
 * An event store for a dry run: the real handlers run against it unchanged, reading the ledger as
 * it is and "appending" into memory only, so every rule they apply is applied and nothing is
 * written. Each stream is read from the real store once, when first touched (a snapshot for the
 * run), and what earlier rows appended is seen by later ones (a roster row after the
 * registration of its person in the same run). A fresh instance per run: the state cache keys
 * states by store, so nothing imagined ever reaches the service's own cache.
 */
export class DryRunStore implements EventStore {
  private readonly streams = new Map<string, { events: RecordedEvent[]; ids: Set<string> }>();
  private readonly loading = new Map<string, Promise<RecordedEvent[]>>();
  /** Events "appended" in this run, in order. */
  readonly appended: RecordedEvent[] = [];
  private position = 0n;

  constructor(private readonly real: EventStore) {}

  private async stream(streamId: string): Promise<{ events: RecordedEvent[]; ids: Set<string> }> {
    const known = this.streams.get(streamId);
    if (known) return known;
    let pending = this.loading.get(streamId);
    if (!pending) {
      pending = (async () => {
        const events: RecordedEvent[] = [];
        for (;;) {
          const page = await this.real.readStream(streamId, {
            fromVersion: events.length + 1,
            limit: readLimitMaxForStreams,
          });
          events.push(...page);
          if (page.length < readLimitMaxForStreams) return events;
        }
      })();
      this.loading.set(streamId, pending);
    }
    const events = await pending;
    if (!this.streams.has(streamId))
      this.streams.set(streamId, { events, ids: new Set(events.map((e) => e.eventId)) });
    this.loading.delete(streamId);
    return this.streams.get(streamId) as { events: RecordedEvent[]; ids: Set<string> };
  }

  async append(
    streamId: string,
    events: readonly NewEvent[],
    expected: ExpectedVersion,
  ): Promise<AppendResult> {
    const stream = await this.stream(streamId);
    // Let the other rows' commands queue up meanwhile, as a real append's round trip does, so
    // that group commit batches them as it would in the recording pass.
    await new Promise((resolve) => setImmediate(resolve));
    const version = stream.events.length;
    if (events.length > 0 && events.every((e) => stream.ids.has(e.eventId)))
      return {
        streamId,
        nextExpectedVersion: version,
        lastGlobalPosition: this.position,
        idempotentReplay: true,
        events: [],
      };
    const fits =
      expected === 'any' ||
      (expected === 'no-stream' && version === 0) ||
      (expected === 'exists' && version > 0) ||
      expected === version;
    if (!fits) throw new WrongExpectedVersionError(streamId, String(expected), version);
    const now = new Date();
    const recorded = events.map((e, i): RecordedEvent => {
      this.position += 1n;
      return {
        eventId: e.eventId,
        type: e.type,
        schemaVersion: e.schemaVersion ?? 1,
        data: e.data,
        metadata: e.metadata ?? {},
        occurredAt: e.occurredAt,
        recordedAt: now,
        streamId,
        streamVersion: version + i + 1,
        globalPosition: this.position,
        position: { commit: 0n, prepare: this.position },
        prevHash: null,
        hash: '',
      };
    });
    for (const e of recorded) {
      stream.events.push(e);
      stream.ids.add(e.eventId);
      this.appended.push(e);
    }
    return {
      streamId,
      nextExpectedVersion: stream.events.length,
      lastGlobalPosition: this.position,
      idempotentReplay: false,
      events: recorded.map((e) => ({
        eventId: e.eventId,
        streamVersion: e.streamVersion,
        globalPosition: e.globalPosition,
        hash: e.hash,
      })),
    };
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    // Versions are 1-based and dense: version v is at index v - 1.
    const { events } = await this.stream(streamId);
    const from = Math.max(1, options.fromVersion ?? 1);
    const to = Math.min(events.length, options.toVersion ?? events.length);
    const limit = options.limit ?? events.length;
    const selected = events.slice(from - 1, Math.min(to, from - 1 + limit));
    const before = options.recordedBefore;
    return before ? selected.filter((e) => e.recordedAt < before) : selected;
  }

  async streamVersion(streamId: string): Promise<number> {
    return (await this.stream(streamId)).events.length;
  }

  // Whole-log readers never run in a dry run's handlers; they see the real log.
  readAll: EventStore['readAll'] = (options) => this.real.readAll(options);
  readAllPages: EventStore['readAllPages'] = (options) => this.real.readAllPages(options);
  streamHeads: EventStore['streamHeads'] = (options) => this.real.streamHeads(options);
  subscribe: EventStore['subscribe'] = (options) => this.real.subscribe(options);
  headPosition: EventStore['headPosition'] = () => this.real.headPosition();
}
