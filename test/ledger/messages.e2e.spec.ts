import request from 'supertest';
import {
  bearer,
  client,
  countEvents,
  personBody,
  projectBody,
  zjAdmin,
  zjCommittee,
  zjEmployer,
} from '../support/ledger-client';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * Issue 16: the API speaks to people — messages in the caller's language (Accept-Language; English
 * without one), times in Beijing time, reasons that fit Chinese, asOf as a date, and corrections
 * where credits are listed.
 */
describe('messages in the caller’s language, dates and corrections where people look', () => {
  let t: TestApp;
  let api: ReturnType<typeof client>;
  const zh = { 'accept-language': 'zh-CN,zh;q=0.9,en;q=0.8' };

  beforeAll(async () => {
    t = await startTestApp();
    api = client(t.app);
  });
  afterAll(() => t.close());

  const get = (path: string, headers: Record<string, string> = {}, actor = zjCommittee) => {
    let test = request(t.app.getHttpServer()).get(path).set(bearer(t.app, actor));
    for (const [k, v] of Object.entries(headers)) test = test.set(k, v);
    return test;
  };
  const post = (
    path: string,
    body: object,
    actor = zjAdmin,
    headers: Record<string, string> = {},
  ) => api.post(path, body, actor, headers);

  async function creditOf(hours: string) {
    const personId = (await api.post('/persons', personBody(), zjCommittee).expect(201)).body
      .personId as string;
    const activityId = (
      await api
        .post(
          '/activities',
          projectBody({
            kind: 'internal-training',
            code: undefined,
            level: 'unit',
            credits: '5',
            hours: '18',
            organizerId: zjEmployer.id,
          }),
          zjCommittee,
        )
        .expect(201)
    ).body.activityId as string;
    const credit = await api
      .post(
        '/credits',
        {
          personId,
          activityId,
          hours,
          earnedAt: '2026-06-30T17:00:00+08:00',
          evidence: '科室学习签到表 2026-06',
        },
        zjEmployer,
      )
      .expect(201);
    return { personId, creditId: credit.body.creditId as string };
  }

  it('errors: English without Accept-Language or with en, Chinese when zh is preferred; field, rule and error stay the same', async () => {
    const unknown = '/persons/00000000-0000-4000-8000-000000000000';
    const en = await get(unknown).expect(404);
    const inZh = await get(unknown, zh).expect(404);
    expect(en.body).toMatchObject({
      error: 'not-found',
      field: 'personId',
      message: 'no such person',
    });
    expect(inZh.body).toMatchObject({
      error: 'not-found',
      field: 'personId',
      message: '没有此人员',
    });
    expect((await get(unknown, { 'accept-language': 'en-US' }).expect(404)).body.message).toBe(
      'no such person',
    );

    // A guard's 401 and the validation pipe's 400, both languages.
    const anonymous = await request(t.app.getHttpServer()).get(unknown).set(zh).expect(401);
    expect(anonymous.body.message).toMatch(/需要登录/);
    expect((await request(t.app.getHttpServer()).get(unknown).expect(401)).body.message).toBe(
      'an Authorization: Bearer token is required',
    );
    const badYear = await get('/persons/not-a-uuid/credits', zh).expect(400);
    expect(badYear.body.field).toBe('personId');
    expect(badYear.body.message).toMatch(/personId 必须是 UUID/);
  });

  it('verdict reasons: the same year in English and in Chinese, with the machine codes beside them', async () => {
    const personId = (await api.post('/persons', personBody(), zjCommittee).expect(201)).body
      .personId as string;
    const en = (await get(`/persons/${personId}/years/2026`).expect(200)).body;
    const inZh = (await get(`/persons/${personId}/years/2026`, zh).expect(200)).body;
    expect(en.verdict).toBe('short');
    expect(en.reasons[0]).toMatch(/^short 25 credits: zhejiang-2024 requires 25, has 0$/);
    expect(inZh.reasons[0]).toBe('学分差 25 分：zhejiang-2024 要求 25 分，现有 0 分');
    expect(inZh.reasonCodes[0]).toEqual({
      code: 'year.short-credits',
      params: { short: '25', profile: 'zhejiang-2024', required: '25', has: '0' },
    });
    expect(inZh.verdict).toBe('short');
  });

  it('a 6-character Chinese reason is a reason; a shorter one is refused naming the field, and nothing is appended', async () => {
    const { creditId } = await creditOf('9');
    const before = await countEvents(t.db);
    const short = await post(`/credits/${creditId}/revocation`, { reason: '签到' }).expect(400);
    expect(short.body).toMatchObject({ field: 'reason', error: 'invalid' });
    expect(short.body.message).toMatch(/at least 4 Chinese characters or 8 letters/);
    const shortZh = await post(`/credits/${creditId}/revocation`, { reason: 'abc' }, zjAdmin, zh);
    expect(shortZh.status).toBe(400);
    expect(shortZh.body.message).toMatch(/reason 须是一句完整的说明：至少 4 个汉字或 8 个字母/);
    expect(await countEvents(t.db)).toBe(before);
    const revoked = await post(`/credits/${creditId}/revocation`, { reason: '复查会议签到' });
    expect(revoked.status).toBeLessThan(300);
    expect(revoked.body.status).toBe('revoked');
  });

  it('a corrected credit is listed with its correction: kind, amounts before and after, reason, actor, when (Beijing time)', async () => {
    const { personId, creditId } = await creditOf('18'); // 18 h ÷ 3 h = 6 credits
    const adjusted = await post(`/credits/${creditId}/adjustment`, {
      amount: '2',
      reason: '复查会议签到，学时按 6 小时计',
    });
    expect(adjusted.status).toBeLessThan(300);
    const listed = (await get(`/persons/${personId}/credits?year=2026`).expect(200)).body.credits;
    const credit = listed.find((c: { creditId: string }) => c.creditId === creditId);
    expect(credit.amount).toBe('2');
    expect(credit.correctionHistory).toEqual([
      expect.objectContaining({
        kind: 'adjusted',
        amountBefore: '6',
        amountAfter: '2',
        reason: '复查会议签到，学时按 6 小时计',
        actor: zjAdmin.id,
        recordedAtShanghai: expect.stringMatching(
          /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}(:\d{2})? \+08:00$/,
        ),
      }),
    ]);
    expect(credit.reasons).toEqual([
      expect.stringMatching(/^adjusted from 6 to 2 credits on .* \+08:00: 复查会议签到/),
    ]);
    const inZh = (await get(`/persons/${personId}/credits?year=2026`, zh).expect(200)).body;
    const zhCredit = inZh.credits.find((c: { creditId: string }) => c.creditId === creditId);
    expect(zhCredit.reasons[0]).toMatch(/由 6 分调整为 2 分：复查会议签到/);
    expect(zhCredit.correctionHistory[0].text).toMatch(/由 6 分调整为 2 分/);
    // The credit's own page shows the same.
    const page = (await get(`/credits/${creditId}`, {}, zjAdmin).expect(200)).body;
    expect(page.correctionHistory).toHaveLength(1);
    expect(page.correctionHistory[0]).toMatchObject({ amountBefore: '6', amountAfter: '2' });
  });

  it('asOf may be a date (the end of that day in Beijing); a + turned into a space still reads as +; the error example works in a URL', async () => {
    const { creditId } = await creditOf('9');
    const day = await get(`/credits/${creditId}/trace?asOf=2100-06-30`).expect(200);
    expect(day.body.asOf).toBe('2100-06-30T16:00:00.000Z'); // 2100-07-01 00:00 +08:00, exclusive
    const spaced = await get(`/credits/${creditId}/trace?asOf=2100-06-30T08:00:00+08:00`).expect(
      200,
    );
    expect(spaced.body.asOf).toBe('2100-06-30T00:00:00.000Z');
    const encoded = await get(
      `/credits/${creditId}/trace?asOf=${encodeURIComponent('2100-06-30T08:00:00+08:00')}`,
    ).expect(200);
    expect(encoded.body.asOf).toBe('2100-06-30T00:00:00.000Z');
    // Before the credit existed: as the ledger knew it then, there was none.
    await get(`/credits/${creditId}/trace?asOf=2020-01-01`).expect(404);
    const bad = await get(`/credits/${creditId}/trace?asOf=2026-02-30`).expect(400);
    expect(bad.body.field).toBe('asOf');
    const example = /such as (\S+) \(the end/.exec(bad.body.message)?.[1] as string;
    const instant = /or an instant with its offset such as (\S+) /.exec(bad.body.message)?.[1];
    await get(`/credits/${creditId}/trace?asOf=${example}`).expect((r) => {
      expect([200, 404]).toContain(r.status);
    });
    await get(`/credits/${creditId}/trace?asOf=${instant}`).expect((r) => {
      expect([200, 404]).toContain(r.status);
    });
    const log = await get('/events?recordedBefore=2020-01-01&limit=5', {}, {
      ...zjCommittee,
      role: 'auditor',
      jurisdiction: 'CN',
    } as typeof zjCommittee).expect(200);
    expect(log.body.events).toEqual([]);
  });
});
