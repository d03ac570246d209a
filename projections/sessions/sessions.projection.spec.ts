import { compositeId } from '../../src/shared/ids';
import type { ProjectedEvent } from '../projection';
import { sessionsProjection as projection, sessionUuidOf } from './sessions.projection';

const activityId = '3f0c2b64-8a1e-4b8e-9c43-0d2f5a7e6b11';
const sessionUuid = '9a7d3c21-55e4-4f0a-b6a2-1c9e8d7f6a30';
const sessionId = compositeId(activityId, sessionUuid);
const at = (type: string, data: unknown, streamId = `session-${sessionUuid}`): ProjectedEvent => ({
  type,
  data,
  streamId,
  eventId: `${type}-1`,
  occurredAt: '2026-05-12T02:00:00.000Z',
  recordedAt: '2026-05-12T02:00:00.000Z',
});
const scheduled = at(
  'SessionScheduled',
  {
    sessionId,
    startsAt: '2026-05-10T00:30:00.000Z',
    endsAt: '2026-05-10T09:30:00.000Z',
    location: 'hall',
    creditYear: 2026,
    profileId: 'zhejiang-2024',
  },
  `activity-${activityId}`,
);
const fold = (events: ProjectedEvent[]) =>
  events.reduce((doc, e) => projection.evolve(doc, e), projection.initialState(sessionUuid));

describe('sessions projection (the review work queue, R14)', () => {
  it('keys the schedule on the activity stream and the report on the session stream to one document', () => {
    expect(sessionUuidOf(sessionId)).toBe(sessionUuid);
    expect(projection.keyOf(scheduled)).toBe(sessionUuid);
    expect(projection.keyOf(at('ExecutionReportSubmitted', {}))).toBe(sessionUuid);
    expect(sessionUuidOf('not-a-session')).toBeNull();
  });

  it('a filed report waits for review until decided; reports from before flags were recorded get them from their fields', () => {
    const waiting = fold([
      scheduled,
      at('ExecutionReportSubmitted', {
        hoursTaught: '12',
        submittedAt: '2026-05-30T02:00:00.000Z',
        late: true,
        daysAfterSession: 20,
        changeExceedsAllowedShare: true,
      }),
    ]);
    expect(waiting).toMatchObject({
      sessionId,
      activityId,
      creditYear: 2026,
      awaitingReviewSince: '2026-05-30T02:00:00.000Z',
      report: {
        reviewDueBy: null,
        flags: [
          { rule: 'R14', code: 'late' },
          { rule: 'R12', code: 'hours-short-over-share' },
        ],
      },
    });
    const decided = projection.evolve(waiting, at('ExecutionReportRejected', { reason: 'x' }));
    expect(decided).toMatchObject({ decision: 'rejected', awaitingReviewSince: null });
  });
});
