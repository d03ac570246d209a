import type { Decider, DomainEvent, Evolver } from '../../src/shared/domain/domain-event';

/** given(events).when(decide).then(events) — deciders tested without a database. */
export function given<S, E extends DomainEvent>(evolver: Evolver<S, E>, events: E[] = []) {
  const state = events.reduce((s, e) => evolver.evolve(s, e), evolver.initialState());
  return {
    state,
    when<R>(decide: (state: S) => R) {
      return {
        then(expected: R | ((result: R) => void)) {
          const result = decide(state);
          if (typeof expected === 'function') (expected as (r: R) => void)(result);
          else expect(result).toEqual(expected);
        },
        thenRefuses(
          match: Partial<{ kind: string; field: string; rule: string; message: RegExp }>,
        ) {
          let error: unknown;
          try {
            decide(state);
          } catch (e) {
            error = e;
          }
          expect(error).toBeDefined();
          const { message, ...rest } = match;
          expect(error).toMatchObject(rest);
          if (message) expect((error as Error).message).toMatch(message);
        },
      };
    },
  };
}

/** given(events).when(command).then(events) through a Decider's `decide` (its command union). */
export function givenDecider<C extends { type: string }, S, E extends DomainEvent>(
  decider: Decider<C, S, E>,
  events: E[] = [],
) {
  const g = given(decider, events);
  return { state: g.state, when: (command: C) => g.when((s) => decider.decide(command, s)) };
}
