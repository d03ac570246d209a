import { Inject } from '@nestjs/common';
import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { EVENT_STORE, type EventStore } from '../../event-store/event-store.port';
import { EventMetadata } from '../../event-store/event-store.port';
import { derivedId } from '../../shared/ids';
import { runCommand } from '../../shared/application/command-retry';
import { isReplay } from '../../shared/http/command-metadata';
import { conflict } from '../../shared/domain/domain-error';
import { activityEvolver, checkActivityDetails } from '../domain/activity.decider';
import { ActivityDetails, ActivityEvent, activityStreamId } from '../domain/activity.events';

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
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async execute(command: RegisterActivity) {
    const { details } = command;
    checkActivityDetails(details);
    const eventId = derivedId(details.activityId, 'registered');
    return runCommand(
      this.store,
      activityStreamId(details.activityId),
      activityEvolver,
      (state, loaded) => {
        if (isReplay(loaded, eventId, command.metadata.requestFingerprint as string | undefined)) {
          return { events: [], result: { activityId: details.activityId, replayed: true } };
        }
        if (state.details) throw conflict('an activity with this id exists already');
        const event: ActivityEvent = { type: 'ActivityRegistered', data: details };
        return {
          events: [{ event, eventId, occurredAt: command.now }],
          result: { activityId: details.activityId, replayed: false },
        };
      },
      command.metadata,
    );
  }
}
