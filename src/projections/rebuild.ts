import type { Projection } from '../../projections/projection';
import type { Database } from '../database/database';
import type { EventStore, LogPosition } from '../event-store/event-store.port';
import { archivedStreams, readArchive } from '../retention/archive';
import { afterPosition, applyBatch, lockKeyOf } from './projection-batch';

export const rebuildBatchSize = 1_000;

/**
 * Replays the whole log into a fresh table while the API keeps serving the live one, then — under
 * the projection's lock, after catching up on what arrived meanwhile — swaps the tables and sets the
 * checkpoint in one transaction.
 */
export async function rebuildProjection(
  database: Database,
  store: EventStore,
  projection: Projection<unknown>,
  onProgress: (eventsRead: number) => void = () => undefined,
  archiveManifest?: string,
): Promise<{ eventsRead: number; eventsApplied: number; position: LogPosition | null }> {
  const { sql } = database;
  const next = `${projection.table}_next`;
  const old = `${projection.table}_old`;
  await sql`DROP TABLE IF EXISTS ${sql(next)}`;
  await sql`CREATE TABLE ${sql(next)} (LIKE ${sql(projection.table)} INCLUDING ALL)`;
  let after: LogPosition | undefined;
  let eventsRead = 0;
  let eventsApplied = 0;
  // With an archive: its events first (they left the log), then the log without its streams.
  const archived = archiveManifest ? await archivedStreams(archiveManifest) : new Set<string>();
  if (archiveManifest) {
    for await (const batch of readArchive(archiveManifest)) {
      eventsApplied += await sql.begin((tx) => applyBatch(tx, projection, next, batch));
      eventsRead += batch.length;
      onProgress(eventsRead);
    }
  }
  const catchUp = async () => {
    for (;;) {
      const page = await store.readAll({ after, limit: rebuildBatchSize });
      if (page.length === 0) return;
      const batch = archived.size > 0 ? page.filter((e) => !archived.has(e.streamId)) : page;
      eventsApplied += await sql.begin((tx) => applyBatch(tx, projection, next, batch));
      after = afterPosition(page);
      eventsRead += page.length;
      onProgress(eventsRead);
    }
  };
  await catchUp();
  await sql.begin(async (tx) => {
    await tx`SELECT pg_advisory_xact_lock(hashtext(${lockKeyOf(projection.name)}))`;
    await catchUp();
    await tx`ALTER TABLE ${tx(projection.table)} RENAME TO ${tx(old)}`;
    await tx`ALTER TABLE ${tx(next)} RENAME TO ${tx(projection.table)}`;
    await tx`DROP TABLE ${tx(old)}`;
    const position = after ?? { commit: 0n, prepare: 0n };
    await tx`
      INSERT INTO projection_checkpoints (name, version, commit_position, prepare_position, events_processed, updated_at)
      VALUES (${projection.name}, ${projection.version}, ${position.commit.toString()}::xid8, ${position.prepare.toString()}, ${eventsApplied}, now())
      ON CONFLICT (name) DO UPDATE SET version = excluded.version, commit_position = excluded.commit_position,
        prepare_position = excluded.prepare_position, events_processed = excluded.events_processed, updated_at = now()`;
  });
  return { eventsRead, eventsApplied, position: after ?? null };
}
