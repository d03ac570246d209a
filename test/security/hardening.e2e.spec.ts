import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import request from 'supertest';
import { APP_CONFIG, type AppConfig } from '../../src/config/app-config';
import { TokenVerifier } from '../../src/shared/http/token-verifier';
import {
  bearer,
  client,
  countEvents,
  cqCommittee,
  newIdNumber,
  personBody,
  projectBody,
  zjCommittee,
  zjEmployer,
} from '../support/ledger-client';
import { startTestApp, TestApp } from '../support/test-app';

const b64url = (value: string | Buffer) => Buffer.from(value).toString('base64url');

/** A token signed with the app's embedded secret, with exactly the claims (and header) given. */
function signed(app: TestApp['app'], claims: Record<string, unknown>): string {
  const secret = Buffer.from(
    readFileSync(path.join(app.get<AppConfig>(APP_CONFIG).dataDir, 'jwt.secret'), 'utf8').trim(),
    'base64',
  );
  const unsigned = `${b64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }))}.${b64url(JSON.stringify(claims))}`;
  return `${unsigned}.${createHmac('sha256', secret).update(unsigned).digest('base64url')}`;
}

const nowS = () => Math.floor(Date.now() / 1000);

/**
 * Hardening (issue 13): inputs that would poison the log, claims that were not checked, grants
 * outside the actor's activities, 500s on bad input, and the smaller items. Every refusal is a 4xx
 * naming the field, and appends nothing.
 */
