import { Inject } from '@nestjs/common';
import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { authorize } from '../../shared/http/access-policy';
import {
  EVENT_STORE,
  type EventMetadata,
  type EventStore,
} from '../../event-store/event-store.port';
import { runBatchedCommand } from '../../shared/application/group-commit';
import { Actor } from '../../shared/http/actor';
import { derivedId } from '../../shared/ids';
import { decideScan, sessionEvolver } from '../domain/session.decider';
import { ScanMethod } from '../domain/session.events';
import { ScanDuplicates } from '../scan-duplicates';
import { SessionContexts } from '../session-contexts';

export class RecordAttendance extends Command<{ attendanceId: string; duplicate: boolean }> {
  constructor(
    readonly sessionId: string,
    readonly personId: string,
    readonly method: ScanMethod,
    readonly scannedAt: Date,
    readonly deviceId: string,
    readonly actor: Actor,
    readonly metadata: EventMetadata,
  ) {
    super();
  }
}

/** One scan: the same person at the same session is one attendance however often scanned. */
@CommandHandler(RecordAttendance)
export class RecordAttendanceHandler implements ICommandHandler<RecordAttendance> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly sessions: SessionContexts,
    private readonly duplicates: ScanDuplicates,
  ) {}

  async execute(command: RecordAttendance) {
    const { context, streamId } = await this.sessions.load(command.sessionId);
    authorize(command.actor, context.activity);
    const attendanceId = derivedId(command.sessionId, command.personId, 'attendance');
    const result = await runBatchedCommand(
      this.store,
      streamId,
      sessionEvolver,
      (state) => {
        const outcome = decideScan(state, context, {
          attendanceId,
          personId: command.personId,
          method: command.method,
          scannedAt: command.scannedAt,
          deviceId: command.deviceId,
        });
        if (outcome.duplicate)
          return {
            events: [],
            result: { attendanceId: outcome.attendance.attendanceId, duplicate: true },
          };
        return {
          events: [{ event: outcome.event, eventId: attendanceId, occurredAt: command.scannedAt }],
          result: { attendanceId, duplicate: false },
        };
      },
      command.metadata,
    );
    if (result.duplicate)
      await this.duplicates.count(command.sessionId, result.attendanceId, command.scannedAt);
    return result;
  }
}
