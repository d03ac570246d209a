import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsUUID, Matches } from 'class-validator';
import { annulmentRevokes } from '../activities/domain/activity.decider';
import type {
  ActivityAnnulled,
  ActivityDetails,
  SessionScheduled,
} from '../activities/domain/activity.events';
import { EVENT_STORE, type EventStore, type RecordedEvent } from '../event-store/event-store.port';
import type { CreditGrantData } from '../persons/domain/person.events';
import { readablePerson } from '../persons/readable-person';
import { type FilingFlag, isLate, reportDueBy, reviewDueOf } from '../rules/process-deadlines';
import { profileFor } from '../rules/rule-profiles';
import { notFound } from '../shared/domain/domain-error';
import { AsOfQuery, asOfDate } from '../shared/http/as-of.query';
import { Actor, CurrentActor, Access } from '../shared/http/actor';
import { compositeIdPattern } from '../shared/http/validators';
import { compositeId, derivedId } from '../shared/ids';
import { inLogOrder, personEventsAbout, sessionEvidence, traceStep } from './trace';

export class PersonSessionParams {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'personId must be a UUID' })
  personId!: string;

  @ApiProperty()
  @Matches(compositeIdPattern, {
    message: 'sessionId must be a session id as returned when the session was scheduled',
  })
  sessionId!: string;
}

export type CreditState =
  | 'no-scan'
  | 'report-not-filed'
  | 'report-pending'
  | 'report-rejected'
  | 'project-annulled'
  | 'not-filed'
  | 'grant-pending'
  | 'annulment-pending'
  | 'verification-pending'
  | 'verification-rejected'
  | 'revoked'
  | 'annulled'
  | 'counted';

export class TraceStepResponse {
  @ApiProperty({ example: 'AttendanceRecorded' }) type!: string;
  @ApiProperty() eventId!: string;
  @ApiProperty() streamId!: string;
  @ApiProperty() streamVersion!: number;
  @ApiProperty({ nullable: true }) actor!: string | null;
  @ApiProperty({ nullable: true }) role!: string | null;
  @ApiProperty({ nullable: true }) reason!: string | null;
  @ApiProperty({ format: 'date-time' }) occurredAt!: string;
  @ApiProperty({ format: 'date-time' }) recordedAt!: string;
  @ApiProperty() globalPosition!: string;
  @ApiProperty({ example: '7412:1041' }) position!: string;
  @ApiProperty() hash!: string;
  @ApiProperty({ type: 'object', additionalProperties: true }) data!: Record<string, unknown>;
  @ApiProperty({ nullable: true, type: 'object', additionalProperties: true })
  imported!: Record<string, unknown> | null;
}

export class SessionTraceResponse {
  @ApiProperty({ format: 'uuid' }) personId!: string;
  @ApiProperty() sessionId!: string;
  @ApiProperty({ nullable: true, format: 'date-time' }) asOf!: string | null;
  @ApiProperty({
    enum: [
      'no-scan',
      'report-not-filed',
      'report-pending',
      'report-rejected',
      'project-annulled',
      'not-filed',
      'grant-pending',
      'annulment-pending',
      'verification-pending',
      'verification-rejected',
      'revoked',
      'annulled',
      'counted',
    ],
  })
  state!: string;
  @ApiProperty({ description: 'what is awaited, and from whom' }) explanation!: string;
  @ApiProperty({ nullable: true }) creditId!: string | null;
  @ApiProperty({ type: [TraceStepResponse] }) steps!: TraceStepResponse[];
}

/**
 * 学分未到账: why a person who attended a session has no counted credit (yet). Walks the path a
 * credit takes — scan, report, decision, grant, verification, corrections — and stops at the first
 * step that is missing, saying what is awaited and from whom.
 */
@ApiTags('audit')
@Controller('persons/:personId/sessions/:sessionId/trace')
export class SessionTraceController {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  @Get()
  @Access('persons.session-trace')
  @ApiOperation({
    summary: 'Why a person who attended a session has no counted credit yet (学分未到账)',
  })
  @ApiOkResponse({ type: SessionTraceResponse })
  async trace(
    @Param() params: PersonSessionParams,
    @Query() query: AsOfQuery,
    @CurrentActor() actor: Actor,
  ) {
    const asOf = asOfDate(query);
    const evidence = await sessionEvidence(this.store, params.sessionId, params.personId, asOf);
    const registered = evidence?.activity.find((e) => e.type === 'ActivityRegistered');
    const scheduled = evidence?.activity.find((e) => e.type === 'SessionScheduled');
    if (!evidence || !registered || !scheduled) throw notFound('sessionId', 'no such session');
    // The person's readers, and the session's organizer (an attendee's trace at its own session).
    await readablePerson(this.store, params.personId, actor, {
      organizerId: (registered.data as ActivityDetails).organizerId,
    });
    const creditId = compositeId(
      params.personId,
      derivedId(params.sessionId, params.personId, 'credit'),
    );
    const own = await personEventsAbout(this.store, params.personId, new Set([creditId]), asOf);
    const { state, explanation } = explain(
      evidence.activity,
      evidence.session,
      own,
      registered.data as ActivityDetails,
      scheduled.data as SessionScheduled['data'],
      asOf ?? new Date(),
    );
    return {
      personId: params.personId,
      sessionId: params.sessionId,
      asOf: asOf?.toISOString() ?? null,
      state,
      explanation,
      creditId: own.length > 0 ? creditId : null,
      steps: inLogOrder([...evidence.activity, ...evidence.session, ...own]).map(traceStep),
    };
  }
}

