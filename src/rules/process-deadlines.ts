import { shanghaiDate, shanghaiDateText } from '../shared/domain/shanghai-time';
import type { RuleProfile, SessionFilingRule } from './rule-profiles';

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

/**
 * When a filed report's review is due: as the report recorded it, or — for reports filed before
 * the due date was recorded — worked out from when it was filed.
 */
export const reviewDueOf = (
  report: { submittedAt: string; reviewDueBy?: string | null },
  profile: RuleProfile,
): Date =>
  report.reviewDueBy
    ? new Date(report.reviewDueBy)
    : reviewDueBy(new Date(report.submittedAt), profile);

export const isLate = (at: Date, dueBy: Date): boolean => at.getTime() > dueBy.getTime();

export interface FilingFlag {
  rule: 'R14';
  code: SessionFilingRule['code'];
  /** The last Shanghai calendar day the session could be filed on under the rule. */
  dueBy: string;
  creditsNotEntered: boolean;
  source: string;
}

function shiftDate(date: string, ahead: SessionFilingRule['ahead']): string {
  const [y, m, d] = date.split('-').map(Number);
  if ('days' in ahead)
    return new Date(Date.UTC(y, m - 1, d - ahead.days)).toISOString().slice(0, 10);
  // The same day of the month `months` earlier, or that month's last day.
  const lastDay = new Date(Date.UTC(y, m - 1 - ahead.months + 1, 0)).getUTCDate();
  return new Date(Date.UTC(y, m - 1 - ahead.months, Math.min(d, lastDay)))
    .toISOString()
    .slice(0, 10);
}

/**
 * R14: the filing rules of the profile a session was scheduled late under (002: two weeks ahead;
 * 001 (十四) a week; 001 (十八) a month for national projects brought in from outside, whose
 * credits are otherwise not entered). Filed means scheduled in the ledger (`filedAt`).
 */
export function lateFilings(
  profile: RuleProfile,
  project: { level: string; outsideOrganizer: boolean },
  startsAt: Date,
  filedAt: Date,
): FilingFlag[] {
  const sessionDay = shanghaiDateText(startsAt);
  const filedDay = shanghaiDateText(filedAt);
  return profile.sessionFiling.flatMap(({ value: rule, source }) => {
    if (!(rule.levels as readonly string[]).includes(project.level)) return [];
    if (rule.outsideOrganizersOnly && !project.outsideOrganizer) return [];
    const dueBy = shiftDate(sessionDay, rule.ahead);
    return filedDay > dueBy
      ? [
          {
            rule: 'R14' as const,
            code: rule.code,
            dueBy,
            creditsNotEntered: rule.creditsNotEntered,
            source,
          },
        ]
      : [];
  });
}
