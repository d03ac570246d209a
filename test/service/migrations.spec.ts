import { cpSync, mkdtempSync, writeFileSync, appendFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import {
  defaultMigrationsDir,
  migrate,
  MigrationChecksumError,
  migrationStatus,
  readMigrations,
} from '../../src/database/migrator';
import { createTestDatabase, TestDatabase } from '../support/test-database';

function copyOfMigrations(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'cme-migrations-'));
  cpSync(defaultMigrationsDir(), dir, { recursive: true });
  return dir;
}

describe('migrations', () => {
  let db: TestDatabase;
  beforeEach(async () => {
    db = await createTestDatabase({ migrate: false });
  });
  afterEach(() => db.drop());

  it('apply in order once, with checksums, and a second run changes nothing', async () => {
    const dir = copyOfMigrations();
    writeFileSync(path.join(dir, '9999_probe.sql'), 'CREATE TABLE probe (id int);');
    const log: string[] = [];
    await migrate(db.sql, dir, (m) => log.push(m));
    expect(log).toEqual(readMigrations(dir).map((m) => `applied migration ${m.id}`));
    expect(log[log.length - 1]).toBe('applied migration 9999_probe.sql');
    const rows = await db.sql`SELECT id, checksum FROM schema_migrations ORDER BY id`;
    expect(rows.map((r) => r.id)).toEqual(readMigrations(dir).map((m) => m.id));
    expect(rows.map((r) => r.checksum)).toEqual(readMigrations(dir).map((m) => m.checksum));

    log.length = 0;
    await migrate(db.sql, dir, (m) => log.push(m));
    expect(log).toEqual([]);
    expect(await migrationStatus(db.sql, dir)).toEqual({
      applied: readMigrations(dir).map((m) => m.id),
      pending: [],
    });
  });

  it('are applied once when several instances start at the same moment', async () => {
    const dir = copyOfMigrations();
    const log: string[] = [];
    await Promise.all(Array.from({ length: 4 }, () => migrate(db.sql, dir, (m) => log.push(m))));
    expect(log).toEqual(readMigrations(dir).map((m) => `applied migration ${m.id}`));
    const [row] = await db.sql`SELECT count(*)::int AS n FROM schema_migrations`;
    expect(row.n).toBe(readMigrations(dir).length);
  });

  it('refuse to start when an applied file has changed', async () => {
    const dir = copyOfMigrations();
    await migrate(db.sql, dir, () => undefined);
    appendFileSync(path.join(dir, '0001_event_store.sql'), '\n-- an innocent-looking edit\n');
    await expect(migrate(db.sql, dir, () => undefined)).rejects.toThrow(MigrationChecksumError);
    await expect(migrate(db.sql, dir, () => undefined)).rejects.toThrow(
      /0001_event_store.sql has changed/,
    );
    await expect(migrationStatus(db.sql, dir)).rejects.toThrow(MigrationChecksumError);
  });

  it('roll back a failing migration whole and record nothing for it', async () => {
    const dir = copyOfMigrations();
    writeFileSync(
      path.join(dir, '9999_broken.sql'),
      'CREATE TABLE half (id int);\nSELECT * FROM no_such_table;',
    );
    await expect(migrate(db.sql, dir, () => undefined)).rejects.toThrow(/9999_broken.sql failed/);
    const [half] = await db.sql`SELECT to_regclass('half') IS NULL AS absent`;
    expect(half.absent).toBe(true);
    expect((await migrationStatus(db.sql, dir)).pending).toEqual(['9999_broken.sql']);
  });
});
