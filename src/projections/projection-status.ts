import { Controller, Get, Inject, Injectable } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrorResponses } from '../shared/http/api-error-responses';
import { ProjectionsResponse } from './projection-status.response.dto';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { Database, DATABASE } from '../database/database';
import {
  encodeLogPosition,
  EVENT_STORE,
  type EventStore,
  type LogHorizon,
  type LogPosition,
  type RecordedEvent,
} from '../event-store/event-store.port';
import { CheckpointedConsumers } from './checkpointed-consumers';

/**
 * Beyond this many unprocessed events the lag is reported as "at least": they are read through
 * the port (whole events), once per distinct checkpoint, on every /health and /projections.
 */
export const lagCountMax = 1_000;

export interface ProjectionLag {
  name: string;
  /** A projection (read model) or a reactor (consequences still to be appended: grants…). */
  kind: 'projection' | 'reactor';
  version: number;
  storedVersion: number | null;
  needsRebuild: boolean;
  checkpoint: string | null;
  eventsProcessed: number;
  /** Events after the checkpoint: those it can read, and those held back behind the horizon. */
  eventsBehind: number;
  /** Since the first of those was recorded. */
  secondsBehind: number;
  error: string | null;
}

/**
 * `ok`; `degraded`: a consumer lags more than PROJECTION_LAG_DEGRADED_SECONDS (still serving,
 * with older answers); `unavailable`: a consumer stopped.
 */
export type ProjectionsStatus = 'ok' | 'degraded' | 'unavailable';

export interface ProjectionsReport {
  status: ProjectionsStatus;
  lagDegradedSeconds: number;
  /** What holds readers back (PostgreSQL); null where nothing can (EventStoreDB). */
  horizon: LogHorizon | null;
  projections: ProjectionLag[];
}

@Injectable()
export class ProjectionStatus {
  constructor(
    @Inject(DATABASE) private readonly database: Database,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly consumers: CheckpointedConsumers,
  ) {}

  async report(): Promise<ProjectionsReport> {
    const horizon = this.store.horizon ? await this.store.horizon() : null;
    const lags = await this.lag(horizon);
    const lagDegradedSeconds = this.config.projectionLagDegradedSeconds;
    return {
      status: lags.some((p) => p.error)
        ? 'unavailable'
        : lags.some((p) => p.secondsBehind > lagDegradedSeconds)
          ? 'degraded'
          : 'ok',
      lagDegradedSeconds,
      horizon,
      projections: lags,
    };
  }

  /** Each consumer's lag, counted through the port; `horizon` adds what readers cannot see yet. */
  async lag(horizon: LogHorizon | null = null): Promise<ProjectionLag[]> {
    const rows = await this.database.sql<
      { name: string; version: number; commit: string; prepare: string; processed: string }[]
    >`
      SELECT name, version, commit_position::text AS commit, prepare_position::text AS prepare,
             events_processed::text AS processed
        FROM projection_checkpoints`;
    const byName = new Map(rows.map((r) => [r.name, r]));
    // Consumers at the same checkpoint (the usual case once caught up) share one read.
    const reads = new Map<string, Promise<RecordedEvent[]>>();
    const unprocessed = (after: LogPosition | undefined) => {
      const key = after ? encodeLogPosition(after) : '';
      let read = reads.get(key);
      if (!read) {
        read = this.store.readAll({ after, limit: lagCountMax });
        reads.set(key, read);
      }
      return read;
    };
    const heldBack = horizon?.eventsHeldBack ?? 0;
    const heldBackSince = horizon?.oldestHeldBackRecordedAt ?? null;
    return Promise.all(
      this.consumers.list().map(async ({ name, version, kind }): Promise<ProjectionLag> => {
        const row = byName.get(name);
        const checkpoint = row
          ? { commit: BigInt(row.commit), prepare: BigInt(row.prepare) }
          : undefined;
        const started = checkpoint && (checkpoint.commit !== 0n || checkpoint.prepare !== 0n);
        const visible = await unprocessed(started ? checkpoint : undefined);
        // Held-back events lie after every checkpoint: checkpoints only pass what readers saw.
        const since = [visible[0]?.recordedAt, heldBackSince]
          .filter((d): d is Date => d instanceof Date)
          .reduce<Date | null>((a, b) => (a === null || b < a ? b : a), null);
        return {
          name,
          kind,
          version,
          storedVersion: row?.version ?? null,
          needsRebuild: row !== undefined && row.version !== version,
          checkpoint: checkpoint ? encodeLogPosition(checkpoint) : null,
          eventsProcessed: Number(row?.processed ?? 0),
          eventsBehind: visible.length + heldBack,
          secondsBehind: since ? Math.max(0, (Date.now() - since.getTime()) / 1000) : 0,
          error: this.consumers.failureOf(name),
        };
      }),
    );
  }
}

@ApiTags('service')
@Controller('projections')
export class ProjectionStatusController {
  constructor(private readonly status: ProjectionStatus) {}

  @Get()
  @ApiOperation({
    summary:
      'Each projection: checkpoint, events processed, lag in events and seconds; what holds readers back; ok, degraded (lagging past PROJECTION_LAG_DEGRADED_SECONDS) or unavailable (a projection stopped). Always 200.',
  })
  @ApiOkResponse({ type: ProjectionsResponse })
  @ApiErrorResponses(429, 503)
  report() {
    return this.status.report();
  }
}
