import type { Sql, TransactionSql } from 'postgres';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  AppendResult,
  EventMetadata,
  EventStore,
  ExpectedVersion,
  LogHorizon,
  LogPosition,
  NewEvent,
  ProjectionLogEvent,
  ReadAllOptions,
  ReadAllPagesOptions,
  ReadStreamOptions,
  RecordedEvent,
  StreamHead,
  SubscribeOptions,
} from '../event-store.port';
import { pagesOfLog } from '../read-all-pages';
import { WrongExpectedVersionError } from '../event-store.errors';
import { PreparedEvent, replayOrConflict, validateAppend } from '../append-validation';
import { canonicalJsonOfJsonValue } from '../../shared/domain/canonical-json';
import {
  appendOrderRetriesMax,
  appendRaceRetriesMax,
  eventsHeldBackCountMax,
  horizonHoldersReportedMax,
  readLimitDefault,
  readLimitMax,
  subscribeBatchSizeDefault,
  subscribePollIntervalMsDefault,
} from '../event-store.limits';

/** SQLSTATEs raised by `append_events` (migration 0011). */
const wrongExpectedVersionCode = 'CL409';
const restartCode = 'CL40R';

/** An event as the store writes it: serialised once, canonical JSON text (stored and hashed). */
interface WrittenEvent {
  eventId: string;
  type: string;
  schemaVersion: number;
  dataJson: string;
  metadataJson: string;
  occurredIso: string;
}

function writtenEvent(event: NewEvent): WrittenEvent {
  return {
    eventId: event.eventId.toLowerCase(),
    type: event.type,
    schemaVersion: event.schemaVersion ?? 1,
    dataJson: canonicalJsonOfJsonValue(event.data ?? null),
    metadataJson: canonicalJsonOfJsonValue(event.metadata ?? {}),
    occurredIso: event.occurredAt.toISOString(),
  };
}

/** Only on the replay path: the values a reader of the stored rows would get back. */
function preparedOf(event: WrittenEvent): PreparedEvent {
  return {
    eventId: event.eventId,
    type: event.type,
    schemaVersion: event.schemaVersion,
    data: JSON.parse(event.dataJson) as unknown,
    metadata: JSON.parse(event.metadataJson) as EventMetadata,
    occurredAt: new Date(event.occurredIso),
  };
}

/** A row of `events` as the adapter selects it (positions as text). */
export interface EventRow {
  global_position: string;
  transaction_id: string;
  stream_id: string;
  stream_version: string;
  event_id: string;
  event_type: string;
  schema_version: number;
  data: unknown;
  metadata: EventMetadata;
  /** Milliseconds since the epoch, as text: the same whatever the session's TimeZone. */
  occurred_ms: string;
  recorded_ms: string;
  prev_hash: string | null;
  hash: string;
}

const zeroPosition: LogPosition = { commit: 0n, prepare: 0n };
/** Rows a stream-heads cursor fetches at a time. */
const streamHeadsCursorRows = 1_000;

/**
 * The PostgreSQL adapter of the event store port.
 *
 * Concurrency: one `streams` row per stream; an append is one call of `append_events` (migration
 * 0011), which queues writers of a stream on a lock, checks the expected version against the row
 * and moves it by compare-and-set; the unique (stream_id, stream_version) key is the backstop.
 * Late commits: readers follow (transaction_id, global_position) and only see rows whose
 * transaction is older than the oldest one still running, so no reader moves past an event that
 * has yet to commit. The price: one long write transaction anywhere holds every reader back.
 */
export interface PostgresEventStoreOptions {
  /**
   * Fault injection for tests: runs inside the append transaction after the rows are written and
   * before COMMIT, so a test can make commits late on purpose. Never set in production (with it,
   * the append statement runs inside an explicit transaction: two more round trips).
   */
  beforeCommit?: () => Promise<void>;
}

export class PostgresEventStore implements EventStore {
  constructor(
    private readonly sql: Sql,
    private readonly options: PostgresEventStoreOptions = {},
  ) {}

