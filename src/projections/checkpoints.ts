import type { Sql, TransactionSql } from 'postgres';
import type { LogPosition } from '../event-store/event-store.port';

/**
 * The checkpoints of every consumer of the log — projections and reactors — in
 * projection_checkpoints: created once, read, and moved only by compare-and-set from the position
 * the mover found, so two instances can never both move one.
 */
export async function ensureCheckpoint(sql: Sql, name: string, version: number): Promise<void> {
  await sql`INSERT INTO projection_checkpoints (name, version) VALUES (${name}, ${version}) ON CONFLICT (name) DO NOTHING`;
}

/** The version of the consumer whose documents the table holds; null when it has no checkpoint. */
export async function storedVersion(
  sql: Sql | TransactionSql,
  name: string,
): Promise<number | null> {
  const [row] = await sql<{ version: number }[]>`
    SELECT version FROM projection_checkpoints WHERE name = ${name}`;
  return row ? Number(row.version) : null;
}

/** The stored position; undefined at the start of the log. */
export async function readCheckpoint(
  sql: Sql | TransactionSql,
  name: string,
): Promise<LogPosition | undefined> {
  const [row] = await sql<{ commit: string; prepare: string }[]>`
    SELECT commit_position::text AS commit, prepare_position::text AS prepare FROM projection_checkpoints WHERE name = ${name}`;
  if (!row || (row.commit === '0' && row.prepare === '0')) return undefined;
  return { commit: BigInt(row.commit), prepare: BigInt(row.prepare) };
}

/** Moves `name` from `from` (undefined: the start) to `to`; false when it was not at `from`. */
export async function moveCheckpoint(
  tx: TransactionSql,
  name: string,
  from: LogPosition | undefined,
  to: LogPosition,
  processed: number,
): Promise<boolean> {
  const stored = from ?? { commit: 0n, prepare: 0n };
  const moved = await tx`
    UPDATE projection_checkpoints
       SET commit_position = ${to.commit.toString()}::xid8, prepare_position = ${to.prepare.toString()},
           events_processed = events_processed + ${processed}, updated_at = now()
     WHERE name = ${name}
       AND commit_position = ${stored.commit.toString()}::xid8 AND prepare_position = ${stored.prepare.toString()}`;
  return moved.count === 1;
}
