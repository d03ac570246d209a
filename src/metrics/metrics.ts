import { Inject, Injectable } from '@nestjs/common';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { Database, DATABASE } from '../database/database';
import { EVENT_STORE, type EventStore } from '../event-store/event-store.port';
import { ProjectionStatus } from '../projections/projection-status';

/**
 * The service's Prometheus metrics, one registry per application. Labels are route templates,
 * methods, status codes, event types and consumer names — never ids, tokens or personal data.
 */
@Injectable()
export class Metrics {
  readonly registry = new Registry();

  readonly httpDuration = new Histogram({
    name: 'cme_http_request_duration_seconds',
    help: 'HTTP request duration by method, route template and status code',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });

  readonly httpErrors = new Counter({
    name: 'cme_http_errors_total',
    help: 'HTTP answers with status 400 or more, by method, route template and status code',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [this.registry],
  });

  readonly rateLimitRefusals = new Counter({
    name: 'cme_rate_limit_refusals_total',
    help: 'Requests refused by the rate limits (HTTP 429), by route template',
    labelNames: ['route'] as const,
    registers: [this.registry],
  });

  readonly appends = new Counter({
    name: 'cme_event_store_appends_total',
    help: 'Appends to the event store by event type (the first of the append) and outcome: appended, idempotent (every event id already there: nothing written), conflict (wrong expected version or event id reused) or error',
    labelNames: ['type', 'outcome'] as const,
    registers: [this.registry],
  });

  readonly eventsAppended = new Counter({
    name: 'cme_event_store_events_appended_total',
    help: 'Events written to the event store, by event type',
    labelNames: ['type'] as const,
    registers: [this.registry],
  });

  readonly appendDuration = new Histogram({
    name: 'cme_event_store_append_duration_seconds',
    help: 'Duration of an append, by event type (the first of the append)',
    labelNames: ['type'] as const,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [this.registry],
  });

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    @Inject(DATABASE) database: Database,
    @Inject(EVENT_STORE) store: EventStore,
    status: ProjectionStatus,
  ) {
    collectDefaultMetrics({ register: this.registry });
    // Projections and reactors: read at scrape time, as GET /projections reads them.
    let lagRead: Promise<Awaited<ReturnType<ProjectionStatus['lag']>>> | null = null;
    const lags = () =>
      (lagRead ??= (async () => {
        try {
          const horizon = store.horizon ? await store.horizon() : null;
          return await status.lag(horizon);
        } finally {
          setImmediate(() => (lagRead = null)); // one read per scrape, shared by the gauges
        }
      })());
    const lagGauge = (name: string, help: string, value: (l: LagOf) => number) =>
      new Gauge({
        name,
        help,
        labelNames: ['consumer', 'kind'] as const,
        registers: [this.registry],
        async collect() {
          this.reset();
          for (const lag of await lags())
            this.set({ consumer: lag.name, kind: lag.kind }, value(lag));
        },
      });
    lagGauge(
      'cme_consumer_lag_events',
      'Events a projection or reactor has still to process (counted up to 1000, held-back events included)',
      (l) => l.eventsBehind,
    );
    lagGauge(
      'cme_consumer_lag_seconds',
      'Seconds since the first event a projection or reactor has still to process was recorded',
      (l) => l.secondsBehind,
    );
    lagGauge(
      'cme_consumer_up',
      '1 when the projection or reactor runs, 0 when it stopped with an error',
      (l) => (l.error ? 0 : 1),
    );
    new Gauge({
      name: 'cme_db_pool_max',
      help: 'Connections the pool may open (DATABASE_POOL_MAX)',
      registers: [this.registry],
      collect() {
        this.set(config.databasePoolMax);
      },
    });
    new Gauge({
      name: 'cme_db_connections',
      help: "The ledger's connections to PostgreSQL by state (in-use: running a query or in a transaction; idle), as the server sees them (application_name cme-ledger; every ledger process on this database)",
      labelNames: ['state'] as const,
      registers: [this.registry],
      async collect() {
        const rows = await database.sql<{ state: string; n: number }[]>`
          SELECT CASE WHEN state = 'idle' THEN 'idle' ELSE 'in-use' END AS state, count(*)::int AS n
            FROM pg_stat_activity
           WHERE application_name = 'cme-ledger' AND datname = current_database()
           GROUP BY 1`;
        this.reset();
        this.set({ state: 'in-use' }, 0);
        this.set({ state: 'idle' }, 0);
        for (const row of rows) this.set({ state: row.state }, row.n);
      },
    });
    new Gauge({
      name: 'cme_db_connections_waiting',
      help: "The ledger's connections waiting on a lock in PostgreSQL (postgres.js does not expose its own queue of queries waiting for a connection)",
      registers: [this.registry],
      async collect() {
        const [row] = await database.sql<{ n: number }[]>`
          SELECT count(*)::int AS n FROM pg_stat_activity
           WHERE application_name = 'cme-ledger' AND datname = current_database()
             AND wait_event_type = 'Lock'`;
        this.set(row?.n ?? 0);
      },
    });
  }

  /** Prometheus text exposition of every metric. */
  text(): Promise<string> {
    return this.registry.metrics();
  }
}

type LagOf = Awaited<ReturnType<ProjectionStatus['lag']>>[number];
