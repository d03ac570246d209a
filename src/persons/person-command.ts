import { Inject } from '@nestjs/common';
import { Command } from '@nestjs/cqrs';
import { EVENT_STORE, type EventMetadata, type EventStore } from '../event-store/event-store.port';
import { notFound } from '../shared/domain/domain-error';
import { runCommand } from '../shared/application/command-retry';
import { isReplay } from '../shared/http/command-metadata';
import { Actor } from '../shared/http/actor';
import { authorize } from '../shared/http/access-policy';
import { derivedId, randomId } from '../shared/ids';
import { personEvolver, PersonState } from './domain/person.decider';
import { PersonEvent, personStreamId } from './domain/person.events';

/**
 * A command on a person's stream by someone covering the person's jurisdiction. `decide` gets
 * the id the new fact will carry (derived from the Idempotency-Key when there is one, so a retry
 * answers the same); `view` answers from the state after it.
 */
export abstract class PersonCommand<R> extends Command<R> {
  constructor(
    readonly personId: string,
    readonly actor: Actor,
    readonly idempotencyKey: string | undefined,
    readonly metadata: EventMetadata,
  ) {
    super();
  }
  abstract decide(state: PersonState, factId: string): PersonEvent[];
  abstract view(state: PersonState, factId: string): R;
}

export abstract class PersonCommandHandler<R, C extends PersonCommand<R>> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  execute(command: C): Promise<R> {
    const factId = command.idempotencyKey
      ? derivedId(
          command.personId,
          command.constructor.name,
          command.actor.actorId,
          command.idempotencyKey,
        )
      : randomId();
    const now = new Date();
    return runCommand(
      this.store,
      personStreamId(command.personId),
      personEvolver,
      (state, loaded) => {
        if (!state.registration) throw notFound('personId', 'no such person');
        authorize(command.actor, state.registration);
        if (isReplay(loaded, factId, command.metadata.requestFingerprint as string | undefined))
          return { events: [], result: command.view(state, factId) };
        const events = command.decide(state, factId);
        const after = events.reduce(
          (s, e) => personEvolver.evolve(s, { ...e, eventId: factId }),
          state,
        );
        return {
          events: events.map((event) => ({ event, eventId: factId, occurredAt: now })),
          result: command.view(after, factId),
        };
      },
      command.metadata,
    );
  }
}
