import { eventHash } from '../../src/event-store/event-hash';
import type { TestDatabase } from './test-database';

/**
 * A log whose every byte is fixed (event ids, both clocks, data), so that its hashes, its digests
 * and a verification report are the same on every run and can be compared with values recorded
 * once. The rows are written as a superuser with the triggers off (recorded_at would otherwise be
 * the database's clock), one transaction per entry of `fixedLogTransactions`, so that the log
 * order interleaves streams the way concurrent writers do.
 */
export const fixedLogStreams = ['person-fixed-a', 'person-fixed-b', 'activity-fixed-c'] as const;

/** [stream index, how many events] per transaction, in commit order. */
export const fixedLogTransactions: readonly (readonly [number, number][])[] = [
  [[0, 1]],
  [
    [1, 1],
    [2, 2],
  ],
  [[0, 2]],
  [[2, 1]],
  [
    [1, 1],
    [2, 1],
  ],
];

export const fixedLogEventsCount = 9;

export interface FixedLogEvent {
  streamId: string;
  streamVersion: number;
  eventId: string;
  type: string;
  schemaVersion: number;
  data: unknown;
  metadata: Record<string, unknown>;
  occurredAt: Date;
  recordedAt: Date;
  prevHash: string | null;
  hash: string;
}

/** Writes the fixed log into an empty, migrated database; returns its events in commit order. */
export async function writeFixedLog(db: TestDatabase): Promise<FixedLogEvent[]> {
  const heads = new Map<string, { version: number; hash: string | null }>();
  const written: FixedLogEvent[] = [];
  let n = 0;
  for (const transaction of fixedLogTransactions) {
    const rows: FixedLogEvent[] = [];
    for (const [streamIndex, count] of transaction) {
      const streamId = fixedLogStreams[streamIndex];
      for (let i = 0; i < count; i += 1) {
        n += 1;
        const head = heads.get(streamId) ?? { version: 0, hash: null };
        const content = {
          streamId,
          streamVersion: head.version + 1,
          eventId: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
          type: streamIndex === 2 ? 'SessionScheduled' : 'CreditGranted',
          schemaVersion: 1,
          data: { amount: `${n}.5`, n, note: '继续医学教育' },
          metadata: { actorId: 'fixture', role: 'admin' },
          occurredAt: new Date(Date.UTC(2026, 2, n, 1, 0, 0)),
          recordedAt: new Date(Date.UTC(2026, 2, n, 2, 0, 0, 123)),
        };
        const hash = eventHash(head.hash, content);
        rows.push({ ...content, prevHash: head.hash, hash });
        heads.set(streamId, { version: content.streamVersion, hash });
      }
    }
    await db.sql.begin(async (tx) => {
      await tx`SET LOCAL session_replication_role = replica`;
      for (const r of rows) {
        await tx`INSERT INTO streams (stream_id, version, last_hash, last_transaction_id)
                 VALUES (${r.streamId}, ${r.streamVersion}, ${r.hash}, pg_current_xact_id())
                 ON CONFLICT (stream_id) DO UPDATE SET version = excluded.version, last_hash = excluded.last_hash,
                   last_transaction_id = excluded.last_transaction_id`;
        await tx`INSERT INTO events (stream_id, stream_version, event_id, event_type, schema_version, data, metadata, occurred_at, recorded_at, prev_hash, hash)
                 VALUES (${r.streamId}, ${r.streamVersion}, ${r.eventId}, ${r.type}, ${r.schemaVersion}, ${tx.json(r.data as never)},
                         ${tx.json(r.metadata as never)}, ${r.occurredAt}, ${r.recordedAt}, ${r.prevHash}, ${r.hash})`;
      }
    });
    written.push(...rows);
  }
  return written;
}

/** Changes stored rows as a superuser would, with the immutability triggers switched off. */
export function asSuperuser(
  db: TestDatabase,
  work: (tx: TestDatabase['sql']) => Promise<unknown>,
): Promise<void> {
  return db.sql.begin(async (tx) => {
    await tx`SET LOCAL session_replication_role = replica`;
    await work(tx as unknown as TestDatabase['sql']);
  }) as Promise<void>;
}
