import { randomBytes } from 'node:crypto';
import postgres, { Sql } from 'postgres';
import { defaultMigrationsDir, migrate } from '../../src/database/migrator';

export interface TestDatabase {
  url: string;
  sql: Sql;
  drop(): Promise<void>;
}

function adminUrl(): string {
  const url = process.env.CME_TEST_ADMIN_URL;
  if (!url)
    throw new Error(
      'CME_TEST_ADMIN_URL is unset: run the tests through jest (test/global-setup.mjs)',
    );
  return url;
}

export function databaseUrl(name: string): string {
  const url = new URL(adminUrl());
  url.pathname = `/${name}`;
  return url.toString();
}

/** A fresh, empty database of its own for one test file, migrated unless told otherwise. */
export async function createTestDatabase(
  options: { migrate?: boolean; poolMax?: number } = {},
): Promise<TestDatabase> {
  const name = `cme_test_${randomBytes(6).toString('hex')}`;
  const admin = postgres(adminUrl(), { max: 1, onnotice: () => undefined });
  await admin.unsafe(`CREATE DATABASE ${name}`);
  const url = databaseUrl(name);
  const sql = postgres(url, { max: options.poolMax ?? 20, onnotice: () => undefined });
  if (options.migrate !== false) await migrate(sql, defaultMigrationsDir(), () => undefined);
  return {
    url,
    sql,
    async drop() {
      await sql.end({ timeout: 5 });
      await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    },
  };
}
