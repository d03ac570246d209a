import { Inject } from '@nestjs/common';
import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import {
  EVENT_STORE,
  type EventMetadata,
  type EventStore,
} from '../../event-store/event-store.port';
import { PersonCredits } from '../../persons/person-credits.service';
import { runCommand } from '../../shared/event-sourcing';
import { Actor } from '../../shared/http/actor';
import { authorize } from '../../shared/http/access-policy';
import { compositeId, derivedId } from '../../shared/ids';
import { decideReport, sessionEvolver, SessionState } from '../domain/session.decider';
import { SessionContexts } from '../session-contexts';

export class DecideReport extends Command<{
  decision: 'approved' | 'rejected';
  creditsPerAttendee: string | null;
  attendees: number;
  creditsGranted: number;
  reason: string | null;
}> {
  constructor(
    readonly sessionId: string,
    readonly approve: boolean,
    readonly reason: string | null,
    readonly actor: Actor,
    readonly now: Date,
    readonly metadata: EventMetadata,
  ) {
    super();
  }
}

/**
 * The committee's decision on an execution report. Approval grants each attendee the session's
 * credits (R12: reduced to the hours taught) on their own stream; repeating the approval after a
 * failure completes the grants without doubling any.
 */
@CommandHandler(DecideReport)
export class DecideReportHandler implements ICommandHandler<DecideReport> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly sessions: SessionContexts,
    private readonly personCredits: PersonCredits,
  ) {}

  async execute(command: DecideReport) {
    const { context, streamId } = await this.sessions.load(command.sessionId);
    authorize(command.actor, context.activity);
    const state = await runCommand<
      SessionState,
      Parameters<typeof sessionEvolver.evolve>[1],
      SessionState
    >(
      this.store,
      streamId,
      sessionEvolver,
      (current, loaded) => {
        const events = decideReport(current, context, {
          approve: command.approve,
          reason: command.reason,
          creditIdOf: (personId) =>
            compositeId(personId, derivedId(command.sessionId, personId, 'credit')),
        });
        return {
          events: events.map((event) => ({
            event,
            eventId: derivedId(command.sessionId, 'decision', String(loaded.version)),
            occurredAt: command.now,
          })),
          result: events.reduce((s, e) => sessionEvolver.evolve(s, e), current),
        };
      },
      command.metadata,
    );
    const decision = state.decision;
    if (!decision || !decision.approved) {
      return {
        decision: 'rejected' as const,
        creditsPerAttendee: null,
        attendees: state.attendance.size,
        creditsGranted: 0,
        reason: decision && !decision.approved ? decision.reason : null,
      };
    }
    const { data } = decision;
    const calculation =
      data.creditsPerAttendee === data.plannedCredits
        ? `${data.plannedCredits} credits as approved (${data.hoursTaught} of ${data.plannedHours} h taught)`
        : `R12: ${data.plannedCredits} credits × ${data.hoursTaught} h taught ÷ ${data.plannedHours} h planned = ${data.creditsPerAttendee} (rounded down to tenths)`;
    const creditsGranted = await this.personCredits.grantProjectCredits(
      context.activity,
      command.sessionId,
      data.creditsPerAttendee,
      data.hoursTaught,
      calculation,
      data.grants,
      command.metadata,
    );
    return {
      decision: 'approved' as const,
      creditsPerAttendee: data.creditsPerAttendee,
      attendees: data.grants.length,
      creditsGranted,
      reason: null,
    };
  }
}
