import { Controller, Get, HttpStatus, Inject, Res } from '@nestjs/common';
import { ApiOkResponse, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Database, DATABASE } from '../database/database';
import { migrationStatus } from '../database/migrator';
import { EVENT_STORE, type EventStore, encodeLogPosition } from '../event-store/event-store.port';
import { type ProjectionLag, ProjectionStatus } from '../projections/projection-status';

export interface HealthReport {
  status: 'ok' | 'unavailable';
  database: { reachable: boolean; embedded: boolean; error?: string };
  migrations: { applied: number; pending: string[] } | null;
  log: { headPosition: string | null } | null;
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
  @ApiOkResponse({ description: 'The database is reachable and every migration is applied.' })
  @ApiServiceUnavailableResponse({
    description: 'Something the ledger needs is missing; the body says what.',
  })
  async health(@Res({ passthrough: true }) response: Response): Promise<HealthReport> {
    const report: HealthReport = {
      status: 'ok',
      database: { reachable: true, embedded: this.database.isEmbedded },
      migrations: null,
      log: null,
      projections: [],
    };
    try {
      const status = await migrationStatus(this.database.sql, this.database.migrationsDir);
      report.migrations = { applied: status.applied.length, pending: status.pending };
      const head = await this.store.headPosition();
      report.log = { headPosition: head ? encodeLogPosition(head) : null };
      report.projections = await this.projections.lag();
      if (status.pending.length > 0 || report.projections.some((p) => p.error))
        report.status = 'unavailable';
    } catch (error) {
      report.status = 'unavailable';
      report.database = { ...report.database, reachable: false, error: (error as Error).message };
    }
    if (report.status !== 'ok') response.status(HttpStatus.SERVICE_UNAVAILABLE);
    return report;
  }
}
