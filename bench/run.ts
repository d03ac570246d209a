import 'reflect-metadata';
import { Command } from 'commander';
import {
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
  chmodSync,
  existsSync,
} from 'node:fs';
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { projections } from '../projections';
import { createApp } from '../src/app.factory';
import { loadConfig, type AppConfig } from '../src/config/app-config';
import { Database } from '../src/database/database';
import { PiiVault } from '../src/shared/pii-vault';
import { createDatabaseIfMissing } from '../src/database/embedded-database';
import { PostgresEventStore } from '../src/event-store/postgres/postgres-event-store';
import {
  TOKEN_VERIFIER,
  type TokenClaims,
  type TokenVerifier,
} from '../src/shared/http/token-verifier';
import { generate, type SizeName, sizes } from './generate';
import { readLoadInChild, scanLoadInChild } from './scan-load';
import { concurrentWriters, measureWriteSide, writeSideTable } from './write-peers';
import {
  measureRebuild,
  measureTraceWork,
  measureSteadyReads,
  median,
  projectionsCaughtUp,
  readSideRunsDefault,
  steadyRatePerSecond,
} from './read-side';

/**
 * `npm run bench -- --size small|medium|large`: measures the ledger against raw baselines taken in
 * the same run on the same machine, and writes bench/results/<date>-<size>.json and a section of
 * BENCHMARKS.md. Ratios are the figures that matter; absolute numbers move with the machine.
 */
const httpSerialRequests = 500;
const loadSeconds = 10;

