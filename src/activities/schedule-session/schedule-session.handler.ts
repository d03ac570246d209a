import { Inject } from '@nestjs/common';
import { organizerEvolver } from '../../organizers/domain/organizer.decider';
import { OrganizerSanctions } from '../../organizers/organizer-sanctions';
import { loadState } from '../../shared/application/state-cache';
import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import {
  EVENT_STORE,
  type EventMetadata,
  type EventStore,
} from '../../event-store/event-store.port';
import { handle } from '../../shared/application/handle';
import { isReplay } from '../../shared/http/command-metadata';
import { Actor } from '../../shared/http/actor';
import { authorize } from '../../shared/http/access-policy';
import { compositeId, derivedId } from '../../shared/ids';
import { activityDecider, activityEvolver } from '../domain/activity.decider';
import { activityStreamId } from '../domain/activity.events';

export class ScheduleSession extends Command<{
  sessionId: string;
  creditYear: number;
  replayed: boolean;
}> {
  constructor(
    readonly activityId: string,
    readonly sessionUuid: string,
    readonly startsAt: Date,
    readonly endsAt: Date,
    readonly location: string,
    readonly actor: Actor,
    readonly now: Date,
    readonly metadata: EventMetadata,
  ) {
    super();
  }
}

@CommandHandler(ScheduleSession)
export class ScheduleSessionHandler implements ICommandHandler<ScheduleSession> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly organizers: OrganizerSanctions,
  ) {}

  async execute(command: ScheduleSession) {
    const sessionId = compositeId(command.activityId, command.sessionUuid);
    // R16: the organizer's sanctions, read from its own stream (the activity names the organizer).
    const { state: activity } = await loadState(
      this.store,
      activityStreamId(command.activityId),
      activityEvolver,
      { shared: true },
    );
    const organizer = activity.details
      ? await this.organizers.state(activity.details.organizerId)
      : organizerEvolver.initialState();
    const eventId = derivedId(sessionId, 'scheduled');
    return handle(
      this.store,
      activityDecider,
      activityStreamId(command.activityId),
      {
        type: 'ScheduleSession',
        sessionId,
        startsAt: command.startsAt,
        endsAt: command.endsAt,
        location: command.location,
        organizer,
        now: command.now,
      },
      {
        metadata: command.metadata,
        eventId: () => eventId,
        occurredAt: command.now,
        check: (state, loaded) => {
          if (
            isReplay(loaded, eventId, command.metadata.requestFingerprint as string | undefined)
          ) {
            const session = state.sessions.get(sessionId);
            return { answer: { sessionId, creditYear: session?.creditYear ?? 0, replayed: true } };
          }
          if (state.details) authorize(command.actor, state.details);
          return undefined;
        },
        result: (state) => ({
          sessionId,
          creditYear: state.sessions.get(sessionId)?.creditYear ?? 0,
          replayed: false,
        }),
      },
    );
  }
}
