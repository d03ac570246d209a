import { EventStoreDbEventStore } from '../../src/event-store/eventstoredb/eventstoredb-event-store';
import { describeEventStoreContract } from './event-store.contract';

/**
 * The same contract suite as PostgreSQL, against a real EventStoreDB/KurrentDB. There is no server
 * on the machines that build this project, so it runs only where EVENTSTORE_CONNECTION_STRING is
 * set (e.g. esdb://localhost:2113?tls=false); it is never faked.
 */
const connectionString = process.env.EVENTSTORE_CONNECTION_STRING;

if (connectionString) {
  describeEventStoreContract('EventStoreDB', async () => {
    const store = EventStoreDbEventStore.fromConnectionString(connectionString);
    return { store, teardown: () => store.dispose() };
  });
} else {
  console.log(
    '[tests] EventStoreDB contract suite skipped: EVENTSTORE_CONNECTION_STRING is unset (no EventStoreDB/KurrentDB server here).',
  );
  describe.skip('event store contract: EventStoreDB (skipped: EVENTSTORE_CONNECTION_STRING is unset)', () => {
    it('runs the contract suite against a real server', () => undefined);
  });
}
