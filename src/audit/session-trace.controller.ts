import { inEnglish, type Message, msg, says } from '../shared/domain/messages';
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
import { ApiErrorResponses, recordErrors } from '../shared/http/api-error-responses';
import { SessionTraceResponse } from './trace.response.dto';

export class PersonSessionParams {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'personId must be a UUID' })
  personId!: string;

  @ApiProperty()
  @Matches(compositeIdPattern, says(msg('validation.session-id', { field: 'sessionId' })))
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
  @ApiErrorResponses(...recordErrors)
  async trace(
    @Param() params: PersonSessionParams,
    @Query() query: AsOfQuery,
    @CurrentActor() actor: Actor,
  ) {
    const asOf = asOfDate(query);
    const evidence = await sessionEvidence(this.store, params.sessionId, params.personId, asOf);
    const registered = evidence?.activity.find((e) => e.type === 'ActivityRegistered');
    const scheduled = evidence?.activity.find((e) => e.type === 'SessionScheduled');
    if (!evidence || !registered || !scheduled)
      throw notFound('sessionId', msg('not-found.session'));
    // The person's readers, and the session's organizer (an attendee's trace at its own session).
    await readablePerson(this.store, params.personId, actor, {
      organizerId: (registered.data as ActivityDetails).organizerId,
    });
    const creditId = compositeId(
      params.personId,
      derivedId(params.sessionId, params.personId, 'credit'),
    );
    const own = await personEventsAbout(this.store, params.personId, new Set([creditId]), asOf);
    const { state, explanationCode } = explain(
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
      explanation: inEnglish(explanationCode),
      explanationCode,
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
): { state: CreditState; explanationCode: Message } {
  const last = (events: RecordedEvent[], ...types: string[]) =>
    [...events].reverse().find((e) => types.includes(e.type));
  const annulled = last(activity, 'ActivityAnnulled');
  const grant = last(own, 'CreditGranted');
  const correction = last(own, 'CreditRevoked', 'CreditAnnulled');
  if (correction?.type === 'CreditRevoked')
    return {
      state: 'revoked',
      explanationCode: msg('trace.revoked', {
        reason: (correction.data as { reason: string }).reason,
      }),
    };
  if (correction?.type === 'CreditAnnulled') {
    return {
      state: 'annulled',
      explanationCode: msg('trace.annulled', {
        reason: (correction.data as { reason: string }).reason,
      }),
    };
  }
  if (annulled && !grant) {
    return {
      state: 'project-annulled',
      explanationCode: msg('trace.project-annulled', {
        reason: (annulled.data as { reason: string }).reason,
      }),
    };
  }
  if (!session.some((e) => e.type === 'AttendanceRecorded')) {
    return {
      state: 'no-scan',
      explanationCode: msg('trace.no-scan'),
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
    return {
      state: 'report-not-filed',
      explanationCode: msg('trace.report-not-filed', {
        due: due.toISOString(),
        overdue: isLate(now, due),
      }),
    };
  }
  if (decision.type === 'ExecutionReportSubmitted') {
    const report = decision.data as { submittedAt: string; reviewDueBy?: string };
    const reviewDue = reviewDueOf(report, profileFor(details.jurisdiction, scheduled.creditYear));
    return {
      state: 'report-pending',
      explanationCode: msg('trace.report-pending', {
        submittedAt: report.submittedAt,
        reviewDue: reviewDue.toISOString(),
        overdue: isLate(now, reviewDue),
      }),
    };
  }
  if (decision.type === 'ExecutionReportRejected') {
    return {
      state: 'report-rejected',
      explanationCode: msg('trace.report-rejected', {
        reason: (decision.data as { reason: string }).reason,
      }),
    };
  }
  const notEntered = scheduled.filing?.find((f) => f.creditsNotEntered);
  if (!grant && notEntered)
    return {
      state: 'not-filed',
      explanationCode: msg('trace.not-filed', {
        dueBy: notEntered.dueBy,
        source: notEntered.source,
      }),
    };
  if (!grant)
    return {
      state: 'grant-pending',
      explanationCode: msg('trace.grant-pending'),
    };
  const annulment = annulled?.data as ActivityAnnulled['data'] | undefined;
  const kept = annulment && !annulmentRevokes(annulment, scheduled.startsAt);
  if (annulment && !kept)
    return {
      state: 'annulment-pending',
      explanationCode: msg('trace.annulment-pending', { reason: annulment.reason }),
    };
  const verification = last(own, 'CreditVerified', 'CreditVerificationRejected');
  const credit = grant.data as CreditGrantData;
  if (credit.verification === 'pending' && !verification) {
    return {
      state: 'verification-pending',
      explanationCode: msg('trace.verification-pending'),
    };
  }
  if (verification?.type === 'CreditVerificationRejected') {
    return {
      state: 'verification-rejected',
      explanationCode: msg('trace.verification-rejected', {
        reason: (verification.data as { reason: string }).reason,
      }),
    };
  }
  return {
    state: 'counted',
    explanationCode: kept
      ? msg('trace.counted-kept', { year: credit.creditYear, reason: annulment.reason })
      : msg('trace.counted', { year: credit.creditYear }),
  };
}
