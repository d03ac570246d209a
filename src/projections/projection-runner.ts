import {
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnApplicationShutdown,
} from '@nestjs/common';
import { setTimeout as sleep } from 'node:timers/promises';
import { projections } from '../../projections';
import type { Projection } from '../../projections/projection';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { Database, DATABASE } from '../database/database';
import {
  compareLogPositions,
  EVENT_STORE,
  type EventStore,
  type LogPosition,
  type ProjectionLogEvent,
} from '../event-store/event-store.port';
import { afterPosition, applyBatch, lockKeyOf } from './projection-batch';
import { followLog, LiveFeed } from './live-feed';
import { ensureCheckpoint, moveCheckpoint, readCheckpoint, storedVersion } from './checkpoints';
import { rebuildProjection, RebuildRunning } from './rebuild';
import { loggedRecovery, type RecoveryProgress, runRecovering } from './recovering-loop';
import { CheckpointedConsumers } from './checkpointed-consumers';

/**
 * Feeds every projection from the log (through the process's shared feed: each new page read
 * once for all of them, see live-feed.ts): each batch's documents and the checkpoint move in one
 * transaction (compare-and-set on the checkpoint, one instance per projection via an advisory
 * lock), so a crash at any point loses nothing and counts nothing twice.
 */
@Injectable()
export class ProjectionRunner implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Projections');
  private readonly controller = new AbortController();
  private readonly loops: Promise<void>[] = [];

  constructor(
    @Inject(DATABASE) private readonly database: Database,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly consumers: CheckpointedConsumers,
    private readonly feed: LiveFeed,
  ) {
    for (const { name, version } of projections)
      consumers.register({ name, version, kind: 'projection' });
  }

  onApplicationBootstrap(): void {
    const report = loggedRecovery(this.consumers, this.logger);
    for (const projection of projections)
      this.loops.push(
        runRecovering(projection.name, this.controller.signal, report, (progress) =>
          this.run(projection, progress),
        ),
      );
  }

  async onApplicationShutdown(): Promise<void> {
    this.controller.abort();
    await Promise.allSettled(this.loops);
  }

  private async run(projection: Projection<unknown>, progress: RecoveryProgress): Promise<void> {
    await ensureCheckpoint(this.database.sql, projection.name, projection.version);
    await this.rebuildIfOlder(projection);
    const after = await readCheckpoint(this.database.sql, projection.name);
    progress.connected();
    const signal = this.controller.signal;
    const pageSize = this.config.projectionBatchSize;
    for await (const batch of followLog(this.feed, this.store, after, pageSize, signal)) {
      while (!(await this.applyWithCheckpoint(projection, batch))) {
        if (this.controller.signal.aborted) return;
        await sleep(this.config.subscriptionPollMs);
      }
      progress.progressed();
    }
  }

  /**
   * Documents folded by an older version of the projection (a change of logic, rules or document
   * shape) are replaced by a rebuild before the projection goes on: into a fresh table while the
   * old one keeps serving (readers accept both shapes), then swapped with the checkpoint. A newer
   * stored version (an older instance during a rolling deploy) is left alone. When another
   * instance (or an operator) is rebuilding it already, this one waits for that rebuild and goes
   * on from its result.
   */
  private async rebuildIfOlder(projection: Projection<unknown>): Promise<void> {
    for (;;) {
      const stored = await storedVersion(this.database.sql, projection.name);
      if (stored === null || stored >= projection.version) return;
      try {
        this.logger.log(
          `${projection.name}: documents of version ${stored}, code of version ${projection.version}: rebuilding`,
        );
        const { eventsRead } = await rebuildProjection(this.database, this.store, projection);
        this.logger.log(`${projection.name}: rebuilt from ${eventsRead} events`);
        return;
      } catch (error) {
        if (!(error instanceof RebuildRunning)) throw error;
        this.logger.log(`${projection.name}: another rebuild is running; waiting for it`);
        await sleep(1_000, undefined, { signal: this.controller.signal });
      }
    }
  }

  /** False when another instance (or a rebuild) holds the projection: try again shortly. */
  private applyWithCheckpoint(
    projection: Projection<unknown>,
    batch: readonly ProjectionLogEvent[],
  ): Promise<boolean> {
    return this.database.sql.begin(async (tx) => {
      const [lock] =
        await tx`SELECT pg_try_advisory_xact_lock(hashtext(${lockKeyOf(projection.name)})) AS ok`;
      if (!lock.ok) return false;
      const [checkpoint] = await tx<{ commit: string; prepare: string; version: number }[]>`
        SELECT commit_position::text AS commit, prepare_position::text AS prepare, version
          FROM projection_checkpoints WHERE name = ${projection.name} FOR UPDATE`;
      // Documents of a newer version (an instance with newer code rebuilt them during a rolling
      // deploy): this instance's fold would write its older shape over them. It stands by.
      if (Number(checkpoint.version) > projection.version) return false;
      const stored: LogPosition = {
        commit: BigInt(checkpoint.commit),
        prepare: BigInt(checkpoint.prepare),
      };
      const fresh = batch.filter((e) => compareLogPositions(e.position, stored) > 0);
      if (fresh.length === 0) return true;
      const applied = await applyBatch(tx, projection, projection.table, fresh);
      const to = afterPosition(fresh);
      if (!(await moveCheckpoint(tx, projection.name, stored, to, applied)))
        throw new Error(`checkpoint of ${projection.name} moved under us`);
      return true;
    });
  }
}
