import { msg } from '../../shared/domain/messages';
import { requireReason } from '../../shared/domain/reason';
import { compare, isPositive, scaleDown, minus } from '../../shared/domain/credits';
import { assertNever, conflict, invalid, ruleViolated } from '../../shared/domain/domain-error';
import type { Decider } from '../../shared/domain/domain-event';
import { daysBetween } from '../../shared/domain/shanghai-time';
import type { ActivityDetails } from '../../activities/domain/activity.events';
import type { ScheduledSession } from '../../activities/domain/activity.decider';
import type { RuleProfile } from '../../rules/rule-profiles';
import { isLate, reportDueBy, reviewDueBy } from '../../rules/process-deadlines';
import {
  AttendanceRecorded,
  ExecutionReportApproved,
  ExecutionReportRejected,
  ExecutionReportSubmitted,
  ReportedChanges,
  ReportFlag,
  ScanMethod,
  teacherTitles,
  SessionEvent,
} from './session.events';
import Decimal from 'decimal.js';

/** A scan may come a little before the start or after the end (queues at the door). */
export const scanGraceMs = 2 * 60 * 60 * 1000;
/** A report cannot be dated in the future beyond clock skew. */
export const clockSkewMs = 5 * 60 * 1000;

export interface Attendance {
  attendanceId: string;
  personId: string;
  method: ScanMethod;
  scannedAt: string;
  deviceId: string;
}

export interface SessionState {
  attendance: Map<string, Attendance>;
  report: ExecutionReportSubmitted['data'] | null;
  decision:
    | { approved: true; data: ExecutionReportApproved['data'] }
    | { approved: false; reason: string }
    | null;
}

export const sessionEvolver = {
  initialState: (): SessionState => ({ attendance: new Map(), report: null, decision: null }),
  evolve(state: SessionState, event: SessionEvent): SessionState {
    switch (event.type) {
      case 'AttendanceRecorded': {
        if (state.attendance.has(event.data.personId))
          throw new Error('invariant: one attendance per person and session');
        // States are folded forward and never revisited, so the map is extended in place: copying it
        // per event made loading a session of n scans cost n² (the scan endpoint's hot path).
        state.attendance.set(event.data.personId, event.data);
        return { ...state };
      }
      case 'ExecutionReportSubmitted':
        return { ...state, report: event.data, decision: null };
      case 'ExecutionReportApproved':
        return { ...state, decision: { approved: true, data: event.data } };
      case 'ExecutionReportRejected':
        return { ...state, decision: { approved: false, reason: event.data.reason } };
      default:
        return assertNever(event);
    }
  },
};

export interface SessionContext {
  activity: ActivityDetails;
  session: ScheduledSession;
  annulled: { reason: string } | null;
  profile: RuleProfile;
}

export type ScanOutcome =
  { duplicate: true; attendance: Attendance } | { duplicate: false; event: AttendanceRecorded };

/** One scan. The same person at the same session is one attendance, however often scanned. */
export function decideScan(
  state: SessionState,
  context: SessionContext,
  command: {
    attendanceId: string;
    personId: string;
    method: ScanMethod;
    scannedAt: Date;
    deviceId: string;
  },
): ScanOutcome {
  const existing = state.attendance.get(command.personId);
  if (existing) return { duplicate: true, attendance: existing };
  if (context.annulled)
    throw conflict(msg('conflict.activity-annulled', { reason: context.annulled.reason }));
  if (state.decision?.approved) throw conflict(msg('conflict.attendance-closed'));
  const starts = Date.parse(context.session.startsAt) - scanGraceMs;
  const ends = Date.parse(context.session.endsAt) + scanGraceMs;
  const at = command.scannedAt.getTime();
  if (at < starts || at > ends) {
    throw invalid(
      'scannedAt',
      msg('invalid.scan-outside-session', {
        startsAt: context.session.startsAt,
        endsAt: context.session.endsAt,
      }),
    );
  }
  return {
    duplicate: false,
    event: {
      type: 'AttendanceRecorded',
      data: {
        attendanceId: command.attendanceId,
        personId: command.personId,
        method: command.method,
        scannedAt: command.scannedAt.toISOString(),
        deviceId: command.deviceId,
      },
    },
  };
}

