import 'reflect-metadata';
import { Command } from 'commander';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { projections } from '../projections';
import { reactors } from '../src/reactors';
import { PiiVault } from '../src/shared/pii-vault';
import { createApp } from '../src/app.factory';
import { loadConfig, type AppConfig } from '../src/config/app-config';
import { Database } from '../src/database/database';
import { creditTraceFromProvenance } from '../src/audit/credit-provenance.queries';
import { inLogOrder, personEventsAbout, sessionEvidence } from '../src/audit/trace';
import { compareLogPositions, type RecordedEvent } from '../src/event-store/event-store.port';
import type { CreditGrantData } from '../src/persons/domain/person.events';
import { splitCompositeId } from '../src/shared/ids';
import { PostgresEventStore } from '../src/event-store/postgres/postgres-event-store';
import { rebuildProjections } from '../src/projections/rebuild';
import {
  TOKEN_VERIFIER,
  type TokenClaims,
  type TokenVerifier,
} from '../src/shared/http/token-verifier';
import { generate, type GeneratedSummary, type SizeName, sizes } from './generate';
import { readLoadInChild, scanLoadInChild } from './scan-load';

/**
 * The read side's figures (issue 15), each a median of `runs` measurements interleaved with its
 * raw baseline, so that a noisy, shared machine moves both alike:
 * - rebuild of every projection against a raw read + JSON.parse of the same rows;
 * - reading the log through the store alone (no fold), the ceiling a rebuild could reach;
 * - GET /persons/{id}/years/{y} and GET /credits/{id}/trace at a steady 100 req/s.
 * `npm run bench` calls these; `node dist/bench/read-side.js --data-dir <dir>` runs them alone on
 * a data set generated once and kept (for profiling with `node --cpu-prof`).
 */
export const readSideRunsDefault = 3;
export const steadyRatePerSecond = 100;
const steadySeconds = 10;

export const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

async function timed<T>(work: () => Promise<T>): Promise<{ ms: number; result: T }> {
  const started = performance.now();
  const result = await work();
  return { ms: performance.now() - started, result };
}

const perSecond = (count: number, ms: number) => Math.round((count / ms) * 1000);
const round2 = (x: number) => Math.round(x * 100) / 100;

/** The baseline: every row's data and metadata read with a cursor and JSON-parsed, in log order. */
export async function rawReadParse(database: Database): Promise<{ events: number; ms: number }> {
  const { sql } = database;
  const { ms, result } = await timed(async () => {
    let n = 0;
    await sql<
      { data: string; metadata: string }[]
    >`SELECT data::text AS data, metadata::text AS metadata FROM events ORDER BY transaction_id, global_position`.cursor(
      1000,
      (rows) => {
        for (const r of rows) {
          JSON.parse(r.data);
          JSON.parse(r.metadata);
          n += 1;
        }
      },
    );
    return n;
  });
  return { events: result, ms };
}

export interface RebuildFigures {
  runs: { raw: number; rebuild: number; storeRead: number; ratio: number; storeRatio: number }[];
  rawMedian: number;
  rebuildMedian: number;
  storeReadMedian: number;
  ratioMedian: number;
  storeRatioMedian: number;
  events: number;
}

/**
 * Rebuild of all projections (events/s) beside the raw read+parse rate, `runs` times interleaved;
 * also the store's own read of the log without any fold (its `readAllPages`).
 */
