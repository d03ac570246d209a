import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { EventIdConflictError, WrongExpectedVersionError } from '../event-store/event-store.errors';
import { EVENT_STORE, type EventStore } from '../event-store/event-store.port';
import { Metrics } from './metrics';

/**
 * Counts and times every append of the service's event store, whichever adapter it is: the one
 * store instance every handler, reactor and runner holds gets a measuring `append` in front of
 * its own (the instance stays the same, so the state cache, keyed by it, is untouched).
 */
@Injectable()
export class StoreInstrumentation implements OnModuleInit {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly metrics: Metrics,
  ) {}

  onModuleInit(): void {
    const store = this.store;
    const metrics = this.metrics;
    const append = store.append.bind(store);
    store.append = async (streamId, events, expected) => {
      const type = events[0]?.type ?? 'none';
      const stop = metrics.appendDuration.startTimer({ type });
      try {
        const result = await append(streamId, events, expected);
        stop();
        metrics.appends.inc({ type, outcome: result.idempotentReplay ? 'idempotent' : 'appended' });
        if (!result.idempotentReplay)
          for (const event of events) metrics.eventsAppended.inc({ type: event.type });
        return result;
      } catch (error) {
        stop();
        const conflict =
          error instanceof WrongExpectedVersionError || error instanceof EventIdConflictError;
        metrics.appends.inc({ type, outcome: conflict ? 'conflict' : 'error' });
        throw error;
      }
    };
  }
}