/** R17 (004 §六.5): levels 1–3 of the seven evaluation levels are required of every project. */
export const evaluationLevelsRequired = [1, 2, 3] as const;

/**
 * R14: the organizer's execution report; late reports are kept and flagged, not refused. R12:
 * changes of teachers and content beyond the allowed share, or a replacement teacher of a lower
 * title, are flagged for the approving committee; credits are still reduced to the hours taught.
 * R17: a project's report names the evaluation levels done, 1–3 at least.
 */
export function decideSubmitReport(
  state: SessionState,
  context: SessionContext,
  command: {
    hoursTaught: string;
    submittedAt: Date;
    now: Date;
    evaluationLevels?: number[];
    changes?: ReportedChanges;
  },
): ExecutionReportSubmitted {
  if (context.annulled)
    throw conflict(msg('conflict.activity-annulled', { reason: context.annulled.reason }));
  if (state.decision?.approved) throw conflict(msg('conflict.report-approved'));
  if (state.report && !state.decision) throw conflict(msg('conflict.report-waiting'));
  if (!isPositive(command.hoursTaught)) throw invalid('hoursTaught', msg('invalid.hours-taught'));
  if (compare(command.hoursTaught, context.activity.hours) > 0) {
    throw invalid(
      'hoursTaught',
      msg('invalid.hours-taught-max', { hours: context.activity.hours }),
    );
  }
  const levels = [...new Set(command.evaluationLevels ?? [])].sort((a, b) => a - b);
  if (levels.some((l) => !Number.isInteger(l) || l < 1 || l > 7))
    throw invalid('evaluationLevels', msg('invalid.evaluation-levels'));
  const missing = evaluationLevelsRequired.filter((l) => !levels.includes(l));
  if (context.activity.kind === 'project' && missing.length > 0) {
    throw ruleViolated(
      'R17',
      'evaluationLevels',
      msg('rule.evaluation-levels', { missing: missing.map(String) }),
    );
  }
  const changes = command.changes;
  if (changes) {
    for (const [field, share] of [
      ['changes.teachersChangedShare', changes.teachersChangedShare],
      ['changes.contentChangedShare', changes.contentChangedShare],
    ] as const) {
      if (compare(share, '0') < 0 || compare(share, '1') > 0)
        throw invalid(field, msg('invalid.share', { name: field.slice('changes.'.length) }));
    }
  }
  const ended = new Date(context.session.endsAt);
  if (command.submittedAt.getTime() < ended.getTime())
    throw invalid('submittedAt', msg('invalid.report-before-end'));
  if (command.submittedAt.getTime() > command.now.getTime() + clockSkewMs)
    throw invalid('submittedAt', msg('invalid.submitted-future'));
  const dueBy = reportDueBy(ended, context.profile);
  const late = isLate(command.submittedAt, dueBy);
  const allowed = context.profile.projectChangeShareMax.value;
  const missingShare = new Decimal(minus(context.activity.hours, command.hoursTaught)).dividedBy(
    context.activity.hours,
  );
  const hoursShort = missingShare.greaterThan(allowed);
  const flags: ReportFlag[] = [];
  if (late) flags.push({ rule: 'R14', code: 'late' });
  if (hoursShort) flags.push({ rule: 'R12', code: 'hours-short-over-share' });
  if (changes && compare(changes.teachersChangedShare, allowed) > 0)
    flags.push({ rule: 'R12', code: 'teachers-changed-over-share' });
  if (changes && compare(changes.contentChangedShare, allowed) > 0)
    flags.push({ rule: 'R12', code: 'content-changed-over-share' });
  if (
    changes?.replacements.some(
      (r) => teacherTitles.indexOf(r.replacementTitle) < teacherTitles.indexOf(r.replacedTitle),
    )
  )
    flags.push({ rule: 'R12', code: 'replacement-title-lower' });
  return {
    type: 'ExecutionReportSubmitted',
    data: {
      sessionId: context.session.sessionId,
      activityId: context.activity.activityId,
      hoursTaught: command.hoursTaught,
      submittedAt: command.submittedAt.toISOString(),
      late,
      daysAfterSession: daysBetween(ended, command.submittedAt),
      dueBy: dueBy.toISOString(),
      reviewDueBy: reviewDueBy(command.submittedAt, context.profile).toISOString(),
      changeExceedsAllowedShare: hoursShort,
      ...(changes ? { changes } : {}),
      evaluationLevels: levels,
      flags,
    },
  };
}

