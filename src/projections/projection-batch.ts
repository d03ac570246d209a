import type { Sql, TransactionSql } from 'postgres';
import type { ProjectedEvent, Projection } from '../../projections/projection';
import type {
  EventStore,
  LogPosition,
  ProjectionLogEvent,
  ReadAllPagesOptions,
  RecordedEvent,
} from '../event-store/event-store.port';

export const projectedEvent = (e: RecordedEvent): ProjectionLogEvent => ({
  type: e.type,
  data: e.data,
  streamId: e.streamId,
  eventId: e.eventId,
  occurredAt: e.occurredAt.toISOString(),
  recordedAt: e.recordedAt.toISOString(),
  // Absent only on hand-made events (a test folding rows it selected itself).
  globalPosition: (e.globalPosition as bigint | undefined)?.toString() as string,
  position: e.position,
});

/** The log as projections read it: the store's lean read where it has one, else `readAllPages`. */
export async function* projectionPages(
  store: EventStore,
  options: ReadAllPagesOptions,
): AsyncIterable<ProjectionLogEvent[]> {
  if (store.readProjectionPages) {
    yield* store.readProjectionPages(options);
    return;
  }
  for await (const page of store.readAllPages(options)) yield page.map(projectedEvent);
}

/** Folds a batch into the documents it touches and writes them to `table` (inside the caller's transaction). */
export async function applyBatch<S>(
  tx: TransactionSql | Sql,
  projection: Projection<S>,
  table: string,
  events: readonly ProjectedEvent[],
): Promise<number> {
  const handled = new Set(projection.handles);
  const relevant = events.filter((e) => handled.has(e.type));
  const byKey = new Map<string, ProjectedEvent[]>();
  for (const projected of relevant) {
    const key = projection.keyOf(projected);
    if (key === null) continue;
    byKey.set(key, [...(byKey.get(key) ?? []), projected]);
  }
  if (byKey.size === 0) return 0;
  const keys = [...byKey.keys()];
  const rows = await tx<
    { key: string; doc: S }[]
  >`SELECT key, doc FROM ${tx(table)} WHERE key = ANY(${keys}::text[])`;
  const current = new Map(rows.map((r) => [r.key, r.doc]));
  const folded = keys.map((key): [string, S] => [
    key,
    (byKey.get(key) as ProjectedEvent[]).reduce(
      (s, e) => projection.evolve(s, e),
      current.get(key) ?? projection.initialState(key),
    ),
  ]);
  await writeDocuments(tx, projection, table, folded);
  return relevant.length;
}

/** Documents written per statement. */
export const documentsPerWriteMax = 5_000;

/**
 * Upserts folded documents, finalized (the projection's derived fields) as they are written. One
 * JSON parameter per statement: cheaper to send than a text[] escaped element by element.
 */
export async function writeDocuments<S>(
  sql: TransactionSql | Sql,
  projection: Projection<S>,
  table: string,
  docs: readonly (readonly [string, S])[],
): Promise<void> {
  for (let i = 0; i < docs.length; i += documentsPerWriteMax) {
    const rows = docs.slice(i, i + documentsPerWriteMax).map(([key, doc]) => ({
      key,
      doc: projection.finalize ? projection.finalize(doc) : doc,
    }));
    await sql`
      INSERT INTO ${sql(table)} (key, doc)
      SELECT t.key, t.doc FROM jsonb_to_recordset(${sql.json(rows as never)}) AS t(key text, doc jsonb)
      ON CONFLICT (key) DO UPDATE SET doc = excluded.doc`;
  }
}

export const lockKeyOf = (name: string) => `projection:${name}`;

export const afterPosition = (events: readonly { position: LogPosition }[]): LogPosition =>
  events[events.length - 1].position;