  async append(
    streamId: string,
    events: readonly NewEvent[],
    expected: ExpectedVersion,
  ): Promise<AppendResult> {
    validateAppend(streamId, events, expected);
    const written = events.map(writtenEvent);
    let orderRetries = 0;
    let raceRetries = 0;
    for (;;) {
      try {
        return await this.appendOnce(streamId, written, expected);
      } catch (error) {
        const code = (error as { code?: string })?.code;
        if (code === restartCode && orderRetries < appendOrderRetriesMax) {
          orderRetries += 1;
          continue;
        }
        // Refused for its expected version, or an id already stored: a retry of an append that
        // went through is answered as the replay it is (or as a conflict if its content differs).
        const refused = code === wrongExpectedVersionCode;
        const idTaken = isUniqueViolation(error, 'events_event_id_key');
        if (refused || idTaken) {
          const replay = await this.findAppended(streamId, written);
          if (replay) return replay;
          if (refused) {
            const actual = Number((error as { detail?: string }).detail ?? Number.NaN);
            throw new WrongExpectedVersionError(
              streamId,
              String(expected),
              Number.isSafeInteger(actual) ? actual : await this.streamVersion(streamId),
            );
          }
          // The id's holder vanished between the refusal and the look-up: try again.
          if (raceRetries < appendRaceRetriesMax) {
            raceRetries += 1;
            continue;
          }
        }
        if (isUniqueViolation(error, 'events_stream_version_key')) {
          throw new WrongExpectedVersionError(
            streamId,
            String(expected),
            await this.streamVersion(streamId),
          );
        }
        throw error;
      }
    }
  }

  /**
   * One statement, one round trip: `append_events` (migration 0011) locks the stream, checks the
   * expected version and the transaction order, chains the hashes and inserts, in the statement's
   * own transaction.
   */
  private async appendOnce(
    streamId: string,
    events: readonly WrittenEvent[],
    expected: ExpectedVersion,
  ): Promise<AppendResult> {
    const call = (sql: Sql | TransactionSql) =>
      sql<{ event_id: string; stream_version: string; global_position: string; hash: string }[]>`
        SELECT event_id, stream_version::text, global_position::text, hash
          FROM append_events(${streamId}, ${String(expected)},
                             ${events.map((e) => e.eventId)}::uuid[],
                             ${events.map((e) => e.type)}::text[],
                             ${events.map((e) => e.schemaVersion)}::int[],
                             ${events.map((e) => e.dataJson)}::text[],
                             ${events.map((e) => e.metadataJson)}::text[],
                             ${events.map((e) => e.occurredIso)}::text[])`;
    const beforeCommit = this.options.beforeCommit;
    const rows = beforeCommit
      ? await this.sql.begin(async (tx) => {
          const inserted = await call(tx);
          await beforeCommit();
          return inserted;
        })
      : await call(this.sql);
    const appended = rows.map((r) => ({
      eventId: r.event_id,
      streamVersion: Number(r.stream_version),
      globalPosition: BigInt(r.global_position),
      hash: r.hash,
    }));
    const last = appended[appended.length - 1];
    return {
      streamId,
      nextExpectedVersion: last.streamVersion,
      lastGlobalPosition: last.globalPosition,
      idempotentReplay: false,
      events: appended,
    };
  }

  /** Idempotency: the same ids appended before answer with the original result. */
  private async findAppended(
    streamId: string,
    events: readonly WrittenEvent[],
  ): Promise<AppendResult | null> {
    const sql = this.sql;
    const found = await sql<EventRow[]>`
      SELECT ${this.columns(sql)} FROM events WHERE event_id = ANY(${events.map((e) => e.eventId)}::uuid[])`;
    if (found.length === 0) return null;
    return replayOrConflict(
      streamId,
      events.map(preparedOf),
      new Map(found.map((row) => [row.event_id, toRecorded(row)])),
    );
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    const sql = this.sql;
    const limit = clampLimit(options.limit);
    const rows = await sql<EventRow[]>`
      SELECT ${this.columns(sql)} FROM events
       WHERE stream_id = ${streamId}
         AND stream_version >= ${options.fromVersion ?? 1}
         ${options.toVersion !== undefined ? sql`AND stream_version <= ${options.toVersion}` : sql``}
         ${options.recordedBefore ? sql`AND recorded_at < ${options.recordedBefore}` : sql``}
       ORDER BY events.stream_version
       LIMIT ${limit}`;
    return rows.map(toRecorded);
  }

