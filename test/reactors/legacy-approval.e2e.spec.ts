import { reportedSession } from '../support/reported-session';
import { randomUUID } from 'node:crypto';
import { PostgresEventStore } from '../../src/event-store/postgres/postgres-event-store';
import { sessionStreamId } from '../../src/sessions/domain/session.events';
import { compositeId, derivedId, splitCompositeId } from '../../src/shared/ids';
import { client, projectionsCaughtUp, zjCommittee } from '../support/ledger-client';
import { startTestApp, type TestApp } from '../support/test-app';

/**
 * An approval recorded before approvals named their session (its request granted, and a crash
 * could leave grants undone for a repeated approval to finish — which now records nothing): the
 * credit-effects reactor finds the session through the activities projection and completes the
 * grants with the ids that request used, so nobody has to act.
 */
describe('approvals recorded before reactors', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('are completed from the log: every attendee granted once, with the ids the approving request used', async () => {
    const api = client(t.app);
    const { sessionId, people } = await reportedSession(api, 5);
    const session = { sessionId };
    await projectionsCaughtUp(t.app);

    // The approval as the old code wrote it: no sessionId, no activityId.
    const store = new PostgresEventStore(t.db.sql);
    const grants = people.map((personId) => ({
      personId,
      creditId: compositeId(personId, derivedId(session.sessionId, personId, 'credit')),
      attendanceId: derivedId(session.sessionId, personId, 'attendance'),
      scannedAt: '2026-05-10T00:41:07.000Z',
    }));
    await store.append(
      sessionStreamId((splitCompositeId(session.sessionId) as { child: string }).child),
      [
        {
          eventId: randomUUID(),
          type: 'ExecutionReportApproved',
          occurredAt: new Date('2026-05-13T10:00:00+08:00'),
          metadata: { actorId: zjCommittee.id, role: 'committee', jurisdiction: 'CN-ZJ' },
          data: {
            hoursTaught: '20',
            plannedHours: '20',
            plannedCredits: '10',
            creditsPerAttendee: '10',
            grants,
          },
        },
      ],
      'any',
    );
    await projectionsCaughtUp(t.app);

    const rows = await t.db.sql<{ credit_id: string; event_id: string }[]>`
      SELECT data->>'creditId' AS credit_id, event_id::text FROM events WHERE event_type = 'CreditGranted'`;
    expect(rows.map((r) => r.credit_id).sort()).toEqual(grants.map((g) => g.creditId).sort());
    // The ids the approving request itself used: a grant it had made is not made again.
    expect(rows.map((r) => r.event_id).sort()).toEqual(
      grants.map((g) => derivedId(g.creditId, 'granted')).sort(),
    );
    const { body: list } = await api.get(`/persons/${people[0]}/credits?year=2026`, zjCommittee);
    expect(list.countedTotal).toBe('10');
  });
});
