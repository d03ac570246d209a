import { Inject } from '@nestjs/common';
import { Command } from '@nestjs/cqrs';
import { EVENT_STORE, type EventMetadata, type EventStore } from '../event-store/event-store.port';
import { notFound } from '../shared/domain/domain-error';
import { runCommand } from '../shared/application/command-retry';
import { isReplay } from '../shared/http/command-metadata';
import { Actor } from '../shared/http/actor';
import { authorize } from '../shared/http/access-policy';
import { derivedId, randomId, splitCompositeId } from '../shared/ids';
import { creditView } from './credit.view';
import { CorrectionState, CreditState, personEvolver, PersonState } from './domain/person.decider';
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
  decide: (state: PersonState, factId: string) => PersonEvent[],
): Promise<CreditCommandResult> {
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
      if (isReplay(loaded, eventId, metadata.requestFingerprint as string | undefined))
        return { events: [], result: resultOf(state, creditId, eventId) };
      const events = decide(state, eventId);
      // One id per event: the first is the command's (idempotency), the rest derived from it.
      const ids = events.map((_, i) => (i === 0 ? eventId : derivedId(eventId, String(i))));
      const after = events.reduce(
        (s, e, i) => personEvolver.evolve(s, { ...e, eventId: ids[i] }),
        state,
      );
      return {
        events: events.map((event, i) => ({ event, eventId: ids[i], occurredAt: now })),
        result: resultOf(after, creditId, eventId),
      };
    },
    metadata,
  );
}

export type CreditCommandResult = ReturnType<typeof creditView> & {
  /** Corrections of this credit that went through maker-checker, oldest first. */
  corrections: CorrectionState[];
  /** The correction this request asked for, when it waits for a second admin (HTTP 202). */
  heldForApproval: CorrectionState | null;
};

function resultOf(state: PersonState, creditId: string, factId: string): CreditCommandResult {
  const held = state.corrections.get(factId);
  return {
    ...creditView(state.credits.get(creditId) as CreditState),
    corrections: [...state.corrections.values()].filter((c) => c.creditId === creditId),
    heldForApproval: held?.status === 'awaiting-approval' ? held : null,
  };
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
  abstract decide(state: PersonState, factId: string): PersonEvent[];
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
      (state, factId) => command.decide(state, factId),
    );
  }
}
