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
import { handle } from '../../shared/application/handle';
import { Actor } from '../../shared/http/actor';
import { authorize } from '../../shared/http/access-policy';
import { compositeId, derivedId } from '../../shared/ids';
import { sessionDecider } from '../domain/session.decider';
import { SessionContexts } from '../session-contexts';

export interface ReportDecisionResult {
  decision: 'approved' | 'rejected';
  creditsPerAttendee: string | null;
  attendees: number;
  /** Grants this approval made; `grants` says whether they are all in the log yet (null when
   * this request recorded nothing: a rejection, or an approval repeated). */
  creditsGranted: number | null;
  grants: 'recorded' | 'pending' | 'refused' | null;
  reason: string | null;
}

export class DecideReport extends Command<ReportDecisionResult> {
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
 * The committee's decision on an execution report: one event on the session's stream. The grants
 * (R12: reduced to the hours taught) follow from the log — the credit-effects reactor writes them
 * to each attendee's stream — so a crash midway never leaves an approval half granted. The request
 * waits a bounded time to report them.
 */
@CommandHandler(DecideReport)
export class DecideReportHandler implements ICommandHandler<DecideReport> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(REACTIONS) private readonly reactions: Reactions,
    private readonly sessions: SessionContexts,
  ) {}

  async execute(command: DecideReport): Promise<ReportDecisionResult> {
    const { context, streamId } = await this.sessions.load(command.sessionId);
    authorize(command.actor, context.activity);
    const { state, decided } = await handle(
      this.store,
      sessionDecider,
      streamId,
      {
        type: 'DecideReport',
        context,
        approve: command.approve,
        reason: command.reason,
        creditIdOf: (personId) =>
          compositeId(personId, derivedId(command.sessionId, personId, 'credit')),
      },
      {
        metadata: command.metadata,
        eventId: (_event, _index, loaded) =>
          derivedId(command.sessionId, 'decision', String(loaded.version)),
        occurredAt: command.now,
        // The decision's id and stream version, for the reaction to wait for (none if a repeat).
        result: (after, events, loaded) => ({
          state: after,
          decided:
            events.length > 0
              ? {
                  eventId: derivedId(command.sessionId, 'decision', String(loaded.version)),
                  version: loaded.version + 1,
                }
              : null,
        }),
      },
    );
    const decision = state.decision;
    if (!decision || !decision.approved) {
      return {
        decision: 'rejected',
        creditsPerAttendee: null,
        attendees: state.attendance.size,
        creditsGranted: 0,
        grants: null,
        reason: decision && !decision.approved ? decision.reason : null,
      };
    }
    // A repeated approval records nothing; its grants follow from the first one.
    const reaction = decided
      ? await this.reactions.awaitReaction<CreditEffects>({
          reactor: creditEffectsReactorName,
          streamId,
          ...decided,
        })
      : null;
    const outcome = reaction?.status === 'done' ? reaction.outcome : null;
    return {
      decision: 'approved',
      creditsPerAttendee: decision.data.creditsPerAttendee,
      attendees: decision.data.grants.length,
      // A repeat granted nothing; null when another instance granted and only it knows how many.
      creditsGranted: !decided ? 0 : outcome?.kind === 'granted' ? outcome.creditsGranted : null,
      grants: reaction === null ? null : reaction.status === 'done' ? 'recorded' : reaction.status,
      reason: null,
    };
  }
}
