import { Inject } from '@nestjs/common';
import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { authorize } from '../../shared/http/access-policy';
import {
  EVENT_STORE,
  type EventMetadata,
  type EventStore,
} from '../../event-store/event-store.port';
import { runCommand } from '../../shared/application/command-retry';
import { isReplay } from '../../shared/http/command-metadata';
import { Actor } from '../../shared/http/actor';
import { derivedId, randomId } from '../../shared/ids';
import { decideSubmitReport, sessionEvolver } from '../domain/session.decider';
import { ExecutionReportSubmitted } from '../domain/session.events';
import { SessionContexts } from '../session-contexts';

export class SubmitReport extends Command<
  ExecutionReportSubmitted['data'] & { replayed: boolean }
> {
  constructor(
    readonly sessionId: string,
    readonly hoursTaught: string,
    readonly submittedAt: Date,
    readonly actor: Actor,
    readonly idempotencyKey: string | undefined,
    readonly now: Date,
    readonly metadata: EventMetadata,
  ) {
    super();
  }
}

@CommandHandler(SubmitReport)
export class SubmitReportHandler implements ICommandHandler<SubmitReport> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly sessions: SessionContexts,
  ) {}

  async execute(command: SubmitReport) {
    const { context, streamId } = await this.sessions.load(command.sessionId);
    authorize(command.actor, context.activity);
    const eventId = command.idempotencyKey
      ? derivedId(command.sessionId, 'report', command.idempotencyKey)
      : randomId();
    return runCommand(
      this.store,
      streamId,
      sessionEvolver,
      (state, loaded) => {
        if (
          isReplay(loaded, eventId, command.metadata.requestFingerprint as string | undefined) &&
          state.report
        ) {
          return { events: [], result: { ...state.report, replayed: true } };
        }
        const event = decideSubmitReport(state, context, {
          hoursTaught: command.hoursTaught,
          submittedAt: command.submittedAt,
          now: command.now,
        });
        return {
          events: [{ event, eventId, occurredAt: command.submittedAt }],
          result: { ...event.data, replayed: false },
        };
      },
      command.metadata,
    );
  }
}
