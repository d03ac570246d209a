import { shanghaiDate } from '../shared/domain/shanghai-time';
import type { RuleProfile } from './rule-profiles';

/**
 * R14's deadlines, defined once for the decider, the traces and the work queues: a thing due
 * "within N days" of an instant is due by the end of the N-th Shanghai calendar day after it
 * (23:59:59.999 +08:00), so a report filed on the 14th day after the session is on time at any
 * hour of that day.
 */
export function endOfShanghaiDayAfter(instant: Date, days: number): Date {
  const { year, month, day } = shanghaiDate(instant);
  // Midnight starting the day after the due day, in Shanghai (UTC+8, no daylight saving), minus 1 ms.
  return new Date(Date.UTC(year, month - 1, day + days + 1) - 8 * 3_600_000 - 1);
}

/** The execution report is due within `reportDueDays` of the session's end (002; 004 §六.4). */
export const reportDueBy = (sessionEndsAt: Date, profile: RuleProfile): Date =>
  endOfShanghaiDayAfter(sessionEndsAt, profile.reportDueDays.value);

/** The committee reviews a report within `reviewDueDays` of receiving it (002). */
export const reviewDueBy = (submittedAt: Date, profile: RuleProfile): Date =>
  endOfShanghaiDayAfter(submittedAt, profile.reviewDueDays.value);

export const isLate = (at: Date, dueBy: Date): boolean => at.getTime() > dueBy.getTime();
