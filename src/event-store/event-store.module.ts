import { Global, Module } from '@nestjs/common';
import { Database, DATABASE } from '../database/database';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { EVENT_STORE } from './event-store.port';
import { EventStoreDbEventStore } from './eventstoredb/eventstoredb-event-store';
import { PostgresEventStore } from './postgres/postgres-event-store';

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
  ],
  exports: [EVENT_STORE],
})
export class EventStoreModule {}
