import { existsSync, readFileSync } from 'node:fs';
import { appendFile } from 'node:fs/promises';
import { eventHash } from './event-hash';
import {
  decodeLogPosition,
  encodeLogPosition,
  type EventStore,
  type LogPosition,
  type RecordedEvent,
} from './event-store.port';

/** Events read from the source per page. */
export const migrateStorePageSize = 500;

export interface MigrateStoreResult {
  copied: number;
  alreadyThere: number;
  lastSourcePosition: string | null;
  finished: boolean;
}

export class SourceIntegrityError extends Error {
  override readonly name = 'SourceIntegrityError';
}

/** Where a previous run stopped: the last line of the position map. */
function resumePoint(mapFile: string): LogPosition | undefined {
  if (!existsSync(mapFile)) return undefined;
  const lines = readFileSync(mapFile, 'utf8').trim().split('\n').filter(Boolean);
  if (lines.length === 0) return undefined;
  return decodeLogPosition((JSON.parse(lines[lines.length - 1]) as { from: string }).from);
}

/**
 * Copies the whole log from one store to another (PostgreSQL ⇄ EventStoreDB, or between two
 * PostgreSQL databases), in log order, stream by stream at exact expected versions, keeping event
 * ids, types, data, metadata and business times. Every source event's hash is checked before it is
 * copied; the target chains its own hashes (its recordedAt is its own clock). A map file records
 * source position → target position per event (each event's own: both stores report every event
 * of an append at its own position) and is where an interrupted run resumes; a copy that is
 * repeated is recognised by event id and not written twice.
 */
export async function migrateStore(
  source: EventStore,
  target: EventStore,
  mapFile: string,
  options: {
    maxEvents?: number;
    onProgress?: (copied: number) => void;
    /** Where to start in the source (exclusive) when the map file has no resume point yet. */
    after?: LogPosition;
  } = {},
): Promise<MigrateStoreResult> {
  let after = resumePoint(mapFile) ?? options.after;
  let copied = 0;
  let alreadyThere = 0;
  for (;;) {
    const page = await source.readAll({ after, limit: migrateStorePageSize });
    if (page.length === 0)
      return {
        copied,
        alreadyThere,
        lastSourcePosition: after ? encodeLogPosition(after) : null,
        finished: true,
      };
    for (const group of streamRuns(page)) {
      for (const event of group) {
        if (eventHash(event.prevHash, event) !== event.hash) {
          throw new SourceIntegrityError(
            `source event ${event.eventId} (${event.streamId} v${event.streamVersion}) does not match its hash; run \`ledger verify\` on the source`,
          );
        }
      }
      const result = await target.append(
        group[0].streamId,
        group.map((e) => ({
          eventId: e.eventId,
          type: e.type,
          schemaVersion: e.schemaVersion,
          data: e.data,
          metadata: e.metadata,
          occurredAt: e.occurredAt,
        })),
        group[0].streamVersion - 1,
      );
      if (result.idempotentReplay) alreadyThere += group.length;
      else copied += group.length;
      const lines = group.map((e, i) =>
        JSON.stringify({
          eventId: e.eventId,
          from: encodeLogPosition(e.position),
          to: result.events[i].globalPosition.toString(),
          sourceHash: e.hash,
          targetHash: result.events[i].hash,
        }),
      );
      await appendFile(mapFile, `${lines.join('\n')}\n`);
      after = group[group.length - 1].position;
      options.onProgress?.(copied + alreadyThere);
      if (options.maxEvents !== undefined && copied + alreadyThere >= options.maxEvents) {
        return {
          copied,
          alreadyThere,
          lastSourcePosition: encodeLogPosition(after),
          finished: false,
        };
      }
    }
  }
}

/** Consecutive events of one stream, appended together. */
function streamRuns(page: RecordedEvent[]): RecordedEvent[][] {
  const runs: RecordedEvent[][] = [];
  for (const event of page) {
    const last = runs[runs.length - 1];
    if (last && last[last.length - 1].streamId === event.streamId) last.push(event);
    else runs.push([event]);
  }
  return runs;
}
