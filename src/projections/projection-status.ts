import { Controller, Get, Inject, Injectable } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { projections } from '../../projections';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { Database, DATABASE } from '../database/database';
import { EVENT_STORE, type EventStore } from '../event-store/event-store.port';
import { ProjectionRunner } from './projection-runner';

/** Beyond this many unprocessed events the lag is reported as "at least". */
export const lagCountMax = 100_000;
/** The same bound when counting through the port (EventStoreDB): reads cost more there. */
export const lagCountViaPortMax = 1_000;

export interface ProjectionLag {
  name: string;
  version: number;
  storedVersion: number | null;
  needsRebuild: boolean;
  checkpoint: string | null;
  eventsProcessed: number;
  eventsBehind: number;
  secondsBehind: number;
  error: string | null;
}

@Injectable()
export class ProjectionStatus {
  constructor(
    @Inject(DATABASE) private readonly database: Database,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly runner: ProjectionRunner,
  ) {}

  async lag(): Promise<ProjectionLag[]> {
    const lags = await this.lagFromPostgres();
    if (!this.config.eventStoreConnectionString) return lags;
    // The log is on EventStoreDB: count what lies after each checkpoint through the port instead.
    return Promise.all(
      lags.map(async (lag) => {
        const [commit, prepare] = (lag.checkpoint ?? '0:0').split(':').map((n) => BigInt(n));
        const after = commit === 0n && prepare === 0n ? undefined : { commit, prepare };
        const behind = await this.store.readAll({ after, limit: lagCountViaPortMax });
        return {
          ...lag,
          eventsBehind: behind.length,
          secondsBehind: behind[0]
            ? Math.max(0, (Date.now() - behind[0].recordedAt.getTime()) / 1000)
            : 0,
        };
      }),
    );
  }

  private async lagFromPostgres(): Promise<ProjectionLag[]> {
    const rows = await this.database.sql<
      {
        name: string;
        version: number;
        checkpoint: string;
        processed: string;
        behind: number;
        oldest: Date | null;
      }[]
    >`
      SELECT c.name, c.version, c.commit_position::text || ':' || c.prepare_position AS checkpoint,
             c.events_processed::text AS processed,
             (SELECT count(*)::int FROM (
                SELECT 1 FROM events e
                 WHERE (e.transaction_id, e.global_position) > (c.commit_position, c.prepare_position)
                 LIMIT ${lagCountMax}) AS x) AS behind,
             (SELECT e.recorded_at FROM events e
               WHERE (e.transaction_id, e.global_position) > (c.commit_position, c.prepare_position)
               ORDER BY e.transaction_id, e.global_position LIMIT 1) AS oldest
        FROM projection_checkpoints c`;
    const byName = new Map(rows.map((r) => [r.name, r]));
    return projections.map((p) => {
      const row = byName.get(p.name);
      return {
        name: p.name,
        version: p.version,
        storedVersion: row?.version ?? null,
        needsRebuild: row !== undefined && row.version !== p.version,
        checkpoint: row?.checkpoint ?? null,
        eventsProcessed: Number(row?.processed ?? 0),
        eventsBehind: row?.behind ?? 0,
        secondsBehind: row?.oldest ? Math.max(0, (Date.now() - row.oldest.getTime()) / 1000) : 0,
        error: this.runner.failures.get(p.name) ?? null,
      };
    });
  }
}

@ApiTags('service')
@Controller('projections')
export class ProjectionStatusController {
  constructor(private readonly status: ProjectionStatus) {}

  @Get()
  @ApiOperation({
    summary: 'Each projection: checkpoint, events processed, lag in events and seconds',
  })
  lag() {
    return this.status.lag();
  }
}
