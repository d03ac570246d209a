import postgres, { Sql } from 'postgres';
import { AppConfig } from '../config/app-config';
import { EmbeddedDatabase } from './embedded-database';
import { defaultMigrationsDir, migrate } from './migrator';

export const DATABASE = Symbol('DATABASE');

export interface DatabaseLogger {
  log: (message: string) => void;
  /** The embedded server's own output. */
  debug: (message: string) => void;
}

/**
 * The one connection pool of the service, to the embedded server (DATABASE_URL unset) or to the
 * configured one. After `open` both paths are the same.
 */
export class Database {
  private closed = false;

  private constructor(
    /** Where it is connected (the embedded server's URL when DATABASE_URL was unset). */
    readonly url: string,
    readonly sql: Sql,
    private readonly embedded: EmbeddedDatabase | null,
    readonly migrationsDir: string,
  ) {}

  get isEmbedded(): boolean {
    return this.embedded !== null;
  }

  static async open(config: AppConfig, logger: DatabaseLogger): Promise<Database> {
    const embedded = config.databaseUrl
      ? null
      : await EmbeddedDatabase.start({
          dataDir: config.dataDir,
          port: config.embeddedPgPort,
          log: logger.debug,
        });
    const url = config.databaseUrl ?? (embedded as EmbeddedDatabase).url;
    const sql = postgres(url, {
      max: config.databasePoolMax,
      onnotice: () => undefined,
      connection: { application_name: 'cme-ledger' },
    });
    const migrationsDir = defaultMigrationsDir();
    try {
      await migrate(sql, migrationsDir, logger.log);
    } catch (error) {
      await sql.end({ timeout: 1 });
      await embedded?.stop();
      throw error;
    }
    return new Database(url, sql, embedded, migrationsDir);
  }

  /** Waits for queries in flight (up to `timeoutMs`), then stops the embedded server if any. */
  async close(timeoutMs: number): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.sql.end({ timeout: Math.ceil(timeoutMs / 1000) });
    await this.embedded?.stop();
  }
}
