import { Global, Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import { Database, DATABASE } from '../database/database';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { EVENT_STORE, type EventStore } from './event-store.port';
import { EventStoreDbEventStore } from './eventstoredb/eventstoredb-event-store';
import { PostgresEventStore } from './postgres/postgres-event-store';

/** Closes the EventStoreDB client's connections on shutdown (the PostgreSQL pool has its own). */
class EventStoreLifecycle implements OnApplicationShutdown {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async onApplicationShutdown(): Promise<void> {
    if (this.store instanceof EventStoreDbEventStore) await this.store.dispose();
  }
}

@Global()
@Module({
  providers: [
    {
      provide: EVENT_STORE,
      inject: [DATABASE, APP_CONFIG],
      // PostgreSQL is the default; EVENTSTORE_CONNECTION_STRING moves the log to EventStoreDB.
      useFactory: (database: Database, config: AppConfig) =>
        config.eventStoreConnectionString
          ? EventStoreDbEventStore.fromConnectionString(config.eventStoreConnectionString)
          : new PostgresEventStore(database.sql),
    },
    EventStoreLifecycle,
  ],
  exports: [EVENT_STORE],
})
export class EventStoreModule {}
