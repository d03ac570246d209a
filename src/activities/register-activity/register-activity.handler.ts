import { Inject } from '@nestjs/common';
import { OrganizerSanctions } from '../../organizers/organizer-sanctions';
import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { EVENT_STORE, type EventStore } from '../../event-store/event-store.port';
import { EventMetadata } from '../../event-store/event-store.port';
import { derivedId } from '../../shared/ids';
import { handle } from '../../shared/application/handle';
import { isReplay } from '../../shared/http/command-metadata';
import { activityDecider } from '../domain/activity.decider';
import { ActivityDetails, activityStreamId } from '../domain/activity.events';

export class RegisterActivity extends Command<{ activityId: string; replayed: boolean }> {
  constructor(
    readonly details: ActivityDetails,
    readonly now: Date,
    readonly metadata: EventMetadata,
  ) {
    super();
  }
}

@CommandHandler(RegisterActivity)
export class RegisterActivityHandler implements ICommandHandler<RegisterActivity> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly organizers: OrganizerSanctions,
  ) {}

  async execute(command: RegisterActivity) {
    const { details } = command;
    const organizer = await this.organizers.state(details.organizerId);
    const eventId = derivedId(details.activityId, 'registered');
    const answer = (replayed: boolean) => ({ activityId: details.activityId, replayed });
    return handle(
      this.store,
      activityDecider,
      activityStreamId(details.activityId),
      { type: 'RegisterActivity', details, organizer, now: command.now },
      {
        metadata: command.metadata,
        eventId: () => eventId,
        occurredAt: command.now,
        check: (_state, loaded) =>
          isReplay(loaded, eventId, command.metadata.requestFingerprint as string | undefined)
            ? { answer: answer(true) }
            : undefined,
        result: () => answer(false),
      },
    );
  }
}
