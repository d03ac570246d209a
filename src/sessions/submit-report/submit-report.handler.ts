import { Inject } from '@nestjs/common';
import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { authorize } from '../../shared/http/access-policy';
import {
  EVENT_STORE,
  type EventMetadata,
  type EventStore,
} from '../../event-store/event-store.port';
import { handle } from '../../shared/application/handle';
import { isReplay } from '../../shared/http/command-metadata';
import { Actor } from '../../shared/http/actor';
import { derivedId, randomId } from '../../shared/ids';
import { sessionDecider } from '../domain/session.decider';
import { ExecutionReportSubmitted, ReportedChanges } from '../domain/session.events';
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
    readonly evaluationLevels?: number[],
    readonly changes?: ReportedChanges,
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
    return handle(
      this.store,
      sessionDecider,
      streamId,
      {
        type: 'SubmitReport',
        context,
        hoursTaught: command.hoursTaught,
        submittedAt: command.submittedAt,
        now: command.now,
        evaluationLevels: command.evaluationLevels,
        changes: command.changes,
      },
      {
        metadata: command.metadata,
        eventId: () => eventId,
        occurredAt: command.submittedAt,
        check: (state, loaded) =>
          isReplay(loaded, eventId, command.metadata.requestFingerprint as string | undefined) &&
          state.report
            ? { answer: { ...state.report, replayed: true } }
            : undefined,
        result: (_state, events) => ({
          ...(events[0] as ExecutionReportSubmitted).data,
          replayed: false,
        }),
      },
    );
  }
}