  async streamVersion(streamId: string): Promise<number> {
    return currentVersion(this.sql, streamId);
  }

  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    const sql = this.sql;
    const after = options.after ?? zeroPosition;
    const limit = clampLimit(options.limit);
    const rows = await sql<EventRow[]>`
      SELECT ${this.columns(sql)} FROM events
       WHERE transaction_id < pg_snapshot_xmin(pg_current_snapshot())
         AND (transaction_id, global_position) > (${after.commit.toString()}::xid8, ${after.prepare.toString()}::bigint)
         ${options.recordedBefore ? sql`AND recorded_at < ${options.recordedBefore}` : sql``}
       ORDER BY events.transaction_id, events.global_position
       LIMIT ${limit}`;
    return rows.map(toRecorded);
  }

  readAllPages(options: ReadAllPagesOptions = {}): AsyncIterable<RecordedEvent[]> {
    return pagesOfLog(this, options);
  }

  async readEventsAt(
    globalPositions: readonly bigint[],
    options: { recordedBefore?: Date } = {},
  ): Promise<RecordedEvent[]> {
    if (globalPositions.length > readLimitMax)
      throw new RangeError(`at most ${readLimitMax} positions at a time`);
    if (globalPositions.length === 0) return [];
    const sql = this.sql;
    const rows = await sql<EventRow[]>`
      SELECT ${this.columns(sql)} FROM events
       WHERE global_position = ANY(${globalPositions.map(String)}::bigint[])
         ${options.recordedBefore ? sql`AND recorded_at < ${options.recordedBefore}` : sql``}
       ORDER BY events.transaction_id, events.global_position`;
    return rows.map(toRecorded);
  }

  async lastPositions(streamIds: readonly string[]): Promise<Map<string, LogPosition>> {
    if (streamIds.length === 0) return new Map();
    const rows = await this.sql<{ stream_id: string; commit: string; prepare: string }[]>`
      SELECT s.id AS stream_id, e.transaction_id::text AS commit, e.global_position::text AS prepare
        FROM unnest(${streamIds as string[]}::text[]) AS s(id)
        JOIN LATERAL (
          SELECT transaction_id, global_position FROM events
           WHERE stream_id = s.id ORDER BY stream_version DESC LIMIT 1
        ) AS e ON true`;
    return new Map(
      rows.map((r) => [r.stream_id, { commit: BigInt(r.commit), prepare: BigInt(r.prepare) }]),
    );
  }

  readProjectionPages(options: ReadAllPagesOptions = {}): AsyncIterable<ProjectionLogEvent[]> {
    return pagesOfLog({ readAll: (o) => this.readForProjections(o) }, options);
  }

  /** `readAll` with the columns projections fold and nothing else (see the port). */
  private async readForProjections(options: ReadAllOptions): Promise<ProjectionLogEvent[]> {
    const sql = this.sql;
    const after = options.after ?? zeroPosition;
    const rows = await sql<ProjectionRow[]>`
      SELECT global_position::text, transaction_id::text, stream_id, event_id, event_type, data,
             ${epochMs(sql, 'occurred_at')} AS occurred_ms, ${epochMs(sql, 'recorded_at')} AS recorded_ms
        FROM events
       WHERE transaction_id < pg_snapshot_xmin(pg_current_snapshot())
         AND (transaction_id, global_position) > (${after.commit.toString()}::xid8, ${after.prepare.toString()}::bigint)
         ${options.recordedBefore ? sql`AND recorded_at < ${options.recordedBefore}` : sql``}
       ORDER BY events.transaction_id, events.global_position
       LIMIT ${clampLimit(options.limit)}`;
    const events = new Array<ProjectionLogEvent>(rows.length);
    for (let i = 0; i < rows.length; i += 1) events[i] = new PostgresProjectionEvent(rows[i]);
    return events;
  }

  /**
   * The last event of every stream at or before `to`, from the (stream_id, stream_version)
   * index. Not filtered by the horizon: every event at or before a position some reader saw was
   * committed (or rolled back) by then, so the answer never changes for a given position.
   */
  async *streamHeads(options: { to: LogPosition }): AsyncIterable<StreamHead[]> {
    const { to } = options;
    const cursor = this.sql<{ stream_id: string; version: string; hash: string }[]>`
      SELECT DISTINCT ON (stream_id) stream_id, stream_version::text AS version, hash
        FROM events
       WHERE (transaction_id, global_position) <= (${to.commit.toString()}::xid8, ${to.prepare.toString()}::bigint)
       ORDER BY stream_id, events.stream_version DESC`.cursor(streamHeadsCursorRows);
    for await (const rows of cursor)
      yield rows.map((r) => ({ streamId: r.stream_id, version: Number(r.version), hash: r.hash }));
  }

  async *recordedStreamHeads(): AsyncIterable<StreamHead[]> {
    const cursor = this.sql<{ stream_id: string; version: string; last_hash: string | null }[]>`
      SELECT stream_id, version::text, last_hash FROM streams`.cursor(streamHeadsCursorRows);
    for await (const rows of cursor)
      yield rows.map((r) => ({
        streamId: r.stream_id,
        version: Number(r.version),
        hash: r.last_hash ?? '',
      }));
  }

  /**
   * The one way out of the log: the events of a verified archive recorded in this database. The
   * migration's trigger re-checks every row (recorded over three years ago, inside a verified
   * archive's head) whatever this code believes.
   */
  async purgeArchivedEvents(archiveId: string): Promise<number> {
    return this.sql.begin(async (tx) => {
      const [archive] =
        await tx`SELECT verified_at FROM archives WHERE archive_id = ${archiveId} FOR UPDATE`;
      if (!archive?.verified_at) throw new Error(`archive ${archiveId} is unknown or not verified`);
      await tx`SELECT set_config('cme.purging_archive', ${archiveId}, true)`;
      const deleted =
        await tx`DELETE FROM events WHERE stream_id IN (SELECT stream_id FROM archived_streams WHERE archive_id = ${archiveId})`;
      await tx`DELETE FROM streams WHERE stream_id IN (SELECT stream_id FROM archived_streams WHERE archive_id = ${archiveId})`;
      await tx`UPDATE archives SET purged_at = now() WHERE archive_id = ${archiveId}`;
      return deleted.count;
    });
  }

  /**
   * Who holds readers back. Readers see what committed below pg_snapshot_xmin, the oldest
   * transaction id still running on the whole server. Only a transaction that holds an id moves
   * it: one that wrote something (or asked for its id), in any database, or a prepared (two-phase)
   * one. A snapshot alone (`backend_xmin`: our readers, a long report, a standby's feedback) holds
   * back vacuum but not pg_snapshot_xmin, so sessions are chosen by `backend_xid`, which leaves
   * out every reader of ours. Never the query text: it may carry personal data.
   */
  async countEvents(): Promise<number> {
    const [{ total }] = await this.sql<
      { total: number }[]
    >`SELECT count(*)::int AS total FROM events`;
    return total;
  }

  async horizon(): Promise<LogHorizon> {
    const [[held], holders] = await Promise.all([
      this.sql<{ xmin: string; held_back: number; first_held_back: string | null }[]>`
        SELECT x.xmin::text AS xmin,
               (SELECT count(*)::int FROM (
                  SELECT 1 FROM events WHERE transaction_id >= x.xmin LIMIT ${eventsHeldBackCountMax}) AS c) AS held_back,
               (SELECT ${epochMs(this.sql, 'recorded_at')} FROM events WHERE transaction_id >= x.xmin
                 ORDER BY events.transaction_id, events.global_position LIMIT 1) AS first_held_back
          FROM (SELECT pg_snapshot_xmin(pg_current_snapshot()) AS xmin) AS x`,
      this.sql<
        {
          pid: number | null;
          application_name: string | null;
          datname: string | null;
          state: string | null;
          xid: string;
          age_seconds: number | null;
        }[]
      >`
        SELECT pid, application_name, datname, state, xid, age_seconds FROM (
          SELECT a.pid, a.application_name, a.datname, a.state, a.backend_xid::text AS xid,
                 age(a.backend_xid) AS xid_age,
                 extract(epoch FROM clock_timestamp() - a.xact_start)::float8 AS age_seconds
            FROM pg_stat_activity a
           WHERE a.backend_xid IS NOT NULL AND a.pid <> pg_backend_pid()
          UNION ALL
          SELECT NULL, NULL, p.database, 'prepared', p.transaction::text, age(p.transaction),
                 extract(epoch FROM clock_timestamp() - p.prepared)::float8
            FROM pg_prepared_xacts p
        ) AS h
        ORDER BY xid_age DESC LIMIT ${horizonHoldersReportedMax}`,
    ]);
    return {
      oldestRunningTransactionId: held.xmin,
      heldBy: holders.map((h) => ({
        pid: h.pid,
        applicationName: h.application_name,
        database: h.datname,
        state: h.state,
        transactionAgeSeconds: h.age_seconds === null ? null : Math.round(h.age_seconds * 10) / 10,
        transactionId: h.xid,
      })),
      eventsHeldBack: held.held_back,
      oldestHeldBackRecordedAt:
        held.first_held_back === null ? null : new Date(Number(held.first_held_back)),
    };
  }

  async *subscribe(options: SubscribeOptions = {}): AsyncIterable<RecordedEvent[]> {
    const batchSize = Math.min(options.batchSize ?? subscribeBatchSizeDefault, readLimitMax);
    const pollIntervalMs = options.pollIntervalMs ?? subscribePollIntervalMsDefault;
    const signal = options.signal;
    let after = options.after;
    while (!signal?.aborted) {
      const batch = await this.readAll({ after, limit: batchSize });
      if (batch.length > 0) {
        after = batch[batch.length - 1].position;
        yield batch;
        if (batch.length === batchSize) continue; // still catching up
      }
      await sleep(pollIntervalMs, undefined, { signal }).catch(() => undefined);
    }
  }

  async headPosition(): Promise<LogPosition | null> {
    const [row] = await this.sql<{ transaction_id: string; global_position: string }[]>`
      SELECT transaction_id::text, global_position::text FROM events
       WHERE transaction_id < pg_snapshot_xmin(pg_current_snapshot())
       ORDER BY events.transaction_id DESC, events.global_position DESC LIMIT 1`;
    return row
      ? { commit: BigInt(row.transaction_id), prepare: BigInt(row.global_position) }
      : null;
  }

  // Positions leave as text (bigint/xid8 do not fit a JS number). ORDER BY clauses name
  // `events.` columns so that they sort the numbers, not these text copies.
  private columns(sql: Sql | TransactionSql) {
    return sql`global_position::text, transaction_id::text, stream_id, stream_version::text,
               event_id, event_type, schema_version, data, metadata,
               ${epochMs(sql, 'occurred_at')} AS occurred_ms, ${epochMs(sql, 'recorded_at')} AS recorded_ms,
               prev_hash, hash`;
  }
}