export async function measureRebuild(
  database: Database,
  store: PostgresEventStore,
  runs = readSideRunsDefault,
  log: (line: string) => void = () => undefined,
): Promise<RebuildFigures> {
  const results: RebuildFigures['runs'] = [];
  let events = 0;
  for (let i = 0; i < runs; i += 1) {
    const raw = await rawReadParse(database);
    const storeRead = await timed(async () => {
      let n = 0;
      for await (const page of store.readAllPages({ pageSize: 5_000 })) n += page.length;
      return n;
    });
    const rebuild = await timed(
      async () => (await rebuildProjections(database, store, projections)).eventsRead,
    );
    events = rebuild.result;
    const run = {
      raw: perSecond(raw.events, raw.ms),
      rebuild: perSecond(rebuild.result, rebuild.ms),
      storeRead: perSecond(storeRead.result, storeRead.ms),
      ratio: 0,
      storeRatio: 0,
    };
    run.ratio = round2(run.rebuild / run.raw);
    run.storeRatio = round2(run.storeRead / run.raw);
    log(
      `  run ${i + 1}: raw ${run.raw}/s, store read ${run.storeRead}/s (${run.storeRatio}), rebuild ${run.rebuild}/s (${run.ratio}), load ${os.loadavg()[0].toFixed(1)}`,
    );
    results.push(run);
  }
  return {
    runs: results,
    rawMedian: median(results.map((r) => r.raw)),
    rebuildMedian: median(results.map((r) => r.rebuild)),
    storeReadMedian: median(results.map((r) => r.storeRead)),
    ratioMedian: median(results.map((r) => r.ratio)),
    storeRatioMedian: median(results.map((r) => r.storeRatio)),
    events,
  };
}

export interface SteadyReadFigures {
  personYear: { p50: number[]; p99: number[]; non2xx: number };
  trace: { p50: number[]; p99: number[]; non2xx: number };
}

/**
 * The two audited reads at a steady `steadyRatePerSecond` (open loop, below saturation), `runs`
 * times each, alternating, against a running service at `url`.
 */
export async function measureSteadyReads(
  url: string,
  committee: Record<string, string>,
  sample: { personIds: string[]; creditIds: string[] },
  year: number,
  runs = readSideRunsDefault,
  log: (line: string) => void = () => undefined,
): Promise<SteadyReadFigures> {
  let i = 0;
  const figures: SteadyReadFigures = {
    personYear: { p50: [], p99: [], non2xx: 0 },
    trace: { p50: [], p99: [], non2xx: 0 },
  };
  const paths = {
    personYear: () =>
      `/persons/${sample.personIds[(i += 1) % sample.personIds.length]}/years/${year}`,
    trace: () => `/credits/${sample.creditIds[(i += 1) % sample.creditIds.length]}/trace`,
  };
  for (const probe of [paths.personYear(), paths.trace()]) {
    const response = await fetch(`${url}${probe}`, { headers: committee });
    if (response.status !== 200)
      throw new Error(`GET ${probe}: ${response.status} ${await response.text()}`);
  }
  // Enough distinct paths for a run (the sample cycles), requested from a process of its own.
  const pathsOf = (name: keyof typeof paths) =>
    Array.from({ length: Math.max(sample.personIds.length, sample.creditIds.length) }, () =>
      paths[name](),
    );
  for (let run = 0; run < runs; run += 1) {
    for (const name of ['personYear', 'trace'] as const) {
      const result = await readLoadInChild({
        url,
        headers: committee,
        paths: pathsOf(name),
        connections: 8,
        durationSeconds: steadySeconds,
        ratePerSecond: steadyRatePerSecond,
      });
      figures[name].p50.push(result.p50);
      figures[name].p99.push(result.p99);
      figures[name].non2xx += result.non2xx;
      log(
        `  ${name} run ${run + 1}: p50 ${result.p50} ms, p99 ${result.p99} ms, non-2xx ${result.non2xx}, load ${os.loadavg()[0].toFixed(1)}`,
      );
    }
  }
  return figures;
}

export interface TraceWorkFigures {
  projection: { p50: number; p99: number; answered: number };
  streams: { p50: number; p99: number };
  calls: number;
}

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return (
    Math.round(sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] * 10) / 10
  );
};

/**
 * What one trace costs inside the service, one call at a time (no HTTP, no queueing behind other
 * requests): the provenance projection's answer against the three streams read whole, for the
 * same credits, alternating. On a saturated machine the HTTP figures measure the queue; this
 * measures the work.
 */
