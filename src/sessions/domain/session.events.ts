import { Amount } from '../../shared/domain/credits';
import { DomainEvent } from '../../shared/domain/domain-event';

export const scanMethods = ['id-card', 'qr', 'manual'] as const;
export type ScanMethod = (typeof scanMethods)[number];

export type AttendanceRecorded = DomainEvent<
  'AttendanceRecorded',
  {
    attendanceId: string;
    personId: string;
    method: ScanMethod;
    scannedAt: string;
    deviceId: string;
  }
>;
/** Teacher titles, lowest first (004 §六.4: a replacement's title may not be lower). */
export const teacherTitles = ['junior', 'intermediate', 'associate-senior', 'senior'] as const;
export type TeacherTitle = (typeof teacherTitles)[number];

/** R12 (004 §六.4): what changed against the approved application. */
export interface ReportedChanges {
  /** Share of the planned teachers replaced, 0–1. */
  teachersChangedShare: Amount;
  /** Share of the planned content changed, 0–1. */
  contentChangedShare: Amount;
  /** Each replacement teacher's title beside the title of the teacher replaced. */
  replacements: { replacedTitle: TeacherTitle; replacementTitle: TeacherTitle }[];
}

/** Something the approving committee is shown on a report; it does not refuse the report. */
export interface ReportFlag {
  rule: string;
  code:
    | 'late'
    | 'hours-short-over-share'
    | 'teachers-changed-over-share'
    | 'content-changed-over-share'
    | 'replacement-title-lower';
}

export type ExecutionReportSubmitted = DomainEvent<
  'ExecutionReportSubmitted',
  {
    /** The session and its activity (absent on reports filed before they were recorded). */
    sessionId?: string;
    activityId?: string;
    hoursTaught: Amount;
    submittedAt: string;
    /** R14: filed after the report was due (`dueBy`); kept and flagged. */
    late: boolean;
    daysAfterSession: number;
    /** R14: when the report was due, and when the committee's review is due. */
    dueBy?: string;
    reviewDueBy?: string;
    /** R12: hours taught fell short of plan by more than the allowed share of change. */
    changeExceedsAllowedShare: boolean;
    /** R12: the changes of teachers and content the organizer reports. */
    changes?: ReportedChanges;
    /** R17: the evaluation levels (1–7) done for this session. */
    evaluationLevels?: number[];
    /** Everything the approving committee should look at, with its rule. */
    flags?: ReportFlag[];
  }
>;
export type ExecutionReportApproved = DomainEvent<
  'ExecutionReportApproved',
  {
    /** The session and its activity, so the grants can follow from the log alone (absent on
     * approvals recorded before grants moved to the credit-effects reactor). */
    sessionId?: string;
    activityId?: string;
    hoursTaught: Amount;
    plannedHours: Amount;
    plannedCredits: Amount;
    /** R12: credits reduced to the hours actually taught. */
    creditsPerAttendee: Amount;
    grants: { personId: string; creditId: string; attendanceId: string; scannedAt: string }[];
  }
>;
export type ExecutionReportRejected = DomainEvent<
  'ExecutionReportRejected',
  { reason: string; sessionId?: string; activityId?: string }
>;

export type SessionEvent =
  AttendanceRecorded | ExecutionReportSubmitted | ExecutionReportApproved | ExecutionReportRejected;

/** The session's own stream: its attendance and its execution report. */
export const sessionStreamId = (sessionUuid: string) => `session-${sessionUuid}`;