/**
 * A time column as epoch milliseconds. Text output of timestamptz follows the session's TimeZone
 * (Asia/Shanghai before 1901 prints a +08:05:43 offset no Date parses; years below 100 print in
 * a form Date reads as 19xx/20xx), so times leave the database as numbers, never as text.
 */
function epochMs(sql: Sql | TransactionSql, column: 'occurred_at' | 'recorded_at') {
  return sql`(extract(epoch FROM ${sql(column)}) * 1000)::int8::text`;
}

async function currentVersion(sql: Sql | TransactionSql, streamId: string): Promise<number> {
  const [row] = await sql<{ version: string }[]>`
    SELECT version::text FROM streams WHERE stream_id = ${streamId}`;
  return row ? Number(row.version) : 0;
}

interface ProjectionRow {
  global_position: string;
  transaction_id: string;
  stream_id: string;
  event_id: string;
  event_type: string;
  data: unknown;
  occurred_ms: string;
  recorded_ms: string;
}

/**
 * A projection's view of a row. The times are turned into ISO text only when a projection asks
 * (most never do), and the position only once per event.
 */
class PostgresProjectionEvent implements ProjectionLogEvent {
  readonly eventId: string;
  readonly type: string;
  readonly data: unknown;
  readonly streamId: string;
  readonly globalPosition: string;
  readonly position: LogPosition;
  private readonly occurredMs: string;
  private readonly recordedMs: string;

