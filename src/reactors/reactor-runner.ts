import {
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnApplicationShutdown,
} from '@nestjs/common';
import { setTimeout as sleep } from 'node:timers/promises';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { Database, DATABASE } from '../database/database';
import {
  compareLogPositions,
  EVENT_STORE,
  type EventStore,
  type LogPosition,
  type ProjectionLogEvent,
} from '../event-store/event-store.port';
import { DomainError } from '../shared/domain/domain-error';
import { afterPosition } from '../projections/projection-batch';
import { ensureCheckpoint, moveCheckpoint, readCheckpoint } from '../projections/checkpoints';
import { CheckpointedConsumers } from '../projections/checkpointed-consumers';
import { followLog, LiveFeed, recordedEventsOf } from '../projections/live-feed';
import {
  loggedRecovery,
  type RecoveryProgress,
  runRecovering,
} from '../projections/recovering-loop';
import { reactors } from './index';
import type { ReactionContext, Reactor } from './reactor';
import { PersonKeys } from '../persons/person-keys';
import { PII_VAULT, PiiVault } from '../shared/pii-vault';
import { isRefused, type ReactionCause, type Reactions, type ReactionWait } from './reactions';

/** Outcomes kept for requests that ask just after their reaction ran. */
export const settledOutcomesMax = 10_000;
/** How often an instance that found a reactor busy elsewhere looks again. */
export const standbyPollMs = 1_000;

/**
 * Feeds each reactor from the log, in order, from its checkpoint (through the process's shared
 * feed, which reads each new page once for every consumer; a reactor reads back in whole only the
 * events it reacts to). A batch's reactions run first,
 * then the checkpoint moves (compare-and-set): a crash in between re-runs reactions whose appends
 * carry derived ids, so nothing is done twice and nothing is left half done. One instance reacts to
 * a batch at a time (an advisory lock); the others stand by and follow its checkpoint.
 */
