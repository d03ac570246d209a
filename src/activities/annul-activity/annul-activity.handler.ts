import { Inject } from '@nestjs/common';
import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import {
  EVENT_STORE,
  type EventMetadata,
  type EventStore,
} from '../../event-store/event-store.port';
import { PersonCredits } from '../../persons/person-credits.service';
import { sessionEvolver } from '../../sessions/domain/session.decider';
import { sessionStreamId } from '../../sessions/domain/session.events';
import { loadState, runCommand } from '../../shared/event-sourcing';
import { Actor } from '../../shared/http/actor';
import { authorize } from '../../shared/http/access-policy';
import { derivedId, splitCompositeId } from '../../shared/ids';
import { activityEvolver, ActivityState, decideAnnul } from '../domain/activity.decider';
import { activityStreamId } from '../domain/activity.events';

export class AnnulActivity extends Command<{
  activityId: string;
  reason: string;
  creditsAnnulled: number;
}> {
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
 * each affected credit then gets a CreditAnnulled naming the reason. Nothing is deleted.
 */
@CommandHandler(AnnulActivity)
export class AnnulActivityHandler implements ICommandHandler<AnnulActivity> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly personCredits: PersonCredits,
  ) {}

  async execute(command: AnnulActivity) {
    const state = await runCommand<
      ActivityState,
      Parameters<typeof activityEvolver.evolve>[1],
      ActivityState
    >(
      this.store,
      activityStreamId(command.activityId),
      activityEvolver,
      (current) => {
        if (current.details) authorize(command.actor, current.details);
        const events = decideAnnul(current, { reason: command.reason, now: command.now });
        return {
          events: events.map((event) => ({
            event,
            eventId: derivedId(command.activityId, 'annulled'),
            occurredAt: command.now,
          })),
          result: events.reduce((s, e) => activityEvolver.evolve(s, e), current),
        };
      },
      command.metadata,
    );
    const reason = state.annulled?.reason ?? command.reason;
    const creditIds: string[] = [];
    for (const sessionId of state.sessions.keys()) {
      const session = await loadState(
        this.store,
        sessionStreamId((splitCompositeId(sessionId) as { child: string }).child),
        sessionEvolver,
      );
      if (session.state.decision?.approved)
        creditIds.push(...session.state.decision.data.grants.map((g) => g.creditId));
    }
    const creditsAnnulled = await this.personCredits.annulCredits(
      creditIds,
      command.activityId,
      `project annulled: ${reason}`,
      command.now,
      command.metadata,
    );
    return { activityId: command.activityId, reason, creditsAnnulled };
  }
}
