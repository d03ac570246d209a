import { Global, Module } from '@nestjs/common';
import { Database, DATABASE } from '../database/database';
import { EVENT_STORE } from './event-store.port';
import { PostgresEventStore } from './postgres/postgres-event-store';

@Global()
@Module({
  providers: [
    {
      provide: EVENT_STORE,
      inject: [DATABASE],
      useFactory: (database: Database) => new PostgresEventStore(database.sql),
    },
  ],
  exports: [EVENT_STORE],
})
export class EventStoreModule {}
