import {
  getPostgreSQLEventStore,
  type PostgresEventStore as EmmettStore,
} from '@event-driven-io/emmett-postgresql';
import { STREAM_DOES_NOT_EXIST } from '@event-driven-io/emmett';
import { readFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
// Emmett's own client (node-postgres), only to give it a pool as large as our writers: the peer
// measured, not a client of ours.
// eslint-disable-next-line no-restricted-imports
import pg from 'pg';
import postgres, { type Sql } from 'postgres';
import { createDatabaseIfMissing } from '../src/database/embedded-database';
import type { EventStore } from '../src/event-store/event-store.port';
import { randomId } from '../src/shared/ids';

/**
 * The write side beside its peers, in one run on one server (issue 15): single appends (serial and
 * 16 writers), 500-event batch appends, each against raw postgres.js INSERTs of the same rows and
 * against Emmett's PostgreSQL store (@event-driven-io/emmett-postgresql, in a database of its own
 * on the same server). Each workload runs three times, the three systems taking turns within each
 * round so that the machine's noise falls on all of them alike; the medians are reported.
 */
export const singleAppends = 1_000;
export const concurrentWriters = 16;
export const batchAppends = 20;
export const batchEvents = 500;
export const rounds = 3;

export type WorkloadName = 'appendSerial' | 'append16' | 'appendBatch500';
export type SystemName = 'raw' | 'ours' | 'emmett';

export interface WorkloadFigures {
  unit: string;
  /** Medians of `rounds` runs. */
  median: Record<SystemName, number>;
  runs: Record<SystemName, number[]>;
}

export interface WriteSideReport {
  workloads: Record<WorkloadName, WorkloadFigures>;
  loadAverage: { before: number[]; after: number[] };
  emmettVersion: string;
}

interface BenchEvent {
  eventId: string;
  type: string;
  data: Record<string, unknown>;
  metadata: Record<string, unknown>;
}

/** ~300 bytes of data and metadata, like a scan: ids, a time, a device, a decimal. */
function benchEvent(i: number): BenchEvent {
  return {
    eventId: randomId(),
    type: 'AttendanceRecorded',
    data: {
      attendanceId: randomId(),
      personId: randomId(),
      sessionId: randomId(),
      method: 'qr',
      scannedAt: new Date(1_780_000_000_000 + i * 1000).toISOString(),
      deviceId: 'bench-device-01',
      credits: '2.5',
    },
    metadata: { actorId: 'bench-organizer', role: 'organizer', correlationId: randomId() },
  };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1];
const perSecond = (count: number, ms: number) => Math.round((count / ms) * 1000);

async function rate(count: number, work: () => Promise<void>): Promise<number> {
  const started = performance.now();
  await work();
  return perSecond(count, performance.now() - started);
}

async function inParallel(writers: number, total: number, one: (i: number) => Promise<unknown>) {
  let next = 0;
  await Promise.all(
    Array.from({ length: writers }, async () => {
      for (let i = next++; i < total; i = next++) await one(i);
    }),
  );
}

interface Writer {
  single(i: number): Promise<unknown>;
  batch(events: BenchEvent[]): Promise<unknown>;
}

function rawWriter(sql: Sql): Writer {
  return {
    single: (i) => {
      const e = benchEvent(i);
      return sql`INSERT INTO bench_raw (transaction_id, stream_id, stream_version, event_id, event_type, schema_version, data, metadata, occurred_at, recorded_at, hash)
                 VALUES (pg_current_xact_id(), ${`raw-${randomId()}`}, 1, ${e.eventId}, ${e.type}, 1,
                         ${JSON.stringify(e.data)}::text::jsonb, ${JSON.stringify(e.metadata)}::text::jsonb, now(), now(), 'x')`;
    },
    batch: (events) => {
      const stream = `raw-batch-${randomId()}`;
      return sql`INSERT INTO bench_raw (transaction_id, stream_id, stream_version, event_id, event_type, schema_version, data, metadata, occurred_at, recorded_at, hash)
                 SELECT pg_current_xact_id(), ${stream}, t.v, t.id, t.ty, 1, t.d::jsonb, t.m::jsonb, now(), now(), 'x'
                   FROM unnest(${events.map((_, i) => i + 1)}::bigint[], ${events.map((e) => e.eventId)}::uuid[],
                               ${events.map((e) => e.type)}::text[], ${events.map((e) => JSON.stringify(e.data))}::text[],
                               ${events.map((e) => JSON.stringify(e.metadata))}::text[]) AS t(v, id, ty, d, m)`;
    },
  };
}

function ourWriter(store: EventStore): Writer {
  const toNew = (e: BenchEvent) => ({ ...e, occurredAt: new Date() });
  return {
    single: (i) => store.append(`bench-single-${randomId()}`, [toNew(benchEvent(i))], 'no-stream'),
    batch: (events) => store.append(`bench-batch-${randomId()}`, events.map(toNew), 'no-stream'),
  };
}

function emmettWriter(store: EmmettStore): Writer {
  const toEmmett = (e: BenchEvent) => ({ type: e.type, data: e.data, metadata: e.metadata });
  return {
    single: (i) =>
      store.appendToStream(`bench-${randomId()}`, [toEmmett(benchEvent(i))], {
        expectedStreamVersion: STREAM_DOES_NOT_EXIST,
      }),
    batch: (events) =>
      store.appendToStream(`benchbatch-${randomId()}`, events.map(toEmmett), {
        expectedStreamVersion: STREAM_DOES_NOT_EXIST,
      }),
  };
}

/**
 * Measures the write side. `sql` is the ledger's database (the raw table is made there, shaped
 * like `events` with its indexes, and dropped after); Emmett gets a new database on the same
 * server, dropped after, so it can touch nothing of ours.
 */
export async function measureWriteSide(options: {
  sql: Sql;
  databaseUrl: string;
  store: EventStore;
  log: (line: string) => void;
}): Promise<WriteSideReport> {
  const { sql, databaseUrl, store, log } = options;
  const loadBefore = os.loadavg().map((l) => Math.round(l * 10) / 10);
  await sql`DROP TABLE IF EXISTS bench_raw`;
  await sql`CREATE TABLE bench_raw (LIKE events INCLUDING DEFAULTS INCLUDING IDENTITY INCLUDING INDEXES)`;

  const emmettDatabase = `cme_bench_emmett_${Date.now()}`;
  await createDatabaseIfMissing(databaseUrl, emmettDatabase);
  const emmettUrl = new URL(databaseUrl);
  emmettUrl.pathname = `/${emmettDatabase}`;
  const pool = new pg.Pool({ connectionString: emmettUrl.toString(), max: concurrentWriters });
  const emmett = getPostgreSQLEventStore(emmettUrl.toString(), {
    connectionOptions: { pool },
    schema: { autoMigration: 'CreateOrUpdate' },
  });
  // Schema creation and connection set-up outside the measurement.
  await emmett.appendToStream(`warmup-${randomId()}`, [
    { type: 'Warmup', data: { n: 1 }, metadata: {} },
  ]);

  const writers: Record<SystemName, Writer> = {
    raw: rawWriter(sql),
    ours: ourWriter(store),
    emmett: emmettWriter(emmett),
  };
  const systems: SystemName[] = ['raw', 'ours', 'emmett'];
  const workloads: Record<WorkloadName, { unit: string; run: (w: Writer) => Promise<number> }> = {
    appendSerial: {
      unit: 'appends/s (1 event, serial)',
      run: (w) =>
        rate(singleAppends, async () => {
          for (let i = 0; i < singleAppends; i += 1) await w.single(i);
        }),
    },
    append16: {
      unit: `appends/s (1 event, ${concurrentWriters} writers)`,
      run: (w) =>
        rate(singleAppends * 2, () => inParallel(concurrentWriters, singleAppends * 2, w.single)),
    },
    appendBatch500: {
      unit: `events/s (${batchEvents}-event appends, serial)`,
      run: async (w) => {
        const batches = Array.from({ length: batchAppends }, (_, b) =>
          Array.from({ length: batchEvents }, (_, i) => benchEvent(b * batchEvents + i)),
        );
        return rate(batchAppends * batchEvents, async () => {
          for (const events of batches) await w.batch(events);
        });
      },
    },
  };

  const result = {} as Record<WorkloadName, WorkloadFigures>;
  try {
    for (const [name, workload] of Object.entries(workloads) as [
      WorkloadName,
      (typeof workloads)[WorkloadName],
    ][]) {
      const runs: Record<SystemName, number[]> = { raw: [], ours: [], emmett: [] };
      for (let round = 0; round < rounds; round += 1) {
        // Each round in another order, so that no system always runs on a cache the last one warmed.
        const order = systems.map((_, k) => systems[(k + round) % systems.length]);
        for (const system of order) runs[system].push(await workload.run(writers[system]));
      }
      const medians = {
        raw: median(runs.raw),
        ours: median(runs.ours),
        emmett: median(runs.emmett),
      };
      log(
        `  ${name}: raw ${medians.raw}, ours ${medians.ours}, Emmett ${medians.emmett} ${workload.unit} (medians of ${rounds})`,
      );
      result[name] = { unit: workload.unit, median: medians, runs };
    }
  } finally {
    await emmett.close().catch(() => undefined);
    await pool.end().catch(() => undefined);
    await sql`DROP TABLE IF EXISTS bench_raw`;
    const admin = postgres(databaseUrl, { max: 1, onnotice: () => undefined });
    await admin
      .unsafe(`DROP DATABASE IF EXISTS "${emmettDatabase}" WITH (FORCE)`)
      .catch(() => undefined);
    await admin.end();
  }
  return {
    workloads: result,
    loadAverage: { before: loadBefore, after: os.loadavg().map((l) => Math.round(l * 10) / 10) },
    emmettVersion: emmettPackageVersion(),
  };
}

function emmettPackageVersion(): string {
  try {
    // The package's exports map hides package.json: read it beside the resolved entry point.
    const entry = require.resolve('@event-driven-io/emmett-postgresql');
    const file = path.join(entry.slice(0, entry.lastIndexOf('/dist/')), 'package.json');
    return (JSON.parse(readFileSync(file, 'utf8')) as { version: string }).version;
  } catch {
    return 'unknown';
  }
}

const ratio = (a: number, b: number) => (b > 0 ? Math.round((a / b) * 100) / 100 : 0);

/** The peer table of BENCHMARKS.md: each workload beside raw and Emmett, with the ratios. */
export function writeSideTable(report: WriteSideReport): string {
  const rows = Object.entries(report.workloads).map(([name, w]) => {
    const runs = (s: SystemName) => w.runs[s].join(', ');
    return `| ${name} (${w.unit}) | ${w.median.raw} | ${w.median.ours} | ${w.median.emmett} | **${ratio(w.median.ours, w.median.emmett)}** | ${ratio(w.median.ours, w.median.raw)} | raw ${runs('raw')}; ours ${runs('ours')}; Emmett ${runs('emmett')} |`;
  });
  return [
    `Write side beside raw postgres.js and Emmett ${report.emmettVersion} (same server, same ~300-byte events, medians of ${rounds} rounds; load average ${report.loadAverage.before.join(' / ')} before, ${report.loadAverage.after.join(' / ')} after):`,
    '',
    '| workload | raw | ours | Emmett | ours / Emmett | ours / raw | runs |',
    '|---|---|---|---|---|---|---|',
    ...rows,
    '',
  ].join('\n');
}