describe('hardening', () => {
  let t: TestApp;
  let api: ReturnType<typeof client>;
  const http = () => request(t.app.getHttpServer());

  beforeAll(async () => {
    t = await startTestApp();
    api = client(t.app);
  });
  afterAll(() => t.close());

  async function person(overrides: Record<string, unknown> = {}): Promise<string> {
    return (await api.post('/persons', personBody(overrides), zjCommittee).expect(201)).body
      .personId;
  }
  async function trainingOf(actor: typeof zjCommittee, overrides: Record<string, unknown> = {}) {
    return (
      await api
        .post(
          '/activities',
          projectBody({
            kind: 'internal-training',
            code: undefined,
            level: 'unit',
            credits: '5',
            hours: '15',
            organizerId: zjEmployer.id,
            ...overrides,
          }),
          actor,
        )
        .expect(201)
    ).body.activityId as string;
  }

  describe('1. business dates lie in a sane window and exist on the calendar', () => {
    it.each([
      ['year 0099 (read back as 1999/2099 before)', '0099-06-30T17:00:00+08:00'],
      ['year 0000 (a 500 before)', '0000-06-30T17:00:00+08:00'],
      ['before 1949-10-01', '1949-09-30T23:59:59+08:00'],
      ['1900 (Invalid Date in Asia/Shanghai before)', '1900-06-30T17:00:00+08:00'],
      ['more than a year ahead', `${new Date().getUTCFullYear() + 2}-06-30T17:00:00+08:00`],
      ['30 February (moved to 2 March before)', '2026-02-30T17:00:00+08:00'],
      ['hour 24', '2026-06-30T24:00:00+08:00'],
    ])('earnedAt %s → 400 naming earnedAt, nothing appended', async (_label, earnedAt) => {
      const personId = await person();
      const activityId = await trainingOf(zjCommittee);
      const before = await countEvents(t.db);
      const { body } = await api
        .post(
          '/credits',
          { personId, activityId, hours: '3', earnedAt, evidence: 'roster 2026-06' },
          zjEmployer,
        )
        .expect(400);
      expect(body).toMatchObject({ statusCode: 400, field: 'earnedAt' });
      expect(await countEvents(t.db)).toBe(before);
    });

    it('the first and last days of the window are accepted', async () => {
      const personId = await person();
      const activityId = await trainingOf(zjCommittee);
      await api
        .post(
          '/credits',
          {
            personId,
            activityId,
            amount: '1', // 1949: no conversion rule in national-2019, the employer states it
            earnedAt: '1949-10-01T00:00:00+08:00',
            evidence: 'roster 1949-10',
          },
          zjEmployer,
        )
        .expect(201);
    });

    it.each([
      ['asOf', '/persons/00000000-0000-4000-8000-000000000000/credits?asOf=0000-01-01T00:00:00Z'],
      ['recordedBefore', '/events?recordedBefore=0000-01-01T00:00:00Z'],
      ['recordedBefore', '/events?recordedBefore=2026-02-30T00:00:00Z'],
    ])('query %s of year 0000 or a day that does not exist → 400 naming it', async (field, url) => {
      const response = await http()
        .get(url)
        .set(bearer(t.app, { id: 'auditor-cn', role: 'auditor', jurisdiction: 'CN' }));
      expect(response.status).toBe(400);
      expect(response.body.field).toBe(field);
    });
  });

  describe('3. token claims are validated by shape and lifetime', () => {
    const base = () => ({
      sub: 'zj-committee-1',
      roles: ['committee'],
      jurisdictions: ['CN-ZJ'],
      iat: nowS(),
      exp: nowS() + 3600,
    });
    it.each([
      ['sub an object', { sub: { id: 'admin-zj-1' } }],
      ['sub empty', { sub: '' }],
      ['sub a number', { sub: 7 }],
      ['roles with an unknown value', { roles: ['committee', 'superuser'] }],
      ['roles not an array', { roles: 'committee' }],
      ['jurisdictions with a bad code', { jurisdictions: ['CN-ZJ', 'XX'] }],
      ['org not a string', { org: { id: 'x' } }],
      ['person not a string', { person: 42 }],
      ['no exp', { exp: undefined }],
      ['iat in the future', { iat: nowS() + 3600, exp: nowS() + 7200 }],
      ['living longer than 12 h', { iat: nowS(), exp: nowS() + 13 * 3600 }],
      ['no iat and living longer than 12 h', { iat: undefined, exp: nowS() + 13 * 3600 }],
    ])('%s → 401, nothing appended', async (_label, change) => {
      const claims = { ...base(), ...change } as Record<string, unknown>;
      for (const key of Object.keys(claims)) if (claims[key] === undefined) delete claims[key];
      const before = await countEvents(t.db);
      await http()
        .post('/persons')
        .set('Authorization', `Bearer ${signed(t.app, claims)}`)
        .send(personBody())
        .expect(401);
      expect(await countEvents(t.db)).toBe(before);
    });

    it('`ledger token` does not mint a token the service would refuse for its lifetime', async () => {
      const tokens = await TokenVerifier.fromConfig({
        ...t.app.get<AppConfig>(APP_CONFIG),
        jwtMaxLifetimeMinutes: 60,
      });
      const claims = { sub: 'a-1', roles: ['auditor' as const], jurisdictions: ['CN'] };
      await expect(tokens.mint(claims, '2h')).rejects.toThrow(/JWT_MAX_LIFETIME_MINUTES/);
      await expect(tokens.mint(claims, '30m')).resolves.toMatch(/^ey/);
    });

    it('a well-formed token within its lifetime is accepted', async () => {
      await http()
        .post('/persons')
        .set('Authorization', `Bearer ${signed(t.app, base())}`)
        .send(personBody())
        .expect(201);
    });
  });

  describe('5. employers act only on activities they own, in their jurisdiction, at their levels', () => {
    it("an employer cannot grant under another organization's activity, nor one in another province", async () => {
      const personId = await person();
      const others = await trainingOf(zjCommittee, { organizerId: 'employer-zj-2' });
      const elsewhere = await trainingOf(cqCommittee, { jurisdiction: 'CN-CQ' });
      const before = await countEvents(t.db);
      for (const activityId of [others, elsewhere]) {
        const { body } = await api
          .post(
            '/credits',
            {
              personId,
              activityId,
              hours: '9',
              earnedAt: '2026-06-30T17:00:00+08:00',
              evidence: 'roster 2026-06',
            },
            zjEmployer,
          )
          .expect(403);
        expect(body.field).toBe('activityId');
      }
      expect(await countEvents(t.db)).toBe(before);
      await api
        .post(
          '/credits',
          {
            personId,
            activityId: await trainingOf(zjCommittee),
            hours: '9',
            earnedAt: '2026-06-30T17:00:00+08:00',
            evidence: 'roster 2026-06',
          },
          zjEmployer,
        )
        .expect(201);
    });

    it("an organizer acts on its own activities only within its token's jurisdictions", async () => {
      const activityId = (await api.post('/activities', projectBody(), zjCommittee).expect(201))
        .body.activityId as string;
      const { sessionId } = (
        await api
          .post(
            `/activities/${activityId}/sessions`,
            {
              startsAt: '2026-05-10T08:30:00+08:00',
              endsAt: '2026-05-10T17:30:00+08:00',
              location: '杭州 报告厅',
            },
            zjCommittee,
          )
          .expect(201)
      ).body;
      const scan = {
        personId: await person(),
        method: 'qr',
        scannedAt: '2026-05-10T08:41:07+08:00',
        deviceId: 'gate-1',
      };
      const before = await countEvents(t.db);
      // The same organization id, in a token for another province.
      const elsewhere = { id: 'org-zj-1', role: 'organizer', jurisdiction: 'CN-CQ' };
      await api.post(`/sessions/${sessionId}/attendance`, scan, elsewhere).expect(403);
      expect(await countEvents(t.db)).toBe(before);
      await api
        .post(`/sessions/${sessionId}/attendance`, scan, { ...elsewhere, jurisdiction: 'CN-ZJ' })
        .expect(201);
    });

    it('an employer registers only unit-level non-project activities of its own, in its province', async () => {
      const before = await countEvents(t.db);
      const own = { organizerId: zjEmployer.id };
      await api
        .post('/activities', projectBody({ ...own, jurisdiction: 'CN', credits: '50' }), zjEmployer)
        .expect(403);
      await api.post('/activities', projectBody({ ...own }), zjEmployer).expect(403);
      await api
        .post(
          '/activities',
          projectBody({ ...own, kind: 'internal-training', code: undefined, level: 'provincial' }),
          zjEmployer,
        )
        .expect(403);
      await api
        .post(
          '/activities',
          projectBody({
            ...own,
            kind: 'internal-training',
            code: undefined,
            level: 'unit',
            jurisdiction: 'CN-CQ',
          }),
          zjEmployer,
        )
        .expect(403);
      expect(await countEvents(t.db)).toBe(before);
      await trainingOf(zjEmployer);
    });
  });

  describe('6. bad input is a 400 naming the field, never a 500', () => {
    it.each([
      ['NUL', '王\u0000芳'],
      ['a lone surrogate', '王\ud800芳'],
      ['a control character', '王\u0007芳'],
    ])('%s in a text field → 400 naming it, nothing appended', async (_label, name) => {
      const before = await countEvents(t.db);
      const { body } = await api.post('/persons', personBody({ name }), zjCommittee).expect(400);
      expect(body.field).toBe('name');
      expect(await countEvents(t.db)).toBe(before);
    });

    it('a lone surrogate in a nested text field names its path', async () => {
      const raw = JSON.stringify(personBody({ specialty: 'x' })).replace('"x"', '"\\udc00"');
      const { body } = await http()
        .post('/persons')
        .set(bearer(t.app, zjCommittee))
        .set('Content-Type', 'application/json')
        .send(raw)
        .expect(400);
      expect(body.field).toBe('specialty');
    });

    it('JSON nested thousands deep → 400 naming the body', async () => {
      const before = await countEvents(t.db);
      const deep = `${'['.repeat(5000)}${']'.repeat(5000)}`;
      const { body } = await http()
        .post('/persons')
        .set(bearer(t.app, zjCommittee))
        .set('Content-Type', 'application/json')
        .send(`{"name":${deep}}`)
        .expect(400);
      expect(body).toMatchObject({ statusCode: 400, field: 'body' });
      expect(await countEvents(t.db)).toBe(before);
    });

    it('malformed JSON → 400 naming the body', async () => {
      const { body } = await http()
        .post('/persons')
        .set(bearer(t.app, zjCommittee))
        .set('Content-Type', 'application/json')
        .send('{"name":')
        .expect(400);
      expect(body).toMatchObject({ statusCode: 400, field: 'body' });
    });

    it('refusals before any handler speak the caller’s language too: malformed JSON, a control character', async () => {
      const malformed = await http()
        .post('/persons')
        .set(bearer(t.app, zjCommittee))
        .set('Content-Type', 'application/json')
        .set('Accept-Language', 'zh-CN')
        .send('{"name":')
        .expect(400);
      expect(malformed.body).toMatchObject({
        field: 'body',
        message: '请求内容不是有效的 JSON',
      });
      const control = await http()
        .post('/persons')
        .set(bearer(t.app, zjCommittee))
        .set('Content-Type', 'application/json')
        .set('Accept-Language', 'zh-CN')
        .send(JSON.stringify(personBody({ specialty: 'icu\u0007' })))
        .expect(400);
      expect(control.body).toMatchObject({ field: 'specialty', message: 'specialty 含有控制字符' });
      const english = await http()
        .post('/persons')
        .set(bearer(t.app, zjCommittee))
        .set('Content-Type', 'application/json')
        .send(JSON.stringify(personBody({ specialty: 'icu\u0007' })))
        .expect(400);
      expect(english.body.message).toBe('specialty contains a control character');
    });

    it('after=99999999999999999999:1 → 400 naming after', async () => {
      const { body } = await http()
        .get('/events?after=99999999999999999999:1')
        .set(bearer(t.app, { id: 'auditor-cn', role: 'auditor', jurisdiction: 'CN' }))
        .expect(400);
      expect(body.field).toBe('after');
    });
  });

  describe('8. smaller ones', () => {
    it('the same Idempotency-Key with another personId is refused (the whole command, path included)', async () => {
      const first = await person();
      const second = await person();
      const activityId = await trainingOf(zjCommittee);
      const key = { 'Idempotency-Key': `grant-${Date.now()}` };
      const grant = (personId: string) =>
        api.post(
          '/credits',
          {
            personId,
            activityId,
            hours: '3',
            earnedAt: '2026-06-30T17:00:00+08:00',
            evidence: 'roster 2026-06',
          },
          zjEmployer,
          key,
        );
      await grant(first).expect(201);
      await grant(first).expect(200);
      const before = await countEvents(t.db);
      const { body } = await grant(second).expect(422);
      expect(body.field).toBe('Idempotency-Key');
      expect(await countEvents(t.db)).toBe(before);

      // The path is part of the command: the same body at another person's route is another command.
      const plan = { year: 2026, plan: 'read the heart-failure guideline' };
      const planKey = { 'Idempotency-Key': `plan-${Date.now()}` };
      await api.post(`/persons/${first}/self-study-plans`, plan, zjEmployer, planKey).expect(201);
      await api.post(`/persons/${second}/self-study-plans`, plan, zjEmployer, planKey).expect(422);
    });

    it('400s have the same shape as 422s: statusCode, error, message (text) and field', async () => {
      const bad = await api.post('/persons', personBody({ profession: 'wizard' }), zjCommittee);
      expect(bad.status).toBe(400);
      expect(bad.body).toMatchObject({ statusCode: 400, error: 'invalid', field: 'profession' });
      expect(typeof bad.body.message).toBe('string');
      const ruled = await api
        .post('/persons', personBody({ idNumber: newIdNumber().slice(0, 17) + 'Z' }), zjCommittee)
        .expect(400);
      expect(ruled.body.field).toBe('idNumber');
    });

    it('HSTS and upgrade-insecure-requests are not sent over plain HTTP', async () => {
      const response = await http().get('/health').expect(200);
      expect(response.headers['strict-transport-security']).toBeUndefined();
      expect(String(response.headers['content-security-policy'])).not.toMatch(
        /upgrade-insecure-requests/,
      );
      expect(response.headers['x-content-type-options']).toBe('nosniff');
    });

    it('the HTTP server has request and headers timeouts', () => {
      const server = t.app.getHttpServer() as import('node:http').Server;
      expect(server.requestTimeout).toBeGreaterThan(0);
      expect(server.requestTimeout).toBeLessThanOrEqual(60_000);
      expect(server.headersTimeout).toBeGreaterThan(0);
      expect(server.headersTimeout).toBeLessThanOrEqual(server.requestTimeout);
    });

    it('a 409 on registration does not tell callers outside the jurisdiction that the ID number is registered', async () => {
      const idNumber = newIdNumber();
      await api.post('/persons', personBody({ idNumber }), zjCommittee).expect(201);
      const before = await countEvents(t.db);
      // A Chongqing committee registering the same ID number in Chongqing: not told it exists.
      const outside = await api.post(
        '/persons',
        personBody({ idNumber, jurisdiction: 'CN-CQ' }),
        cqCommittee,
      );
      expect(outside.status).toBe(403);
      expect(JSON.stringify(outside.body)).not.toMatch(/registered|exists|already/i);
      // Within the jurisdiction the conflict is named.
      await api
        .post('/persons', personBody({ idNumber, titleLevel: 'senior' }), zjCommittee)
        .expect(409);
      expect(await countEvents(t.db)).toBe(before);
    });
  });
});

