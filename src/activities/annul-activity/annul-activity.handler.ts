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
import { runCommand } from '../../shared/application/command-retry';
import { Actor } from '../../shared/http/actor';
import { authorize } from '../../shared/http/access-policy';
import { derivedId } from '../../shared/ids';
import { activityEvolver, ActivityState, decideAnnul } from '../domain/activity.decider';
import { activityStreamId } from '../domain/activity.events';

export interface AnnulmentResult {
  activityId: string;
  reason: string;
  /** Credits this annulment annulled; `credits` says whether they all are yet (null when this
   * request recorded nothing: the project was annulled already). */
  creditsAnnulled: number | null;
  credits: 'annulled' | 'pending' | null;
}

export class AnnulActivity extends Command<AnnulmentResult> {
  constructor(
    readonly activityId: string,
    readonly reason: string,
    readonly actor: Actor,
    readonly now: Date,
    readonly metadata: EventMetadata,
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
    let version: number | null = null as number | null;
    const state = await runCommand<
      ActivityState,
      Parameters<typeof activityEvolver.evolve>[1],
      ActivityState
    >(
      this.store,
      activityStreamId(command.activityId),
      activityEvolver,
      (current, loaded) => {
        if (current.details) authorize(command.actor, current.details);
        const events = decideAnnul(current, { reason: command.reason, now: command.now });
        version = events.length > 0 ? loaded.version + 1 : null;
        return {
          events: events.map((event) => ({ event, eventId, occurredAt: command.now })),
          result: events.reduce((s, e) => activityEvolver.evolve(s, e), current),
        };
      },
      command.metadata,
    );
    const reason = state.annulled?.reason ?? command.reason;
    const reaction =
      version !== null
        ? await this.reactions.awaitReaction<CreditEffects>({
            reactor: creditEffectsReactorName,
            eventId,
            streamId: activityStreamId(command.activityId),
            version,
          })
        : null;
    const outcome = reaction?.status === 'done' ? reaction.outcome : null;
    return {
      activityId: command.activityId,
      reason,
      creditsAnnulled:
        version === null ? 0 : outcome?.kind === 'annulled' ? outcome.creditsAnnulled : null,
      credits: reaction === null ? null : reaction.status === 'done' ? 'annulled' : 'pending',
    };
  }
}