export async function measureTraceWork(
  database: Database,
  store: PostgresEventStore,
  creditIds: readonly string[],
  rounds = 3,
): Promise<TraceWorkFigures> {
  const fromProjection: number[] = [];
  const fromStreams: number[] = [];
  let answered = 0;
  for (let round = 0; round < rounds; round += 1) {
    for (const creditId of creditIds) {
      const personId = splitCompositeId(creditId)?.parent as string;
      let started = performance.now();
      const answer = await creditTraceFromProvenance(
        database.sql,
        store,
        personId,
        creditId,
        undefined,
      );
      fromProjection.push(performance.now() - started);
      if (answer?.found) answered += 1;
      started = performance.now();
      const own = await personEventsAbout(store, personId, new Set([creditId]), undefined);
      const grant = own.find((e) => e.type === 'CreditGranted') as RecordedEvent;
      const evidence = await sessionEvidence(
        store,
        (grant.data as CreditGrantData).sessionId as string,
        personId,
      );
      inLogOrder([...(evidence?.activity ?? []), ...(evidence?.session ?? []), ...own]);
      fromStreams.push(performance.now() - started);
    }
  }
  return {
    projection: {
      p50: percentile(fromProjection, 50),
      p99: percentile(fromProjection, 99),
      answered,
    },
    streams: { p50: percentile(fromStreams, 50), p99: percentile(fromStreams, 99) },
    calls: fromProjection.length,
  };
}

/**
 * Waits (up to `timeoutMs`) until every projection — and every reactor, which a service started on
 * a generated log runs from its start — has followed the log up to its head now, so that no
 * consumer's catch-up runs beside what is measured next.
 */