interface Figure {
  value: number;
  unit: string;
  baseline?: number;
  ratio?: number;
  note?: string;
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/** Samples this process's resident memory; returns the peak since the last reset. */
function rssSampler() {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
  timer.unref();
  return {
    reset: () => (peak = process.memoryUsage().rss),
    peakMiB: () => Math.round(Math.max(peak, process.memoryUsage().rss) / 1024 / 1024),
    stop: () => clearInterval(timer),
  };
}

const perSecond = (count: number, ms: number) => Math.round((count / ms) * 1000);
const ratio = (value: number, baseline: number) => Math.round((value / baseline) * 100) / 100;

async function timed<T>(work: () => Promise<T>): Promise<{ ms: number; result: T }> {
  const started = performance.now();
  const result = await work();
  return { ms: performance.now() - started, result };
}

async function main(): Promise<void> {
  const options = new Command('bench')
    .option('--size <size>', 'small, medium or large', 'small')
    .option('--skip-http', 'skip the HTTP load tests')
    .option(
      '--write-side-only',
      'only the write side beside raw and Emmett (no data set, no files)',
    )
    .parse(process.argv)
    .opts<{ size: SizeName; skipHttp?: boolean; writeSideOnly?: boolean }>();
  if (!(options.size in sizes))
    throw new Error(`--size must be one of ${Object.keys(sizes).join(', ')}`);
  const log = (line: string) => process.stderr.write(`${line}\n`);
  const rss = rssSampler();
  const figures: Record<string, Figure> = {};

  // A fresh database for the run: in DATABASE_URL's server when set, else an embedded one.
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'cme-bench-'));
  chmodSync(dataDir, 0o755);
  const base = loadConfig();
  let databaseUrl = base.databaseUrl;
  if (databaseUrl) {
    const name = `cme_bench_${options.size}_${Date.now()}`;
    await createDatabaseIfMissing(databaseUrl, name);
    const url = new URL(databaseUrl);
    url.pathname = `/${name}`;
    databaseUrl = url.toString();
  }
  const config: AppConfig = {
    ...base,
    databaseUrl,
    dataDir,
    embeddedPgPort: await freePort(),
    logLevel: 'silent',
    piiKey: base.piiKey ?? Buffer.alloc(32, 7).toString('base64'),
    databasePoolMax: 70,
    // The load generator is one caller: lift the per-caller limits so they are not what is measured.
    rateLimitPerMinute: 10_000_000,
    scanRateLimitPerMinute: 10_000_000,
  };
  const database = await Database.open(config, { log, debug: () => undefined });
  const store = new PostgresEventStore(database.sql);
  const { sql } = database;
  const [{ server_version: pgVersion }] = await sql<
    { server_version: string }[]
  >`SHOW server_version`;

  try {
    // `--write-side-only`: a quick comparison on an empty log, nothing written to files.
    if (options.writeSideOnly) {
      const writeSide = await measureWriteSide({ sql, databaseUrl: database.url, store, log });
      process.stdout.write(`${writeSideTable(writeSide)}\n`);
      return;
    }

    // 1. The data set.
    log(
      `generating the ${options.size} data set (${sizes[options.size].persons} people × ${sizes[options.size].years} years)…`,
    );
    rss.reset();
    let lastReport = 0;
    const generated = await timed(() =>
      generate(
        store,
        options.size,
        20261123,
        (n) => {
          if (n - lastReport >= 100_000) {
            lastReport = n;
            log(`  ${n} events`);
          }
        },
        new PiiVault(Buffer.from(config.piiKey as string, 'base64')),
      ),
    );
    const summary = generated.result;
    figures.generate = {
      value: perSecond(summary.events, generated.ms),
      unit: 'events/s',
      note: `${summary.events} events, ${summary.sessions} sessions, peak RSS ${rss.peakMiB()} MiB`,
    };
    log(`  ${summary.events} events in ${(generated.ms / 1000).toFixed(1)} s`);

    // 2. The write side beside raw INSERTs and Emmett (bench/write-peers.ts).
    log('write side: raw INSERTs, this store and Emmett, three rounds each…');
    const writeSide = await measureWriteSide({ sql, databaseUrl: database.url, store, log });
    for (const [name, w] of Object.entries(writeSide.workloads))
      figures[name] = {
        value: w.median.ours,
        unit: w.unit,
        baseline: w.median.raw,
        note: `Emmett ${w.median.emmett} (ours / Emmett ${ratio(w.median.ours, w.median.emmett)})`,
      };
    const rawSingleRate = writeSide.workloads.appendSerial.median.raw;
    const rawConcurrentRate = writeSide.workloads.append16.median.raw;
    figures.rawInsert16 = {
      value: rawConcurrentRate,
      unit: `raw single-row INSERTs/s (${concurrentWriters} connections): the scans' baseline`,
    };
    // 3. Rebuild against reading and JSON-parsing the same events in the same process, medians
    // of interleaved runs (bench/read-side.ts).
    rss.reset();
    const rebuild = await measureRebuild(database, store, readSideRunsDefault, log);
    const runRatios = rebuild.runs.map((r) => r.ratio).join(', ');
    figures.rebuildAll = {
      value: rebuild.rebuildMedian,
      unit: `events/s, all ${projections.length} projections in one pass (${rebuild.events} events), median of ${rebuild.runs.length}`,
      baseline: rebuild.rawMedian,
      ratio: rebuild.ratioMedian,
      note: `ratio: the median of the runs' own ratios ${runRatios}; load ${os.loadavg()[0].toFixed(1)}; peak RSS during rebuild ${rss.peakMiB()} MiB`,
    };
    figures.readForProjections = {
      value: rebuild.storeReadMedian,
      unit: 'events/s, the log read through the store for projections, no fold (the ceiling of a rebuild)',
      baseline: rebuild.rawMedian,
      ratio: rebuild.storeRatioMedian,
      note: `ratio: the median of the runs' own ratios ${rebuild.runs.map((r) => r.storeRatio).join(', ')}`,
    };
    // The rebuild as an operator runs it: `ledger rebuild all` in a process of its own, whose
    // peak RSS (VmHWM) is the rebuild's alone — not the generator's heap this process still holds.
    try {
      const child = await rebuildInChildProcess(database.url);
      figures.rebuildPeakRss = {
        value: child.peakMiB,
        unit: 'MiB peak RSS of `ledger rebuild all` (own process)',
        note: `${child.seconds} s; the in-process rebuild above peaked with the bench process at ${rss.peakMiB()} MiB`,
      };
    } catch (error) {
      figures.rebuildPeakRss = {
        value: rss.peakMiB(),
        unit: 'MiB (whole bench process)',
        note: `the separate-process rebuild failed: ${(error as Error).message.slice(0, 200)}`,
      };
    }

    // 4. The service over HTTP, in this process, on the generated log (projections caught up by the rebuild).
    if (!options.skipHttp) {
      const app = await createApp({ ...config, databaseUrl: database.url });
      const port = await freePort();
      await app.listen(port, '127.0.0.1');
      // The reactors start from the log's beginning on a generated log (as on a log imported or
      // restored): they catch up before anything is measured, and how long that took is a figure.
      const caughtUp = await timed(() => projectionsCaughtUp(database, store, 30 * 60_000, log));
      figures.reactorsCatchUp = {
        value: Math.round(caughtUp.ms / 100) / 10,
        unit: `s for a fresh service's reactors to follow the whole log (${summary.events} generated events)`,
        note: 'person-names opens and indexes every name; the projections were rebuilt before',
      };
      const url = `http://127.0.0.1:${port}`;
      const tokens = app.get<TokenVerifier>(TOKEN_VERIFIER);
      const bearerFor = async (claims: TokenClaims) => ({
        'content-type': 'application/json',
        authorization: `Bearer ${await tokens.mint(claims)}`,
      });
      const committee = await bearerFor({
        sub: 'bench-committee',
        roles: ['committee'],
        jurisdictions: ['CN'],
      });
      const { personIds, creditIds } = summary.sample;
      const sessionsByJurisdiction = await sql<
        { session_id: string; starts_at: string; jurisdiction: string; organizer_id: string }[]
      >`
        SELECT e.data->>'sessionId' AS session_id, e.data->>'startsAt' AS starts_at, a.data->>'jurisdiction' AS jurisdiction,
               a.data->>'organizerId' AS organizer_id
          FROM events e JOIN events a ON a.stream_id = e.stream_id AND a.event_type = 'ActivityRegistered'
         WHERE e.event_type = 'SessionScheduled' LIMIT 400`;
      const people = await sql<{ person_id: string; jurisdiction: string }[]>`
        SELECT data->>'personId' AS person_id, data->>'jurisdiction' AS jurisdiction FROM events WHERE event_type = 'PersonRegistered' LIMIT 5000`;
      // Scans come from each session's own organizer (a device holding that organizer's token).
      const organizerHeaders = new Map<string, Record<string, string>>();
      for (const { organizer_id: org, jurisdiction } of sessionsByJurisdiction)
        if (!organizerHeaders.has(org))
          organizerHeaders.set(
            org,
            await bearerFor({
              sub: `bench-device-${org}`,
              roles: ['organizer'],
              jurisdictions: [jurisdiction],
              org,
            }),
          );
      const peopleByJurisdiction: Record<string, string[]> = {};
      for (const p of people) (peopleByJurisdiction[p.jurisdiction] ??= []).push(p.person_id);
      let counter = 0;
      /** A scan of some person at some session of their jurisdiction, mostly new facts. */
      const nextScan = () => {
        counter += 1;
        const session = sessionsByJurisdiction[counter % sessionsByJurisdiction.length];
        const candidates = peopleByJurisdiction[session.jurisdiction];
        const personId = candidates[(counter * 7919) % candidates.length];
        return {
          path: `/sessions/${session.session_id}/attendance`,
          headers: organizerHeaders.get(session.organizer_id)!,
          body: JSON.stringify({
            personId,
            method: 'qr',
            scannedAt: new Date(Date.parse(session.starts_at) + 600_000).toISOString(),
            deviceId: 'bench',
          }),
        };
      };

      const serial = await timed(async () => {
        for (let i = 0; i < httpSerialRequests; i += 1) {
          const scan = nextScan();
          const response = await fetch(`${url}${scan.path}`, {
            method: 'POST',
            headers: scan.headers,
            body: scan.body,
          });
          if (response.status >= 300)
            throw new Error(`scan failed: ${response.status} ${await response.text()}`);
        }
      });
      figures.httpScanSerial = {
        value: perSecond(httpSerialRequests, serial.ms),
        unit: 'scans/s (one client)',
        baseline: rawSingleRate,
      };

      // The concurrent scan loads come from a process of their own (bench/scan-load.ts); they go
      // on where the serial scans above stopped, so that they too are mostly new facts.
      for (const connections of [16, 64]) {
        rss.reset();
        const result = await scanLoadInChild({
          url,
          connections,
          durationSeconds: loadSeconds,
          counterStart: counter,
          sessions: sessionsByJurisdiction.map((s) => ({
            sessionId: s.session_id,
            startsAt: s.starts_at,
            jurisdiction: s.jurisdiction,
            organizerId: s.organizer_id,
          })),
          peopleByJurisdiction,
          headersByOrganizer: Object.fromEntries(organizerHeaders),
        });
        counter += result.requests;
        figures[`httpScan${connections}`] = {
          value: result.requestsPerSecond,
          unit: `scans/s (${connections} clients, ${loadSeconds} s)`,
          baseline: rawConcurrentRate,
          note: `p50 ${result.p50} ms, p99 ${result.p99} ms, non-2xx ${result.non2xx}, errors ${result.errors}, service peak RSS ${rss.peakMiB()} MiB; ratio to raw ${concurrentWriters}-connection INSERTs`,
        };
      }
      let i = 0;
      // One request first, to fail loudly (with its answer) rather than measure errors.
      for (const probe of [
        `/persons/${personIds[0]}/years/2024`,
        `/credits/${creditIds[0]}/trace`,
      ]) {
        const response = await fetch(`${url}${probe}`, { headers: committee });
        if (response.status !== 200)
          throw new Error(`GET ${probe}: ${response.status} ${await response.text()}`);
      }
      // Closed loop from 16 clients in a process of their own (bench/scan-load.ts).
      const closedLoad = (paths: () => string) =>
        readLoadInChild({
          url,
          headers: committee,
          paths: Array.from({ length: 2_000 }, paths),
          connections: 16,
          durationSeconds: loadSeconds,
        });
      const years = await closedLoad(
        () => `/persons/${personIds[(i += 1) % personIds.length]}/years/2024`,
      );
      figures.httpPersonYear = {
        value: years.p99,
        unit: 'ms p99 GET /persons/{id}/years/{year} (16 clients)',
        note: `p50 ${years.p50} ms, ${years.requestsPerSecond} req/s, non-2xx ${years.non2xx}`,
      };
      const traces = await closedLoad(
        () => `/credits/${creditIds[(i += 1) % creditIds.length]}/trace`,
      );
      figures.httpCreditTrace = {
        value: traces.p99,
        unit: 'ms p99 GET /credits/{id}/trace (16 clients)',
        note: `p50 ${traces.p50} ms, ${traces.requestsPerSecond} req/s, non-2xx ${traces.non2xx}`,
      };
      // The same reads at a steady 100 requests/s, medians of interleaved runs (bench/read-side.ts),
      // once every projection has folded what the scans above appended.
      await projectionsCaughtUp(database, store);
      const work = await measureTraceWork(database, store, summary.sample.creditIds);
      figures.traceWork = {
        value: work.projection.p99,
        unit: `ms p99 of one trace's work in the service (provenance projection; no HTTP, one at a time, ${work.calls} calls)`,
        note: `p50 ${work.projection.p50} ms, answered by the projection ${work.projection.answered}/${work.calls}; the three streams read whole: p50 ${work.streams.p50} ms, p99 ${work.streams.p99} ms`,
      };
      const steady = await measureSteadyReads(
        url,
        committee,
        summary.sample,
        2024,
        readSideRunsDefault,
        log,
      );
      for (const [name, key, label] of [
        ['httpPersonYearAt100', 'personYear', 'GET /persons/{id}/years/{year}'],
        ['httpCreditTraceAt100', 'trace', 'GET /credits/{id}/trace'],
      ] as const) {
        figures[name] = {
          value: median(steady[key].p99),
          unit: `ms p99 ${label} at ${steadyRatePerSecond} req/s, median of ${steady[key].p99.length}`,
          note: `p99s ${steady[key].p99.join(', ')} ms; p50s ${steady[key].p50.join(', ')} ms; non-2xx ${steady[key].non2xx}; load ${os.loadavg()[0].toFixed(1)}`,
        };
      }
      await app.close();
    }

    for (const figure of Object.values(figures))
      if (figure.baseline && figure.ratio === undefined)
        figure.ratio = ratio(figure.value, figure.baseline);
    const machine = {
      cpus: os.cpus().length,
      cpu: os.cpus()[0]?.model ?? 'unknown',
      memoryGiB: Math.round(os.totalmem() / 1024 ** 3),
      node: process.version,
      postgres: pgVersion,
      platform: `${os.platform()} ${os.release()}`,
    };
    const report = {
      date: new Date().toISOString(),
      size: options.size,
      machine,
      figures,
      writeSide,
    };
    const resultsDir = path.resolve(__dirname, '../../bench/results');
    mkdirSync(resultsDir, { recursive: true });
    const file = path.join(resultsDir, `${report.date.slice(0, 10)}-${options.size}.json`);
    writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
    const table = `${markdownTable(report)}\n${writeSideTable(writeSide)}`;
    process.stdout.write(`${table}\nwritten: ${file}\n`);
    updateBenchmarksMd(path.resolve(__dirname, '../../BENCHMARKS.md'), options.size, table);
  } finally {
    rss.stop();
    await database.close(5_000);
    rmSync(dataDir, { recursive: true, force: true });
  }
}

