import type { ProjectedEvent } from '../projection';
import {
  creditProvenanceProjection as projection,
  type ProvenanceDoc,
} from './credit-provenance.projection';

let position = 100;
const at = (
  streamId: string,
  type: string,
  data: Record<string, unknown>,
  recordedAt = '2026-05-10T01:00:00.000Z',
): ProjectedEvent => ({
  type,
  data,
  streamId,
  eventId: `e-${(position += 1)}`,
  occurredAt: recordedAt,
  recordedAt,
  globalPosition: String(position),
});

/** Folds events into documents by key, as the runner does. */
function fold(events: ProjectedEvent[]): Map<string, ProvenanceDoc> {
  const docs = new Map<string, ProvenanceDoc>();
  for (const e of events) {
    if (!projection.handles.includes(e.type)) continue;
    const key = projection.keyOf(e);
    if (key === null) continue;
    docs.set(key, projection.evolve(docs.get(key) ?? projection.initialState(key), e));
  }
  return docs;
}

describe('credit-provenance: where each credit’s trace lies in the log', () => {
  const activity = 'activity-a1';
  const session = 'session-s1';
  const events = [
    at(activity, 'ActivityRegistered', { activityId: 'a1' }),
    at(activity, 'SessionScheduled', { sessionId: 'A1S1' }),
    at(activity, 'SessionScheduled', { sessionId: 'A1S2' }),
    at(session, 'AttendanceRecorded', { personId: 'p1' }),
    at(session, 'AttendanceRecorded', { personId: 'p2' }),
    at(session, 'ExecutionReportSubmitted', {}),
    at(session, 'ExecutionReportApproved', {}),
    at('person-p1', 'PersonRegistered', { personId: 'p1' }),
    at('person-p1', 'CreditGranted', { creditId: 'c1', activityId: 'a1', sessionId: 'A1S1' }),
    at('person-p1', 'ExemptionGranted', { exemptionId: 'x1' }),
    at('person-p1', 'CreditRevoked', { creditId: 'c1', reason: 'wrong person' }),
    at('year-audit-CN-ZJ-2026', 'YearSealed', {}),
  ];
  const docs = fold(events);

  it('keeps one small document per person, activity and session; other attendees stay out', () => {
    expect([...docs.keys()].sort()).toEqual([
      'activity:a1',
      'person:p1',
      'person:p2',
      'session:s1',
    ]);
    expect(docs.get('activity:a1')).toEqual({
      kind: 'activity',
      events: ['101'],
      sessions: { A1S1: ['102'], A1S2: ['103'] },
    });
    expect(docs.get('session:s1')).toEqual({ kind: 'session', events: ['106', '107'] });
    expect(docs.get('person:p1')).toEqual({
      kind: 'person',
      attendance: { 'session-s1': ['104'] },
      credits: {
        c1: {
          events: ['109', '111'],
          grants: [
            {
              position: '109',
              recordedAt: '2026-05-10T01:00:00.000Z',
              activityId: 'a1',
              sessionId: 'A1S1',
              // not a composite id: the grant's own activity, no session document
              activityKey: 'activity:a1',
              sessionKey: null,
            },
          ],
        },
      },
    });
  });

  it('folding an event twice changes nothing (the runner may hand one over again)', () => {
    const revoked = events[10];
    const doc = docs.get('person:p1') as ProvenanceDoc;
    expect(projection.evolve(doc, revoked)).toBe(doc);
  });

  it('refuses an event that does not say where it sits in the log', () => {
    const { globalPosition: _dropped, ...bare } = events[0];
    void _dropped;
    expect(() => projection.evolve(projection.initialState('activity:a1'), bare)).toThrow(
      /not read from the log/,
    );
  });
});
