import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { createInterface } from 'node:readline';
import { once } from 'node:events';
import type { Database } from '../database/database';
import { eventHash, hashAlgorithm } from '../event-store/event-hash';
import { decodeLogPosition, type RecordedEvent } from '../event-store/event-store.port';
import { type EventRow, toRecorded } from '../event-store/postgres/postgres-event-store';
import { recordedEventView } from '../event-store/recorded-event.view';
import { ruleProfiles } from '../rules/rule-profiles';
import { shanghaiDate } from '../shared/domain/shanghai-time';

/** R13 (004 §六.6): records are kept at least three years. */
export const retentionYearsMin = 3;
export const archiveCursorRows = 500;
export const archiveReplayBatchSize = 1_000;

export class RetentionError extends Error {
  override readonly name = 'RetentionError';
}

export interface ArchiveManifest {
  archiveId: string;
  beforeYear: number;
  /** Events that occurred before this instant (the earliest start of credit year `beforeYear`). */
  occurredBefore: string;
  /** …and were recorded before this one (three years before the archive was made). */
  recordedBefore: string;
  createdAt: string;
  file: string;
  fileSha256: string;
  hashAlgorithm: string;
  events: number;
  streams: number;
  /** Each archived stream's last version and hash: where its chain ends. */
  heads: Record<string, { version: number; hash: string }>;
}

/** The earliest instant any profile's credit year `year` starts (Chongqing: 1 Nov of the year before). */
export function earliestCreditYearStart(year: number): Date {
  const starts = ruleProfiles.map((p) => {
    const { month, day, startsPreviousYear } = p.creditYearStart.value;
    const y = startsPreviousYear ? year - 1 : year;
    return new Date(
      `${y}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}T00:00:00+08:00`,
    );
  });
  return new Date(Math.min(...starts.map((d) => d.getTime())));
}

/** An archive line is the event exactly as the API shows it (src/event-store/recorded-event.view.ts). */
const toLine = (row: EventRow) => JSON.stringify(recordedEventView(toRecorded(row)));

export function fromLine(line: string): RecordedEvent {
  const e = JSON.parse(line);
  return {
    ...e,
    globalPosition: BigInt(e.globalPosition),
    position: decodeLogPosition(e.position),
    occurredAt: new Date(e.occurredAt),
    recordedAt: new Date(e.recordedAt),
  };
}

/**
 * Exports every stream whose events all lie in credit years before `beforeYear` and were all
 * recorded more than three years ago, to NDJSON in log order plus a manifest; verifies the file
 * against the database; records the archive. Whole streams only, so that every stream left in the
 * log still replays from its first event (an active person's registration is never archived).
 */
export async function archiveBefore(
  database: Database,
  beforeYear: number,
  outDir: string,
  now = new Date(),
): Promise<ArchiveManifest> {
  const currentYear = shanghaiDate(now).year;
  if (beforeYear > currentYear - retentionYearsMin) {
    throw new RetentionError(
      `credit years from ${currentYear - retentionYearsMin} on are within the ${retentionYearsMin}-year retention period (R13); --before may be at most ${currentYear - retentionYearsMin}`,
    );
  }
  const { sql } = database;
  const occurredBefore = earliestCreditYearStart(beforeYear);
  const recordedBefore = new Date(now);
  recordedBefore.setUTCFullYear(recordedBefore.getUTCFullYear() - retentionYearsMin);
  const streams = await sql<{ stream_id: string; version: string; last_hash: string }[]>`
    SELECT s.stream_id, s.version::text, s.last_hash FROM streams s
     WHERE NOT EXISTS (SELECT 1 FROM events e WHERE e.stream_id = s.stream_id AND (e.occurred_at >= ${occurredBefore} OR e.recorded_at >= ${recordedBefore}))
       AND NOT EXISTS (SELECT 1 FROM archived_streams a WHERE a.stream_id = s.stream_id)
     ORDER BY s.stream_id`;
  if (streams.length === 0) throw new RetentionError(`nothing to archive before ${beforeYear}`);

  const archiveId = randomUUID();
  await mkdir(outDir, { recursive: true });
  const file = path.join(outDir, `cme-ledger-archive-before-${beforeYear}-${archiveId}.ndjson`);
  const out = createWriteStream(file);
  const digest = createHash('sha256');
  let events = 0;
  const ids = streams.map((s) => s.stream_id);
  await sql<EventRow[]>`
    SELECT global_position::text, transaction_id::text, stream_id, stream_version::text, event_id, event_type,
           schema_version, data, metadata, occurred_at, recorded_at, prev_hash, hash
      FROM events WHERE stream_id = ANY(${ids}::text[])
     ORDER BY events.transaction_id, events.global_position`.cursor(
    archiveCursorRows,
    async (rows) => {
      for (const row of rows) {
        const line = `${toLine(row)}\n`;
        digest.update(line);
        if (!out.write(line)) await once(out, 'drain');
        events += 1;
      }
    },
  );
  out.end();
  await once(out, 'finish');

  const manifest: ArchiveManifest = {
    archiveId,
    beforeYear,
    occurredBefore: occurredBefore.toISOString(),
    recordedBefore: recordedBefore.toISOString(),
    createdAt: now.toISOString(),
    file: path.basename(file),
    fileSha256: digest.digest('hex'),
    hashAlgorithm,
    events,
    streams: streams.length,
    heads: Object.fromEntries(
      streams.map((s) => [s.stream_id, { version: Number(s.version), hash: s.last_hash }]),
    ),
  };
  await writeFile(`${file}.manifest.json`, `${JSON.stringify(manifest, null, 2)}\n`);
  await sql.begin(async (tx) => {
    await tx`INSERT INTO archives (archive_id, before_year, file_name, file_sha256, events_count, streams_count)
             VALUES (${archiveId}, ${beforeYear}, ${manifest.file}, ${manifest.fileSha256}, ${events}, ${streams.length})`;
    await tx`INSERT INTO archived_streams (archive_id, stream_id, version, head_hash)
             SELECT ${archiveId}, t.s, t.v, t.h FROM unnest(${ids}::text[], ${streams.map((s) => s.version)}::bigint[], ${streams.map((s) => s.last_hash)}::text[]) AS t(s, v, h)`;
  });
  const problem = await verifyArchive(`${file}.manifest.json`, database);
  if (problem) throw new RetentionError(`the archive did not verify: ${problem}`);
  return manifest;
}

