import {
  client,
  countEvents,
  newIdNumber,
  personBody,
  projectBody,
  projectionsCaughtUp,
  zjAdmin,
  zjCommittee,
  zjEmployer,
  zjOrganizer,
} from '../support/ledger-client';
import { startTestApp, type TestApp } from '../support/test-app';

/** The console's look-ups: names and titles beside ids, paged, within the caller's scope. */
describe('console look-ups (GET /persons, /activities, /credits, /corrections, /credits/{id})', () => {
  let t: TestApp;
  let api: ReturnType<typeof client>;
  const idNumber = newIdNumber();
  let personId: string;
  let activityId: string;

  beforeAll(async () => {
    t = await startTestApp({ subscriptionPollMs: 10 });
    api = client(t.app);
    personId = (
      await api.post('/persons', personBody({ idNumber, name: '陈静' }), zjCommittee).expect(201)
    ).body.personId;
    for (let i = 0; i < 3; i += 1)
      await api.post('/persons', personBody({ name: `员工${i}` }), zjCommittee).expect(201);
    activityId = (
      await api
        .post(
          '/activities',
          projectBody({ title: '急危重症护理', code: '2026-04-01-321(国)' }),
          zjCommittee,
        )
        .expect(201)
    ).body.activityId;
    await api
      .post(
        `/activities/${activityId}/sessions`,
        {
          startsAt: '2026-05-10T08:30:00+08:00',
          endsAt: '2026-05-10T17:30:00+08:00',
          location: '杭州 会议中心',
        },
        zjOrganizer,
      )
      .expect(201);
    await projectionsCaughtUp(t.app);
  }, 60_000);
  afterAll(() => t.close());

  it('finds a person by exact ID number, with name and the year’s verdict and reasons', async () => {
    const { body } = await api
      .get(`/persons?jurisdiction=CN-ZJ&idNumber=${idNumber}&year=2026`, zjCommittee)
      .expect(200);
    expect(body).toMatchObject({ page: 1, total: 1 });
    expect(body.items[0]).toMatchObject({
      personId,
      name: '陈静',
      idNumber,
      jurisdiction: 'CN-ZJ',
      year: { year: 2026, verdict: 'short', countedCredits: '0' },
    });
    expect(body.items[0].year.reasons[0]).toMatch(/requires 25/);
    // An auditor sees the same person with the ID number masked.
    const masked = await api
      .get(`/persons?jurisdiction=CN-ZJ&idNumber=${idNumber}`, {
        id: 'aud',
        role: 'auditor',
        jurisdiction: 'CN-ZJ',
      })
      .expect(200);
    expect(masked.body.items[0].idNumber).toMatch(/^330102\*{8}.{4}$/);
    const none = await api
      .get(`/persons?jurisdiction=CN-ZJ&idNumber=${newIdNumber()}`, zjCommittee)
      .expect(200);
    expect(none.body).toMatchObject({ total: 0, items: [] });
  });

  it("lists an employer's staff page by page; another employer's staff is a 403", async () => {
    const first = await api
      .get(`/persons?jurisdiction=CN-ZJ&employer=${zjEmployer.id}&pageSize=3`, zjEmployer)
      .expect(200);
    expect(first.body).toMatchObject({ page: 1, pageSize: 3, total: 4 });
    expect(first.body.items).toHaveLength(3);
    const second = await api
      .get(`/persons?jurisdiction=CN-ZJ&employer=${zjEmployer.id}&pageSize=3&page=2`, zjEmployer)
      .expect(200);
    expect(second.body.items).toHaveLength(1);
    const names = [...first.body.items, ...second.body.items].map((p: { name: string }) => p.name);
    expect(names.sort()).toEqual(['员工0', '员工1', '员工2', '陈静'].sort());
    await api.get('/persons?jurisdiction=CN-ZJ&employer=someone-else', zjEmployer).expect(403);
    await api.get('/persons?jurisdiction=CN-ZJ', zjEmployer).expect(403);
  });

  it("an employer's staff and self-study plans follow the record: an employment change moves a person between lists", async () => {
    const staffOf = async (employer: string, headers: typeof zjEmployer) =>
      (
        await api
          .get(`/persons?jurisdiction=CN-ZJ&employer=${employer}&pageSize=100`, headers)
          .expect(200)
      ).body;
    const other = { ...zjEmployer, id: 'employer-zj-other' };
    const mover = (
      await api.post('/persons', personBody({ name: '调动者' }), zjCommittee).expect(201)
    ).body.personId as string;
    await api
      .post(`/persons/${mover}/self-study-plans`, { year: 2026, plan: '阅读心衰指南' }, zjEmployer)
      .expect(201);
    await projectionsCaughtUp(t.app);
    expect((await staffOf(zjEmployer.id, zjEmployer)).total).toBe(5);
    const plans = await api
      .get(
        `/self-study-plans?jurisdiction=CN-ZJ&employer=${zjEmployer.id}&year=2026&pageSize=2`,
        zjEmployer,
      )
      .expect(200);
    expect(plans.body).toMatchObject({ total: 5, approvedCount: 1, pageSize: 2 });
    expect(plans.body.items).toHaveLength(2);

    await api
      .post(
        `/persons/${mover}/employment`,
        { employerId: other.id, reason: '调往其他单位' },
        zjCommittee,
      )
      .expect(200);
    await projectionsCaughtUp(t.app);
    const stayed = await staffOf(zjEmployer.id, zjEmployer);
    expect(stayed.total).toBe(4);
    expect(stayed.items.map((p: { personId: string }) => p.personId)).not.toContain(mover);
    const moved = await staffOf(other.id, other);
    expect(moved).toMatchObject({ total: 1, items: [{ personId: mover, name: '调动者' }] });
    const planned = await api
      .get(`/self-study-plans?jurisdiction=CN-ZJ&employer=${other.id}&year=2026`, other)
      .expect(200);
    expect(planned.body).toMatchObject({ total: 1, approvedCount: 1 });
    expect(planned.body.items[0]).toMatchObject({ personId: mover, approved: true });
    // Back where the other tests expect it.
    await api
      .post(
        `/persons/${mover}/employment`,
        { employerId: null, reason: '离职，不再在本单位工作' },
        zjCommittee,
      )
      .expect(200);
    await projectionsCaughtUp(t.app);
    expect((await staffOf(other.id, other)).total).toBe(0);
  });

  it('finds activities by title or code with their sessions; organizers only their own', async () => {
    const { body } = await api
      .get('/activities?jurisdiction=CN-ZJ&q=急危重症&year=2026', zjCommittee)
      .expect(200);
    expect(body.total).toBe(1);
    expect(body.items[0]).toMatchObject({
      activityId,
      title: '急危重症护理',
      code: '2026-04-01-321(国)',
      sessions: [{ location: '杭州 会议中心', creditYear: 2026 }],
    });
    const byCode = await api
      .get('/activities?jurisdiction=CN-ZJ&q=321(国)', zjCommittee)
      .expect(200);
    expect(byCode.body.total).toBe(1);
    const mine = await api
      .get(`/activities?jurisdiction=CN-ZJ&organizer=${zjOrganizer.id}`, zjOrganizer)
      .expect(200);
    expect(mine.body.total).toBe(1);
    await api.get('/activities?jurisdiction=CN-ZJ', zjOrganizer).expect(403);
    await api.get('/activities?jurisdiction=CN-ZJ&year=2025', zjCommittee).expect(200, {
      page: 1,
      pageSize: 20,
      total: 0,
      items: [],
    });
  });

  it('bad input is a 400 naming the field, and nothing is appended', async () => {
    const before = await countEvents(t.db);
    const cases: [string, RegExp][] = [
      ['/persons?jurisdiction=ZJ', /jurisdiction/],
      ['/persons?jurisdiction=CN-ZJ&idNumber=123', /idNumber/],
      ['/persons?jurisdiction=CN-ZJ&pageSize=101', /pageSize/],
      ['/persons?jurisdiction=CN-ZJ&page=0', /page/],
      ['/credits?jurisdiction=CN-ZJ&status=everything', /status/],
      ['/corrections?jurisdiction=CN-ZJ', /status/],
      ['/activities?jurisdiction=CN-ZJ&year=twenty', /year/],
    ];
    for (const [path, field] of cases) {
      const { body } = await api.get(path, zjCommittee).expect(400);
      expect([path, JSON.stringify(body.message)]).toEqual([path, expect.stringMatching(field)]);
    }
    await api.get('/credits/not-a-credit-id', zjCommittee).expect(400);
    expect(await countEvents(t.db)).toBe(before);
  });

  it('a credit by id names its person and activity; the held-corrections queue names the person', async () => {
    const grant = await api
      .post(
        '/credits',
        {
          personId,
          activityId: (
            await api
              .post(
                '/activities',
                projectBody({
                  kind: 'internal-training',
                  code: undefined,
                  level: 'unit',
                  title: '科室业务学习',
                  credits: '5',
                  organizerId: zjEmployer.id,
                }),
                zjCommittee,
              )
              .expect(201)
          ).body.activityId,
          hours: '12',
          earnedAt: '2026-06-30T17:00:00+08:00',
          evidence: '科室学习签到表 2026-06',
        },
        zjEmployer,
      )
      .expect(201);
    const creditId = grant.body.creditId as string;
    const { body } = await api.get(`/credits/${creditId}`, zjAdmin).expect(200);
    expect(body).toMatchObject({
      creditId,
      amount: '4',
      status: 'counted',
      person: { personId, name: '陈静' },
      activity: { title: '科室业务学习' },
      corrections: [],
    });
    await api
      .get(`/credits/${creditId}`, { id: 'cq', role: 'admin', jurisdiction: 'CN-CQ' })
      .expect(403);
    const queue = await api
      .get('/corrections?jurisdiction=CN-ZJ&status=awaiting-approval', zjAdmin)
      .expect(200);
    expect(queue.body).toMatchObject({ total: 0, items: [] });
    const waiting = await api
      .get('/credits?jurisdiction=CN-ZJ&status=awaiting-verification', zjCommittee)
      .expect(200);
    expect(waiting.body.total).toBe(0);
  });

  it('the work queues find their people through the directory: a remote credit waits for verification (R5), a big correction for a second admin; each leaves its queue when decided', async () => {
    const queued = async (path: string, actor: typeof zjCommittee) => {
      await projectionsCaughtUp(t.app);
      return (await api.get(path, actor).expect(200)).body;
    };
    const verifications = '/credits?jurisdiction=CN-ZJ&status=awaiting-verification';
    const held = '/corrections?jurisdiction=CN-ZJ&status=awaiting-approval';
    const remote = (
      await api
        .post(
          '/activities',
          projectBody({
            format: 'remote',
            level: 'provincial',
            code: '2026-04-02-077(浙)',
            title: '远程心电图判读',
          }),
          zjCommittee,
        )
        .expect(201)
    ).body.activityId as string;
    const { sessionId } = (
      await api
        .post(
          `/activities/${remote}/sessions`,
          {
            startsAt: '2026-05-12T08:30:00+08:00',
            endsAt: '2026-05-12T17:30:00+08:00',
            location: '线上 直播',
          },
          zjOrganizer,
        )
        .expect(201)
    ).body;
    await api
      .post(
        `/sessions/${sessionId}/attendance`,
        { personId, method: 'qr', scannedAt: '2026-05-12T08:40:00+08:00', deviceId: 'gate-1' },
        zjOrganizer,
      )
      .expect(201);
    await api
      .post(
        `/sessions/${sessionId}/report`,
        {
          hoursTaught: '20',
          submittedAt: '2026-05-13T10:00:00+08:00',
          evaluationLevels: [1, 2, 3],
        },
        zjOrganizer,
      )
      .expect(201);
    await api
      .post(`/sessions/${sessionId}/report/decision`, { decision: 'approve' }, zjCommittee)
      .expect(200);
    let waiting = await queued(verifications, zjCommittee);
    for (let i = 0; i < 50 && waiting.total === 0; i += 1)
      waiting = await queued(verifications, zjCommittee);
    expect(waiting).toMatchObject({
      total: 1,
      items: [{ personId, name: '陈静', activityTitle: '远程心电图判读' }],
    });
    const creditId = waiting.items[0].creditId as string;
    await api
      .post(`/credits/${creditId}/verification`, { decision: 'verify' }, zjCommittee)
      .expect(200);
    expect((await queued(verifications, zjCommittee)).total).toBe(0);

    // 10 credits down to 2: more than 5 waits for a second admin.
    const hold = await api
      .post(
        `/credits/${creditId}/adjustment`,
        { amount: '2', reason: '仅参加了部分直播课程' },
        zjAdmin,
      )
      .expect(202);
    const { correctionId } = hold.body.heldForApproval;
    expect(await queued(held, zjAdmin)).toMatchObject({
      total: 1,
      items: [{ correctionId, creditId, personId, name: '陈静' }],
    });
    await api
      .post(
        `/credits/${creditId}/corrections/${correctionId}/approval`,
        {},
        { ...zjAdmin, id: 'admin-zj-2' },
      )
      .expect(200);
    expect((await queued(held, zjAdmin)).total).toBe(0);
  });
});
