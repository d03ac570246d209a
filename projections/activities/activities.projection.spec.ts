import type { ActivityDetails, ActivityEvent } from '../../src/activities/domain/activity.events';
import type { ProjectedEvent } from '../projection';
import { ActivityDoc, activitiesProjection } from './activities.projection';

const projection = activitiesProjection;
let sequence = 0;
const projected = (event: ActivityEvent, activityId = 'a-1'): ProjectedEvent => {
  sequence += 1;
  return {
    type: event.type,
    data: event.data,
    streamId: `activity-${activityId}`,
    eventId: `e-${sequence}`,
    occurredAt: '2026-03-01T00:00:00.000Z',
    recordedAt: '2026-03-01T00:00:01.000Z',
  };
};
const fold = (events: ActivityEvent[]): ActivityDoc => {
  const doc = events
    .map((e) => projected(e))
    .reduce((d, e) => projection.evolve(d, e), projection.initialState('a-1'));
  return projection.finalize ? projection.finalize(doc) : doc;
};

const details: ActivityDetails = {
  activityId: 'a-1',
  kind: 'project',
  code: '2026-04-01-123(国)',
  title: 'course',
  level: 'national',
  category: null,
  subject: 'professional',
  format: 'in-person',
  credits: '10',
  hours: '20',
  jurisdiction: 'CN-CQ',
  organizerId: 'org-1',
};
const registered: ActivityEvent = { type: 'ActivityRegistered', data: details };
const scheduled = (sessionId: string, startsAt: string, creditYear = 2026): ActivityEvent => ({
  type: 'SessionScheduled',
  data: {
    sessionId,
    startsAt,
    endsAt: startsAt.replace('T00:30', 'T09:30'),
    location: 'hall',
    creditYear,
    profileId: 'chongqing-2017',
  },
});
const annulled: ActivityEvent = {
  type: 'ActivityAnnulled',
  data: { reason: 'organizer failed its annual inspection', annulledAt: '2026-12-01T00:00:00Z' },
};

describe('activities projection (the spot-check population)', () => {
  it('keys events by the activity of the stream, and nothing else', () => {
    expect(projection.keyOf(projected(registered, 'a-9'))).toBe('a-9');
    expect(projection.keyOf({ ...projected(registered), streamId: 'person-p-1' })).toBeNull();
    expect([...projection.handles].sort()).toEqual(
      ['ActivityAnnulled', 'ActivityRegistered', 'SessionScheduled'].sort(),
    );
  });

  it('a new document knows only its id', () => {
    expect(projection.initialState('a-1')).toEqual({
      activityId: 'a-1',
      jurisdiction: null,
      kind: null,
      level: null,
      organizerId: null,
      title: null,
      code: null,
      annulled: false,
      sessions: [],
    });
  });

  it('registration records the strata a draw uses (jurisdiction, kind, level, organizer) and the title and code lists show', () => {
    expect(fold([registered])).toEqual({
      activityId: 'a-1',
      jurisdiction: 'CN-CQ',
      kind: 'project',
      level: 'national',
      organizerId: 'org-1',
      title: 'course',
      code: '2026-04-01-123(国)',
      annulled: false,
      sessions: [],
    });
  });

  it('sessions are listed in order with the credit year recorded at scheduling (R6: a November session in Chongqing is the next year)', () => {
    const doc = fold([
      registered,
      scheduled('s-1', '2026-03-10T00:30:00.000Z'),
      scheduled('s-2', '2026-11-10T00:30:00.000Z', 2027),
    ]);
    expect(doc.sessions).toEqual([
      { sessionId: 's-1', creditYear: 2026, startsAt: '2026-03-10T00:30:00.000Z' },
      { sessionId: 's-2', creditYear: 2027, startsAt: '2026-11-10T00:30:00.000Z' },
    ]);
  });

  it('a session scheduled again (a replayed event) is listed once', () => {
    const doc = fold([
      registered,
      scheduled('s-1', '2026-03-10T00:30:00.000Z'),
      scheduled('s-1', '2026-03-10T00:30:00.000Z'),
    ]);
    expect(doc.sessions.map((s) => s.sessionId)).toEqual(['s-1']);
  });

  it('R15: an annulled activity is marked, its sessions kept for the record', () => {
    const doc = fold([registered, scheduled('s-1', '2026-03-10T00:30:00.000Z'), annulled]);
    expect(doc.annulled).toBe(true);
    expect(doc.sessions).toHaveLength(1);
    expect(fold([registered]).annulled).toBe(false);
  });

  it('other events change nothing', () => {
    const doc = fold([registered]);
    expect(
      projection.evolve(doc, {
        ...projected(registered),
        type: 'AttendanceRecorded',
        data: { personId: 'p-1' },
      }),
    ).toEqual(doc);
  });
});
