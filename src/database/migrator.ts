import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { Sql } from 'postgres';

/** Any fixed number: the advisory lock that lets one instance at a time apply migrations. */
const migrationLockKey = 0x0c3e_1ed9;
const migrationFilePattern = /^(\d{4})_[a-z0-9_]+\.sql$/;

export interface MigrationFile {
  id: string;
  checksum: string;
  sql: string;
}

export class MigrationChecksumError extends Error {
  override readonly name = 'MigrationChecksumError';
}

/** `migrations/` at the repository root, found from wherever this file was compiled to. */
export function defaultMigrationsDir(): string {
  let dir = __dirname;
  for (;;) {
    const candidate = path.join(dir, 'migrations');
    if (existsSync(path.join(dir, 'package.json')) && existsSync(candidate)) return candidate;
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`no migrations/ folder found above ${__dirname}`);
    dir = parent;
  }
}

export function readMigrations(dir: string): MigrationFile[] {
  const files = readdirSync(dir)
    .filter((name) => migrationFilePattern.test(name))
    .sort();
  const numbers = new Set<string>();
  return files.map((id) => {
    const number = (migrationFilePattern.exec(id) as RegExpExecArray)[1];
    if (numbers.has(number)) throw new Error(`two migrations share the number ${number}`);
    numbers.add(number);
    const sql = readFileSync(path.join(dir, id), 'utf8');
    return { id, sql, checksum: createHash('sha256').update(sql).digest('hex') };
  });
}

export interface MigrationStatus {
  applied: string[];
  pending: string[];
}

/**
 * Applies pending migrations in order, each in its own transaction, under an advisory lock so
 * that two instances starting together never apply one twice. Refuses to go on when a file that
 * was applied has changed since (its checksum differs) or has disappeared.
 */
export async function migrate(
  sql: Sql,
  dir: string,
  log: (message: string) => void,
): Promise<MigrationStatus> {
  const files = readMigrations(dir);
  const connection = await sql.reserve();
  try {
    await connection`SELECT pg_advisory_lock(${migrationLockKey})`;
    try {
      await connection`
        CREATE TABLE IF NOT EXISTS schema_migrations (
          id text PRIMARY KEY,
          checksum text NOT NULL,
          applied_at timestamptz NOT NULL DEFAULT now()
        )`.simple();
      const applied = await appliedMigrations(connection as unknown as Sql);
      checkApplied(files, applied);
      const pending = files.filter((file) => !applied.has(file.id));
      for (const file of pending) {
        await connection.unsafe('BEGIN');
        try {
          await connection.unsafe(file.sql).simple();
          await connection`INSERT INTO schema_migrations (id, checksum) VALUES (${file.id}, ${file.checksum})`;
          await connection.unsafe('COMMIT');
        } catch (error) {
          await connection.unsafe('ROLLBACK');
          throw new Error(`migration ${file.id} failed: ${(error as Error).message}`);
        }
        log(`applied migration ${file.id}`);
      }
      return { applied: files.map((f) => f.id), pending: [] };
    } finally {
      await connection`SELECT pg_advisory_unlock(${migrationLockKey})`;
    }
  } finally {
    connection.release();
  }
}

/** Read-only: what is applied and what is pending (for /health). Throws on a changed file. */
export async function migrationStatus(sql: Sql, dir: string): Promise<MigrationStatus> {
  const files = readMigrations(dir);
  const [table] = await sql`SELECT to_regclass('schema_migrations') IS NOT NULL AS present`;
  const applied = table.present ? await appliedMigrations(sql) : new Map<string, string>();
  checkApplied(files, applied);
  return {
    applied: files.filter((f) => applied.has(f.id)).map((f) => f.id),
    pending: files.filter((f) => !applied.has(f.id)).map((f) => f.id),
  };
}

async function appliedMigrations(sql: Sql): Promise<Map<string, string>> {
  const rows = await sql<
    { id: string; checksum: string }[]
  >`SELECT id, checksum FROM schema_migrations`;
  return new Map(rows.map((row) => [row.id, row.checksum]));
}

function checkApplied(files: MigrationFile[], applied: Map<string, string>): void {
  const byId = new Map(files.map((f) => [f.id, f]));
  for (const [id, checksum] of applied) {
    const file = byId.get(id);
    if (!file)
      throw new MigrationChecksumError(`migration ${id} was applied but its file is missing`);
    if (file.checksum !== checksum) {
      throw new MigrationChecksumError(
        `migration ${id} has changed since it was applied (checksum ${file.checksum.slice(0, 12)}… ≠ ${checksum.slice(0, 12)}…); ` +
          `never edit an applied migration — add a new one`,
      );
    }
  }
}
