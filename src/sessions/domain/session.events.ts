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
export type ExecutionReportSubmitted = DomainEvent<
  'ExecutionReportSubmitted',
  {
    hoursTaught: Amount;
    submittedAt: string;
    /** R14: filed more than the due days after the session ended; kept and flagged. */
    late: boolean;
    daysAfterSession: number;
    /** R12: hours taught fell short of plan by more than the allowed share of change. */
    changeExceedsAllowedShare: boolean;
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
export type ExecutionReportRejected = DomainEvent<'ExecutionReportRejected', { reason: string }>;

export type SessionEvent =
  AttendanceRecorded | ExecutionReportSubmitted | ExecutionReportApproved | ExecutionReportRejected;

/** The session's own stream: its attendance and its execution report. */
export const sessionStreamId = (sessionUuid: string) => `session-${sessionUuid}`;
