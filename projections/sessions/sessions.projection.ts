import { splitCompositeId } from '../../src/shared/domain/composite-id';
import type { SessionScheduled } from '../../src/activities/domain/activity.events';
import type {
  ExecutionReportSubmitted,
  ReportFlag,
  SessionEvent,
} from '../../src/sessions/domain/session.events';
import type { ProjectedEvent, Projection } from '../projection';

/**
 * Sessions and where their execution report stands (R14): the committee's review work queue.
 * Keyed by the session's own stream id (`session-<uuid>`); the schedule comes from the activity's
 * stream, whose composite session id names the same uuid.
 */
export interface SessionDoc {
  /** The composite session id callers use (null until the schedule is seen). */
  sessionId: string | null;
  activityId: string | null;
  startsAt: string | null;
  endsAt: string | null;
  creditYear: number | null;
  report: {
    submittedAt: string;
    late: boolean;
    dueBy: string | null;
    reviewDueBy: string | null;
    flags: ReportFlag[];
  } | null;
  decision: 'approved' | 'rejected' | null;
  /** Set while a filed report waits for the committee: what the work queue lists. */
  awaitingReviewSince: string | null;
}

/** The uuid a composite session id names (its child part), or null. */
export const sessionUuidOf = (compositeSessionId: string): string | null =>
  splitCompositeId(compositeSessionId)?.child ?? null;

export const sessionsProjection: Projection<SessionDoc> = {
  name: 'sessions',
  version: 1,
  table: 'proj_sessions',
  handles: [
    'SessionScheduled',
    'ExecutionReportSubmitted',
    'ExecutionReportApproved',
    'ExecutionReportRejected',
  ],
  keyOf(event) {
    if (event.type === 'SessionScheduled')
      return sessionUuidOf((event.data as SessionScheduled['data']).sessionId);
    return event.streamId.startsWith('session-') ? event.streamId.slice('session-'.length) : null;
  },
  initialState: () => ({
    sessionId: null,
    activityId: null,
    startsAt: null,
    endsAt: null,
    creditYear: null,
    report: null,
    decision: null,
    awaitingReviewSince: null,
  }),
  evolve(doc: SessionDoc, projected: ProjectedEvent): SessionDoc {
    if (projected.type === 'SessionScheduled') {
      const data = projected.data as SessionScheduled['data'];
      return {
        ...doc,
        sessionId: data.sessionId,
        activityId: projected.streamId.slice('activity-'.length),
        startsAt: data.startsAt,
        endsAt: data.endsAt,
        creditYear: data.creditYear,
      };
    }
    const event = { type: projected.type, data: projected.data } as SessionEvent;
    switch (event.type) {
      case 'ExecutionReportSubmitted': {
        const data: ExecutionReportSubmitted['data'] = event.data;
        return {
          ...doc,
          report: {
            submittedAt: data.submittedAt,
            late: data.late,
            dueBy: data.dueBy ?? null,
            reviewDueBy: data.reviewDueBy ?? null,
            flags: data.flags ?? [
              ...(data.late ? [{ rule: 'R14', code: 'late' } as const] : []),
              ...(data.changeExceedsAllowedShare
                ? [{ rule: 'R12', code: 'hours-short-over-share' } as const]
                : []),
            ],
          },
          decision: null,
          awaitingReviewSince: data.submittedAt,
        };
      }
      case 'ExecutionReportApproved':
        return { ...doc, decision: 'approved', awaitingReviewSince: null };
      case 'ExecutionReportRejected':
        return { ...doc, decision: 'rejected', awaitingReviewSince: null };
      default:
        return doc;
    }
  },
};
