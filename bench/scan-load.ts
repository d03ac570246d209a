import autocannon from 'autocannon';
import { spawn } from 'node:child_process';
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

/** Runs the scan load in a child process and returns what autocannon measured. */
export async function scanLoadInChild(spec: ScanLoadSpec): Promise<ScanLoadResult> {
  const file = path.join(os.tmpdir(), `cme-scan-load-${process.pid}-${Date.now()}.json`);
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
  const result = await autocannon({
    url: spec.url,
    connections: spec.connections,
    duration: spec.durationSeconds,
    requests: [{ method: 'POST', setupRequest: (req) => ({ ...req, ...nextScan() }) }],
  });
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
  const spec = JSON.parse(readFileSync(process.argv[2], 'utf8')) as ScanLoadSpec;
  runScanLoad(spec).then(
    (result) => process.stdout.write(JSON.stringify(result)),
    (error: unknown) => {
      process.stderr.write(String((error as Error)?.stack ?? error));
      process.exit(1);
    },
  );
}
