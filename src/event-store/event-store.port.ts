/**
 * The event store port: every piece of domain code appends and reads through this interface.
 * Adapters: PostgreSQL (default, `postgres/`) and EventStoreDB/KurrentDB (scale-out).
 *
 * Versions are 1-based: a stream holding k events is at version k; `0` means "no events yet".
 * The log order is the pair (commit, prepare) — on PostgreSQL (transaction id, global position),
 * on EventStoreDB its native commit/prepare position — and a reader that follows it never skips
 * an event that commits late.
 */

export const EVENT_STORE = Symbol('EVENT_STORE');

/** Page size for reading a whole stream. */
export const readLimitMaxForStreams = 1_000;

/** What the writer expects the stream to look like before its append. */
export type ExpectedVersion = 'no-stream' | 'any' | 'exists' | number;

export interface EventMetadata {
  /** Who did it: an opaque actor id, never personal data. */
  actorId?: string;
  role?: string;
  jurisdiction?: string;
  correlationId?: string;
  causationId?: string;
  /** Why: required for corrections. */
  reason?: string;
  [key: string]: unknown;
}

export interface NewEvent<TType extends string = string, TData = unknown> {
  /** Chosen by the writer; deterministic where the command is naturally idempotent. UUID. */
  eventId: string;
  type: TType;
  /** Version of the event's data schema; old versions are upcast when read, never rewritten. */
  schemaVersion?: number;
  data: TData;
  metadata?: EventMetadata;
  /** Business time: when the thing happened (decides the credit year). */
  occurredAt: Date;
}

/** A point in the log. Compare with `compareLogPositions`; encode with `encodeLogPosition`. */
export interface LogPosition {
  commit: bigint;
  prepare: bigint;
}

export interface RecordedEvent<TType extends string = string, TData = unknown> {
  eventId: string;
  type: TType;
  schemaVersion: number;
  data: TData;
  metadata: EventMetadata;
  occurredAt: Date;
  /** Ledger time: when the store accepted it, set by the database (EventStoreDB: its `created`). */
  recordedAt: Date;
  /**
   * Only where the writer's clock differs from the store's (EventStoreDB): the writing instance's
   * clock at append time, which the event's hash covers. Absent on PostgreSQL, whose hash covers
   * `recordedAt` itself.
   */
  writerRecordedAt?: Date;
  streamId: string;
  streamVersion: number;
  /** Monotonic sequence number, unique; human-friendly reference to the event. */
  globalPosition: bigint;
  /** Where the event sits in the log order that readers follow. */
  position: LogPosition;
  /** Hash of the previous event of the same stream (null for the first). */
  prevHash: string | null;
  hash: string;
}

/**
 * An event as projections fold it, read from the log without what they never look at (metadata,
 * hashes, stream version, schema version): see `EventStore.readProjectionPages`.
 */
export interface ProjectionLogEvent {
  eventId: string;
  type: string;
  data: unknown;
  streamId: string;
  /** ISO 8601 in UTC, as `Date.toISOString` prints it. */
  occurredAt: string;
  recordedAt: string;
  /** Decimal text of `globalPosition`. */
  globalPosition: string;
  position: LogPosition;
}

export interface AppendResult {
  streamId: string;
  /** The stream's version after the append. */
  nextExpectedVersion: number;
  /** Global position of the last event appended. */
  lastGlobalPosition: bigint;
  /** True when every event id had already been appended: nothing was written this time. */
  idempotentReplay: boolean;
  events: { eventId: string; streamVersion: number; globalPosition: bigint; hash: string }[];
}

export interface ReadStreamOptions {
  /** First version to return (inclusive, 1-based). */
  fromVersion?: number;
  /** Last version to return (inclusive). */
  toVersion?: number;
  /** Only events the ledger had recorded strictly before this instant ("as of"). */
  recordedBefore?: Date;
  limit?: number;
}

export interface ReadAllOptions {
  /** Exclusive start: events strictly after this position. Omit to start at the beginning. */
  after?: LogPosition;
  limit?: number;
  /** Only events recorded strictly before this instant ("as of"). */
  recordedBefore?: Date;
}

export interface ReadAllPagesOptions {
  /** Exclusive start: events strictly after this position. Omit to start at the beginning. */
  after?: LogPosition;
  /** Inclusive end: no event after this position is returned (e.g. a head taken earlier). */
  to?: LogPosition;
  /** Only events recorded strictly before this instant ("as of"). */
  recordedBefore?: Date;
  /** Events per page, at most `readLimitMax` (event-store.limits.ts). */
  pageSize?: number;
}

/** Where a stream's hash chain ends: its last version and that event's hash. */
export interface StreamHead {
  streamId: string;
  version: number;
  hash: string;
}

/**
 * What holds readers back (PostgreSQL): readers see only what committed below the oldest
 * transaction id still running, server-wide, whichever database or client it belongs to.
 */
export interface LogHorizon {
  /** `pg_snapshot_xmin` now: the oldest transaction id still running. */
  oldestRunningTransactionId: string;
  /** The oldest transactions holding an id, oldest first: the first one sets the horizon. */
  heldBy: HorizonHolder[];
  /** Events already committed that readers cannot see yet (counted up to a bound). */
  eventsHeldBack: number;
  /** When the first of those (in log order) was recorded; null when nothing is held back. */
  oldestHeldBackRecordedAt: Date | null;
}

