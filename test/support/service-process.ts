import { ChildProcess, execFile, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import * as path from 'node:path';
import { promisify } from 'node:util';

/** The compiled service and CLI, run as separate processes as an operator runs them (`npm test` builds first). */
export const mainJs = path.resolve(__dirname, '../../dist/src/main.js');
export const ledgerJs = path.resolve(__dirname, '../../dist/src/cli/ledger.js');
export const demoJs = path.resolve(__dirname, '../../dist/src/cli/demo.js');

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

export interface ServiceProcess {
  child: ChildProcess;
  stdout: string[];
  stderr: string[];
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/**
 * `node dist/src/main.js`. With `ownProcessGroup` it leads a process group of its own, as a shell
 * runs a foreground job, so that a signal to `-pid` reaches the whole group like the terminal's
 * Ctrl-C does.
 */
export function startService(
  env: NodeJS.ProcessEnv,
  options: { ownProcessGroup?: boolean } = {},
): ServiceProcess {
  const child = spawn(process.execPath, [mainJs], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: options.ownProcessGroup ?? false,
  });
  const stdout: string[] = [];
  const stderr: string[] = [];
  child.stdout?.on('data', (chunk: Buffer) => stdout.push(chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => stderr.push(chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  return { child, stdout, stderr, exited };
}

/** Waits for `pattern` in the service's stdout (its logs and the "listening on" line). */
export async function waitForOutput(
  service: ServiceProcess,
  pattern: RegExp,
  timeoutMs: number,
): Promise<RegExpMatchArray> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const match = service.stdout.join('').match(pattern);
    if (match) return match;
    if (service.child.exitCode !== null || service.child.signalCode !== null)
      throw new Error(`service exited: ${service.stderr.join('')}${service.stdout.join('')}`);
    if (Date.now() > deadline)
      throw new Error(
        `no "${pattern}" within ${timeoutMs} ms: ${service.stderr.join('')}${service.stdout.join('')}`,
      );
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** The service's base URL, once it is listening. */
export async function listening(service: ServiceProcess, timeoutMs = 30_000): Promise<string> {
  const [, url] = await waitForOutput(service, /listening on (http:\/\/\S+)/, timeoutMs);
  return url;
}

const execFileAsync = promisify(execFile);

/** A CLI run to completion; rejects (with its stderr) unless it exits 0. */
export async function runCli(
  script: string,
  args: string[],
  env: NodeJS.ProcessEnv,
): Promise<{ stdout: string; stderr: string }> {
  return execFileAsync(process.execPath, [script, ...args], { env });
}