  constructor(row: ProjectionRow) {
    this.eventId = row.event_id;
    this.type = row.event_type;
    this.data = row.data;
    this.streamId = row.stream_id;
    this.globalPosition = row.global_position;
    this.position = { commit: BigInt(row.transaction_id), prepare: BigInt(row.global_position) };
    this.occurredMs = row.occurred_ms;
    this.recordedMs = row.recorded_ms;
  }

  get occurredAt(): string {
    return new Date(Number(this.occurredMs)).toISOString();
  }

  get recordedAt(): string {
    return new Date(Number(this.recordedMs)).toISOString();
  }
}

export function toRecorded(row: EventRow): RecordedEvent {
  return {
    eventId: row.event_id,
    type: row.event_type,
    schemaVersion: row.schema_version,
    data: row.data,
    metadata: row.metadata,
    occurredAt: new Date(Number(row.occurred_ms)),
    recordedAt: new Date(Number(row.recorded_ms)),
    streamId: row.stream_id,
    streamVersion: Number(row.stream_version),
    globalPosition: BigInt(row.global_position),
    position: { commit: BigInt(row.transaction_id), prepare: BigInt(row.global_position) },
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}

function clampLimit(limit: number | undefined): number {
  if (limit === undefined) return readLimitDefault;
  if (!Number.isSafeInteger(limit) || limit < 1)
    throw new RangeError('limit must be a whole number ≥ 1');
  return Math.min(limit, readLimitMax);
}

function isUniqueViolation(error: unknown, constraint: string): boolean {
  const e = error as { code?: string; constraint_name?: string };
  return e?.code === '23505' && e.constraint_name === constraint;
}