@Injectable()
export class ReactorRunner implements Reactions, OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Reactors');
  private readonly controller = new AbortController();
  private readonly loops: Promise<void>[] = [];
  private readonly settled = new Map<string, unknown>();
  private readonly waiters = new Map<string, ((outcome: unknown) => void)[]>();
  private readonly pii: NonNullable<ReactionContext['pii']>;

  constructor(
    @Inject(DATABASE) private readonly database: Database,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly consumers: CheckpointedConsumers,
    private readonly feed: LiveFeed,
    @Inject(PII_VAULT) vault: PiiVault,
  ) {
    const keys = new PersonKeys(database, vault);
    this.pii = {
      openFor: async (personId, sealed) => (await keys.openFor(personId, [sealed]))[0],
      lookupHash: (value) => vault.lookupHash(value),
    };
    for (const { name, version } of reactors)
      consumers.register({ name, version, kind: 'reactor' });
  }

  onApplicationBootstrap(): void {
    const report = loggedRecovery(this.consumers, this.logger);
    for (const reactor of reactors)
      this.loops.push(
        runRecovering(reactor.name, this.controller.signal, report, (progress) =>
          this.run(reactor, progress),
        ),
      );
  }

  async onApplicationShutdown(): Promise<void> {
    this.controller.abort();
    await Promise.allSettled(this.loops);
    for (const waiting of this.waiters.values()) for (const wake of waiting) wake(undefined);
  }

  async awaitReaction<Outcome>(cause: ReactionCause): Promise<ReactionWait<Outcome>> {
    let finished = false;
    const here = this.reactedHere<Outcome>(cause.eventId);
    const elsewhere = this.reactedElsewhere<Outcome>(cause, () => finished);
    const wait = await Promise.race([here, elsewhere]);
    finished = true;
    return wait;
  }

  /** This process's runner reacted to the event (with its outcome). */
  private reactedHere<Outcome>(eventId: string): Promise<ReactionWait<Outcome>> {
    if (this.settled.has(eventId))
      return Promise.resolve(waitOf<Outcome>(this.settled.get(eventId)));
    return new Promise((resolve) => {
      const wake = (outcome: unknown) => {
        clearTimeout(timer);
        resolve(this.settled.has(eventId) ? waitOf<Outcome>(outcome) : { status: 'pending' });
      };
      const timer = setTimeout(() => {
        const waiting = (this.waiters.get(eventId) ?? []).filter((w) => w !== wake);
        if (waiting.length > 0) this.waiters.set(eventId, waiting);
        else this.waiters.delete(eventId);
        resolve({ status: 'pending' });
      }, this.config.reactionWaitMs);
      this.waiters.set(eventId, [...(this.waiters.get(eventId) ?? []), wake]);
    });
  }

  /**
   * The reactor's checkpoint passed the event: another instance reacted (or this one did, and
   * `reactedHere` answers first with the outcome). Polls until the wait runs out.
   */
  private async reactedElsewhere<Outcome>(
    cause: ReactionCause,
    finished: () => boolean,
  ): Promise<ReactionWait<Outcome>> {
    const deadline = Date.now() + this.config.reactionWaitMs;
    let position: LogPosition | undefined;
    while (!finished() && Date.now() < deadline) {
      await sleep(this.config.subscriptionPollMs);
      if (finished()) break;
      try {
        if (!position) {
          const [event] = await this.store.readStream(cause.streamId, {
            fromVersion: cause.version,
            toVersion: cause.version,
          });
          if (event?.eventId === cause.eventId) position = event.position;
        }
        const checkpoint = position && (await readCheckpoint(this.database.sql, cause.reactor));
        if (position && checkpoint && compareLogPositions(checkpoint, position) >= 0)
          return waitOf<Outcome>(this.settled.get(cause.eventId) ?? null);
      } catch {
        // The database is away: the answer is "pending" when the wait runs out.
      }
    }
    return { status: 'pending' };
  }

  private settle(eventId: string, outcome: unknown): void {
    this.settled.set(eventId, outcome);
    if (this.settled.size > settledOutcomesMax)
      this.settled.delete(this.settled.keys().next().value as string);
    const waiting = this.waiters.get(eventId);
    this.waiters.delete(eventId);
    for (const wake of waiting ?? []) wake(outcome);
  }

  private async run(reactor: Reactor, progress: RecoveryProgress): Promise<void> {
    const signal = this.controller.signal;
    await ensureCheckpoint(this.database.sql, reactor.name, reactor.version);
    const handled = new Set(reactor.handles);
    progress.connected();
    while (!signal.aborted) {
      // (Re)subscribe from the checkpoint: after standing by, another instance may have moved it
      // far ahead of this instance's subscription.
      let after = await readCheckpoint(this.database.sql, reactor.name);
      let busyElsewhere = false;
      const pageSize = this.config.projectionBatchSize;
      for await (const batch of followLog(this.feed, this.store, after, pageSize, signal)) {
        const done = await this.reactToBatch(reactor, handled, batch, after);
        if (done === null) {
          busyElsewhere = true;
          break;
        }
        after = done;
        progress.progressed();
      }
      if (!busyElsewhere) return; // aborted
      // Another instance reacts now: stand by, then follow from its checkpoint.
      await sleep(standbyPollMs, undefined, { signal }).catch(() => undefined);
    }
  }

  /**
   * One batch under the reactor's lock: a transaction that holds only an advisory lock (no
   * transaction id, so it holds no reader back) while the reactions run, then moves the checkpoint
   * forward from where this instance found it. Null when another instance holds the reactor or
   * moved its checkpoint meanwhile.
   */
  private async reactToBatch(
    reactor: Reactor,
    handled: ReadonlySet<string>,
    batch: readonly ProjectionLogEvent[],
    from: LogPosition | undefined,
  ): Promise<LogPosition | null> {
    const to = afterPosition(batch);
    if (from && compareLogPositions(to, from) <= 0) return from;
    const isMine = (e: ProjectionLogEvent) =>
      handled.has(e.type) && (!from || compareLogPositions(e.position, from) > 0);
    // Reactions need the whole events (metadata, …): read back those this reactor handles, before
    // the transaction (whose connection is then not held while another one reads).
    const mine = await recordedEventsOf(this.store, batch, from, isMine);
    const relevant = mine.length > 0;
    return this.database.sql.begin(async (tx) => {
      // A reactor's checkpoint only saves work: lost in a crash, the batch's reactions run again
      // and append nothing new. So its commit need not wait for the disk.
      await tx`SET LOCAL synchronous_commit = off`;
      if (!relevant) {
        // Nothing to react to: move the checkpoint with one compare-and-set, no lock.
        const moved = await moveCheckpoint(tx, reactor.name, from, to, 0);
        return moved ? to : null;
      }
      const [{ ok }] = await tx<{ ok: boolean }[]>`
        SELECT pg_try_advisory_xact_lock(hashtext(${`reactor:${reactor.name}`})) AS ok`;
      if (!ok) return null;
      // Read on this transaction's own connection (a second one from the pool could deadlock a
      // small pool), without FOR UPDATE (which would take a transaction id and hold readers).
      const stored = await readCheckpoint(tx, reactor.name);
      if (!samePosition(stored, from)) return null; // moved by another instance meanwhile
      let reacted = 0;
      for (const event of mine) {
        let outcome: unknown;
        try {
          outcome = await reactor.react(event, {
            store: this.store,
            sql: this.database.sql,
            pii: this.pii,
          });
        } catch (error) {
          // A refused decision is refused again on every retry: say so and go on, rather than
          // holding back every later reaction. Anything else (the database…) is retried.
          if (!(error instanceof DomainError)) throw error;
          this.logger.warn(
            `${reactor.name}: ${event.type} ${event.eventId} refused: ${error.message}`,
          );
          outcome = { kind: 'refused', why: error.message };
        }
        reacted += 1;
        this.settle(event.eventId, outcome);
      }
      if (!(await moveCheckpoint(tx, reactor.name, from, to, reacted)))
        throw new Error(`checkpoint of ${reactor.name} moved under us`);
      return to;
    });
  }
}

function samePosition(a: LogPosition | undefined, b: LogPosition | undefined): boolean {
  if (!a || !b) return !a && !b;
  return compareLogPositions(a, b) === 0;
}

function waitOf<Outcome>(outcome: unknown): ReactionWait<Outcome> {
  return isRefused(outcome)
    ? { status: 'refused', why: outcome.why }
    : { status: 'done', outcome: outcome as Outcome | null };
}