/**
 * The committee's decision. Approval grants every attendee the credits reduced to the hours
 * actually taught (R12); they become visible only now (R14).
 */
export function decideReport(
  state: SessionState,
  context: SessionContext,
  command: { approve: boolean; reason: string | null; creditIdOf: (personId: string) => string },
): (ExecutionReportApproved | ExecutionReportRejected)[] {
  if (!state.report) throw conflict(msg('conflict.no-report'));
  if (state.decision) {
    // Deciding the same way again is a retry; the other way round is a conflict.
    if (state.decision.approved === command.approve) return [];
    throw conflict(msg('conflict.report-decided', { approved: state.decision.approved }));
  }
  if (context.annulled)
    throw conflict(msg('conflict.activity-annulled', { reason: context.annulled.reason }));
  if (!command.approve) {
    const reason = requireReason(command.reason);
    return [
      {
        type: 'ExecutionReportRejected',
        data: {
          reason,
          sessionId: context.session.sessionId,
          activityId: context.activity.activityId,
        },
      },
    ];
  }
  const creditsPerAttendee =
    compare(state.report.hoursTaught, context.activity.hours) >= 0
      ? context.activity.credits
      : scaleDown(context.activity.credits, state.report.hoursTaught, context.activity.hours);
  return [
    {
      type: 'ExecutionReportApproved',
      data: {
        sessionId: context.session.sessionId,
        activityId: context.activity.activityId,
        hoursTaught: state.report.hoursTaught,
        plannedHours: context.activity.hours,
        plannedCredits: context.activity.credits,
        creditsPerAttendee,
        grants: [...state.attendance.values()].map((a) => ({
          personId: a.personId,
          creditId: command.creditIdOf(a.personId),
          attendanceId: a.attendanceId,
          scannedAt: a.scannedAt,
        })),
      },
    },
  ];
}

/**
 * What can be asked of a session's stream. Each carries the session's context (its activity's
 * facts, read from the activity stream) and its times and ids as data.
 */
export type SessionCommand =
  | {
      type: 'RecordAttendance';
      context: SessionContext;
      attendanceId: string;
      personId: string;
      method: ScanMethod;
      scannedAt: Date;
      deviceId: string;
    }
  | {
      type: 'SubmitReport';
      context: SessionContext;
      hoursTaught: string;
      submittedAt: Date;
      now: Date;
      evaluationLevels?: number[];
      changes?: ReportedChanges;
    }
  | {
      type: 'DecideReport';
      context: SessionContext;
      approve: boolean;
      reason: string | null;
      /** The id each attendee's credit gets (derived, so a retried approval grants the same). */
      creditIdOf: (personId: string) => string;
    };

export const sessionDecider: Decider<SessionCommand, SessionState, SessionEvent> = {
  initialState: sessionEvolver.initialState,
  evolve: sessionEvolver.evolve,
  decide(command, state) {
    switch (command.type) {
      case 'RecordAttendance': {
        // A repeated scan records nothing: the attendance already in the state answers it.
        const outcome = decideScan(state, command.context, command);
        return outcome.duplicate ? [] : [outcome.event];
      }
      case 'SubmitReport':
        return [decideSubmitReport(state, command.context, command)];
      case 'DecideReport':
        return decideReport(state, command.context, command);
      default:
        return assertNever(command);
    }
  },
};