function explain(
  activity: RecordedEvent[],
  session: RecordedEvent[],
  own: RecordedEvent[],
  details: ActivityDetails,
  scheduled: { startsAt: string; endsAt: string; creditYear: number; filing?: FilingFlag[] },
  now: Date,
): { state: CreditState; explanation: string } {
  const last = (events: RecordedEvent[], ...types: string[]) =>
    [...events].reverse().find((e) => types.includes(e.type));
  const annulled = last(activity, 'ActivityAnnulled');
  const grant = last(own, 'CreditGranted');
  const correction = last(own, 'CreditRevoked', 'CreditAnnulled');
  if (correction?.type === 'CreditRevoked')
    return {
      state: 'revoked',
      explanation: `the credit was revoked: ${(correction.data as { reason: string }).reason}`,
    };
  if (correction?.type === 'CreditAnnulled') {
    return {
      state: 'annulled',
      explanation: `the credit no longer counts: ${(correction.data as { reason: string }).reason} (R15)`,
    };
  }
  if (annulled && !grant) {
    return {
      state: 'project-annulled',
      explanation: `the project was annulled (R15): ${(annulled.data as { reason: string }).reason}`,
    };
  }
  if (!session.some((e) => e.type === 'AttendanceRecorded')) {
    return {
      state: 'no-scan',
      explanation:
        'no scan of this person was recorded at this session; ask the organizer to check the attendance record',
    };
  }
  const decision = last(
    session,
    'ExecutionReportSubmitted',
    'ExecutionReportApproved',
    'ExecutionReportRejected',
  );
  if (!decision) {
    const due = reportDueBy(
      new Date(scheduled.endsAt),
      profileFor(details.jurisdiction, scheduled.creditYear),
    );
    const overdue = isLate(now, due)
      ? ` — overdue since ${due.toISOString()}`
      : ` (due by ${due.toISOString()})`;
    return {
      state: 'report-not-filed',
      explanation: `the organizer has not filed the execution report${overdue} (R14); credits appear only after it is approved`,
    };
  }
  if (decision.type === 'ExecutionReportSubmitted') {
    const report = decision.data as { submittedAt: string; reviewDueBy?: string };
    const reviewDue = reviewDueOf(report, profileFor(details.jurisdiction, scheduled.creditYear));
    const reviewOverdue = isLate(now, reviewDue)
      ? `; the review is overdue since ${reviewDue.toISOString()}`
      : ` (review due by ${reviewDue.toISOString()})`;
    return {
      state: 'report-pending',
      explanation: `the execution report filed ${report.submittedAt} awaits the committee's review${reviewOverdue} (R14)`,
    };
  }
  if (decision.type === 'ExecutionReportRejected') {
    return {
      state: 'report-rejected',
      explanation: `the committee rejected the execution report: ${(decision.data as { reason: string }).reason}`,
    };
  }
  const notEntered = scheduled.filing?.find((f) => f.creditsNotEntered);
  if (!grant && notEntered)
    return {
      state: 'not-filed',
      explanation: `the session was filed with the committee too late (due by ${notEntered.dueBy}; ${notEntered.source}): it is not filed and its credits are not entered (R14)`,
    };
  if (!grant)
    return {
      state: 'grant-pending',
      explanation:
        'the report was approved; the grant follows from the approval in the log (the credit-effects reactor, see GET /projections) and needs nobody to act',
    };
  const annulment = annulled?.data as ActivityAnnulled['data'] | undefined;
  const kept = annulment && !annulmentRevokes(annulment, scheduled.startsAt);
  if (annulment && !kept)
    return {
      state: 'annulment-pending',
      explanation: `the project was annulled (R15): ${annulment.reason}; the credit's annulment follows from the log (the credit-effects reactor) and needs nobody to act`,
    };
  const verification = last(own, 'CreditVerified', 'CreditVerificationRejected');
  const credit = grant.data as CreditGrantData;
  if (credit.verification === 'pending' && !verification) {
    return {
      state: 'verification-pending',
      explanation: 'a remote credit counts only after the provincial committee verifies it (R5)',
    };
  }
  if (verification?.type === 'CreditVerificationRejected') {
    return {
      state: 'verification-rejected',
      explanation: `verification was rejected: ${(verification.data as { reason: string }).reason}`,
    };
  }
  return {
    state: 'counted',
    explanation: kept
      ? `the credit counts for ${credit.creditYear}; the project was annulled (R15: ${annulment.reason}) and the committee kept the credits of this session`
      : `the credit counts for ${credit.creditYear}`,
  };
}
