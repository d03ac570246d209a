import { compareLogPositions, type LogPosition, type RecordedEvent } from '../event-store.port';
import { fromServerEvent, isLedgerEvent, type ServerRecordedEvent } from './eventstoredb-mapping';

/**
 * Reading `$all` in raw windows (client 6.2.1's `readAll` sends no filter: it hard-codes
 * `noFilter`, so the server's own events come back too and are skipped here). A window is read
 * from the last raw position seen, inclusive, so the first record may be one already handled.
 * Pure: the adapter feeds it each window and follows its answer until a page is full or `$all`
 * really ends — a window holding only the server's events is never taken for the end.
 */
export interface WindowRequest {
  /** Exclusive: only records strictly after it. */
  after?: LogPosition;
  /** Events still wanted for this page. */
  wanted: number;
  recordedBefore?: Date;
}

export interface WindowOutcome {
  events: RecordedEvent[];
  /** The last raw position looked at (ledger event or not): where the next window starts. */
  lastSeen: LogPosition | undefined;
  /** The window was short: nothing more in `$all` now. */
  endOfLog: boolean;
  /** The page has what it wanted. */
  full: boolean;
}

export function takeFromWindow(
  raw: readonly ServerRecordedEvent[],
  windowSize: number,
  request: WindowRequest,
): WindowOutcome {
  const events: RecordedEvent[] = [];
  let lastSeen: LogPosition | undefined;
  for (const record of raw) {
    if (!record.position) continue;
    const at = { commit: record.position.commit, prepare: record.position.prepare };
    if (request.after && compareLogPositions(at, request.after) <= 0) continue;
    lastSeen = at;
    if (!isLedgerEvent(record)) continue;
    // A user event the ledger did not write stops the read with its position (ForeignEventError).
    const event = fromServerEvent(record);
    if (request.recordedBefore && !(event.recordedAt < request.recordedBefore)) continue;
    events.push(event);
    if (events.length >= request.wanted) return { events, lastSeen, endOfLog: false, full: true };
  }
  return { events, lastSeen, endOfLog: raw.length < windowSize, full: false };
}

/**
 * Where the next window of a page starts, or null when the page is done: the end of `$all`, or a
 * window that could not move past its start (possible only with a window of one record).
 */
export function nextWindowStart(
  outcome: WindowOutcome,
  from: LogPosition | undefined,
): LogPosition | null {
  if (outcome.full || outcome.endOfLog) return null;
  if (!outcome.lastSeen) return null;
  if (from && compareLogPositions(outcome.lastSeen, from) <= 0) return null;
  return outcome.lastSeen;
}

/** The newest ledger event of a backwards window, or where the next backwards window starts. */
export function newestLedgerPosition(
  raw: readonly ServerRecordedEvent[],
  before: LogPosition | undefined,
): { found: LogPosition | null; lastSeen: LogPosition | undefined } {
  let lastSeen: LogPosition | undefined;
  for (const record of raw) {
    if (!record.position) continue;
    const at = { commit: record.position.commit, prepare: record.position.prepare };
    if (before && compareLogPositions(at, before) >= 0) continue;
    lastSeen = at;
    if (isLedgerEvent(record)) return { found: at, lastSeen };
  }
  return { found: null, lastSeen };
}