/** The archive file alone: its digest, and every stream's hash chain up to the manifest's heads. */
export async function verifyArchiveFile(
  manifestFile: string,
): Promise<{ manifest: ArchiveManifest; problem: string | null }> {
  const manifest = JSON.parse(await readFile(manifestFile, 'utf8')) as ArchiveManifest;
  const file = path.join(path.dirname(manifestFile), manifest.file);
  const digest = createHash('sha256');
  const heads = new Map<string, { version: number; hash: string }>();
  let events = 0;
  for await (const line of createInterface({
    input: createReadStream(file),
    crlfDelay: Infinity,
  })) {
    digest.update(`${line}\n`);
    const event = fromLine(line);
    const head = heads.get(event.streamId) ?? { version: 0, hash: '' };
    if (event.streamVersion !== head.version + 1)
      return {
        manifest,
        problem: `stream ${event.streamId} jumps from version ${head.version} to ${event.streamVersion}`,
      };
    if ((event.prevHash ?? '') !== head.hash)
      return { manifest, problem: `event ${event.eventId} does not chain to the one before it` };
    if (eventHash(event.prevHash, event) !== event.hash)
      return {
        manifest,
        problem: `event ${event.eventId} (${event.streamId} v${event.streamVersion}) does not match its hash`,
      };
    heads.set(event.streamId, { version: event.streamVersion, hash: event.hash });
    events += 1;
  }
  if (digest.digest('hex') !== manifest.fileSha256)
    return { manifest, problem: 'the file digest differs from the manifest' };
  if (events !== manifest.events)
    return {
      manifest,
      problem: `the file holds ${events} events, the manifest says ${manifest.events}`,
    };
  for (const [streamId, head] of Object.entries(manifest.heads)) {
    const found = heads.get(streamId);
    if (!found || found.version !== head.version || found.hash !== head.hash)
      return { manifest, problem: `stream ${streamId} does not end where the manifest says` };
  }
  return { manifest, problem: null };
}

/**
 * Re-reads an archive: its file digest, every stream's hash chain from version 1 to the head in the
 * manifest, and — while the events are still in the database — the same heads there. Marks the
 * archive verified. Returns null when it holds, or what does not.
 */
export async function verifyArchive(
  manifestFile: string,
  database: Database,
): Promise<string | null> {
  const { manifest, problem } = await verifyArchiveFile(manifestFile);
  if (problem) return problem;
  const live = await database.sql<{ stream_id: string; version: string; last_hash: string }[]>`
    SELECT stream_id, version::text, last_hash FROM streams WHERE stream_id = ANY(${Object.keys(manifest.heads)}::text[])`;
  for (const row of live) {
    const head = manifest.heads[row.stream_id];
    if (Number(row.version) !== head.version || row.last_hash !== head.hash)
      return `stream ${row.stream_id} moved on since it was archived`;
  }
  await database.sql`UPDATE archives SET verified_at = now() WHERE archive_id = ${manifest.archiveId} AND file_sha256 = ${manifest.fileSha256}`;
  return null;
}

/** Drops an archived, verified archive's events from the log; the database re-checks every row. */
export async function purgeArchive(database: Database, archiveId: string): Promise<number> {
  return database.sql.begin(async (tx) => {
    const [archive] =
      await tx`SELECT verified_at FROM archives WHERE archive_id = ${archiveId} FOR UPDATE`;
    if (!archive?.verified_at)
      throw new RetentionError(`archive ${archiveId} is unknown or not verified`);
    await tx`SELECT set_config('cme.purging_archive', ${archiveId}, true)`;
    const deleted =
      await tx`DELETE FROM events WHERE stream_id IN (SELECT stream_id FROM archived_streams WHERE archive_id = ${archiveId})`;
    await tx`DELETE FROM streams WHERE stream_id IN (SELECT stream_id FROM archived_streams WHERE archive_id = ${archiveId})`;
    await tx`UPDATE archives SET purged_at = now() WHERE archive_id = ${archiveId}`;
    return deleted.count;
  });
}

/** An archive's events in log order, in batches (for `rebuild --with-archive`). */
export async function* readArchive(manifestFile: string): AsyncIterable<RecordedEvent[]> {
  const manifest = JSON.parse(await readFile(manifestFile, 'utf8')) as ArchiveManifest;
  let batch: RecordedEvent[] = [];
  for await (const line of createInterface({
    input: createReadStream(path.join(path.dirname(manifestFile), manifest.file)),
    crlfDelay: Infinity,
  })) {
    batch.push(fromLine(line));
    if (batch.length === archiveReplayBatchSize) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length > 0) yield batch;
}

export async function archivedStreams(manifestFile: string): Promise<Set<string>> {
  const manifest = JSON.parse(await readFile(manifestFile, 'utf8')) as ArchiveManifest;
  return new Set(Object.keys(manifest.heads));
}
