import { msg } from '../../shared/domain/messages';
import { Inject } from '@nestjs/common';
import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import {
  EVENT_STORE,
  type EventMetadata,
  type EventStore,
} from '../../event-store/event-store.port';
import { personEvolver } from '../../persons/domain/person.decider';
import { type HistoricalCredit, personImportDecider } from '../../persons/domain/credit-import';
import { personStreamId } from '../../persons/domain/person.events';
import { creditYearOf } from '../../rules/rule-profiles';
import { notFound } from '../../shared/domain/domain-error';
import { handle } from '../../shared/application/handle';
import { loadState } from '../../shared/application/state-cache';
import { authorize } from '../../shared/http/access-policy';
import type { Actor } from '../../shared/http/actor';
import { derivedId } from '../../shared/ids';
import { loadSeal } from '../../year-audits/year-seal.queries';

export class ImportCredit extends Command<{ creditId: string; imported: boolean }> {
  constructor(
    readonly personId: string,
    readonly credit: HistoricalCredit,
    readonly actor: Actor,
    readonly metadata: EventMetadata,
  ) {
    super();
  }
}

/**
 * A historical credit from a previous system (CreditImported) on the person's stream: the
 * committee of the person's jurisdiction imports it; a sealed credit year refuses it.
 */
@CommandHandler(ImportCredit)
export class ImportCreditHandler implements ICommandHandler<ImportCredit> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async execute(command: ImportCredit) {
    const streamId = personStreamId(command.personId);
    const { state } = await loadState(this.store, streamId, personEvolver, { shared: true });
    if (!state.registration) throw notFound('personId', msg('not-found.person-id'));
    const year = creditYearOf(state.registration.jurisdiction, command.credit.earnedAt);
    const sealed = await loadSeal(this.store, state.registration.jurisdiction, year);
    const eventId = derivedId(command.credit.creditId, 'imported');
    return handle(
      this.store,
      personImportDecider,
      streamId,
      { type: 'ImportCredit', credit: command.credit, sealedYears: new Set(sealed ? [year] : []) },
      {
        metadata: command.metadata,
        eventId: () => eventId,
        occurredAt: command.credit.earnedAt,
        check: (current) => {
          if (current.registration) authorize(command.actor, current.registration);
        },
        result: (_after, events) => ({
          creditId: command.credit.creditId,
          imported: events.length > 0,
        }),
      },
    );
  }
}