export interface HorizonHolder {
  /** Backend process id; null for a prepared (two-phase) transaction, which has no session. */
  pid: number | null;
  applicationName: string | null;
  database: string | null;
  /** `idle in transaction`, `active`, … or `prepared`; null when our role may not see it. */
  state: string | null;
  /** How long its transaction has been open; null when our role may not see it. */
  transactionAgeSeconds: number | null;
  transactionId: string;
}

export interface SubscribeOptions {
  /** Exclusive start (a checkpoint). Omit to start at the beginning of the log. */
  after?: LogPosition;
  batchSize?: number;
  /** How long to wait between polls once caught up. */
  pollIntervalMs?: number;
  /** Stops the subscription; the iterator then ends. */
  signal?: AbortSignal;
}

export interface EventStore {
  append(
    streamId: string,
    events: readonly NewEvent[],
    expected: ExpectedVersion,
  ): Promise<AppendResult>;
  readStream(streamId: string, options?: ReadStreamOptions): Promise<RecordedEvent[]>;
  /** The current version of a stream, 0 when it does not exist. */
  streamVersion(streamId: string): Promise<number>;
  readAll(options?: ReadAllOptions): Promise<RecordedEvent[]>;
  /**
   * The log in order, page by page, from `after` to `to` (or to what a reader can see now): every
   * reader of the whole log (verifier, digest, archive, rebuild, status) goes through this, and
   * holds one page (plus the next, read ahead) in memory at a time.
   */
  readAllPages(options?: ReadAllPagesOptions): AsyncIterable<RecordedEvent[]>;
  /**
   * Each stream's head as of `to` (every event at or before it), in pages, in no promised order.
   * The digest is a Merkle root over these. PostgreSQL asks its index; EventStoreDB folds the log
   * up to `to` (read-all-pages.ts), holding one entry per stream.
   */
  streamHeads(options: { to: LogPosition }): AsyncIterable<StreamHead[]>;
  /** Catch up from `after`, then follow the log live, in batches, until aborted. */
  subscribe(options?: SubscribeOptions): AsyncIterable<RecordedEvent[]>;
  /** The position of the last event a reader could see now (null for an empty log). */
  headPosition(): Promise<LogPosition | null>;

  // Optional: what only some stores have. Callers check for the method and say when it is missing.

  /**
   * The store's own record of every stream's head, kept apart from the events (PostgreSQL's
   * `streams` table), in pages: a verifier compares the chains with it, so that a deleted last
   * event shows. Stores whose streams are their events (EventStoreDB) do not have it.
   */
  recordedStreamHeads?(): AsyncIterable<StreamHead[]>;
  /**
   * Drops from the log the events of a verified archive recorded in this store's database
   * (PostgreSQL: the DELETE path its retention trigger re-checks row by row). Returns how many.
   */
  purgeArchivedEvents?(archiveId: string): Promise<number>;
  /** What holds readers back now (PostgreSQL); null where readers are never held (EventStoreDB). */
  horizon?(): Promise<LogHorizon | null>;
  /**
   * The events at these global positions (at most `readLimitMax`), in log order, optionally only
   * those recorded before an instant: how a read model that points back at the log (the credit
   * provenance projection) reads the events it names, by the primary key.
   */
  readEventsAt?(
    globalPositions: readonly bigint[],
    options?: { recordedBefore?: Date },
  ): Promise<RecordedEvent[]>;
  /**
   * Where each stream's last event sits in the log (streams without events are left out): a
   * reader of a projection compares these with its checkpoint to know the projection holds every
   * event of the streams it answers about.
   */
  lastPositions?(streamIds: readonly string[]): Promise<Map<string, LogPosition>>;
  /**
   * `readAllPages` for projections: the same events in the same pages and order, each carrying
   * only what a projection folds (`ProjectionLogEvent`). A rebuild reads the whole log; selecting
   * and parsing columns nobody reads (metadata, hashes) was a share of it. Stores without it are
   * read through `readAllPages` (src/projections/projection-batch.ts `projectionPages`).
   */
  readProjectionPages?(options?: ReadAllPagesOptions): AsyncIterable<ProjectionLogEvent[]>;
  /** How many events the log holds (PostgreSQL, for progress bars); absent where it costs a read
   * of the whole log (EventStoreDB). */
  countEvents?(): Promise<number>;
}

export function compareLogPositions(a: LogPosition, b: LogPosition): number {
  if (a.commit !== b.commit) return a.commit < b.commit ? -1 : 1;
  if (a.prepare !== b.prepare) return a.prepare < b.prepare ? -1 : 1;
  return 0;
}

/** `commit:prepare` in decimal; safe in URLs and JSON. */
export function encodeLogPosition(position: LogPosition): string {
  return `${position.commit}:${position.prepare}`;
}

export function decodeLogPosition(text: string): LogPosition {
  const match = /^(\d{1,20}):(\d{1,20})$/.exec(text);
  if (!match) throw new RangeError(`not a log position: expected "commit:prepare", got "${text}"`);
  return { commit: BigInt(match[1]), prepare: BigInt(match[2]) };
}
