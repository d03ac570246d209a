import {
  client,
  countEvents,
  personBody,
  projectBody,
  projectionsCaughtUp,
  zjCommittee,
  zjEmployer,
  zjOrganizer,
  cqCommittee,
} from '../support/ledger-client';
import { startTestApp, TestApp } from '../support/test-app';

describe('spot checks: reproducible draws, verification, findings', () => {
  let t: TestApp;
  let api: ReturnType<typeof client>;
  const activities: string[] = [];
  const sessionOf = new Map<string, string>();

  beforeAll(async () => {
    t = await startTestApp({ subscriptionPollMs: 10 });
    api = client(t.app);
    // 40 projects published for 2026 (10 national, 30 provincial), one session each; plus
    // internal training and a 2025 project, which are not in R7's population.
    for (let a = 0; a < 40; a += 1) {
      const { body } = await api
        .post(
          '/activities',
          projectBody({
            level: a % 4 === 0 ? 'national' : 'provincial',
            code: `2026-04-01-${400 + a}(浙)`,
            credits: '10',
            hours: '40',
          }),
          zjCommittee,
        )
        .expect(201);
      activities.push(body.activityId);
      sessionOf.set(body.activityId, await schedule(body.activityId, 1 + (a % 6)));
    }
    await api
      .post(
        '/activities',
        projectBody({ kind: 'internal-training', code: undefined, level: 'unit' }),
        zjCommittee,
      )
      .expect(201);
    await api
      .post('/activities', projectBody({ code: '2025-04-01-399(浙)' }), zjCommittee)
      .expect(201);
    await projectionsCaughtUp(t.app);
  });
  afterAll(() => t.close());

  async function schedule(activityId: string, month: number) {
    const m = String(month).padStart(2, '0');
    const { body } = await api
      .post(
        `/activities/${activityId}/sessions`,
        {
          startsAt: `2026-${m}-10T08:30:00+08:00`,
          endsAt: `2026-${m}-10T17:30:00+08:00`,
          location: '杭州',
        },
        zjOrganizer,
      )
      .expect(201);
    return body.sessionId as string;
  }
  const drawing = (body: Record<string, unknown>) =>
    api.post(
      '/spot-checks',
      { jurisdiction: 'CN-ZJ', year: 2026, rate: '0.08', ...body },
      zjCommittee,
    );
  const verification = async (id: string) =>
    (await api.get(`/spot-checks/${id}/verification`, zjCommittee).expect(200)).body;

  it("seed 001 (二十二) 按当年公布项目总数的6%~10% (R7 is Chongqing's): Zhejiang states its own rate (none is borrowed); a draw takes that share of the projects published for the year, reproducibly, and a redraw needs a reason", async () => {
    const noRate = await api
      .post('/spot-checks', { jurisdiction: 'CN-ZJ', year: 2026 }, zjCommittee)
      .expect(422);
    expect(noRate.body).toMatchObject({ field: 'rate' });
    expect(noRate.body.message).toMatch(/zhejiang-2024 sets no spot-check rate/);
    const first = (await drawing({ rate: '0.08' }).expect(201)).body;
    expect(first).toMatchObject({
      spotCheckId: 'CN-ZJ.2026.1',
      subject: 'projects',
      rate: '0.08',
      seedSource: 'ledger-digest',
      population: { count: 40, projection: 'activities' },
    });
    expect(first.selected).toHaveLength(3); // 8 % of 40 projects (3.2), not of sessions
    expect(first.selected.every((id: string) => activities.includes(id))).toBe(true);
    expect(await verification(first.spotCheckId)).toMatchObject({
      matches: true,
      checks: { population: true, selection: true, seed: true },
    });

    const before = await countEvents(t.db);
    expect((await drawing({}).expect(409)).body.field).toBe('reason');
    expect(
      (await drawing({ rate: '1.5', reason: 'a second look at the year' }).expect(422)).body.field,
    ).toBe('rate');
    expect(
      (await drawing({ subject: 'sessions', reason: 'sessions as before' }).expect(422)).body,
    ).toMatchObject({ rule: 'R7', field: 'subject' });
    expect(await countEvents(t.db)).toBe(before);

    const seeded = (
      await drawing({
        seed: 'committee-meeting-2026-11-20',
        reason: 'public draw at the committee meeting',
      }).expect(201)
    ).body;
    const again = (
      await drawing({
        seed: 'committee-meeting-2026-11-20',
        reason: 'the same draw repeated to show it is fixed',
      }).expect(201)
    ).body;
    expect(again.selected).toEqual(seeded.selected);
    expect(again.population.digest).toBe(seeded.population.digest);
    const otherSeed = (
      await drawing({
        seed: 'another-seed-entirely',
        reason: 'a different seed for comparison',
      }).expect(201)
    ).body;
    expect(otherSeed.selected).not.toEqual(seeded.selected);

    await api
      .post('/activities', projectBody({ code: '2026-04-01-499(浙)' }), zjCommittee)
      .expect(201);
    await projectionsCaughtUp(t.app);
    const grown = (
      await drawing({
        seed: 'committee-meeting-2026-11-20',
        reason: 'population changed: a project was published',
      }).expect(201)
    ).body;
    expect(grown.population.count).toBe(41);
    expect(grown.population.digest).not.toBe(seeded.population.digest);
    expect(grown.selected).not.toEqual(seeded.selected);
    const view = (await api.get(`/spot-checks/${grown.spotCheckId}`, zjCommittee).expect(200)).body;
    expect(view.otherDrawsOfTheYear).toEqual([
      'CN-ZJ.2026.1',
      'CN-ZJ.2026.2',
      'CN-ZJ.2026.3',
      'CN-ZJ.2026.4',
    ]);
    // The earlier draw still verifies against the log as it stood then.
    expect((await verification(seeded.spotCheckId)).matches).toBe(true);
    await api.get('/spot-checks/CN-ZJ.2026.1', cqCommittee).expect(403);
  });

  it('stratifies by level, and samples people by title level', async () => {
    const stratified = (
      await drawing({
        strata: ['level'],
        rate: '0.10',
        reason: 'stratified by level this time',
      }).expect(201)
    ).body;
    // 41 projects at 10 %: 4 in all (4.1), allocated by largest remainder (national 10 → 0.98,
    // provincial 31 → 3.02: 1 + 3) — within R7's bounds, not one stratum rounded up after another.
    expect(stratified.selected).toHaveLength(4);
    // (Strata too fine for a profile's bounds are refused: Chongqing's R7, in the decider's spec.)
    expect((await verification(stratified.spotCheckId)).matches).toBe(true);
    expect(
      (await drawing({ strata: ['titleLevel'], reason: 'wrong strata for projects' }).expect(422))
        .body.field,
    ).toBe('strata');

    for (const titleLevel of ['junior', 'junior', 'senior', 'intermediate'])
      await api.post('/persons', personBody({ titleLevel }), zjCommittee).expect(201);
    await projectionsCaughtUp(t.app);
    const people = (
      await drawing({ subject: 'persons', strata: ['titleLevel'], rate: '0.5' }).expect(201)
    ).body;
    expect(people).toMatchObject({
      subject: 'persons',
      population: { count: 4, projection: 'person-years' },
    });
    expect(people.selected).toHaveLength(3); // junior 2 → 1, senior 1 → 1, intermediate 1 → 1
    expect((await verification(people.spotCheckId)).matches).toBe(true);
  });

  it('verification notices a draw whose recorded selection was changed', async () => {
    const drawn = (
      await drawing({ rate: '0.08', reason: 'a draw to be tampered with in the test' }).expect(201)
    ).body;
    await t.db.sql.begin(async (tx) => {
      await tx`SET LOCAL session_replication_role = replica`;
      await tx`UPDATE events SET data = jsonb_set(data, '{selected}', '["A"]'::jsonb) WHERE event_type = 'SpotCheckDrawn' AND data->>'spotCheckId' = ${drawn.spotCheckId}`;
    });
    expect(await verification(drawn.spotCheckId)).toMatchObject({
      matches: false,
      checks: { selection: false },
    });
  });

  it('seed 001 (二十二) 抽查评估 (R7 findings): a failed finding records what failed and revokes only the credits the committee names, listing who falls short', async () => {
    const drawn = (await api.get('/spot-checks/CN-ZJ.2026.1', zjCommittee).expect(200)).body;
    const [projectId, otherProjectId] = drawn.selected as string[];
    const sessionId = sessionOf.get(projectId) as string;
    const register = async (grassroots: boolean) =>
      (await api.post('/persons', personBody({ grassroots }), zjCommittee).expect(201)).body
        .personId as string;
    const justEnough = await register(true);
    const plenty = await register(true);
    const innocent = await register(true);
    for (const personId of [justEnough, plenty, innocent]) {
      await api
        .post(
          `/sessions/${sessionId}/attendance`,
          { personId, method: 'qr', scannedAt: await sessionStart(sessionId), deviceId: 'g1' },
          zjOrganizer,
        )
        .expect(201);
    }
    await api
      .post(
        `/sessions/${sessionId}/report`,
        { hoursTaught: '40', submittedAt: new Date().toISOString(), evaluationLevels: [1, 2, 3] },
        zjOrganizer,
      )
      .expect(201);
    await api
      .post(`/sessions/${sessionId}/report/decision`, { decision: 'approve' }, zjCommittee)
      .expect(200);
    const { body: study } = await api
      .post(
        '/activities',
        projectBody({
          kind: 'advanced-study',
          code: undefined,
          level: 'unit',
          organizerId: zjEmployer.id,
        }),
        zjCommittee,
      )
      .expect(201);
    for (const [personId, amount] of [
      [justEnough, '15'],
      [plenty, '25'],
    ])
      await api
        .post(
          '/credits',
          {
            personId,
            activityId: study.activityId,
            amount,
            earnedAt: '2026-08-01T10:00:00+08:00',
            evidence: 'advanced study certificate',
          },
          zjEmployer,
        )
        .expect(201);
    await projectionsCaughtUp(t.app);
    const year = (await api.get(`/persons/${justEnough}/years/2026`, zjCommittee).expect(200)).body;
    expect({ verdict: year.verdict, reasons: year.reasons }).toEqual({
      verdict: 'compliant',
      reasons: [],
    });

    const before = await countEvents(t.db);
    const notSampled = activities.find((a) => !drawn.selected.includes(a)) as string;
    await api
      .post(
        '/spot-checks/CN-ZJ.2026.1/findings',
        { activityId: notSampled, result: 'fail', reason: 'not a sampled project at all' },
        zjCommittee,
      )
      .expect(422);
    const stranger = await api
      .post(
        '/spot-checks/CN-ZJ.2026.1/findings',
        {
          activityId: projectId,
          result: 'fail',
          reason: 'sign-in sheets do not match the scans',
          revoke: [{ sessionId, personIds: [otherProjectId] }],
        },
        zjCommittee,
      )
      .expect(422);
    expect(stranger.body.field).toBe('revoke[0].personIds');
    expect(await countEvents(t.db)).toBe(before);

    // A failure that names nobody revokes nothing.
    const quiet = (
      await api
        .post(
          '/spot-checks/CN-ZJ.2026.1/findings',
          {
            activityId: otherProjectId,
            result: 'fail',
            reason: 'teachers differ from the application',
            failed: ['授课教师与申报不一致'],
          },
          zjCommittee,
        )
        .expect(201)
    ).body;
    expect(quiet).toMatchObject({ revocations: null, revokedCredits: [], peopleNowShort: [] });

    const finding = (
      await api
        .post(
          '/spot-checks/CN-ZJ.2026.1/findings',
          {
            activityId: projectId,
            result: 'fail',
            reason: 'sign-in sheets do not match the scans',
            failed: ['签到记录与扫码记录不符'],
            revoke: [{ sessionId, personIds: [justEnough, plenty] }],
          },
          zjCommittee,
        )
        .expect(201)
    ).body;
    expect(finding.revokedCredits).toHaveLength(2);
    expect(finding.peopleNowShort).toEqual([
      {
        personId: justEnough,
        year: 2026,
        reasons: expect.arrayContaining([expect.stringMatching(/^short 10 credits/)]),
      },
    ]);
    const credits = (
      await api.get(`/persons/${justEnough}/credits?year=2026`, zjCommittee).expect(200)
    ).body.credits;
    expect(credits.find((c: { sessionId: string }) => c.sessionId === sessionId)).toMatchObject({
      status: 'revoked',
      reasons: ['revoked: spot check CN-ZJ.2026.1 failed: sign-in sheets do not match the scans'],
    });
    // The attendee the committee did not name keeps the credit.
    const kept = (await api.get(`/persons/${innocent}/credits?year=2026`, zjCommittee).expect(200))
      .body.credits;
    expect(kept.find((c: { sessionId: string }) => c.sessionId === sessionId)).toMatchObject({
      status: 'counted',
    });
    await api
      .post(
        '/spot-checks/CN-ZJ.2026.1/findings',
        { activityId: projectId, result: 'pass', reason: 'second opinion on the same project' },
        zjCommittee,
      )
      .expect(409);
  });

  async function sessionStart(sessionId: string): Promise<string> {
    const { body } = await api.get(`/sessions/${sessionId}/attendance`, zjCommittee).expect(200);
    return new Date(Date.parse(body.startsAt) + 600_000).toISOString();
  }
});
