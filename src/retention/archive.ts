import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, readFile, realpath, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { createInterface } from 'node:readline';
import { once } from 'node:events';
import type { Database } from '../database/database';
import { eventHash, hashAlgorithm } from '../event-store/event-hash';
import {
  decodeLogPosition,
  type EventStore,
  type RecordedEvent,
} from '../event-store/event-store.port';
import { recordedEventView } from '../event-store/recorded-event.view';
import { ruleProfiles } from '../rules/rule-profiles';
import { shanghaiDate } from '../shared/domain/shanghai-time';

/** R13 (004 §六.6): records are kept at least three years. */
export const retentionYearsMin = 3;
/** Events per page while choosing and exporting streams. */
export const archiveReadPageSize = 1_000;
/** Streams whose archived heads are checked against the log at once. */
export const archiveVerifyConcurrency = 8;
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

export function fromLine(line: string): RecordedEvent {
  const e = JSON.parse(line);
  return {
    ...e,
    globalPosition: BigInt(e.globalPosition),
    position: decodeLogPosition(e.position),
    occurredAt: new Date(e.occurredAt),
    recordedAt: new Date(e.recordedAt),
    ...(e.writerRecordedAt ? { writerRecordedAt: new Date(e.writerRecordedAt) } : {}),
  };
}

/**
 * Exports every stream whose events all lie in credit years before `beforeYear` and were all
 * recorded more than three years ago, to NDJSON in log order plus a manifest; verifies the file
 * against the store; records the archive. Whole streams only, so that every stream left in the
 * log still replays from its first event (an active person's registration is never archived).
 *
 * Everything is read through the event store port, in two passes over the log up to the head as
 * it was when the archive began: which streams qualify (one entry per stream in memory), then
 * their events. The archive is recorded in the ledger's PostgreSQL (`archives`) whichever store
 * holds the log.
 */
export async function archiveBefore(
  database: Database,
  store: EventStore,
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
  const head = await store.headPosition();
  const pages = () => store.readAllPages({ to: head ?? undefined, pageSize: archiveReadPageSize });

  const streams = new Map<string, { old: boolean; version: number; hash: string }>();
  if (head) {
    for await (const page of pages()) {
      for (const e of page) {
        const old = e.occurredAt < occurredBefore && e.recordedAt < recordedBefore;
        const seen = streams.get(e.streamId);
        streams.set(e.streamId, {
          old: (seen?.old ?? true) && old,
          version: e.streamVersion,
          hash: e.hash,
        });
      }
    }
  }
  const candidates = [...streams].filter(([, s]) => s.old).map(([id]) => id);
  // Archived before but still in the log (not purged): not exported twice.
  const archivedAlready = new Set(
    (
      await sql<{ stream_id: string }[]>`
        SELECT stream_id FROM archived_streams WHERE stream_id = ANY(${candidates}::text[])`
    ).map((r) => r.stream_id),
  );
  const chosen = new Map(
    candidates
      .filter((id) => !archivedAlready.has(id))
      .sort()
      .map((id) => {
        const { version, hash } = streams.get(id) as { version: number; hash: string };
        return [id, { version, hash }];
      }),
  );
  streams.clear();
  if (chosen.size === 0) throw new RetentionError(`nothing to archive before ${beforeYear}`);

  const archiveId = randomUUID();
  await mkdir(outDir, { recursive: true });
  const file = path.join(outDir, `cme-ledger-archive-before-${beforeYear}-${archiveId}.ndjson`);
  const out = createWriteStream(file);
  const digest = createHash('sha256');
  let events = 0;
  for await (const page of pages()) {
    for (const e of page) {
      if (!chosen.has(e.streamId)) continue;
      // An archive line is the event exactly as the API shows it (recorded-event.view.ts).
      const line = `${JSON.stringify(recordedEventView(e))}\n`;
      digest.update(line);
      if (!out.write(line)) await once(out, 'drain');
      events += 1;
    }
  }
  out.end();
  await once(out, 'finish');

  const ids = [...chosen.keys()];
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
    streams: chosen.size,
    heads: Object.fromEntries(chosen),
  };
  await writeFile(`${file}.manifest.json`, `${JSON.stringify(manifest, null, 2)}\n`);
  await sql.begin(async (tx) => {
    await tx`INSERT INTO archives (archive_id, before_year, file_name, file_sha256, events_count, streams_count)
             VALUES (${archiveId}, ${beforeYear}, ${manifest.file}, ${manifest.fileSha256}, ${events}, ${chosen.size})`;
    await tx`INSERT INTO archived_streams (archive_id, stream_id, version, head_hash)
             SELECT ${archiveId}, t.s, t.v, t.h FROM unnest(${ids}::text[], ${ids.map((id) => manifest.heads[id].version)}::bigint[], ${ids.map((id) => manifest.heads[id].hash)}::text[]) AS t(s, v, h)`;
  });
  const problem = await verifyArchive(`${file}.manifest.json`, database, store);
  if (problem) throw new RetentionError(`the archive did not verify: ${problem}`);
  return manifest;
}