export async function projectionsCaughtUp(
  database: Database,
  store: PostgresEventStore,
  timeoutMs = 120_000,
  log?: (line: string) => void,
): Promise<void> {
  const head = await store.headPosition();
  if (!head) return;
  const consumers = [...projections, ...reactors];
  const deadline = Date.now() + timeoutMs;
  let lastSaid = Date.now();
  for (;;) {
    const rows = await database.sql<{ name: string; commit: string; prepare: string }[]>`
      SELECT name, commit_position::text AS commit, prepare_position::text AS prepare
        FROM projection_checkpoints WHERE name = ANY(${consumers.map((c) => c.name)}::text[])`;
    const behind = consumers.filter((c) => {
      const row = rows.find((r) => r.name === c.name);
      return (
        !row ||
        compareLogPositions({ commit: BigInt(row.commit), prepare: BigInt(row.prepare) }, head) < 0
      );
    });
    if (behind.length === 0) return;
    if (Date.now() > deadline)
      throw new Error(`consumers still behind: ${behind.map((c) => c.name).join(', ')}`);
    if (log && Date.now() - lastSaid >= 30_000) {
      lastSaid = Date.now();
      log(`  waiting for ${behind.map((c) => c.name).join(', ')} to reach the log's head…`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** CPU seconds (user + system) of every PostgreSQL server process now (Linux /proc; 0 elsewhere). */
function postgresCpuSeconds(): number {
  let ticks = 0;
  let pids: string[] = [];
  try {
    pids = readdirSync('/proc').filter((d) => /^\d+$/.test(d));
  } catch {
    return 0;
  }
  for (const pid of pids) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const close = stat.lastIndexOf(')');
      if (!stat.slice(stat.indexOf('(') + 1, close).startsWith('postgres')) continue;
      const fields = stat.slice(close + 2).split(' ');
      ticks += Number(fields[11]) + Number(fields[12]); // utime, stime (fields 14 and 15)
    } catch {
      // gone meanwhile
    }
  }
  return ticks / 100; // USER_HZ
}

export interface ScanFigures {
  scansPerSecond: number;
  p50: number;
  p99: number;
  non2xx: number;
  /** CPU of this process (the service) and of PostgreSQL per scan, in milliseconds. */
  serviceCpuMsPerScan: number;
  postgresCpuMsPerScan: number;
  loadavg: number;
}

/**
 * Scans from `connections` clients in a load process of their own (bench/scan-load.ts) against a
 * running service in this process, with the CPU this process and PostgreSQL spent per scan.
 * `counterStart` picks up where a previous run stopped, so that the scans are new facts.
 */
export async function measureScans(
  database: Database,
  url: string,
  tokens: TokenVerifier,
  connections: number,
  durationSeconds: number,
  counterStart: number,
): Promise<ScanFigures> {
  const { sql } = database;
  const sessions = await sql<
    { session_id: string; starts_at: string; jurisdiction: string; organizer_id: string }[]
  >`
    SELECT e.data->>'sessionId' AS session_id, e.data->>'startsAt' AS starts_at, a.data->>'jurisdiction' AS jurisdiction,
           a.data->>'organizerId' AS organizer_id
      FROM events e JOIN events a ON a.stream_id = e.stream_id AND a.event_type = 'ActivityRegistered'
     WHERE e.event_type = 'SessionScheduled' ORDER BY e.global_position LIMIT 400`;
  const people = await sql<{ person_id: string; jurisdiction: string }[]>`
    SELECT data->>'personId' AS person_id, data->>'jurisdiction' AS jurisdiction FROM events
     WHERE event_type = 'PersonRegistered' ORDER BY global_position LIMIT 5000`;
  const headersByOrganizer: Record<string, Record<string, string>> = {};
  for (const { organizer_id: org, jurisdiction } of sessions)
    headersByOrganizer[org] ??= {
      'content-type': 'application/json',
      authorization: `Bearer ${await tokens.mint({ sub: `bench-device-${org}`, roles: ['organizer'], jurisdictions: [jurisdiction], org })}`,
    };
  const peopleByJurisdiction: Record<string, string[]> = {};
  for (const p of people) (peopleByJurisdiction[p.jurisdiction] ??= []).push(p.person_id);
  const cpuBefore = process.cpuUsage();
  const pgBefore = postgresCpuSeconds();
  const result = await scanLoadInChild({
    url,
    connections,
    durationSeconds,
    counterStart,
    sessions: sessions.map((s) => ({
      sessionId: s.session_id,
      startsAt: s.starts_at,
      jurisdiction: s.jurisdiction,
      organizerId: s.organizer_id,
    })),
    peopleByJurisdiction,
    headersByOrganizer,
  });
  const cpu = process.cpuUsage(cpuBefore);
  const pgSeconds = postgresCpuSeconds() - pgBefore;
  const scans = Math.max(1, result.requests);
  return {
    scansPerSecond: result.requestsPerSecond,
    p50: result.p50,
    p99: result.p99,
    non2xx: result.non2xx,
    serviceCpuMsPerScan: round2((cpu.user + cpu.system) / 1000 / scans),
    postgresCpuMsPerScan: round2((pgSeconds * 1000) / scans),
    loadavg: round2(os.loadavg()[0]),
  };
}

export function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/** A committee token for both jurisdictions of the generated data. */
export async function committeeHeaders(tokens: TokenVerifier): Promise<Record<string, string>> {
  const claims: TokenClaims = {
    sub: 'bench-committee',
    roles: ['committee'],
    jurisdictions: ['CN'],
  };
  return {
    'content-type': 'application/json',
    authorization: `Bearer ${await tokens.mint(claims)}`,
  };
}

/** Clock ticks per second of /proc/<pid>/stat's CPU times (USER_HZ, 100 on Linux). */
const procTicksPerSecond = 100;

/** Own and reaped children's CPU ticks of one process, and its parent, from /proc/<pid>/stat. */
function procCpu(pid: number): { ppid: number; own: number; reaped: number } {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // After "pid (comm) ": state ppid … utime(11) stime(12) cutime(13) cstime(14).
  const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return {
    ppid: Number(f[1]),
    own: Number(f[11]) + Number(f[12]),
    reaped: Number(f[13]) + Number(f[14]),
  };
}

/** CPU seconds of the whole cluster so far: the postmaster, its live children and those gone. */
function clusterCpuSeconds(postmaster: number): number {
  const pm = procCpu(postmaster);
  let ticks = pm.own + pm.reaped;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const p = procCpu(Number(entry));
      if (p.ppid === postmaster) ticks += p.own;
    } catch {
      // exited meanwhile
    }
  }
  return ticks / procTicksPerSecond;
}

/**
 * CPU time per process (the embedded cluster vs this Node process) of a raw read, a rebuild of
 * every projection and one of person-years alone, `runs` times, and the person-years documents'
 * size: the figures of "Read side" in BENCHMARKS.md.
 */
