import {
  client,
  countEvents,
  cqCommittee,
  personBody,
  projectBody,
  projectionsCaughtUp,
  zjCommittee,
} from '../support/ledger-client';
import { startTestApp, TestApp } from '../support/test-app';

const national = { id: 'cn-committee-1', role: 'committee', jurisdiction: 'CN' };
const cqEmployer = { id: 'employer-cq-9', role: 'employer', jurisdiction: 'CN-CQ' };

/**
 * Issue 12 over HTTP: attributes with history (POST /persons/{id}/profile-changes), the year's
 * answer naming the attributes and the profile it used, the population of statistics and seals.
 */
describe('profile changes, the population of a credit year, and seals after the year', () => {
  let t: TestApp;
  let api: ReturnType<typeof client>;

  beforeAll(async () => {
    t = await startTestApp({ subscriptionPollMs: 10 });
    api = client(t.app);
  });
  afterAll(() => t.close());

  const register = async (overrides: Record<string, unknown>, actor = zjCommittee) => {
    const body = personBody({ registeredAt: '2023-03-01T09:00:00+08:00', ...overrides });
    const { body: created } = await api.post('/persons', body, actor).expect(201);
    return { personId: created.personId as string, body };
  };
  const year = async (personId: string, y: number, actor = zjCommittee) =>
    (await api.get(`/persons/${personId}/years/${y}`, actor).expect(200)).body;

  it('seed 003 细则 二: a promotion from 2025-07-01 judges 2024 as junior and 2025 as intermediate, and the answer says so with the profile version', async () => {
    const { personId, body } = await register({ titleLevel: 'junior' });
    const changed = await api
      .post(
        `/persons/${personId}/profile-changes`,
        {
          effectiveFrom: '2025-07-01',
          titleLevel: 'intermediate',
          reason: '晋升中级职称 promoted, certificate 浙卫职〔2025〕12',
        },
        zjCommittee,
      )
      .expect(201);
    expect(changed.body).toMatchObject({
      personId,
      effectiveFrom: '2025-07-01',
      inForceFrom: { titleLevel: 'intermediate', jurisdiction: 'CN-ZJ' },
    });
    await projectionsCaughtUp(t.app);
    expect(await year(personId, 2024)).toMatchObject({
      profile: 'zhejiang-2024@2',
      profileLayers: ['national-2024@2', 'zhejiang-2024@2'],
      attributes: {
        titleLevel: 'junior',
        inForceOn: '2024-12-31',
        rule: 'each credit year is assessed with the attributes in force on its last day',
      },
      reasons: expect.arrayContaining([
        'short 10 public-subject credits: junior requires 10, has 0 (R10)',
      ]),
    });
    expect(await year(personId, 2025)).toMatchObject({
      attributes: { titleLevel: 'intermediate', inForceOn: '2025-12-31' },
      reasons: expect.arrayContaining([
        'short 5 public-subject credits: intermediate requires 5, has 0 (R10)',
      ]),
    });
    expect((await api.get(`/persons/${personId}`, zjCommittee).expect(200)).body).toMatchObject({
      titleLevel: 'intermediate',
      countyLevelOrBelow: false,
      region: null,
      registeredAt: '2023-03-01T01:00:00.000Z',
      attributeHistory: {
        registered: { titleLevel: 'junior' },
        changes: [{ effectiveFrom: '2025-07-01', changes: { titleLevel: 'intermediate' } }],
      },
    });
    // Registering again with the details first recorded is the same person, not a conflict.
    expect((await api.post('/persons', body, zjCommittee).expect(200)).body.personId).toBe(
      personId,
    );
  });

  it('seed 002: the national COVID-19 front-line exemption holds in Chongqing and Beijing for 2020 (and only 2020)', async () => {
    for (const [jurisdiction, actor] of [
      ['CN-CQ', cqCommittee],
      ['CN-BJ', national],
    ] as const) {
      const { personId } = await register({ jurisdiction, employerId: undefined }, actor);
      const exemption = (y: number) =>
        api.post(
          `/persons/${personId}/exemptions`,
          { year: y, basis: 'covid-19-frontline', evidence: '抗疫一线人员证明 2020-0007' },
          actor,
        );
      await exemption(2020).expect(201);
      expect((await exemption(2021).expect(422)).body).toMatchObject({
        rule: 'R4',
        field: 'basis',
      });
      await projectionsCaughtUp(t.app);
      expect(await year(personId, 2020, actor)).toMatchObject({
        verdict: 'exempt',
        profileLayers: expect.arrayContaining(['national-2019@2']),
        exemption: { basis: 'covid-19-frontline' },
      });
    }
  });

  it('refuses a bad change naming the field, and appends nothing', async () => {
    const { personId } = await register({});
    const before = await countEvents(t.db);
    const post = (body: Record<string, unknown>, actor = zjCommittee) =>
      api.post(`/persons/${personId}/profile-changes`, body, actor);
    const reason = 'recorded from the appointment letter';
    expect(
      (await post({ effectiveFrom: '2025-13-01', titleLevel: 'senior', reason }).expect(422)).body
        .field,
    ).toBe('effectiveFrom');
    expect((await post({ effectiveFrom: '01/07/2025', reason }).expect(400)).body.message).toMatch(
      /effectiveFrom/,
    );
    expect((await post({ effectiveFrom: '2025-07-01', reason }).expect(422)).body.field).toBe(
      'changes',
    );
    expect(
      (await post({ effectiveFrom: '2025-07-01', region: 'north', reason }).expect(400)).body
        .message,
    ).toMatch(/region/);
    expect(
      (await post({ effectiveFrom: '2025-07-01', region: 'cq-northeast', reason }).expect(422))
        .body,
    ).toMatchObject({ field: 'region', rule: 'R8' });
    // A transfer needs the receiving jurisdiction too: Zhejiang's committee alone may not move
    // someone into Chongqing; Chongqing's may not touch a Zhejiang person.
    await post({ effectiveFrom: '2025-07-01', jurisdiction: 'CN-CQ', reason }).expect(403);
    await post({ effectiveFrom: '2025-07-01', titleLevel: 'senior', reason }, cqCommittee).expect(
      403,
    );
    expect(await countEvents(t.db)).toBe(before);
  });

  it('seed 001 (五)(十六): a transfer to Chongqing keeps 2025 in Zhejiang and moves 2026 to Chongqing, with its north-east targets; statistics count each year once', async () => {
    const peopleIn = async (y: number, j: string) =>
      (await api.get(`/statistics/compliance?jurisdiction=${j}&year=${y}`, national).expect(200))
        .body.overall.people as number;
    await projectionsCaughtUp(t.app);
    const cq2025Before = await peopleIn(2025, 'CN-CQ');
    const zj2025Before = await peopleIn(2025, 'CN-ZJ');
    const { personId } = await register({ titleLevel: 'junior' });
    await api
      .post(
        `/persons/${personId}/profile-changes`,
        {
          effectiveFrom: '2026-02-01',
          jurisdiction: 'CN-CQ',
          region: 'cq-northeast',
          reason: '调入重庆市万州区人民医院 transferred',
        },
        national,
      )
      .expect(201);
    await projectionsCaughtUp(t.app);
    expect(await year(personId, 2025, national)).toMatchObject({
      profile: 'zhejiang-2024@2',
      attributes: { jurisdiction: 'CN-ZJ', region: null },
    });
    const cq2026 = await year(personId, 2026, cqCommittee);
    expect(cq2026).toMatchObject({
      profile: 'chongqing-2017@2',
      attributes: { jurisdiction: 'CN-CQ', region: 'cq-northeast', inForceOn: '2026-10-31' },
      population: { jurisdiction: 'CN-CQ', counted: true },
      publicToOtherHours: { principle: 'about 1 : 5', informational: true },
    });
    const stats = (y: number, j: string, actor = national) =>
      api.get(`/statistics/compliance?jurisdiction=${j}&year=${y}`, actor).expect(200);
    const cq = (await stats(2026, 'CN-CQ')).body;
    expect(cq.targets.value.byRegion['cq-northeast']).toEqual({
      intermediateOrSenior: '0.90',
      junior: '0.85',
    });
    expect(
      cq.groups.find(
        (g: { titleLevel: string; region: string }) =>
          g.titleLevel === 'junior' && g.region === 'cq-northeast',
      ),
    ).toMatchObject({ people: 1, short: 1, target: '0.85', meetsTarget: false });
    const zj2026 = (await stats(2026, 'CN-ZJ')).body;
    // The person is in Zhejiang's 2025 and Chongqing's 2026, never in both for one year.
    expect(await peopleIn(2025, 'CN-CQ')).toBe(cq2025Before);
    expect(await peopleIn(2025, 'CN-ZJ')).toBe(zj2025Before + 1);
    expect(zj2026.population).toMatch(/registered before the credit year ended/);
  });

  it("seed 001 (十六): nobody registered after a year ended is in its statistics or its seal; a year is sealed only after its last day, with Chongqing's 30 Nov deadline reported", async () => {
    const study = (
      await api
        .post(
          '/activities',
          projectBody({
            kind: 'advanced-study',
            code: undefined,
            level: 'unit',
            jurisdiction: 'CN-CQ',
            organizerId: cqEmployer.id, // the employer grants under activities it runs
          }),
          cqCommittee,
        )
        .expect(201)
    ).body.activityId as string;
    const early = await register(
      {
        jurisdiction: 'CN-CQ',
        employerId: cqEmployer.id,
        registeredAt: '2024-05-01T09:00:00+08:00',
      },
      cqCommittee,
    );
    const late = await register(
      {
        jurisdiction: 'CN-CQ',
        employerId: cqEmployer.id,
        registeredAt: '2026-11-02T09:00:00+08:00',
      },
      cqCommittee,
    );
    await api
      .post(
        '/credits',
        {
          personId: early.personId,
          activityId: study,
          amount: '25',
          earnedAt: '2025-06-01T10:00:00+08:00',
          evidence: 'advanced study certificate',
        },
        cqEmployer,
      )
      .expect(201);
    await projectionsCaughtUp(t.app);
    const lateYear = await year(late.personId, 2025, cqCommittee);
    expect(lateYear.population).toMatchObject({ counted: false });
    const stats = (
      await api.get('/statistics/compliance?jurisdiction=CN-CQ&year=2025', cqCommittee).expect(200)
    ).body;
    expect(stats.registeredAfterYearEnd).toBeGreaterThanOrEqual(1);

    // Zhejiang's 2026 runs to 31 Dec and Chongqing's 2027 has not begun: neither can be sealed.
    const before = await countEvents(t.db);
    const open = await api
      .post('/year-audits', { jurisdiction: 'CN-ZJ', year: 2026 }, zjCommittee)
      .expect(409);
    expect(open.body).toMatchObject({ field: 'year' });
    expect(open.body.message).toMatch(/runs until 2026-12-31/);
    await api.post('/year-audits', { jurisdiction: 'CN-CQ', year: 2027 }, cqCommittee).expect(409);
    expect(await countEvents(t.db)).toBe(before);

    const sealed = (
      await api.post('/year-audits', { jurisdiction: 'CN-CQ', year: 2025 }, cqCommittee).expect(201)
    ).body;
    expect(sealed).toMatchObject({
      yearLastDay: '2025-10-31',
      dueBy: '2025-11-30T15:59:59.000Z',
      late: true,
    });
    expect(sealed.people).toBe(stats.overall.people + stats.overall.outOfScope);
    expect(sealed.verdicts.compliant).toBeGreaterThanOrEqual(1);
  });
});