describe('hardening: HSTS behind TLS when configured', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ behindTls: true });
  });
  afterAll(() => t.close());

  it('sends HSTS and upgrade-insecure-requests', async () => {
    const response = await request(t.app.getHttpServer()).get('/health').expect(200);
    expect(response.headers['strict-transport-security']).toMatch(/max-age=/);
    expect(String(response.headers['content-security-policy'])).toMatch(
      /upgrade-insecure-requests/,
    );
  });
});

describe('hardening: 4. the rate limit keys on the verified subject, else the address', () => {
  let t: TestApp;
  const http = () => request(t.app.getHttpServer());
  beforeAll(async () => {
    t = await startTestApp({ rateLimitPerMinute: 5 });
  });
  afterAll(() => t.close());

  it('extra spaces in the header do not buy a fresh budget', async () => {
    const token = bearer(t.app, {
      id: 'spacey-auditor',
      role: 'auditor',
      jurisdiction: 'CN',
    }).Authorization.slice('Bearer '.length);
    const statuses: number[] = [];
    for (let i = 0; i < 7; i += 1) {
      const response = await http()
        .get('/events?limit=1')
        .set('Authorization', `Bearer${' '.repeat(i + 1)}${token}`);
      statuses.push(response.status);
    }
    expect(statuses.slice(0, 5).every((s) => s === 200)).toBe(true);
    expect(statuses.slice(5)).toEqual([429, 429]);
  });

  it('a fresh token for the same subject shares its budget', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 7; i += 1) {
      const token = signed(t.app, {
        sub: 'rotating-auditor',
        roles: ['auditor'],
        jurisdictions: ['CN'],
        iat: nowS(),
        exp: nowS() + 600 + i,
      });
      statuses.push(
        (await http().get('/events?limit=1').set('Authorization', `Bearer ${token}`)).status,
      );
    }
    expect(statuses.slice(5)).toEqual([429, 429]);
  });

  it('requests with garbage tokens are limited by address', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 8; i += 1) {
      const response = await http()
        .get('/events')
        .set('Authorization', `Bearer garbage.${i}.token`);
      statuses.push(response.status);
    }
    expect(statuses).toContain(429);
  });
});