async function measureRebuildCpu(
  database: Database,
  store: PostgresEventStore,
  dataDir: string,
  runs: number,
  log: (line: string) => void,
): Promise<void> {
  const pidFile = path.join(dataDir, 'pg', 'postmaster.pid');
  if (!existsSync(pidFile)) throw new Error('rebuild-cpu needs the embedded PostgreSQL');
  const postmaster = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  const settle = () => new Promise((resolve) => setTimeout(resolve, 300));
  const measured = async (label: string, work: () => Promise<string>) => {
    await settle();
    const pg = clusterCpuSeconds(postmaster);
    const node = process.cpuUsage();
    const started = performance.now();
    const note = await work();
    const ms = performance.now() - started;
    await settle();
    const used = process.cpuUsage(node);
    log(
      `${label}: wall ${(ms / 1000).toFixed(2)} s, PostgreSQL CPU ${(clusterCpuSeconds(postmaster) - pg).toFixed(2)} s, Node CPU ${((used.user + used.system) / 1e6).toFixed(2)} s, load ${os.loadavg()[0].toFixed(1)}; ${note}`,
    );
  };
  const personYears = projections.filter((p) => p.name === 'person-years');
  for (let i = 0; i < runs; i += 1) {
    let raw = 0;
    await measured('raw read+parse', async () => {
      const r = await rawReadParse(database);
      raw = perSecond(r.events, r.ms);
      return `${raw} events/s`;
    });
    await measured('rebuild all', async () => {
      const { ms, result } = await timed(() => rebuildProjections(database, store, projections));
      const rate = perSecond(result.eventsRead, ms);
      return `${rate} events/s, ratio ${round2(rate / raw)}`;
    });
    await measured('rebuild person-years', async () => {
      const { eventsRead } = await rebuildProjections(database, store, personYears);
      return `${eventsRead} events`;
    });
  }
  const [size] = await database.sql<{ docs: number; stored: number; text: number }[]>`
    SELECT count(*)::int AS docs, avg(pg_column_size(doc))::int AS stored,
           avg(length(doc::text))::int AS text FROM proj_person_years`;
  const [table] = await database.sql<{ bytes: string }[]>`
    SELECT pg_total_relation_size('proj_person_years')::text AS bytes`;
  log(
    `person-years documents: ${size.docs}, avg ${size.text} B of JSON text, ${size.stored} B stored; table with indexes ${table.bytes} B`,
  );
}

