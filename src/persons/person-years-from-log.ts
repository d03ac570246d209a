import {
  type PersonYearsDoc,
  personYearsProjection,
} from '../../projections/person-years/person-years.projection';
import type { EventStore } from '../event-store/event-store.port';
import { readWholeStream } from '../event-store/read-whole-stream';
import { projectedEvent } from '../projections/projection-batch';
import { personStreamId } from './domain/person.events';

/** Folds a person's stream (up to an instant) with the person-years projection's own evolve. */
export async function personYearsDocFromLog(
  store: EventStore,
  personId: string,
  asOf?: Date,
): Promise<PersonYearsDoc> {
  const events = await readWholeStream(store, personStreamId(personId), asOf);
  return events
    .map(projectedEvent)
    .reduce(
      (doc, e) => personYearsProjection.evolve(doc, e),
      personYearsProjection.initialState(personId),
    );
}
