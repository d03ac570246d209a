import { Global, Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import { Database, DATABASE } from '../database/database';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { EVENT_STORE, type EventStore } from './event-store.port';
import { createEventStore, disposeEventStore } from './event-store.factory';

/** Closes the EventStoreDB client's connections on shutdown (the PostgreSQL pool has its own). */
class EventStoreLifecycle implements OnApplicationShutdown {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async onApplicationShutdown(): Promise<void> {
    await disposeEventStore(this.store);
  }
}

@Global()
@Module({
  providers: [
    {
      provide: EVENT_STORE,
      inject: [DATABASE, APP_CONFIG],
      useFactory: (database: Database, config: AppConfig) => createEventStore(config, database),
    },
    EventStoreLifecycle,
  ],
  exports: [EVENT_STORE],
})
export class EventStoreModule {}
