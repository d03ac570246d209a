import * as path from 'node:path';
import postgres, { Sql } from 'postgres';
import { AppConfig } from '../config/app-config';
import { type EmbeddedCloseOutcome, EmbeddedDatabase } from './embedded-database';
import { defaultMigrationsDir, migrate } from './migrator';

export const DATABASE = Symbol('DATABASE');

export interface DatabaseLogger {
  log: (message: string) => void;
  /** The embedded server's own output. */
  debug: (message: string) => void;
}

export interface DatabaseOpenOptions {
  /** Who is opening it, for the embedded server's connection file and logs (default: from argv). */
  program?: string;
}

/** What `close` did with the embedded server: `none` when DATABASE_URL is set. */
export type DatabaseCloseOutcome = EmbeddedCloseOutcome | 'none';

/**
 * The one connection pool of the service, to the embedded server (DATABASE_URL unset) or to the
 * configured one. After `open` both paths are the same.
 */
export class Database {
  private closing: Promise<DatabaseCloseOutcome> | null = null;

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

  /**
   * With DATABASE_URL unset, connects to the embedded server already running on DATA_DIR (the
   * service's, while a CLI command runs beside it) or starts it (see EmbeddedDatabase).
   */
  static async open(
    config: AppConfig,
    logger: DatabaseLogger,
    options: DatabaseOpenOptions = {},
  ): Promise<Database> {
    const embedded = config.databaseUrl
      ? null
      : await EmbeddedDatabase.open({
          dataDir: config.dataDir,
          port: config.embeddedPgPort,
          log: logger.log,
          program: options.program ?? programName(process.argv),
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
      await embedded?.close();
      throw error;
    }
    return new Database(url, sql, embedded, migrationsDir);
  }

  /**
   * Waits for queries in flight (up to `timeoutMs`), then stops the embedded server — unless
   * another ledger process still uses it (the last one stops it).
   */
  close(timeoutMs: number): Promise<DatabaseCloseOutcome> {
    // Once: a second call (the shutdown logging what became of the server) gets the same answer.
    this.closing ??= (async () => {
      await this.sql.end({ timeout: Math.ceil(timeoutMs / 1000) });
      return this.embedded ? this.embedded.close() : 'none';
    })();
    return this.closing;
  }
}

/** `service` for dist/src/main.js, `ledger verify` for the CLI, else the script's name. */
export function programName(argv: readonly string[]): string {
  const script = path.basename(argv[1] ?? 'node').replace(/\.[cm]?[jt]s$/, '');
  if (script === 'main') return 'service';
  if (script === 'ledger') return `ledger ${argv[2] ?? ''}`.trim();
  return script;
}
