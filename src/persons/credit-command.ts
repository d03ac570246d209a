import { Inject } from '@nestjs/common';
import { Command } from '@nestjs/cqrs';
import { EVENT_STORE, type EventMetadata, type EventStore } from '../event-store/event-store.port';
import { notFound } from '../shared/domain/domain-error';
import { isReplay, runCommand } from '../shared/event-sourcing';
import { Actor } from '../shared/http/actor';
import { authorize } from '../shared/http/access-policy';
import { derivedId, randomId, splitCompositeId } from '../shared/ids';
import { creditView } from './credit.view';
import { CreditState, personEvolver, PersonState } from './domain/person.decider';
import { PersonEvent, personStreamId } from './domain/person.events';

/**
 * Runs a command on one credit: finds its person's stream from the credit id, checks the actor
 * covers the person's jurisdiction, decides, appends, and answers with the credit as it now is.
 * With an Idempotency-Key the event id is derived from it, so a retry answers the same.
 */
export async function runCreditCommand(
  store: EventStore,
  creditId: string,
  actor: Actor,
  idempotencyKey: string | undefined,
  metadata: EventMetadata,
  decide: (state: PersonState) => PersonEvent[],
): Promise<ReturnType<typeof creditView>> {
  const personId = splitCompositeId(creditId)?.parent;
  if (!personId) throw notFound('creditId', 'no such credit');
  const eventId = idempotencyKey ? derivedId(creditId, actor.actorId, idempotencyKey) : randomId();
  const now = new Date();
  return runCommand(
    store,
    personStreamId(personId),
    personEvolver,
    (state, loaded) => {
      if (!state.registration) throw notFound('creditId', 'no such credit');
      authorize(actor, state.registration);
      const credit = () => creditView(state.credits.get(creditId) as CreditState);
      if (isReplay(loaded, eventId, metadata.requestFingerprint as string | undefined))
        return { events: [], result: credit() };
      const events = decide(state);
      const after = events.reduce((s, e) => personEvolver.evolve(s, { ...e, eventId }), state);
      return {
        events: events.map((event) => ({ event, eventId, occurredAt: now })),
        result: creditView(after.credits.get(creditId) as CreditState),
      };
    },
    metadata,
  );
}

/** A command on one credit; each concrete command says how it decides. */
export abstract class CreditCommand extends Command<ReturnType<typeof creditView>> {
  constructor(
    readonly creditId: string,
    readonly actor: Actor,
    readonly idempotencyKey: string | undefined,
    readonly metadata: EventMetadata,
  ) {
    super();
  }
  abstract decide(state: PersonState): PersonEvent[];
}

export abstract class CreditCommandHandler<C extends CreditCommand> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  execute(command: C) {
    return runCreditCommand(
      this.store,
      command.creditId,
      command.actor,
      command.idempotencyKey,
      command.metadata,
      (state) => command.decide(state),
    );
  }
}
