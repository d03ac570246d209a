import { setTimeout as sleep } from 'node:timers/promises';

/** Pause before the first retry of a consumer that failed (the database went away, say). */
export const recoveryPauseMsMin = 100;
/** Longest pause between retries: an outage of hours is retried every few seconds, not hammered. */
export const recoveryPauseMsMax = 5_000;

export interface RecoveryReport {
  failed(name: string, error: Error, attempt: number): void;
  /** The consumer reached the database again (it read its checkpoint). */
  recovered(name: string): void;
}

/** What a consumer tells the loop as it goes. */
export interface RecoveryProgress {
  /** It reached the database (read its checkpoint): an outage is over, health may say so. */
  connected(): void;
  /** It committed a batch: only now does the pause before a next failure start small again, so
   * a failure that repeats itself (a bug in an evolve) is retried ever more slowly, not hammered. */
  progressed(): void;
}

/**
 * Runs a checkpointed consumer (a projection or a reactor) until `signal` aborts. When it throws —
 * a lost connection, a restarted server, a bug in an evolve — the error is reported and the
 * consumer starts again from its checkpoint after a growing pause, so an outage heals by itself
 * and nothing is skipped: a consumer only ever resumes from what it committed.
 */
export async function runRecovering(
  name: string,
  signal: AbortSignal,
  report: RecoveryReport,
  body: (progress: RecoveryProgress) => Promise<void>,
): Promise<void> {
  let failing = false;
  for (let attempt = 0; !signal.aborted;) {
    try {
      await body({
        connected: () => {
          if (!failing) return;
          failing = false;
          report.recovered(name);
        },
        progressed: () => {
          attempt = 0;
        },
      });
      return;
    } catch (error) {
      if (signal.aborted) return;
      attempt += 1;
      failing = true;
      report.failed(name, error as Error, attempt);
      const pauseMs = Math.min(recoveryPauseMsMax, recoveryPauseMsMin * 2 ** (attempt - 1));
      await sleep(pauseMs * (0.5 + Math.random() / 2), undefined, { signal }).catch(
        () => undefined,
      );
    }
  }
}

/**
 * The report both runners give: the failure on the consumer (so status and health show it) and in
 * the log — the first time and every 20th retry, not every few seconds of a long outage.
 */
export function loggedRecovery(
  consumers: { failed(name: string, message: string): void; recovered(name: string): void },
  log: { warn(message: string): void; log(message: string): void },
): RecoveryReport {
  return {
    failed: (name, error, attempt) => {
      consumers.failed(name, error.message);
      if (attempt === 1 || attempt % 20 === 0)
        log.warn(
          `${name} failed (attempt ${attempt}), retrying from its checkpoint: ${error.message}`,
        );
    },
    recovered: (name) => {
      consumers.recovered(name);
      log.log(`${name} resumed from its checkpoint`);
    },
  };
}