async function main(): Promise<void> {
  const options = new Command('read-side')
    .requiredOption('--data-dir <dir>', 'embedded PostgreSQL data directory, kept between runs')
    .option('--size <size>', 'small, medium or large', 'small')
    .option('--runs <n>', 'measurements per figure', String(readSideRunsDefault))
    .option(
      '--only <what>',
      'generate, rebuild, reads, reads-kept (no rebuild first), rebuild-once (for a profile), rebuild-cpu (CPU per process) or scans (16 clients, service and PostgreSQL CPU per scan)',
    )
    .parse(process.argv)
    .opts<{ dataDir: string; size: SizeName; runs: string; only?: string }>();
  if (!(options.size in sizes))
    throw new Error(`--size must be one of ${Object.keys(sizes).join(', ')}`);
  const log = (line: string) => process.stderr.write(`${line}\n`);
  const dataDir = path.resolve(options.dataDir);
  mkdirSync(dataDir, { recursive: true });
  chmodSync(dataDir, 0o755);
  const config: AppConfig = {
    ...loadConfig(),
    databaseUrl: undefined,
    dataDir,
    embeddedPgPort: await freePort(),
    logLevel: 'silent',
    piiKey: Buffer.alloc(32, 7).toString('base64'),
    databasePoolMax: 20,
    rateLimitPerMinute: 10_000_000,
    scanRateLimitPerMinute: 10_000_000,
  };
  const database = await Database.open(config, { log, debug: () => undefined });
  const store = new PostgresEventStore(database.sql);
  const summaryFile = path.join(dataDir, `generated-${options.size}.json`);
  try {
    let summary: GeneratedSummary;
    if (existsSync(summaryFile)) summary = JSON.parse(readFileSync(summaryFile, 'utf8'));
    else {
      log(`generating ${options.size}…`);
      summary = await generate(
        store,
        options.size,
        undefined,
        undefined,
        new PiiVault(Buffer.from(config.piiKey as string, 'base64')),
      );
      writeFileSync(summaryFile, JSON.stringify(summary));
    }
    log(
      `${summary.events} events; load ${os
        .loadavg()
        .map((x) => x.toFixed(1))
        .join(' ')}`,
    );
    const runs = Number(options.runs);
    const report: Record<string, unknown> = { size: options.size, loadavg: os.loadavg() };
    if (options.only === 'generate') return;
    if (options.only === 'rebuild-cpu')
      return await measureRebuildCpu(database, store, dataDir, runs, log);
    if (options.only === 'rebuild-once') {
      const { ms, result } = await timed(() => rebuildProjections(database, store, projections));
      log(
        `rebuild: ${perSecond(result.eventsRead, ms)} events/s (${result.eventsRead} in ${Math.round(ms)} ms)`,
      );
      return;
    }
    if (options.only === 'scans') {
      // Each run goes on from where the last stopped (kept in the data directory): new facts.
      const counterFile = path.join(dataDir, 'scan-counter');
      const counterStart = existsSync(counterFile) ? Number(readFileSync(counterFile, 'utf8')) : 0;
      const app = await createApp({ ...config, databaseUrl: database.url });
      const port = await freePort();
      await app.listen(port, '127.0.0.1');
      try {
        await projectionsCaughtUp(database, store);
        const scans: ScanFigures[] = [];
        let counter = counterStart;
        for (let run = 0; run < runs; run += 1) {
          const figures = await measureScans(
            database,
            `http://127.0.0.1:${port}`,
            app.get<TokenVerifier>(TOKEN_VERIFIER),
            16,
            10,
            counter,
          );
          counter += figures.scansPerSecond * 10 + 1_000;
          writeFileSync(counterFile, String(counter));
          log(`  scans run ${run + 1}: ${JSON.stringify(figures)}`);
          scans.push(figures);
        }
        report.scans = scans;
      } finally {
        await app.close();
      }
      process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
      return;
    }
    if (!options.only || options.only === 'rebuild')
      report.rebuild = await measureRebuild(database, store, runs, log);
    // `reads-kept`: the reads on projections a previous run left caught up (no rebuild first).
    if (!options.only || options.only === 'reads' || options.only === 'reads-kept') {
      // The projections must be caught up before the service starts (the rebuild does that).
      if (options.only === 'reads') {
        const raw = await rawReadParse(database);
        const { ms, result } = await timed(() => rebuildProjections(database, store, projections));
        const rate = perSecond(result.eventsRead, ms);
        const rawRate = perSecond(raw.events, raw.ms);
        report.rebuildOnce = { raw: rawRate, rebuild: rate, ratio: round2(rate / rawRate) };
        log(
          `  one rebuild: ${JSON.stringify(report.rebuildOnce)}, load ${os.loadavg()[0].toFixed(1)}`,
        );
      }
      report.traceWork = await measureTraceWork(database, store, summary.sample.creditIds);
      log(`  trace work: ${JSON.stringify(report.traceWork)}`);
      const app = await createApp({ ...config, databaseUrl: database.url });
      const port = await freePort();
      await app.listen(port, '127.0.0.1');
      try {
        await projectionsCaughtUp(database, store);
        const headers = await committeeHeaders(app.get<TokenVerifier>(TOKEN_VERIFIER));
        report.reads = await measureSteadyReads(
          `http://127.0.0.1:${port}`,
          headers,
          summary.sample,
          2024,
          runs,
          log,
        );
      } finally {
        await app.close();
      }
    }
    process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  } finally {
    await database.close(5_000);
  }
}

if (require.main === module)
  main().catch((error: unknown) => {
    process.stderr.write(`read-side: ${(error as Error)?.stack ?? String(error)}\n`);
    process.exit(1);
  });
