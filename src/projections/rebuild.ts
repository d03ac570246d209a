import type { Sql, TransactionSql } from 'postgres';
import type { ProjectedEvent, Projection } from '../../projections/projection';
import type { Database } from '../database/database';
import type { EventStore, LogPosition } from '../event-store/event-store.port';
import { archivedStreams, archiveProblem, readArchive, RetentionError } from '../retention/archive';
import {
  afterPosition,
  lockKeyOf,
  projectedEvent,
  projectionPages,
  writeDocuments,
} from './projection-batch';

/** Events read per page of the log during a rebuild. */
export const rebuildPageSize = 5_000;
/**
 * Documents a rebuild keeps in memory, all projections together, before writing them out (each
 * projection its share). The fresh table is the rebuild's own, so memory is the truth until a
 * flush; the bound keeps memory flat in the size of the log and in the number of projections (a
 * flushed document is read back when an event touches it again). Per projection it was 5,000:
 * with five projections and people's documents three years long, `ledger rebuild all` peaked at
 * 779 MiB at medium, against 411 MiB at small.
 */
export const rebuildDocumentsInMemoryMax = 10_000;

/** One projection's documents during a rebuild: folded in memory, written out in bulk. */
class DocumentBuffer<S> {
  private readonly handled: Set<string>;
  private readonly docs = new Map<string, S>();
  applied = 0;

  constructor(
    readonly projection: Projection<S>,
    readonly table: string,
    private readonly inMemoryMax: number,
  ) {
    this.handled = new Set(projection.handles);
  }

  async apply(sql: Sql | TransactionSql, events: readonly ProjectedEvent[]): Promise<void> {
    const byKey = new Map<string, ProjectedEvent[]>();
    for (const event of events) {
      if (!this.handled.has(event.type)) continue;
      const key = this.projection.keyOf(event);
      if (key === null) continue;
      this.applied += 1;
      const list = byKey.get(key);
      if (list) list.push(event);
      else byKey.set(key, [event]);
    }
    // Documents flushed earlier and touched again are read back once.
    const missing = [...byKey.keys()].filter((k) => !this.docs.has(k));
    if (missing.length > 0 && this.flushed) {
      const rows = await sql<
        { key: string; doc: S }[]
      >`SELECT key, doc FROM ${sql(this.table)} WHERE key = ANY(${missing}::text[])`;
      for (const row of rows) this.docs.set(row.key, row.doc);
    }
    for (const [key, list] of byKey) {
      let doc = this.docs.get(key) ?? this.projection.initialState(key);
      for (const e of list) doc = this.projection.evolve(doc, e);
      this.docs.set(key, doc);
    }
    if (this.docs.size > this.inMemoryMax) await this.flush(sql);
  }

  private flushed = false;

  async flush(sql: Sql | TransactionSql): Promise<void> {
    if (this.docs.size === 0) return;
    await writeDocuments(sql, this.projection, this.table, [...this.docs]);
    this.docs.clear();
    this.flushed = true;
  }
}

/** What a rebuild read, what each projection folded, and the log position it reached. */
export interface RebuildResult {
  eventsRead: number;
  applied: Record<string, number>;
  position: LogPosition | null;
}

/**
 * Replays the whole log — once, for every projection given — into fresh tables while the API
 * keeps serving the live ones, then, under the projections' locks and after catching up on what
 * arrived meanwhile, swaps the tables and sets the checkpoints in one transaction.
 */
export async function rebuildProjections(
  database: Database,
  store: EventStore,
  chosen: readonly Projection<unknown>[],
  onProgress: (eventsRead: number) => void = () => undefined,
  archiveManifest?: string,
  limits: { pageSize?: number; documentsInMemoryMax?: number } = {},
): Promise<RebuildResult> {
  const { sql } = database;
  // One rebuild of a projection at a time, across processes (a service rebuilding an outdated
  // projection as it starts, another instance doing the same, an operator's `ledger rebuild`):
  // each would drop the other's fresh table. Session locks, held on a connection of their own
  // until the swap is committed.
  const guard = await sql.reserve();
  const locked: string[] = [];
  try {
    for (const p of chosen) {
      const [row] = await guard<{ ok: boolean }[]>`
        SELECT pg_try_advisory_lock(hashtext(${rebuildLockKeyOf(p.name)})) AS ok`;
      if (!row.ok) throw new RebuildRunning(p.name);
      locked.push(p.name);
    }
    return await rebuildLocked(database, store, chosen, onProgress, archiveManifest, limits);
  } finally {
    for (const name of locked)
      await guard`SELECT pg_advisory_unlock(hashtext(${rebuildLockKeyOf(name)}))`.catch(
        () => undefined,
      );
    guard.release();
  }
}

