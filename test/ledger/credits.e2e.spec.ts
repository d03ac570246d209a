import {
  client,
  countEvents,
  cqCommittee,
  personBody,
  projectBody,
  zjAdmin,
  projectionsCaughtUp,
  zjCommittee,
  zjEmployer,
} from '../support/ledger-client';
import { startTestApp, TestApp } from '../support/test-app';

describe('non-project credits, corrections and exemptions over HTTP', () => {
  let t: TestApp;
  let api: ReturnType<typeof client>;

  beforeAll(async () => {
    t = await startTestApp();
    api = client(t.app);
  });
  afterAll(() => t.close());

  async function person(overrides: Record<string, unknown> = {}) {
    const { body } = await api.post('/persons', personBody(overrides), zjCommittee).expect(201);
    return body.personId as string;
  }
  async function activity(kind: string, overrides: Record<string, unknown> = {}) {
    const { body } = await api
      .post(
        '/activities',
        projectBody({
          kind,
          code: undefined,
          level: 'unit',
          credits: '5',
          hours: '15',
          // The employer granting below runs these activities itself.
          organizerId: zjEmployer.id,
          ...overrides,
        }),
        zjCommittee,
      )
      .expect(201);
    return body.activityId as string;
  }
  const grant = (
    body: Record<string, unknown>,
    actor = zjEmployer,
    headers: Record<string, string> = {},
  ) =>
    api.post(
      '/credits',
      {
        earnedAt: '2026-06-30T17:00:00+08:00',
        evidence: 'roster signed by the department head',
        ...body,
      },
      actor,
      headers,
    );
  const credits = async (personId: string, year = 2026) =>
    (await api.get(`/persons/${personId}/credits?year=${year}`, zjCommittee).expect(200)).body;

  it('seed 003 细则 (五) R11 internal training (zhejiang-2024): 1 credit per 3 h; past 5 per project it is recorded and shown capped, never refused', async () => {
    const personId = await person();
    const activityId = await activity('internal-training');
    const first = await grant({ personId, activityId, hours: '9' }).expect(201);
    expect(first.body).toMatchObject({ amount: '3', status: 'counted', kind: 'internal-training' });
    const over = await grant({ personId, activityId, hours: '12' }).expect(201);
    expect(over.body.amount).toBe('4'); // recorded in full
    expect(over.body.calculation).toMatch(
      /12 h ÷ 3 h per credit = 4 \(at most 5 per project count\)/,
    );
    // The same calculation in the reader's language: its code and figures are kept on the credit.
    expect(over.body.calculationCode).toMatchObject({
      code: 'calc.internal-training',
      params: { hours: '12', hoursPerCredit: '3', amount: '4' },
    });
    const inChinese = await api
      .get(`/persons/${personId}/credits?year=2026`, zjCommittee)
      .set('Accept-Language', 'zh-CN')
      .expect(200);
    expect(
      inChinese.body.credits.find((c: { creditId: string }) => c.creditId === over.body.creditId)
        .calculation,
    ).toMatch(/^12 学时 ÷ 每学分 3 学时 = 4 学分（每个项目最多计 5 学分）\[R11，zhejiang-2024：/);
    expect((await grant({ personId, activityId, hours: '3' }).expect(201)).body.amount).toBe('1');
    const before = await countEvents(t.db);
    const refused = await grant({ personId, activityId, hours: '0.2' }).expect(422);
    expect(refused.body).toMatchObject({ rule: 'R11', field: 'hours' });
    expect(await countEvents(t.db)).toBe(before);
    expect(
      (
        await grant({
          personId,
          activityId: await activity('internal-training'),
          hours: '4',
        }).expect(201)
      ).body.amount,
    ).toBe('1.3');
    const list = await credits(personId);
    expect(list.countedTotal).toBe('6.3');
    expect(
      list.credits.map((c: { amount: string; capped: unknown }) => [c.amount, c.capped]),
    ).toEqual([
      ['3', null],
      ['4', expect.objectContaining({ counts: '2', rule: 'R11' })],
      ['1', expect.objectContaining({ counts: '0', rule: 'R11' })],
      ['1.3', null],
    ]);
  });

  it("seed 003 细则 (六) R11 special training (zhejiang-2024): months are cumulative in the year (3 = the year's 25, earlier day credits do not block it); a day counts with ≥ 6 h; committee only", async () => {
    const activityId = await activity('special-training', { level: 'provincial' });
    const full = await person();
    await grant({ personId: full, activityId, months: 3 }, zjEmployer).expect(422);
    expect(
      (await grant({ personId: full, activityId, months: 4 }, zjCommittee).expect(201)).body.amount,
    ).toBe('25');
    const days = await person();
    expect(
      (await grant({ personId: days, activityId, days: 10, hours: '60' }, zjCommittee).expect(201))
        .body.amount,
    ).toBe('10');
    expect(
      (await grant({ personId: days, activityId, days: 10, hours: '60' }, zjCommittee).expect(201))
        .body.amount,
    ).toBe('10'); // recorded in full; 15 a year count
    const short = await grant({ personId: days, activityId, days: 1, hours: '4' }, zjCommittee);
    expect(short.status).toBe(422);
    expect(short.body).toMatchObject({ rule: 'R11', field: 'hours' });
    expect((await credits(days)).countedTotal).toBe('15');
    // Two months, then one more: the year is complete although day credits came first.
    const cumulative = await person();
    await grant(
      { personId: cumulative, activityId, months: 2, days: 8, hours: '48' },
      zjCommittee,
    ).expect(201);
    const third = await grant({ personId: cumulative, activityId, months: 1 }, zjCommittee).expect(
      201,
    );
    expect(third.body.amount).toBe('25');
    expect(third.body.calculation).toMatch(/3 in the year ≥ 3/);
    expect((await credits(cumulative)).countedTotal).toBe('25');
  });

  it("seed 003 细则 (七) R11 self-study (zhejiang-2024): the plan must be approved before the credit's date; over 10 a year is recorded and capped", async () => {
    const personId = await person();
    const activityId = await activity('self-study');
    expect((await grant({ personId, activityId, amount: '4' }).expect(422)).body).toMatchObject({
      rule: 'R11',
    });
    await api
      .post(
        `/persons/${personId}/self-study-plans`,
        {
          year: 2026,
          plan: 'read the heart-failure guideline, monthly case review',
          approvedAt: '2026-03-01T09:00:00+08:00',
        },
        zjEmployer,
      )
      .expect(201);
    const early = await grant({
      personId,
      activityId,
      amount: '2',
      earnedAt: '2026-02-10T10:00:00+08:00',
    }).expect(422);
    expect(early.body).toMatchObject({ rule: 'R11', field: 'earnedAt' });
    await grant({ personId, activityId, amount: '6' }).expect(201);
    const over = await grant({ personId, activityId, amount: '4.5' }).expect(201);
    expect(over.body.amount).toBe('4.5');
    const list = await credits(personId);
    expect(list.countedTotal).toBe('10');
    expect(list.credits[1].capped).toMatchObject({ counts: '4', rule: 'R11' });
    await projectionsCaughtUp(t.app);
    const year = (await api.get(`/persons/${personId}/years/2026`, zjCommittee).expect(200)).body;
    expect(year.capped).toEqual([
      expect.objectContaining({ creditId: over.body.creditId, recorded: '4.5', counts: '4' }),
    ]);
  });

  it('R11 papers: SCI 25/15/10 and core 15/10/5 for the first three authors only', async () => {
    const personId = await person();
    const activityId = await activity('publication');
    expect(
      (await grant({ personId, activityId, journalTier: 'sci', authorRank: 2 }).expect(201)).body
        .amount,
    ).toBe('15');
    expect(
      (await grant({ personId, activityId, journalTier: 'core', authorRank: 3 }).expect(201)).body
        .amount,
    ).toBe('5');
    expect(
      (await grant({ personId, activityId, journalTier: 'core', authorRank: 4 }).expect(422)).body
        .field,
    ).toBe('authorRank');
  });

  it('project credits come only from report approval, not from POST /credits', async () => {
    const personId = await person();
    const { body } = await api.post('/activities', projectBody(), zjCommittee).expect(201);
    expect(
      (await grant({ personId, activityId: body.activityId, amount: '5' }, zjCommittee).expect(422))
        .body.field,
    ).toBe('activityId');
  });

  it("seed 000 §三 R5: only remote-education providers' projects wait for verification; an employer's grant for a remote non-project activity counts at once", async () => {
    const personId = await person();
    const activityId = await activity('advanced-study', { format: 'remote' });
    const { body: credit } = await grant({ personId, activityId, amount: '2.5' }).expect(201);
    expect(credit).toMatchObject({ status: 'counted', verification: 'not-required' });
    await api
      .post(`/credits/${credit.creditId}/verification`, { decision: 'verify' }, zjCommittee)
      .expect(409);
  });

  it('a grant retried with the same Idempotency-Key records one fact and returns the same answer', async () => {
    const personId = await person();
    const activityId = await activity('mentorship');
    const headers = { 'Idempotency-Key': 'grant-2026-06-30-0001' };
    const first = await grant({ personId, activityId, amount: '3' }, zjEmployer, headers).expect(
      201,
    );
    const before = await countEvents(t.db);
    const retry = await grant({ personId, activityId, amount: '3' }, zjEmployer, headers).expect(
      200,
    );
    expect(retry.body).toEqual(first.body);
    expect(await countEvents(t.db)).toBe(before);
    const reused = await grant({ personId, activityId, amount: '4' }, zjEmployer, headers).expect(
      422,
    );
    expect(reused.body.field).toBe('Idempotency-Key');
    await grant({ personId, activityId, amount: '3' }, zjEmployer, {
      'Idempotency-Key': 'no',
    }).expect(400);
    expect((await credits(personId)).credits).toHaveLength(1);
  });

  it('corrections are compensating events naming the event they correct, with a reason', async () => {
    const personId = await person();
    const activityId = await activity('degree-education');
    const { body: credit } = await grant({ personId, activityId, amount: '4' }).expect(201);
    const before = await countEvents(t.db);
    expect(
      (
        await api
          .post(`/credits/${credit.creditId}/adjustment`, { amount: '3', reason: 'typo' }, zjAdmin)
          .expect(400)
      ).body.message,
    ).toMatch(/reason/);
    await api
      .post(
        `/credits/${credit.creditId}/adjustment`,
        { amount: '3', reason: 'hours were keyed as 12 instead of 9' },
        zjEmployer,
      )
      .expect(403);
    await api
      .post(
        `/credits/${credit.creditId}/adjustment`,
        { amount: '3', reason: 'hours were keyed as 12 instead of 9' },
        cqCommittee,
      )
      .expect(403);
    expect(await countEvents(t.db)).toBe(before);

    const adjusted = await api
      .post(
        `/credits/${credit.creditId}/adjustment`,
        { amount: '3', subject: 'public', reason: 'hours were keyed as 12 instead of 9' },
        zjAdmin,
      )
      .expect(200);
    expect(adjusted.body).toMatchObject({ amount: '3', subject: 'public', status: 'counted' });
    const revoked = await api
      .post(
        `/credits/${credit.creditId}/revocation`,
        { reason: 'the degree course was not accredited' },
        zjAdmin,
      )
      .expect(200);
    expect(revoked.body).toMatchObject({
      status: 'revoked',
      reasons: ['revoked: the degree course was not accredited'],
    });
    await api
      .post(
        `/credits/${credit.creditId}/revocation`,
        { reason: 'the degree course was not accredited' },
        zjAdmin,
      )
      .expect(409);

    const stream = await t.db
      .sql`SELECT event_id, event_type, data FROM events WHERE stream_id = ${`person-${personId}`} ORDER BY stream_version`;
    const [, granted, adjustment, revocation] = stream;
    expect(adjustment.event_type).toBe('CreditAdjusted');
    expect(adjustment.data).toMatchObject({
      corrects: granted.event_id,
      previous: { amount: '4', subject: 'professional' },
      changes: { amount: '3', subject: 'public' },
    });
    expect(revocation.event_type).toBe('CreditRevoked');
    expect(revocation.data.corrects).toBe(adjustment.event_id);
    expect((await credits(personId)).countedTotal).toBe('0');
  });

  it('R4: exemptions need a recognised basis and evidence, and are revocable', async () => {
    const personId = await person();
    const covid = await api
      .post(
        `/persons/${personId}/exemptions`,
        { year: 2026, basis: 'covid-19-frontline', evidence: 'certificate 2026-1' },
        zjCommittee,
      )
      .expect(422);
    expect(covid.body).toMatchObject({ rule: 'R4', field: 'basis' });
    await api
      .post(
        `/persons/${personId}/exemptions`,
        { year: 2026, basis: 'residency-training' },
        zjCommittee,
      )
      .expect(400);
    const { body: exemption } = await api
      .post(
        `/persons/${personId}/exemptions`,
        { year: 2026, basis: 'residency-training', evidence: '浙住培〔2026〕0123' },
        zjCommittee,
      )
      .expect(201);
    expect(exemption).toMatchObject({
      creditYear: 2026,
      basis: 'residency-training',
      revoked: null,
    });
    expect((await credits(personId)).exempt).toBe(true);
    await api
      .post(
        `/persons/${personId}/exemptions`,
        { year: 2026, basis: 'specialist-training', evidence: 'another certificate' },
        zjCommittee,
      )
      .expect(409);
    await api
      .post(
        `/persons/${personId}/exemptions/${exemption.exemptionId}/revocation`,
        { reason: 'the training was interrupted in March' },
        zjCommittee,
      )
      .expect(200);
    expect((await credits(personId)).exempt).toBe(false);
    expect(
      (await api.get(`/persons/${personId}`, zjCommittee).expect(200)).body.exemptions[0].revoked,
    ).toEqual({ reason: 'the training was interrupted in March' });
  });

  it.each([
    ['a negative amount', { amount: '-1' }, 'amount'],
    ['an amount with three decimals', { amount: '1.234' }, 'amount'],
    [
      'an unknown activity',
      { activityId: '7d0b1f9e-2a7c-4c1e-9b8a-1f2e3d4c5b6a', amount: '1' },
      'activityId',
    ],
    [
      'an unknown person',
      { personId: '7d0b1f9e-2a7c-4c1e-9b8a-1f2e3d4c5b6a', amount: '1' },
      'personId',
    ],
    ['a local earnedAt', { earnedAt: '2026-06-30 17:00', amount: '1' }, 'earnedAt'],
  ])(
    'a grant with %s is refused naming the field, appending nothing',
    async (_label, overrides, field) => {
      const personId = await person();
      const activityId = await activity('mentorship');
      const before = await countEvents(t.db);
      const response = await grant({ personId, activityId, ...overrides });
      expect([400, 404, 422]).toContain(response.status);
      expect(JSON.stringify(response.body)).toContain(field);
      expect(await countEvents(t.db)).toBe(before);
    },
  );

  it('credit ids that do not exist or are malformed', async () => {
    await api
      .post(`/credits/${'B'.repeat(43)}/revocation`, { reason: 'a reason of a sentence' }, zjAdmin)
      .expect(404);
    expect(
      (
        await api
          .post('/credits/xyz/revocation', { reason: 'a reason of a sentence' }, zjAdmin)
          .expect(400)
      ).body.message,
    ).toMatch(/creditId/);
    await api.get(`/persons/${await person()}/credits?year=soon`, zjCommittee).expect(400);
  });
});
