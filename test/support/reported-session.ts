import { client, personBody, projectBody, zjCommittee, zjOrganizer } from './ledger-client';

/**
 * A Zhejiang project with one session (10 May 2026), `attendees` people registered and scanned in
 * (20 at a time), and its execution report filed — ready for the committee's decision.
 */
export async function reportedSession(
  api: ReturnType<typeof client>,
  attendees: number,
): Promise<{ activityId: string; sessionId: string; people: string[] }> {
  const { body: activity } = await api.post('/activities', projectBody(), zjCommittee).expect(201);
  const { body: session } = await api
    .post(
      `/activities/${activity.activityId}/sessions`,
      {
        startsAt: '2026-05-10T08:30:00+08:00',
        endsAt: '2026-05-10T17:30:00+08:00',
        location: '杭州 报告厅',
      },
      zjOrganizer,
    )
    .expect(201);
  const people: string[] = [];
  const attend = async () => {
    const { body: person } = await api.post('/persons', personBody(), zjCommittee).expect(201);
    await api
      .post(
        `/sessions/${session.sessionId}/attendance`,
        {
          personId: person.personId,
          method: 'qr',
          scannedAt: '2026-05-10T08:41:07+08:00',
          deviceId: 'gate-1',
        },
        zjOrganizer,
      )
      .expect(201);
    people.push(person.personId as string);
  };
  for (let i = 0; i < attendees; i += 20)
    await Promise.all(Array.from({ length: Math.min(20, attendees - i) }, attend));
  await api
    .post(
      `/sessions/${session.sessionId}/report`,
      { hoursTaught: '20', submittedAt: '2026-05-12T10:00:00+08:00', evaluationLevels: [1, 2, 3] },
      zjOrganizer,
    )
    .expect(201);
  return { activityId: activity.activityId, sessionId: session.sessionId, people };
}

/**
 * One person's credit through a Zhejiang project: the project (`project` overrides its body), a
 * session on 10 May 2026, the person's scan, the report and the committee's approval.
 */
export async function creditedThroughSession(
  api: ReturnType<typeof client>,
  personId: string,
  project: Parameters<typeof projectBody>[0],
): Promise<{ activityId: string; sessionId: string }> {
  const { body: a } = await api.post('/activities', projectBody(project), zjCommittee).expect(201);
  const { body: s } = await api
    .post(
      `/activities/${a.activityId}/sessions`,
      {
        startsAt: '2026-05-10T08:30:00+08:00',
        endsAt: '2026-05-10T17:30:00+08:00',
        location: '杭州',
      },
      zjOrganizer,
    )
    .expect(201);
  await api
    .post(
      `/sessions/${s.sessionId}/attendance`,
      { personId, method: 'qr', scannedAt: '2026-05-10T08:41:07+08:00', deviceId: 'g1' },
      zjOrganizer,
    )
    .expect(201);
  await api
    .post(
      `/sessions/${s.sessionId}/report`,
      { hoursTaught: '20', submittedAt: '2026-05-11T10:00:00+08:00', evaluationLevels: [1, 2, 3] },
      zjOrganizer,
    )
    .expect(201);
  await api
    .post(`/sessions/${s.sessionId}/report/decision`, { decision: 'approve' }, zjCommittee)
    .expect(200);
  return { activityId: a.activityId as string, sessionId: s.sessionId as string };
}
