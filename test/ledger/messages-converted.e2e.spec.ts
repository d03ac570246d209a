import request from 'supertest';
import {
  bearer,
  countEvents,
  projectBody,
  zjCommittee,
  zjOrganizer,
  type ActorHeaders,
} from '../support/ledger-client';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * Issue 16, item 1: refusals built from values at run time, import rows, validators with wording
 * of their own — Chinese with `Accept-Language: zh`, the same English as before otherwise, and
 * nothing appended either way. (The event store's 409 is checked on its filter:
 * src/common/event-store-error.filter.spec.ts.)
 */
describe('refusals with values in them, in the caller’s language', () => {
  let t: TestApp;
  const zh = { 'accept-language': 'zh-CN,zh;q=0.9' };
  const en = { 'accept-language': 'en-GB' };

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  const send = (
    method: 'get' | 'post',
    path: string,
    actor: ActorHeaders,
    headers: Record<string, string>,
    body?: object,
  ) => {
    let test = request(t.app.getHttpServer())[method](path).set(bearer(t.app, actor));
    for (const [k, v] of Object.entries(headers)) test = test.set(k, v);
    return body ? test.send(body) : test;
  };

  /** The same request three ways: no header, English, Chinese; every answer the same but words. */
  async function threeWays(
    method: 'get' | 'post',
    path: string,
    actor: ActorHeaders,
    status: number,
    body?: object,
  ) {
    const before = await countEvents(t.db);
    const plain = await send(method, path, actor, {}, body).expect(status);
    const english = await send(method, path, actor, en, body).expect(status);
    const chinese = await send(method, path, actor, zh, body).expect(status);
    expect(await countEvents(t.db)).toBe(before);
    expect(english.body).toEqual(plain.body);
    const { message: zhMessage, ...zhRest } = chinese.body as Record<string, unknown>;
    const { message: enMessage, ...enRest } = plain.body as Record<string, unknown>;
    expect(zhRest).toEqual(enRest); // field, rule, error: the same
    expect(zhMessage).toMatch(/[\u4e00-\u9fff]/);
    expect(zhMessage).not.toEqual(enMessage);
    return {
      en: plain.body as Record<string, unknown>,
      zh: chinese.body as Record<string, unknown>,
    };
  }

  it('R13 at registration: a national project without its declared sessions', async () => {
    const { en: e, zh: z } = await threeWays(
      'post',
      '/activities',
      zjCommittee,
      422,
      projectBody({ sessionsDeclared: undefined }),
    );
    expect(e).toMatchObject({
      error: 'rule',
      rule: 'R13',
      field: 'sessionsDeclared',
      message:
        'a national project declares at application how many sessions it holds a year (1–6) (R13)',
    });
    expect(z.message).toBe('国家级项目须在申报时填写每年举办的期数（1–6 期）（R13）');
  });

  it('a spot-check draw stratified by what does not stratify projects', async () => {
    const { en: e, zh: z } = await threeWays('post', '/spot-checks', zjCommittee, 422, {
      jurisdiction: 'CN-ZJ',
      year: 2026,
      strata: ['titleLevel'],
    });
    expect(e).toMatchObject({
      field: 'strata',
      message: 'projects may be stratified by level, organizer, not titleLevel',
    });
    expect(z.message).toBe('projects 只能按 level、organizer 分层，不能按 titleLevel');
  });

  it('a validator with wording of its own (spotCheckId) answers from the catalogue', async () => {
    const { en: e, zh: z } = await threeWays('get', '/spot-checks/not-an-id', zjCommittee, 400);
    expect(e).toMatchObject({
      field: 'spotCheckId',
      message: 'spotCheckId must look like CN-ZJ.2026.1',
    });
    expect(z.message).toBe('spotCheckId 格式不对，应形如 CN-ZJ.2026.1');
  });

  it('an import row refused, and the outcome, in the caller’s language', async () => {
    const roster = Buffer.from(
      '期次编号,身份证号,人员编号,签到时间\r\n' +
        'x:y,330102198001010014,00000000-0000-4000-8000-000000000000,2026-05-10 08:41\r\n',
      'utf8',
    );
    const upload = (headers: Record<string, string>) => {
      let test = request(t.app.getHttpServer())
        .post('/imports/attendance?dryRun=true')
        .set(bearer(t.app, zjOrganizer));
      for (const [k, v] of Object.entries(headers)) test = test.set(k, v);
      return test.attach('file', roster, 'roster.csv').expect(200);
    };
    const before = await countEvents(t.db);
    const plain = await upload({});
    const chinese = await upload(zh);
    expect(await countEvents(t.db)).toBe(before);
    expect(plain.body.rows[0]).toMatchObject({
      status: 'refused',
      rule: 'format',
      column: '人员编号 / person id',
      message: 'give idNumber or personId, not both',
    });
    expect(chinese.body.rows[0]).toMatchObject({
      status: 'refused',
      rule: 'format',
      column: '人员编号 / person id',
      message: '请填写 idNumber 或 personId 之一，不要同时填写',
    });
    expect(plain.body.outcome).toBe(
      'dry run: nothing was recorded; 0 row(s) would record, 0 already recorded, 1 refused',
    );
    expect(chinese.body.outcome).toBe(
      '试运行，未记录任何内容：0 行将记录，0 行已记录过，1 行被拒绝',
    );
  });
});
