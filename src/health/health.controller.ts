import { Controller, Get, HttpStatus, Inject, Res } from '@nestjs/common';
import { ApiOkResponse, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Database, DATABASE } from '../database/database';
import { migrationStatus } from '../database/migrator';
import { EVENT_STORE, type EventStore, encodeLogPosition } from '../event-store/event-store.port';
import { type LogHorizon } from '../event-store/event-store.port';
import { type ProjectionLag, ProjectionStatus } from '../projections/projection-status';
import { HealthResponse } from './health.response.dto';

export interface HealthReport {
  /**
   * `degraded` (HTTP 200): serving, but a projection lags past PROJECTION_LAG_DEGRADED_SECONDS,
   * so reads are older than they should be; `horizon` usually says why. Not a reason for a load
   * balancer to restart the service: a restart does not end another session's transaction.
   */
  status: 'ok' | 'degraded' | 'unavailable';
  database: { reachable: boolean; embedded: boolean; error?: string };
  migrations: { applied: number; pending: string[] } | null;
  log: { headPosition: string | null } | null;
  /** What holds readers back (PostgreSQL): the oldest transactions on the server; null on EventStoreDB. */
  horizon: LogHorizon | null;
  /** Each projection: checkpoint, lag in events and seconds, and an error if it stopped. */
  projections: ProjectionLag[];
}

@ApiTags('service')
@Controller('health')
export class HealthController {
  constructor(
    @Inject(DATABASE) private readonly database: Database,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly projections: ProjectionStatus,
  ) {}

  @Get()
  @ApiOkResponse({
    type: HealthResponse,
    description:
      'The database is reachable and every migration is applied: status ok, or degraded when a projection lags past PROJECTION_LAG_DEGRADED_SECONDS (still serving; horizon names what holds readers back).',
  })
  @ApiServiceUnavailableResponse({
    type: HealthResponse,
    description: 'Something the ledger needs is missing; the body says what.',
  })
  async health(@Res({ passthrough: true }) response: Response): Promise<HealthReport> {
    const report: HealthReport = {
      status: 'ok',
      database: { reachable: true, embedded: this.database.isEmbedded },
      migrations: null,
      log: null,
      horizon: null,
      projections: [],
    };
    try {
      const status = await migrationStatus(this.database.sql, this.database.migrationsDir);
      report.migrations = { applied: status.applied.length, pending: status.pending };
      const head = await this.store.headPosition();
      report.log = { headPosition: head ? encodeLogPosition(head) : null };
      const projections = await this.projections.report();
      report.horizon = projections.horizon;
      report.projections = projections.projections;
      if (status.pending.length > 0 || projections.status === 'unavailable')
        report.status = 'unavailable';
      else report.status = projections.status;
    } catch (error) {
      report.status = 'unavailable';
      report.database = { ...report.database, reachable: false, error: (error as Error).message };
    }
    if (report.status === 'unavailable') response.status(HttpStatus.SERVICE_UNAVAILABLE);
    return report;
  }
}
