import { Inject } from '@nestjs/common';
import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import {
  EVENT_STORE,
  type EventMetadata,
  type EventStore,
} from '../../event-store/event-store.port';
import {
  type CreditEffects,
  creditEffectsReactorName,
} from '../../reactors/credit-effects.reactor';
import { REACTIONS, type Reactions } from '../../reactors/reactions';
import { handle } from '../../shared/application/handle';
import { Actor } from '../../shared/http/actor';
import { authorize } from '../../shared/http/access-policy';
import { derivedId } from '../../shared/ids';
import { activityDecider } from '../domain/activity.decider';
import { activityStreamId, type AnnulmentCredits } from '../domain/activity.events';

export interface AnnulmentResult {
  activityId: string;
  reason: string;
  /** What the committee stated for credits already granted, and the sessions cancelled. */
  creditsTreatment: AnnulmentCredits | 'revoke-all';
  revokeFrom: string | null;
  cancelledSessions: string[];
  /** Credits this annulment annulled; `credits` says whether they all are yet (null when this
   * request recorded nothing: the project was annulled already). */
  creditsAnnulled: number | null;
  credits: 'annulled' | 'pending' | 'refused' | null;
}

export class AnnulActivity extends Command<AnnulmentResult> {
  constructor(
    readonly activityId: string,
    readonly reason: string,
    readonly actor: Actor,
    readonly now: Date,
    readonly metadata: EventMetadata,
    readonly credits: AnnulmentCredits,
    readonly revokeFrom: string | null,
  ) {
    super();
  }
}

/**
 * R15: an annulled project's credits stop counting. The annulment is one event on the activity;
 * the credit-effects reactor then gives each affected credit a CreditAnnulled naming the reason.
 * Nothing is deleted.
 */
@CommandHandler(AnnulActivity)
export class AnnulActivityHandler implements ICommandHandler<AnnulActivity> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(REACTIONS) private readonly reactions: Reactions,
  ) {}

  async execute(command: AnnulActivity): Promise<AnnulmentResult> {
    const eventId = derivedId(command.activityId, 'annulled');
    const streamId = activityStreamId(command.activityId);
    const { state, version } = await handle(
      this.store,
      activityDecider,
      streamId,
      {
        type: 'AnnulActivity',
        reason: command.reason,
        now: command.now,
        credits: command.credits,
        revokeFrom: command.revokeFrom,
      },
      {
        metadata: command.metadata,
        eventId: () => eventId,
        occurredAt: command.now,
        check: (current) => {
          if (current.details) authorize(command.actor, current.details);
          return undefined;
        },
        // The annulment's stream version, for the reaction to wait for (none if nothing new).
        result: (after, events, loaded) => ({
          state: after,
          version: events.length > 0 ? loaded.version + 1 : null,
        }),
      },
    );
    const reason = state.annulled?.reason ?? command.reason;
    const reaction =
      version !== null
        ? await this.reactions.awaitReaction<CreditEffects>({
            reactor: creditEffectsReactorName,
            eventId,
            streamId,
            version,
          })
        : null;
    const outcome = reaction?.status === 'done' ? reaction.outcome : null;
    const annulled = state.annulled;
    return {
      activityId: command.activityId,
      reason,
      creditsTreatment: annulled?.credits ?? 'revoke-all',
      revokeFrom: annulled?.revokeFrom ?? null,
      cancelledSessions: annulled?.cancelledSessions ?? [],
      creditsAnnulled:
        version === null ? 0 : outcome?.kind === 'annulled' ? outcome.creditsAnnulled : null,
      credits: reaction === null ? null : reaction.status === 'done' ? 'annulled' : reaction.status,
    };
  }
}