function markdownTable(report: {
  date: string;
  size: string;
  machine: Record<string, unknown>;
  figures: Record<string, Figure>;
}): string {
  const lines = [
    `### ${report.size} — ${report.date.slice(0, 10)}`,
    '',
    `Machine: ${Object.entries(report.machine)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ')}.`,
    '',
    '| figure | value | baseline (same run) | ratio | notes |',
    '|---|---|---|---|---|',
    ...Object.entries(report.figures).map(
      ([name, f]) =>
        `| ${name} | ${f.value} ${f.unit} | ${f.baseline ?? '—'} | ${f.ratio ?? '—'} | ${f.note ?? ''} |`,
    ),
    '',
  ];
  return lines.join('\n');
}

function updateBenchmarksMd(file: string, size: string, table: string): void {
  const start = `<!-- bench:${size}:start -->`;
  const end = `<!-- bench:${size}:end -->`;
  const text = existsSync(file) ? readFileSync(file, 'utf8') : '# Benchmarks\n';
  const block = `${start}\n${table}${end}`;
  const next = text.includes(start)
    ? text.replace(new RegExp(`${start}[\\s\\S]*?${end}`), block)
    : `${text.trimEnd()}\n\n${block}\n`;
  writeFileSync(file, next);
}

main().catch((error: unknown) => {
  process.stderr.write(`bench: ${(error as Error)?.stack ?? String(error)}\n`);
  process.exit(1);
});

