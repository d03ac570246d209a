import { msg } from '../shared/domain/messages';
import type { EventStore } from '../event-store/event-store.port';
import { notFound } from '../shared/domain/domain-error';
import { loadState } from '../shared/application/state-cache';
import type { Actor } from '../shared/http/actor';
import { type AccessTarget, authorize } from '../shared/http/access-policy';
import { personEvolver, type PersonState } from './domain/person.decider';
import { personStreamId } from './domain/person.events';

/** Loads a person a caller may read: professionals themselves, others within their jurisdiction. */
export async function readablePerson(
  store: EventStore,
  personId: string,
  actor: Actor,
  /** More about the record read, e.g. the activity of a session it concerns. */
  context: Partial<AccessTarget> = {},
): Promise<PersonState & { registration: NonNullable<PersonState['registration']> }> {
  // Readers only read: the cached state, not a copy.
  const { state } = await loadState(store, personStreamId(personId), personEvolver, {
    shared: true,
  });
  if (!state.registration) throw notFound('personId', msg('not-found.person'));
  authorize(actor, { ...state.registration, ...context });
  return state as PersonState & { registration: NonNullable<PersonState['registration']> };
}
