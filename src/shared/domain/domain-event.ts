/** The domain kernel's event-sourcing vocabulary: nothing here knows Nest, HTTP or a database. */

/** A domain event as deciders see it: a discriminated union on `type`. */
export interface DomainEvent<TType extends string = string, TData = unknown> {
  type: TType;
  data: TData;
  /** Set when the event is read back from the store (corrections name the event they correct). */
  eventId?: string;
}

export interface Evolver<S, E extends DomainEvent> {
  initialState(): S;
  evolve(state: S, event: E): S;
}

/** Events a decision produced, with the ids and business times the handler chose for them. */
export interface Decision<E extends DomainEvent, R> {
  events: { event: E; eventId: string; occurredAt: Date }[];
  result: R;
}

/**
 * An aggregate's behaviour as data and pure functions (Emmett's decider): `decide` turns a command
 * and the current state into the events that record it (none when there is nothing new), and
 * `evolve` folds each event into the state. Time and ids are inside the command, never read here.
 */
export interface Decider<C extends { type: string }, S, E extends DomainEvent> {
  initialState(): S;
  evolve(state: S, event: E): S;
  decide(command: C, state: S): E[];
}