/** Runs `ledger rebuild all` against the database and samples its peak RSS from /proc. */
async function rebuildInChildProcess(
  databaseUrl: string,
): Promise<{ peakMiB: number; seconds: number }> {
  const started = Date.now();
  const child = spawn(
    process.execPath,
    [
      // As `npm run ledger` runs it: a capped old generation keeps V8 from growing the heap
      // lazily (a leak would fail here instead of hiding in a bigger RSS).
      '--max-semi-space-size=64',
      '--max-old-space-size=512',
      path.resolve(__dirname, '../src/cli/ledger.js'),
      'rebuild',
      'all',
      '--quiet',
    ],
    { env: { ...process.env, DATABASE_URL: databaseUrl }, stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  let peakKiB = 0;
  const sample = () => {
    try {
      const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
      const hwm = /VmHWM:\s+(\d+) kB/.exec(status);
      if (hwm) peakKiB = Math.max(peakKiB, Number(hwm[1]));
    } catch {
      // gone already, or no /proc here
    }
  };
  const timer = setInterval(sample, 50);
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  clearInterval(timer);
  if (code !== 0) throw new Error(`exit ${code}: ${stderr.slice(-300)}`);
  if (peakKiB === 0) throw new Error('no /proc/<pid>/status to read the peak RSS from');
  return {
    peakMiB: Math.round(peakKiB / 1024),
    seconds: Math.round((Date.now() - started) / 100) / 10,
  };
}
