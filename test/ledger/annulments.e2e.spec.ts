import {
  client,
  countEvents,
  personBody,
  projectBody,
  projectionsCaughtUp,
  zjCommittee,
  zjOrganizer,
  type ActorHeaders,
} from '../support/ledger-client';
import { startTestApp, TestApp } from '../support/test-app';

describe('annulment of an organizer’s projects of a year (R15, seed 002)', () => {
  let t: TestApp;
  let api: ReturnType<typeof client>;
  const organizerId = 'org-zj-inspected';
  const organizer: ActorHeaders = { ...zjOrganizer, id: organizerId };

  beforeAll(async () => {
    t = await startTestApp({ subscriptionPollMs: 10 });
    api = client(t.app);
  });
  afterAll(() => t.close());

  async function project(code: string) {
    const { body } = await api
      .post('/activities', projectBody({ organizerId, code }), zjCommittee)
      .expect(201);
    return body.activityId as string;
  }
  async function session(activityId: string, day: string) {
    const { body } = await api
      .post(
        `/activities/${activityId}/sessions`,
        { startsAt: `${day}T08:30:00+08:00`, endsAt: `${day}T17:30:00+08:00`, location: '杭州' },
        organizer,
      )
      .expect(201);
    return body.sessionId as string;
  }
  async function heldAndApproved(sessionId: string, personId: string, day: string) {
    await api
      .post(
        `/sessions/${sessionId}/attendance`,
        { personId, method: 'qr', scannedAt: `${day}T08:40:00+08:00`, deviceId: 'g1' },
        organizer,
      )
      .expect(201);
    await api
      .post(
        `/sessions/${sessionId}/report`,
        { hoursTaught: '20', submittedAt: `${day}T20:00:00+08:00`, evaluationLevels: [1, 2, 3] },
        organizer,
      )
      .expect(201);
    await api
      .post(`/sessions/${sessionId}/report/decision`, { decision: 'approve' }, zjCommittee)
      .expect(200);
  }

  it('seed 002 年检不合格…其所获公布的项目废止 (R15): every project of the year is annulled as stated — credits before the date kept and flagged, later ones revoked, sessions not yet held cancelled; other years untouched', async () => {
    const { body: person } = await api.post('/persons', personBody(), zjCommittee).expect(201);
    const a = await project('2026-04-01-601(浙)');
    const b = await project('2026-04-01-602(浙)');
    const older = await project('2025-04-01-603(浙)');
    const march = await session(a, '2026-03-10');
    const december = await session(a, '2026-12-10'); // not yet held today
    const june = await session(b, '2026-06-10');
    await session(older, '2025-06-10');
    await heldAndApproved(march, person.personId, '2026-03-10');
    await heldAndApproved(june, person.personId, '2026-06-10');
    await projectionsCaughtUp(t.app);

    const before = await countEvents(t.db);
    const unstated = await api
      .post(
        `/organizers/${organizerId}/annulments`,
        { jurisdiction: 'CN-ZJ', year: 2026, reason: '2026年度年检不合格，其当年项目废止' },
        zjCommittee,
      )
      .expect(400);
    expect(JSON.stringify(unstated.body)).toContain('credits');
    expect(await countEvents(t.db)).toBe(before);

    const { body: annulment } = await api
      .post(
        `/organizers/${organizerId}/annulments`,
        {
          jurisdiction: 'CN-ZJ',
          year: 2026,
          reason: '2026年度年检不合格，其当年项目废止',
          credits: 'revoke',
          revokeFrom: '2026-05-01',
        },
        zjCommittee,
      )
      .expect(201);
    expect(annulment).toMatchObject({ year: 2026, credits: 'revoke', projects: 'annulled' });
    expect([...annulment.activityIds].sort()).toEqual([a, b].sort());
    await projectionsCaughtUp(t.app);

    const annulled = await t.db.sql<{ stream_id: string; data: Record<string, unknown> }[]>`
      SELECT stream_id, data FROM events WHERE event_type = 'ActivityAnnulled' ORDER BY stream_id`;
    expect(annulled.map((e) => e.stream_id).sort()).toEqual(
      [`activity-${a}`, `activity-${b}`].sort(),
    );
    const ofA = annulled.find((e) => e.stream_id === `activity-${a}`)?.data;
    expect(ofA).toMatchObject({
      credits: 'revoke',
      revokeFrom: '2026-05-01',
      cancelledSessions: [december],
      organizerAnnulment: { annulmentId: annulment.annulmentId, organizerId, year: 2026 },
    });

    const { body: listed } = await api
      .get(`/persons/${person.personId}/credits?year=2026`, zjCommittee)
      .expect(200);
    const bySession = (id: string) =>
      listed.credits.find((c: { sessionId: string }) => c.sessionId === id);
    expect(bySession(march)).toMatchObject({ status: 'counted' });
    expect(bySession(march).reasons.join(' ')).toContain('the committee kept this credit');
    expect(bySession(june)).toMatchObject({ status: 'annulled' });
    const { body: trace } = await api
      .get(`/persons/${person.personId}/sessions/${march}/trace`, zjCommittee)
      .expect(200);
    expect(trace.state).toBe('counted');

    // The same annulment again records nothing; the 2025 project was never touched.
    const again = await countEvents(t.db);
    await api
      .post(
        `/organizers/${organizerId}/annulments`,
        {
          jurisdiction: 'CN-ZJ',
          year: 2026,
          reason: '2026年度年检不合格，其当年项目废止',
          credits: 'revoke',
          revokeFrom: '2026-05-01',
        },
        zjCommittee,
      )
      .expect(201);
    expect(await countEvents(t.db)).toBe(again);
    await session(older, '2025-07-10');
  });
});
