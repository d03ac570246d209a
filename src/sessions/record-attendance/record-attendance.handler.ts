import { Inject } from '@nestjs/common';
import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { authorize } from '../../shared/http/access-policy';
import {
  EVENT_STORE,
  type EventMetadata,
  type EventStore,
} from '../../event-store/event-store.port';
import { handle } from '../../shared/application/handle';
import { Actor } from '../../shared/http/actor';
import { derivedId } from '../../shared/ids';
import { sessionDecider } from '../domain/session.decider';
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
    const result = await handle(
      this.store,
      sessionDecider,
      streamId,
      {
        type: 'RecordAttendance',
        context,
        attendanceId,
        personId: command.personId,
        method: command.method,
        scannedAt: command.scannedAt,
        deviceId: command.deviceId,
      },
      {
        metadata: command.metadata,
        eventId: () => attendanceId,
        occurredAt: command.scannedAt,
        batched: true,
        result: (state, events) =>
          events.length > 0
            ? { attendanceId, duplicate: false }
            : {
                attendanceId: state.attendance.get(command.personId)?.attendanceId ?? attendanceId,
                duplicate: true,
              },
      },
    );
    if (result.duplicate)
      await this.duplicates.count(command.sessionId, result.attendanceId, command.scannedAt);
    return result;
  }
}
