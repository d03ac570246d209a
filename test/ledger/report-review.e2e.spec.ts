import {
  client,
  countEvents,
  cqCommittee,
  projectBody,
  projectionsCaughtUp,
  zjCommittee,
  zjOrganizer,
} from '../support/ledger-client';
import { startTestApp, TestApp } from '../support/test-app';
import { personBody, type ActorHeaders } from '../support/ledger-client';

describe('execution reports: evaluation, changes, and the committee review queue (R12, R14, R17)', () => {
  let t: TestApp;
  let api: ReturnType<typeof client>;

  beforeAll(async () => {
    t = await startTestApp();
    api = client(t.app);
  });
  afterAll(() => t.close());

  async function heldSession(title: string) {
    const { body: activity } = await api
      .post('/activities', projectBody({ title }), zjCommittee)
      .expect(201);
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
    return session.sessionId as string;
  }

  it('seed 004 §六.5 (1)～(3)是针对所有项目的基本要求 (R17): a report without levels 1–3 is a 422 naming evaluationLevels and R17, and nothing is appended', async () => {
    const sessionId = await heldSession('重症医学新进展');
    const before = await countEvents(t.db);
    const missing = await api
      .post(
        `/sessions/${sessionId}/report`,
        { hoursTaught: '20', submittedAt: '2026-05-12T10:00:00+08:00', evaluationLevels: [1, 2] },
        zjOrganizer,
      )
      .expect(422);
    expect(missing.body).toMatchObject({ field: 'evaluationLevels', rule: 'R17' });
    const outOfRange = await api
      .post(
        `/sessions/${sessionId}/report`,
        { hoursTaught: '20', submittedAt: '2026-05-12T10:00:00+08:00', evaluationLevels: [1, 9] },
        zjOrganizer,
      )
      .expect(400);
    expect(JSON.stringify(outOfRange.body)).toContain('evaluationLevels');
    expect(await countEvents(t.db)).toBe(before);
  });

  it('seed 004 §六.4 变动范围应控制在30%以内、新更换的授课教师职称不得低于原授课教师 (R12) and seed 002 收到执行情况2周内予以审核 (R14): flagged reports wait in the review queue, overdue first, with title and flags, until decided', async () => {
    const flagged = await heldSession('急诊护理规范化培训');
    const plain = await heldSession('合理用药培训');
    const report = await api
      .post(
        `/sessions/${flagged}/report`,
        {
          hoursTaught: '18',
          submittedAt: '2026-05-12T10:00:00+08:00',
          evaluationLevels: [1, 2, 3, 4],
          changes: {
            teachersChangedShare: '0.4',
            contentChangedShare: '0.1',
            replacements: [{ replacedTitle: 'senior', replacementTitle: 'intermediate' }],
          },
        },
        zjOrganizer,
      )
      .expect(201);
    expect(report.body.flags).toEqual([
      { rule: 'R12', code: 'teachers-changed-over-share' },
      { rule: 'R12', code: 'replacement-title-lower' },
    ]);
    await api
      .post(
        `/sessions/${plain}/report`,
        {
          hoursTaught: '20',
          submittedAt: '2026-05-13T10:00:00+08:00',
          evaluationLevels: [1, 2, 3],
        },
        zjOrganizer,
      )
      .expect(201);

    // The session shows the committee what to look at and when its review is due.
    const { body: shown } = await api
      .get(`/sessions/${flagged}/attendance`, zjCommittee)
      .expect(200);
    expect(shown.report.flags).toHaveLength(2);
    expect(shown.review).toEqual({ dueBy: '2026-05-26T15:59:59.999Z', overdue: true });

    await projectionsCaughtUp(t.app);
    const { body: queue } = await api
      .get('/work-queues/reviews?jurisdiction=CN-ZJ', zjCommittee)
      .expect(200);
    const mine = (queue.items as { sessionId: string }[]).filter((i) =>
      [flagged, plain].includes(i.sessionId),
    );
    expect(mine).toEqual([
      expect.objectContaining({
        sessionId: flagged,
        title: '急诊护理规范化培训',
        code: '2026-04-01-123(国)',
        overdue: true,
        reviewDueBy: '2026-05-26T15:59:59.999Z',
        flags: [
          { rule: 'R12', code: 'teachers-changed-over-share' },
          { rule: 'R12', code: 'replacement-title-lower' },
        ],
      }),
      expect.objectContaining({ sessionId: plain, overdue: true, flags: [] }),
    ]);
    expect(queue.overdue).toBeGreaterThanOrEqual(2);

    // Another province's committee does not see this queue; a decided report leaves it.
    await api.get('/work-queues/reviews?jurisdiction=CN-ZJ', cqCommittee).expect(403);
    await api
      .post(`/sessions/${flagged}/report/decision`, { decision: 'approve' }, zjCommittee)
      .expect((r) => expect([200, 201, 202]).toContain(r.status));
    await projectionsCaughtUp(t.app);
    const { body: after } = await api
      .get('/work-queues/reviews?jurisdiction=CN-ZJ', zjCommittee)
      .expect(200);
    const left = (after.items as { sessionId: string }[]).map((i) => i.sessionId);
    expect(left).not.toContain(flagged);
    expect(left).toContain(plain);
  });

  it('seed 001 (十八) 外省市来渝举办国家级项目须提前1个月…备案，否则不予备案和学分录入 (R14): a session filed late is recorded and flagged; its approval enters no credits, and the trace says why', async () => {
    const outsider: ActorHeaders = {
      id: 'org-zj-visiting',
      role: 'organizer',
      jurisdiction: 'CN-CQ', // filed with Chongqing's committee, where it runs the project
    };
    const { body: activity } = await api
      .post(
        '/activities',
        projectBody({
          jurisdiction: 'CN-CQ',
          code: '2026-50-01-701(国)',
          organizerId: outsider.id,
          organizerJurisdiction: 'CN-ZJ',
        }),
        cqCommittee,
      )
      .expect(201);
    // Filed today for a session held in June: months late.
    const { body: session } = await api
      .post(
        `/activities/${activity.activityId}/sessions`,
        {
          startsAt: '2026-06-10T08:30:00+08:00',
          endsAt: '2026-06-10T17:30:00+08:00',
          location: '重庆 会议中心',
        },
        outsider,
      )
      .expect(201);
    const { body: shown } = await api
      .get(`/sessions/${session.sessionId}/attendance`, cqCommittee)
      .expect(200);
    expect(shown.filing.map((f: { code: string }) => f.code)).toEqual([
      'filed-late',
      'published-late',
      'outside-organizer-filed-late',
    ]);
    const { body: person } = await api
      .post('/persons', personBody({ jurisdiction: 'CN-CQ' }), cqCommittee)
      .expect(201);
    await api
      .post(
        `/sessions/${session.sessionId}/attendance`,
        {
          personId: person.personId,
          method: 'qr',
          scannedAt: '2026-06-10T08:40:00+08:00',
          deviceId: 'g1',
        },
        outsider,
      )
      .expect(201);
    await api
      .post(
        `/sessions/${session.sessionId}/report`,
        {
          hoursTaught: '20',
          submittedAt: '2026-06-11T10:00:00+08:00',
          evaluationLevels: [1, 2, 3],
        },
        outsider,
      )
      .expect(201);
    await api
      .post(`/sessions/${session.sessionId}/report/decision`, { decision: 'approve' }, cqCommittee)
      .expect((r) => expect([200, 202]).toContain(r.status));
    await projectionsCaughtUp(t.app);
    const granted = await t.db.sql<{ n: number }[]>`
      SELECT count(*)::int AS n FROM events WHERE event_type = 'CreditGranted' AND data->>'sessionId' = ${session.sessionId}`;
    expect(granted[0].n).toBe(0);
    const { body: trace } = await api
      .get(`/persons/${person.personId}/sessions/${session.sessionId}/trace`, cqCommittee)
      .expect(200);
    expect(trace.state).toBe('not-filed');
    expect(trace.explanation).toContain('001 (十八)');
  });
});
