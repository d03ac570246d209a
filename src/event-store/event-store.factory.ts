import type { AppConfig } from '../config/app-config';
import type { Database } from '../database/database';
import type { EventStore } from './event-store.port';
import { EventStoreDbEventStore } from './eventstoredb/eventstoredb-event-store';
import { PostgresEventStore } from './postgres/postgres-event-store';

/**
 * The one place that chooses the event store, for the service (EventStoreModule) and every CLI
 * command alike: PostgreSQL by default, EventStoreDB/KurrentDB when EVENTSTORE_CONNECTION_STRING
 * is set. The read models stay in `database` either way.
 */
export function createEventStore(
  config: Pick<AppConfig, 'eventStoreConnectionString'>,
  database: Database | null,
): EventStore {
  if (config.eventStoreConnectionString)
    return EventStoreDbEventStore.fromConnectionString(config.eventStoreConnectionString);
  if (!database) throw new Error('the PostgreSQL event store needs a database');
  return new PostgresEventStore(database.sql);
}

/** Closes what the store holds beyond the database pool (EventStoreDB's connections). */
export async function disposeEventStore(store: EventStore): Promise<void> {
  if (store instanceof EventStoreDbEventStore) await store.dispose();
}

/** Whether the log lives outside PostgreSQL (some commands then take another path). */
export function isEventStoreDb(store: EventStore): store is EventStoreDbEventStore {
  return store instanceof EventStoreDbEventStore;
}
