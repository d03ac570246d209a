import { createHash, randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { once } from 'node:events';
import * as path from 'node:path';
import { hashAlgorithm } from '../event-store/event-hash';
import type { EventStore, LogPosition } from '../event-store/event-store.port';
import { recordedEventView } from '../event-store/recorded-event.view';
import { shanghaiDate } from '../shared/domain/shanghai-time';
import {
  type ArchiveManifest,
  earliestCreditYearStart,
  retentionYearsMin,
  RetentionError,
  verifyArchiveFile,
} from './archive';

export const archiveReadPage = 1_000;

/**
 * The same archive as `archiveBefore`, written through the event store port, for stores whose log
 * is not in PostgreSQL (EventStoreDB). Two passes over the log: which streams lie wholly in closed
 * years and past the retention period, then their events in log order.
 */
export async function archiveFromStore(
  store: EventStore,
  beforeYear: number,
  outDir: string,
  now = new Date(),
): Promise<{ manifest: ArchiveManifest; manifestFile: string }> {
  const currentYear = shanghaiDate(now).year;
  if (beforeYear > currentYear - retentionYearsMin) {
    throw new RetentionError(
      `credit years from ${currentYear - retentionYearsMin} on are within the ${retentionYearsMin}-year retention period (R13)`,
    );
  }
  const occurredBefore = earliestCreditYearStart(beforeYear);
  const recordedBefore = new Date(now);
  recordedBefore.setUTCFullYear(recordedBefore.getUTCFullYear() - retentionYearsMin);

  const streams = new Map<string, { old: boolean; version: number; hash: string }>();
  await forEachPage(store, (page) => {
    for (const e of page) {
      const old = e.occurredAt < occurredBefore && e.recordedAt < recordedBefore;
      const seen = streams.get(e.streamId);
      streams.set(e.streamId, {
        old: (seen?.old ?? true) && old,
        version: e.streamVersion,
        hash: e.hash,
      });
    }
  });
  const chosen = new Map([...streams].filter(([, s]) => s.old));
  if (chosen.size === 0) throw new RetentionError(`nothing to archive before ${beforeYear}`);

  const archiveId = randomUUID();
  await mkdir(outDir, { recursive: true });
  const file = path.join(outDir, `cme-ledger-archive-before-${beforeYear}-${archiveId}.ndjson`);
  const out = createWriteStream(file);
  const digest = createHash('sha256');
  let events = 0;
  await forEachPage(store, async (page) => {
    for (const e of page) {
      if (!chosen.has(e.streamId)) continue;
      const line = `${JSON.stringify(recordedEventView(e))}\n`;
      digest.update(line);
      if (!out.write(line)) await once(out, 'drain');
      events += 1;
    }
  });
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
    streams: chosen.size,
    heads: Object.fromEntries(
      [...chosen].map(([id, s]) => [id, { version: s.version, hash: s.hash }]),
    ),
  };
  const manifestFile = `${file}.manifest.json`;
  await writeFile(manifestFile, `${JSON.stringify(manifest, null, 2)}\n`);
  const { problem } = await verifyArchiveFile(manifestFile);
  if (problem) throw new RetentionError(`the archive did not verify: ${problem}`);
  return { manifest, manifestFile };
}

async function forEachPage(
  store: EventStore,
  work: (page: Awaited<ReturnType<EventStore['readAll']>>) => void | Promise<void>,
): Promise<void> {
  let after: LogPosition | undefined;
  for (;;) {
    const page = await store.readAll({ after, limit: archiveReadPage });
    if (page.length === 0) return;
    await work(page);
    after = page[page.length - 1].position;
  }
}
