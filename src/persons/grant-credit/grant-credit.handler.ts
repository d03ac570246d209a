import { msg } from '../../shared/domain/messages';
import { Inject } from '@nestjs/common';
import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { activityEvolver } from '../../activities/domain/activity.decider';
import { activityStreamId } from '../../activities/domain/activity.events';
import {
  EVENT_STORE,
  type EventMetadata,
  type EventStore,
} from '../../event-store/event-store.port';
import { conflict, forbidden, notFound } from '../../shared/domain/domain-error';
import { loadState } from '../../shared/application/state-cache';
import { handle } from '../../shared/application/handle';
import { isReplay } from '../../shared/http/command-metadata';
import { Actor } from '../../shared/http/actor';
import { authorize, mayAccess } from '../../shared/http/access-policy';
import { compositeId, derivedId, randomId } from '../../shared/ids';
import { creditView } from '../credit.view';
import { personDecider } from '../domain/person.commands';
import type { CreditState, PersonState } from '../domain/person.decider';
import { personStreamId } from '../domain/person.events';
import { GrantCreditRequest } from './grant-credit.request.dto';

export class GrantCredit extends Command<ReturnType<typeof creditView> & { replayed: boolean }> {
  constructor(
    readonly request: GrantCreditRequest,
    readonly actor: Actor,
    readonly idempotencyKey: string | undefined,
    readonly metadata: EventMetadata,
  ) {
    super();
  }
}

/** A non-project credit from an employer or committee, with the R11 amounts and caps. */
@CommandHandler(GrantCredit)
export class GrantCreditHandler implements ICommandHandler<GrantCredit> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async execute(command: GrantCredit) {
    const { request, actor } = command;
    const { state: activityState } = await loadState(
      this.store,
      activityStreamId(request.activityId),
      activityEvolver,
    );
    const activity = activityState.details;
    if (!activity) throw notFound('activityId', msg('not-found.activity'));
    // An employer grants only under activities it runs itself, in its own jurisdictions.
    if (
      actor.scope === 'own-staff' &&
      !mayAccess(
        { ...actor, scope: 'own-activity' },
        { jurisdiction: activity.jurisdiction, organizerId: activity.organizerId },
      )
    )
      throw forbidden(
        msg('forbidden.employer-grant', { jurisdictions: actor.jurisdictions }),
        'activityId',
      );
    if (activityState.annulled)
      throw conflict(
        msg('conflict.activity-annulled', { reason: activityState.annulled.reason }),
        'activityId',
      );
    const creditUuid = command.idempotencyKey
      ? derivedId('credit', actor.actorId, command.idempotencyKey)
      : randomId();
    const creditId = compositeId(request.personId, creditUuid);
    const eventId = derivedId(creditId, 'granted');
    const earnedAt = new Date(request.earnedAt);
    const creditOf = (state: PersonState) => creditView(state.credits.get(creditId) as CreditState);
    return handle(
      this.store,
      personDecider,
      personStreamId(request.personId),
      {
        type: 'GrantNonProjectCredit',
        grant: {
          creditId,
          activity,
          grantorRole: actor.role,
          earnedAt,
          evidence: request.evidence,
          amount: request.amount,
          hours: request.hours,
          days: request.days,
          months: request.months,
          journalTier: request.journalTier,
          authorRank: request.authorRank,
        },
      },
      {
        metadata: command.metadata,
        eventId: () => eventId,
        occurredAt: earnedAt,
        check: (state, loaded) => {
          if (!state.registration) throw notFound('personId', msg('not-found.person'));
          authorize(actor, state.registration);
          if (isReplay(loaded, eventId, command.metadata.requestFingerprint as string | undefined))
            return { answer: { ...creditOf(state), replayed: true } };
          return undefined;
        },
        result: (after) => ({ ...creditOf(after), replayed: false }),
      },
    );
  }
}
