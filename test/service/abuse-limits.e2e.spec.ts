import request from 'supertest';
import { bearer, countEvents, personBody, zjCommittee } from '../support/ledger-client';
import { startTestApp, TestApp } from '../support/test-app';

describe('abuse limits: rate limits, body size, security headers, CORS', () => {
  let t: TestApp;
  const http = () => request(t.app.getHttpServer());
  const headers = (actor: { id: string; role: string; jurisdiction: string }) =>
    bearer(t.app, actor);

  beforeAll(async () => {
    t = await startTestApp({ rateLimitPerMinute: 5, scanRateLimitPerMinute: 8, bodyLimit: '2kb' });
  });
  afterAll(() => t.close());

  it('limits each caller per minute and answers 429 without appending; other callers and health are unaffected', async () => {
    // The budget is per verified subject (see test/security/hardening.e2e.spec.ts for dodges).
    const token = headers({ id: 'flooding-auditor', role: 'auditor', jurisdiction: 'CN' });
    for (let i = 0; i < 5; i += 1) await http().get('/events').set(token).expect(200);
    const before = await countEvents(t.db);
    await http().post('/persons').set(token).send(personBody()).expect(429);
    expect(await countEvents(t.db)).toBe(before);
    await http()
      .get('/events')
      .set(headers({ ...zjCommittee, id: 'someone-else', role: 'auditor', jurisdiction: 'CN' }))
      .expect(200);
    for (let i = 0; i < 10; i += 1) await http().get('/health').expect(200);
  });

  it('gives scanning devices their own, higher budget', async () => {
    const device = { id: 'scanner-gate-1', role: 'organizer', jurisdiction: 'CN-ZJ' };
    const statuses: number[] = [];
    for (let i = 0; i < 10; i += 1) {
      const response = await http()
        .post(`/sessions/${'A'.repeat(43)}/attendance`)
        .set(headers(device))
        .send({
          personId: '7d0b1f9e-2a7c-4c1e-9b8a-1f2e3d4c5b6a',
          method: 'qr',
          scannedAt: '2026-05-10T08:41:07+08:00',
          deviceId: 'g1',
        });
      statuses.push(response.status);
    }
    expect(statuses.slice(0, 8).every((s) => s !== 429)).toBe(true); // more than the default budget of 5
    expect(statuses.slice(8)).toEqual([429, 429]);
  });

  it('refuses bodies over the limit with 413 and appends nothing', async () => {
    const before = await countEvents(t.db);
    await http()
      .post('/persons')
      .set(headers({ ...zjCommittee, id: 'big-body' }))
      .send({ ...personBody(), specialty: 'x'.repeat(4000) })
      .expect(413);
    expect(await countEvents(t.db)).toBe(before);
  });

  it('sends security headers and no CORS permission by default', async () => {
    const response = await http()
      .get('/health')
      .set('Origin', 'https://evil.example.com')
      .expect(200);
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    // Plain HTTP here: HSTS only behind TLS (BEHIND_TLS), see hardening.e2e.spec.ts.
    expect(response.headers['strict-transport-security']).toBeUndefined();
    expect(response.headers['access-control-allow-origin']).toBeUndefined();
  });
});
