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

  beforeAll(async () => {
    t = await startTestApp({ subscriptionPollMs: 10 });
    api = client(t.app);
    for (let a = 0; a < 5; a += 1) {
      const { body } = await api
        .post(
          '/activities',
          projectBody({
            level: a === 0 ? 'national' : 'provincial',
            code: `2026-04-01-40${a}(浙)`,
            credits: '10',
            hours: '40',
          }),
          zjCommittee,
        )
        .expect(201);
      activities.push(body.activityId);
      for (let s = 1; s <= 6; s += 1) await schedule(body.activityId, s);
    }
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

  it("seed 001 (二十二): R7 is Chongqing's — Zhejiang states its own rate (none is borrowed); a draw is reproducible and a redraw needs a reason", async () => {
    const noRate = await api
      .post('/spot-checks', { jurisdiction: 'CN-ZJ', year: 2026 }, zjCommittee)
      .expect(422);
    expect(noRate.body).toMatchObject({ field: 'rate' });
    expect(noRate.body.message).toMatch(/zhejiang-2024 sets no spot-check rate/);
    const first = (await drawing({ rate: '0.08' }).expect(201)).body;
    expect(first).toMatchObject({
      spotCheckId: 'CN-ZJ.2026.1',
      rate: '0.08',
      seedSource: 'ledger-digest',
      population: { count: 30, projection: 'activities' },
    });
    expect(first.selected).toHaveLength(3);
    expect(await verification(first.spotCheckId)).toMatchObject({
      matches: true,
      checks: { population: true, selection: true, seed: true },
    });

    const before = await countEvents(t.db);
    expect((await drawing({}).expect(409)).body.field).toBe('reason');
    expect(
      (await drawing({ rate: '1.5', reason: 'a second look at the year' }).expect(422)).body.field,
    ).toBe('rate');
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

    await schedule(activities[1], 7);
    await projectionsCaughtUp(t.app);
    const grown = (
      await drawing({
        seed: 'committee-meeting-2026-11-20',
        reason: 'population changed: a session was added',
      }).expect(201)
    ).body;
    expect(grown.population.count).toBe(31);
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
    expect(stratified.selected).toHaveLength(1 + 3); // national 6 sessions → 1, provincial 25 → 3
    expect((await verification(stratified.spotCheckId)).matches).toBe(true);
    expect(
      (await drawing({ strata: ['titleLevel'], reason: 'wrong strata for sessions' }).expect(422))
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

  it('a failed finding revokes the session’s credits and lists who falls below the minimum', async () => {
    const drawn = (await api.get('/spot-checks/CN-ZJ.2026.1', zjCommittee).expect(200)).body;
    const sessionId = drawn.selected[0];
    const register = async (grassroots: boolean) =>
      (await api.post('/persons', personBody({ grassroots }), zjCommittee).expect(201)).body
        .personId as string;
    const justEnough = await register(true);
    const plenty = await register(true);
    for (const personId of [justEnough, plenty]) {
      await api
        .post(
          `/sessions/${sessionId}/attendance`,
          {
            personId,
            method: 'qr',
            scannedAt: drawn.selected[0] && (await sessionStart(sessionId)),
            deviceId: 'g1',
          },
          zjOrganizer,
        )
        .expect(201);
    }
    await api
      .post(
        `/sessions/${sessionId}/report`,
        { hoursTaught: '40', submittedAt: new Date().toISOString() },
        zjOrganizer,
      )
      .expect(201);
    await api
      .post(`/sessions/${sessionId}/report/decision`, { decision: 'approve' }, zjCommittee)
      .expect(200);
    const { body: study } = await api
      .post(
        '/activities',
        projectBody({ kind: 'advanced-study', code: undefined, level: 'unit' }),
        zjCommittee,
      )
      .expect(201);
    await api
      .post(
        '/credits',
        {
          personId: justEnough,
          activityId: study.activityId,
          amount: '15',
          earnedAt: '2026-08-01T10:00:00+08:00',
          evidence: 'advanced study certificate',
        },
        zjEmployer,
      )
      .expect(201);
    await api
      .post(
        '/credits',
        {
          personId: plenty,
          activityId: study.activityId,
          amount: '25',
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

    await api
      .post(
        '/spot-checks/CN-ZJ.2026.1/findings',
        {
          sessionId: activities[0].padEnd(43, 'x').slice(0, 43),
          result: 'fail',
          reason: 'not a sampled session at all',
        },
        zjCommittee,
      )
      .expect(422);
    const finding = (
      await api
        .post(
          '/spot-checks/CN-ZJ.2026.1/findings',
          { sessionId, result: 'fail', reason: 'sign-in sheets do not match the scans' },
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
    await api
      .post(
        '/spot-checks/CN-ZJ.2026.1/findings',
        { sessionId, result: 'pass', reason: 'second opinion on the same session' },
        zjCommittee,
      )
      .expect(409);
  });

  async function sessionStart(sessionId: string): Promise<string> {
    const { body } = await api.get(`/sessions/${sessionId}/attendance`, zjCommittee).expect(200);
    return new Date(Date.parse(body.startsAt) + 600_000).toISOString();
  }
});
