import autocannon from 'autocannon';
import { spawn } from 'node:child_process';
import * as http from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/**
 * The scan load generator in a process of its own. In the bench process it shared one event loop
 * with the service it measured: a CPU profile of a 16-client scan run put a third of that thread
 * in autocannon and in choosing the next scan (a filter over 5,000 people per request), so the
 * figure was partly the load generator's. Here it runs beside the service, as a client does.
 */
export interface ScanLoadSpec {
  url: string;
  connections: number;
  durationSeconds: number;
  /** Where the caller's sequence of scans stopped: the load goes on from there. */
  counterStart: number;
  sessions: { sessionId: string; startsAt: string; jurisdiction: string; organizerId: string }[];
  peopleByJurisdiction: Record<string, string[]>;
  headersByOrganizer: Record<string, Record<string, string>>;
}

export interface ScanLoadResult {
  requests: number;
  requestsPerSecond: number;
  p50: number;
  p99: number;
  non2xx: number;
  errors: number;
}

/** GETs of the given paths in turn at a steady rate (open loop), from the child process too. */
export interface ReadLoadSpec {
  url: string;
  headers: Record<string, string>;
  paths: string[];
  connections: number;
  durationSeconds: number;
  /** Open loop at this rate; absent, each connection sends its next request on an answer. */
  ratePerSecond?: number;
}

/** Runs the scan load in a child process and returns what autocannon measured. */
export const scanLoadInChild = (spec: ScanLoadSpec): Promise<ScanLoadResult> =>
  loadInChild({ scans: spec });

/** Runs the steady reads in a child process (the service's event loop is then the service's). */
export const readLoadInChild = (spec: ReadLoadSpec): Promise<ScanLoadResult> =>
  loadInChild({ reads: spec });

type LoadSpec = { scans: ScanLoadSpec } | { reads: ReadLoadSpec };

async function loadInChild(spec: LoadSpec): Promise<ScanLoadResult> {
  const file = path.join(os.tmpdir(), `cme-load-${process.pid}-${Date.now()}.json`);
  writeFileSync(file, JSON.stringify(spec));
  try {
    const child = spawn(process.execPath, [__filename, file], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    if (code !== 0) throw new Error(`scan load exited ${code}: ${err.slice(-500)}`);
    return JSON.parse(out) as ScanLoadResult;
  } finally {
    rmSync(file, { force: true });
  }
}

async function runScanLoad(spec: ScanLoadSpec): Promise<ScanLoadResult> {
  let counter = spec.counterStart;
  /** A scan of some person at some session of their jurisdiction: mostly new facts. */
  const nextScan = () => {
    counter += 1;
    const session = spec.sessions[counter % spec.sessions.length];
    const candidates = spec.peopleByJurisdiction[session.jurisdiction];
    const personId = candidates[(counter * 7919) % candidates.length];
    return {
      path: `/sessions/${session.sessionId}/attendance`,
      headers: spec.headersByOrganizer[session.organizerId],
      body: JSON.stringify({
        personId,
        method: 'qr',
        scannedAt: new Date(Date.parse(session.startsAt) + 600_000).toISOString(),
        deviceId: 'bench',
      }),
    };
  };
  return measured(
    await autocannon({
      url: spec.url,
      connections: spec.connections,
      duration: spec.durationSeconds,
      requests: [{ method: 'POST', setupRequest: (req) => ({ ...req, ...nextScan() }) }],
    }),
  );
}

async function runReadLoad(spec: ReadLoadSpec): Promise<ScanLoadResult> {
  if (spec.ratePerSecond) return pacedReads(spec, spec.ratePerSecond);
  let i = 0;
  return measured(
    await autocannon({
      url: spec.url,
      connections: spec.connections,
      duration: spec.durationSeconds,
      ...(spec.ratePerSecond ? { overallRate: spec.ratePerSecond } : {}),
      requests: [
        {
          method: 'GET',
          headers: spec.headers,
          setupRequest: (req) => ({ ...req, path: spec.paths[(i += 1) % spec.paths.length] }),
        },
      ],
    }),
  );
}

/**
 * An open loop at a steady rate: one request every 1000/rate ms, whatever the answers do, each
 * timed from when it was due to be sent (so a stall shows in every request it delays, not only
 * in the one it hit). autocannon's `overallRate` is not this: each connection sends its share of
 * a second back to back and then waits for the next second — bursts of concurrent requests —
 * and its coordinated-omission correction takes `1 / rate` as the interval in milliseconds.
 */
async function pacedReads(spec: ReadLoadSpec, ratePerSecond: number): Promise<ScanLoadResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: spec.connections * 4 });
  const target = new URL(spec.url);
  const intervalMs = 1000 / ratePerSecond;
  const total = Math.round(spec.durationSeconds * ratePerSecond);
  const latencies: number[] = [];
  let non2xx = 0;
  let errors = 0;
  const one = (path: string, dueAt: number) =>
    new Promise<void>((resolve) => {
      const request = http.request(
        {
          host: target.hostname,
          port: target.port,
          path,
          method: 'GET',
          headers: spec.headers,
          agent,
        },
        (response) => {
          response.resume();
          response.on('end', () => {
            if ((response.statusCode ?? 0) >= 300) non2xx += 1;
            else latencies.push(performance.now() - dueAt);
            resolve();
          });
        },
      );
      request.on('error', () => {
        errors += 1;
        resolve();
      });
      request.end();
    });
  const started = performance.now();
  const pending: Promise<void>[] = [];
  for (let n = 0; n < total; n += 1) {
    const dueAt = started + n * intervalMs;
    const wait = dueAt - performance.now();
    if (wait > 0) await sleep(wait);
    pending.push(one(spec.paths[n % spec.paths.length], dueAt));
  }
  await Promise.all(pending);
  const elapsedS = (performance.now() - started) / 1000;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const at = (p: number) =>
    latencies.length === 0
      ? 0
      : Math.round(
          latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))] * 10,
        ) / 10;
  return {
    requests: total,
    requestsPerSecond: Math.round(total / elapsedS),
    p50: at(0.5),
    p99: at(0.99),
    non2xx,
    errors,
  };
}

function measured(result: autocannon.Result): ScanLoadResult {
  return {
    requests: result.requests.total,
    requestsPerSecond: Math.round(result.requests.average),
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors,
  };
}

if (require.main === module) {
  const spec = JSON.parse(readFileSync(process.argv[2], 'utf8')) as LoadSpec;
  ('scans' in spec ? runScanLoad(spec.scans) : runReadLoad(spec.reads)).then(
    (result) => process.stdout.write(JSON.stringify(result)),
    (error: unknown) => {
      process.stderr.write(String((error as Error)?.stack ?? error));
      process.exit(1);
    },
  );
}