/** The archive file alone: its digest, and every stream's hash chain up to the manifest's heads. */
export async function verifyArchiveFile(
  manifestFile: string,
): Promise<{ manifest: ArchiveManifest | null; problem: string | null }> {
  let loaded: { manifest: ArchiveManifest; file: string };
  try {
    loaded = await loadManifest(manifestFile);
  } catch (error) {
    if (error instanceof RetentionError) return { manifest: null, problem: error.message };
    throw error;
  }
  const { manifest, file } = loaded;
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
 * manifest, and — while the events are still in the log — that each stream there still ends at
 * the same head (through the port). Marks the archive verified. Returns null when it holds, or
 * what does not.
 */
export async function verifyArchive(
  manifestFile: string,
  database: Database,
  store: EventStore,
): Promise<string | null> {
  const problem = await archiveProblem(manifestFile, database);
  if (problem) return problem;
  const { manifest } = await loadManifest(manifestFile);
  const heads = Object.entries(manifest.heads);
  for (let i = 0; i < heads.length; i += archiveVerifyConcurrency) {
    const problems = await Promise.all(
      heads
        .slice(i, i + archiveVerifyConcurrency)
        .map(([streamId, head]) => streamProblem(store, streamId, head)),
    );
    const found = problems.find((p) => p !== null);
    if (found) return found;
  }
  await database.sql`UPDATE archives SET verified_at = now() WHERE archive_id = ${manifest.archiveId} AND file_sha256 = ${manifest.fileSha256}`;
  return null;
}

/** Whether a stream still in the log ends exactly at its archived head (null: it does, or it is gone). */
async function streamProblem(
  store: EventStore,
  streamId: string,
  head: { version: number; hash: string },
): Promise<string | null> {
  const [atHead, beyond] = await store.readStream(streamId, {
    fromVersion: head.version,
    limit: 2,
  });
  if (!atHead) {
    // Purged already: nothing left in the log to compare with.
    if ((await store.streamVersion(streamId)) === 0) return null;
    return `stream ${streamId} in the log is shorter than the archive says`;
  }
  if (atHead.hash !== head.hash) return `stream ${streamId} in the log differs from the archive`;
  if (beyond) return `stream ${streamId} moved on since it was archived`;
  return null;
}

/**
 * Drops a verified archive's events from the log, where the store can (PostgreSQL: the one DELETE
 * path its trigger re-checks row by row). EventStoreDB refuses, by design: there `$tb` only hides
 * events from stream reads (`$all` keeps them until a scavenge), a scavenge keeps each stream's
 * last event, and a stream truncated whole can no longer show where its chain ended — so nothing
 * removed that way really leaves, and what is left breaks the verifier and the digest. The archive
 * is written and verified all the same (README, "Scaling out: EventStoreDB/KurrentDB").
 */
export async function purgeArchive(store: EventStore, archiveId: string): Promise<number> {
  if (!store.purgeArchivedEvents) throw new RetentionError(purgeUnsupported);
  return store.purgeArchivedEvents(archiveId);
}

export const purgeUnsupported =
  '日志在 EventStoreDB/KurrentDB 上时不能 --purge（归档仍可导出并校验）/ --purge is refused with the log on EventStoreDB/KurrentDB: $tb there hides events from stream reads only, $all keeps them until a scavenge, and a scavenge keeps each stream\'s last event, so archived personal data would not really leave; write and verify the archive without --purge (README, "Scaling out: EventStoreDB/KurrentDB")';

/**
 * Whether an archive may be used: its manifest names a file in its own folder, it is the archive
 * this database recorded (same id, file digest, counts and every stream head — a manifest cannot
 * add, drop or move a head), and the file holds exactly that (digest and every hash chain).
 * Null when it may; else what does not hold.
 */
export async function archiveProblem(
  manifestFile: string,
  database: Database,
): Promise<string | null> {
  let manifest: ArchiveManifest;
  try {
    ({ manifest } = await loadManifest(manifestFile));
  } catch (error) {
    if (error instanceof RetentionError) return error.message;
    throw error;
  }
  const recorded = await recordedArchiveProblem(database, manifest);
  if (recorded) return recorded;
  return (await verifyArchiveFile(manifestFile)).problem;
}

async function recordedArchiveProblem(
  database: Database,
  manifest: ArchiveManifest,
): Promise<string | null> {
  const { sql } = database;
  const [archive] = await sql<
    { file_sha256: string; events_count: string; streams_count: number }[]
  >`SELECT file_sha256, events_count::text, streams_count FROM archives
     WHERE archive_id = ${manifest.archiveId}`;
  if (!archive) return `archive ${manifest.archiveId} is not recorded in this database`;
  if (
    archive.file_sha256 !== manifest.fileSha256 ||
    Number(archive.events_count) !== manifest.events ||
    archive.streams_count !== manifest.streams
  )
    return `the manifest differs from archive ${manifest.archiveId} as recorded (file digest or counts)`;
  const heads = await sql<{ stream_id: string; version: string; head_hash: string }[]>`
    SELECT stream_id, version::text, head_hash FROM archived_streams
     WHERE archive_id = ${manifest.archiveId}`;
  const named = Object.entries(manifest.heads);
  if (
    heads.length !== named.length ||
    heads.some((h) => {
      const head = manifest.heads[h.stream_id];
      return !head || head.version !== Number(h.version) || head.hash !== h.head_hash;
    })
  )
    return `the manifest's stream heads differ from archive ${manifest.archiveId} as recorded`;
  return null;
}

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** An archive file's name: a plain name in the manifest's own folder, never a path. */
const archiveFileNamePattern = /^[A-Za-z0-9][A-Za-z0-9._-]{0,250}\.ndjson$/;

/**
 * Reads a manifest and checks its shape; its `file` must be a plain name, resolved in the
 * manifest's own folder (a symbolic link leading out of it is refused too). Nothing outside that
 * folder is opened, and nothing of a refused file is echoed.
 */
export async function loadManifest(
  manifestFile: string,
): Promise<{ manifest: ArchiveManifest; file: string }> {
  let manifest: ArchiveManifest;
  try {
    manifest = JSON.parse(await readFile(manifestFile, 'utf8')) as ArchiveManifest;
  } catch {
    throw new RetentionError('the manifest is not readable JSON');
  }
  const heads = manifest?.heads;
  if (
    typeof manifest !== 'object' ||
    manifest === null ||
    typeof manifest.archiveId !== 'string' ||
    !uuidPattern.test(manifest.archiveId) ||
    typeof manifest.fileSha256 !== 'string' ||
    !/^[0-9a-f]{64}$/.test(manifest.fileSha256) ||
    !Number.isSafeInteger(manifest.events) ||
    !Number.isSafeInteger(manifest.streams) ||
    typeof heads !== 'object' ||
    heads === null ||
    Object.values(heads).some(
      (h) => !Number.isSafeInteger(h?.version) || typeof h?.hash !== 'string',
    )
  )
    throw new RetentionError(
      'the manifest is not an archive manifest (archiveId, fileSha256, events, streams, heads)',
    );
  if (typeof manifest.file !== 'string' || !archiveFileNamePattern.test(manifest.file))
    throw new RetentionError(
      "the manifest's file must be a plain .ndjson file name in the manifest's own folder",
    );
  const folder = await realpath(path.dirname(path.resolve(manifestFile)));
  let file: string;
  try {
    file = await realpath(path.join(folder, manifest.file));
  } catch {
    throw new RetentionError(`the archive file ${manifest.file} is missing beside the manifest`);
  }
  if (path.dirname(file) !== folder)
    throw new RetentionError("the manifest's file leads out of the manifest's own folder");
  return { manifest, file };
}

/**
 * An archive's events in log order, in batches (for `rebuild --with-archive`), after
 * `archiveProblem` passed; the file's digest is checked again as it is read, so a file changed
 * since fails the rebuild before anything is swapped in.
 */
export async function* readArchive(manifestFile: string): AsyncIterable<RecordedEvent[]> {
  const { manifest, file } = await loadManifest(manifestFile);
  const digest = createHash('sha256');
  let batch: RecordedEvent[] = [];
  for await (const line of createInterface({
    input: createReadStream(file),
    crlfDelay: Infinity,
  })) {
    digest.update(`${line}\n`);
    batch.push(fromLine(line));
    if (batch.length === archiveReplayBatchSize) {
      yield batch;
      batch = [];
    }
  }
  if (digest.digest('hex') !== manifest.fileSha256)
    throw new RetentionError('the archive file changed while it was read');
  if (batch.length > 0) yield batch;
}

export async function archivedStreams(manifestFile: string): Promise<Set<string>> {
  const { manifest } = await loadManifest(manifestFile);
  return new Set(Object.keys(manifest.heads));
}
