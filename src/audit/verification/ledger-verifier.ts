import { createHash } from 'node:crypto';
import type { Sql } from 'postgres';
import { eventHash, hashAlgorithm } from '../../event-store/event-hash';
import { encodeLogPosition, type LogPosition } from '../../event-store/event-store.port';
import { type EventRow, toRecorded } from '../../event-store/postgres/postgres-event-store';

/** Rows read from the log at a time while verifying: memory stays flat with the log's size. */
export const verifyCursorRows = 2_000;
/** Breaks reported at most (the first is what matters). */
export const breaksReportedMax = 100;
export const digestAlgorithm = 'merkle-sha256-stream-heads-v1';

export interface ChainBreakReport {
  eventId: string;
  streamId: string;
  streamVersion: number;
  globalPosition: string;
  reason: 'hash-mismatch' | 'prev-hash-mismatch' | 'version-gap' | 'head-mismatch';
}

export interface VerificationReport {
  ok: boolean;
  algorithm: string;
  streams: number;
  events: number;
  /** The earliest broken event in log order, or null. */
  firstBreak: ChainBreakReport | null;
  breaks: ChainBreakReport[];
  digest: LedgerDigest;
}

export interface LedgerDigest {
  algorithm: string;
  /** The log position the digest covers (every event at or before it). */
  position: string | null;
  root: string;
  streams: number;
  events: number;
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/**
 * Merkle root over the heads of all streams (sorted by stream id): one published value commits
 * to every event, because each head's hash chains back through its whole stream.
 */
export function merkleRoot(
  heads: readonly { streamId: string; version: number; hash: string }[],
): string {
  let level = [...heads]
    .sort((a, b) => (a.streamId < b.streamId ? -1 : a.streamId > b.streamId ? 1 : 0))
    .map((h) => sha256(`leaf\n${h.streamId}\n${h.version}\n${h.hash}`));
  if (level.length === 0) return sha256('empty');
  while (level.length > 1) {
    const next: string[] = [];
    for (let i = 0; i < level.length; i += 2)
      next.push(sha256(`node\n${level[i]}\n${level[i + 1] ?? level[i]}`));
    level = next;
  }
  return level[0];
}

/**
 * The digest of the log at a position (default: the current head): the heads of every stream as
 * they stood then. Recomputing it later for the same position gives the same root unless history
 * was changed.
 */
export async function ledgerDigest(sql: Sql, at?: LogPosition): Promise<LedgerDigest> {
  return sql.begin('isolation level repeatable read', async (tx) => {
    let position = at;
    if (!position) {
      const [head] = await tx<{ commit: string; prepare: string }[]>`
        SELECT transaction_id::text AS commit, global_position::text AS prepare FROM events
         WHERE transaction_id < pg_snapshot_xmin(pg_current_snapshot())
         ORDER BY events.transaction_id DESC, events.global_position DESC LIMIT 1`;
      if (!head)
        return {
          algorithm: digestAlgorithm,
          position: null,
          root: merkleRoot([]),
          streams: 0,
          events: 0,
        };
      position = { commit: BigInt(head.commit), prepare: BigInt(head.prepare) };
    }
    const heads = await tx<{ stream_id: string; version: string; hash: string; events: string }[]>`
      SELECT DISTINCT ON (stream_id) stream_id, stream_version::text AS version, hash, stream_version::text AS events
        FROM events
       WHERE (transaction_id, global_position) <= (${position.commit.toString()}::xid8, ${position.prepare.toString()}::bigint)
       ORDER BY stream_id, events.stream_version DESC`;
    return {
      algorithm: digestAlgorithm,
      position: encodeLogPosition(position),
      root: merkleRoot(
        heads.map((h) => ({ streamId: h.stream_id, version: Number(h.version), hash: h.hash })),
      ),
      streams: heads.length,
      events: heads.reduce((n, h) => n + Number(h.events), 0),
    };
  });
}

/**
 * Recomputes every stream's hash chain from its first event and compares each stream's end with
 * its recorded head; names the earliest event (in log order) that does not match.
 */
export async function verifyLedger(sql: Sql): Promise<VerificationReport> {
  const breaks: ChainBreakReport[] = [];
  let streams = 0;
  let events = 0;
  let current: { streamId: string; version: number; hash: string | null } | null = null;
  const heads = new Map<string, { version: number; hash: string }>();
  await sql<EventRow[]>`
    SELECT global_position::text, transaction_id::text, stream_id, stream_version::text, event_id, event_type,
           schema_version, data, metadata, occurred_at, recorded_at, prev_hash, hash
      FROM events ORDER BY events.stream_id, events.stream_version`.cursor(
    verifyCursorRows,
    (rows) => {
      for (const row of rows) {
        const event = toRecorded(row);
        if (!current || current.streamId !== event.streamId) {
          if (current)
            heads.set(current.streamId, { version: current.version, hash: current.hash ?? '' });
          current = { streamId: event.streamId, version: 0, hash: null };
          streams += 1;
        }
        events += 1;
        const at = {
          eventId: event.eventId,
          streamId: event.streamId,
          streamVersion: event.streamVersion,
          globalPosition: event.globalPosition.toString(),
        };
        if (event.streamVersion !== current.version + 1)
          breaks.push({ ...at, reason: 'version-gap' });
        else if (event.prevHash !== current.hash)
          breaks.push({ ...at, reason: 'prev-hash-mismatch' });
        else if (eventHash(current.hash, event) !== event.hash)
          breaks.push({ ...at, reason: 'hash-mismatch' });
        current = { streamId: event.streamId, version: event.streamVersion, hash: event.hash };
        if (breaks.length > breaksReportedMax) breaks.length = breaksReportedMax;
      }
    },
  );
  if (current) {
    const last = current as { streamId: string; version: number; hash: string | null };
    heads.set(last.streamId, { version: last.version, hash: last.hash ?? '' });
  }
  // The stream table's heads must agree with the chains (a deleted last event would show here).
  const recorded = await sql<
    { stream_id: string; version: string; last_hash: string }[]
  >`SELECT stream_id, version::text, last_hash FROM streams`;
  for (const row of recorded) {
    const head = heads.get(row.stream_id);
    if (!head || head.version !== Number(row.version) || head.hash !== row.last_hash) {
      breaks.push({
        eventId: '',
        streamId: row.stream_id,
        streamVersion: Number(row.version),
        globalPosition: '',
        reason: 'head-mismatch',
      });
    }
  }
  const ordered = [...breaks].sort((a, b) =>
    a.globalPosition === ''
      ? 1
      : b.globalPosition === ''
        ? -1
        : Number(BigInt(a.globalPosition) - BigInt(b.globalPosition)),
  );
  return {
    ok: breaks.length === 0,
    algorithm: hashAlgorithm,
    streams,
    events,
    firstBreak: ordered[0] ?? null,
    breaks: ordered,
    digest: await ledgerDigest(sql),
  };
}
