import { Controller, Get, Inject, Param } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { EVENT_STORE, type EventStore } from '../../event-store/event-store.port';
import { loadState } from '../../shared/application/state-cache';
import { Actor, CurrentActor, Access } from '../../shared/http/actor';
import { authorize } from '../../shared/http/access-policy';
import { sessionEvolver } from '../domain/session.decider';
import { ScanDuplicates } from '../scan-duplicates';
import { isLate, reviewDueOf } from '../../rules/process-deadlines';
import type { RuleProfile } from '../../rules/rule-profiles';
import type { ExecutionReportSubmitted } from '../domain/session.events';

function reviewStatus(
  report: ExecutionReportSubmitted['data'],
  profile: RuleProfile,
  now: Date,
): { dueBy: string; overdue: boolean } {
  const due = reviewDueOf(report, profile);
  return { dueBy: due.toISOString(), overdue: isLate(now, due) };
}
import { SessionContexts, SessionParams } from '../session-contexts';
import { ApiErrorResponses, recordErrors } from '../../shared/http/api-error-responses';
import { SessionAttendanceResponse } from './get-session.response.dto';

@ApiTags('sessions')
@Controller('sessions/:sessionId/attendance')
export class GetSessionController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly sessions: SessionContexts,
    private readonly duplicates: ScanDuplicates,
  ) {}

  @Get()
  @Access('sessions.read')
  @ApiOperation({
    summary: "A session's attendance (with repeated scans counted), report and decision",
  })
  @ApiOkResponse({ type: SessionAttendanceResponse })
  @ApiErrorResponses(...recordErrors)
  async get(@Param() params: SessionParams, @CurrentActor() actor: Actor) {
    const { context, streamId } = await this.sessions.load(params.sessionId);
    authorize(actor, context.activity);
    const { state } = await loadState(this.store, streamId, sessionEvolver);
    const duplicates = await this.duplicates.forSession(params.sessionId);
    const attendance = [...state.attendance.values()].map((a) => ({
      ...a,
      duplicateScans: duplicates.get(a.attendanceId) ?? 0,
    }));
    return {
      activityId: context.activity.activityId,
      ...context.session,
      annulled: context.annulled,
      attendees: attendance.length,
      duplicateScans: attendance.reduce((n, a) => n + a.duplicateScans, 0),
      attendance,
      report: state.report,
      // R14: a filed report awaiting the committee is due for review within 2 weeks of filing.
      review:
        state.report && !state.decision
          ? reviewStatus(state.report, context.profile, new Date())
          : null,
      decision: state.decision
        ? state.decision.approved
          ? { decision: 'approved', creditsPerAttendee: state.decision.data.creditsPerAttendee }
          : { decision: 'rejected', reason: state.decision.reason }
        : null,
    };
  }
}