/** Another rebuild of this projection is under way (in this process or another). */
export class RebuildRunning extends Error {
  constructor(readonly projection: string) {
    super(`a rebuild of ${projection} is already running`);
  }
}

const rebuildLockKeyOf = (name: string) => `rebuild:${name}`;

async function rebuildLocked(
  database: Database,
  store: EventStore,
  chosen: readonly Projection<unknown>[],
  onProgress: (eventsRead: number) => void,
  archiveManifest: string | undefined,
  limits: { pageSize?: number; documentsInMemoryMax?: number },
): Promise<RebuildResult> {
  const { sql } = database;
  const share = Math.max(
    1,
    Math.floor((limits.documentsInMemoryMax ?? rebuildDocumentsInMemoryMax) / chosen.length),
  );
  const buffers = chosen.map((p) => new DocumentBuffer(p, `${p.table}_next`, share));
  for (const b of buffers) {
    await sql`DROP TABLE IF EXISTS ${sql(b.table)}`;
    await sql`CREATE TABLE ${sql(b.table)} (LIKE ${sql(b.projection.table)} INCLUDING ALL)`;
  }
  let after: LogPosition | undefined;
  let eventsRead = 0;
  // The archive is checked against the one recorded here before any of it is used.
  const problem = archiveManifest ? await archiveProblem(archiveManifest, database) : null;
  if (problem) throw new RetentionError(`the archive cannot be used: ${problem}`);
  const archived = archiveManifest ? await archivedStreams(archiveManifest) : new Set<string>();
  if (archiveManifest) {
    for await (const batch of readArchive(archiveManifest)) {
      const projected = batch.map(projectedEvent);
      for (const b of buffers) await b.apply(sql, projected);
      eventsRead += batch.length;
      onProgress(eventsRead);
    }
  }
  const catchUp = async (tx: Sql | TransactionSql) => {
    // Pages come through the port with the next one read ahead while this one is folded, each
    // event read once for every projection and only with what projections fold.
    for await (const page of projectionPages(store, {
      after,
      pageSize: limits.pageSize ?? rebuildPageSize,
    })) {
      const batch = archived.size > 0 ? page.filter((e) => !archived.has(e.streamId)) : page;
      for (const b of buffers) await b.apply(tx, batch);
      after = afterPosition(page);
      eventsRead += page.length;
      onProgress(eventsRead);
    }
  };
  await catchUp(sql);
  await sql.begin(async (tx) => {
    for (const b of buffers)
      await tx`SELECT pg_advisory_xact_lock(hashtext(${lockKeyOf(b.projection.name)}))`;
    await catchUp(tx);
    const position = after ?? { commit: 0n, prepare: 0n };
    for (const b of buffers) {
      await b.flush(tx);
      const { table, name, version } = b.projection;
      const old = `${table}_old`;
      await tx`ALTER TABLE ${tx(table)} RENAME TO ${tx(old)}`;
      await tx`ALTER TABLE ${tx(b.table)} RENAME TO ${tx(table)}`;
      await tx`DROP TABLE ${tx(old)}`;
      await tx`
        INSERT INTO projection_checkpoints (name, version, commit_position, prepare_position, events_processed, updated_at)
        VALUES (${name}, ${version}, ${position.commit.toString()}::xid8, ${position.prepare.toString()}, ${b.applied}, now())
        ON CONFLICT (name) DO UPDATE SET version = excluded.version, commit_position = excluded.commit_position,
          prepare_position = excluded.prepare_position, events_processed = excluded.events_processed, updated_at = now()`;
    }
  });
  return {
    eventsRead,
    applied: Object.fromEntries(buffers.map((b) => [b.projection.name, b.applied])),
    position: after ?? null,
  };
}

/** One projection (see `rebuildProjections`). */
export async function rebuildProjection(
  database: Database,
  store: EventStore,
  projection: Projection<unknown>,
  onProgress: (eventsRead: number) => void = () => undefined,
  archiveManifest?: string,
): Promise<{ eventsRead: number; eventsApplied: number; position: LogPosition | null }> {
  const result = await rebuildProjections(
    database,
    store,
    [projection],
    onProgress,
    archiveManifest,
  );
  return {
    eventsRead: result.eventsRead,
    eventsApplied: result.applied[projection.name],
    position: result.position,
  };
}
