import { Inject } from '@nestjs/common';
import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { activityEvolver } from '../../activities/domain/activity.decider';
import { activityStreamId } from '../../activities/domain/activity.events';
import {
  EVENT_STORE,
  type EventMetadata,
  type EventStore,
} from '../../event-store/event-store.port';
import { creditYearOf, profileFor } from '../../rules/rule-profiles';
import { conflict, notFound } from '../../shared/domain/domain-error';
import { loadState } from '../../shared/application/state-cache';
import { runCommand } from '../../shared/application/command-retry';
import { isReplay } from '../../shared/http/command-metadata';
import { Actor } from '../../shared/http/actor';
import { authorize } from '../../shared/http/access-policy';
import { compositeId, derivedId, randomId } from '../../shared/ids';
import { creditView } from '../credit.view';
import { CreditState, decideNonProjectGrant, personEvolver } from '../domain/person.decider';
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
    if (!activity) throw notFound('activityId', 'no such activity');
    if (activityState.annulled)
      throw conflict(`the activity was annulled: ${activityState.annulled.reason}`, 'activityId');
    const creditUuid = command.idempotencyKey
      ? derivedId('credit', actor.actorId, command.idempotencyKey)
      : randomId();
    const creditId = compositeId(request.personId, creditUuid);
    const eventId = derivedId(creditId, 'granted');
    const earnedAt = new Date(request.earnedAt);
    return runCommand(
      this.store,
      personStreamId(request.personId),
      personEvolver,
      (state, loaded) => {
        if (!state.registration) throw notFound('personId', 'no such person');
        authorize(actor, state.registration);
        if (isReplay(loaded, eventId, command.metadata.requestFingerprint as string | undefined)) {
          return {
            events: [],
            result: { ...creditView(state.credits.get(creditId) as CreditState), replayed: true },
          };
        }
        const creditYear = creditYearOf(state.registration.jurisdiction, earnedAt);
        const events = decideNonProjectGrant(
          state,
          { creditYear, profile: profileFor(state.registration.jurisdiction, creditYear) },
          {
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
        );
        const after = events.reduce((s, e) => personEvolver.evolve(s, { ...e, eventId }), state);
        return {
          events: events.map((event) => ({ event, eventId, occurredAt: earnedAt })),
          result: { ...creditView(after.credits.get(creditId) as CreditState), replayed: false },
        };
      },
      command.metadata,
    );
  }
}
