import request from 'supertest';
import {
  client,
  personBody,
  projectBody,
  zjAdmin,
  zjCommittee,
  zjEmployer,
} from '../support/ledger-client';
import { creditedThroughSession } from '../support/reported-session';
import { startTestApp, TestApp } from '../support/test-app';

describe('credit certificates (电子学分证书)', () => {
  let t: TestApp;
  let api: ReturnType<typeof client>;

  beforeAll(async () => {
    t = await startTestApp();
    api = client(t.app);
  });
  afterAll(() => t.close());

  it('lists the counted credits with position and digest, verifies publicly, and stops verifying after a revocation', async () => {
    const { body: p } = await api
      .post('/persons', personBody({ name: '陈静' }), zjCommittee)
      .expect(201);
    const sessions: string[] = [];
    for (const code of ['2026-04-01-301(浙)', '2026-04-01-302(浙)']) {
      const s = await creditedThroughSession(api, p.personId, { level: 'provincial', code });
      sessions.push(s.sessionId);
    }
    const { body: certificate } = await api
      .get(`/persons/${p.personId}/years/2026/certificate`, zjCommittee)
      .expect(200);
    expect(certificate).toMatchObject({
      personId: p.personId,
      year: 2026,
      countedCredits: '20',
      name: '陈静',
    });
    expect(certificate.credits).toHaveLength(2);
    expect(certificate.position).toMatch(/^\d+:\d+$/);
    expect(certificate.digestRoot).toMatch(/^[0-9a-f]{64}$/);
    expect(certificate.idNumber).toMatch(/\*{8}/);

    const html = await api
      .get(`/persons/${p.personId}/years/2026/certificate?format=html`, zjCommittee)
      .expect(200);
    expect(html.headers['content-type']).toMatch(/text\/html/);
    expect(html.text).toContain('继续医学教育学分证书');
    expect(html.text).toContain('陈静');

    const check = () =>
      request(t.app.getHttpServer())
        .get(`/certificates/${certificate.certificateId}/verification`)
        .expect(200);
    expect((await check()).body).toMatchObject({
      authentic: true,
      valid: true,
      countedCredits: { issued: '20', now: '20' },
    });
    expect(JSON.stringify((await check()).body)).not.toContain('陈静');

    const creditId = certificate.credits[0].creditId;
    const held = await api
      .post(
        `/credits/${creditId}/revocation`,
        { reason: 'the sign-in was made by a colleague' },
        zjAdmin,
      )
      .expect(202); // 10 credits: more than the approval threshold
    await api
      .post(
        `/credits/${creditId}/corrections/${held.body.heldForApproval.correctionId}/approval`,
        {},
        { ...zjAdmin, id: 'admin-zj-2' },
      )
      .expect(200);
    const after = (await check()).body;
    expect(after).toMatchObject({
      authentic: true,
      valid: false,
      countedCredits: { issued: '20', now: '10' },
    });
    expect(after.reason).toContain(certificate.credits[0].creditId);

    const forged = `${certificate.certificateId.slice(0, 60)}${certificate.certificateId.slice(60) === 'AAAAAAA' ? 'BBBBBBB' : 'AAAAAAA'}`;
    expect(
      (await request(t.app.getHttpServer()).get(`/certificates/${forged}/verification`).expect(200))
        .body,
    ).toMatchObject({ authentic: false, valid: false });
    await request(t.app.getHttpServer()).get('/certificates/short/verification').expect(400);
  });

  it('includes a credit committed a moment ago although another transaction, begun before it, is still open (the log head waits for it)', async () => {
    const { body: p } = await api
      .post('/persons', personBody({ name: '周敏' }), zjCommittee)
      .expect(201);
    const { body: training } = await api
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
      .expect(201);
    // A transaction with an id, begun before the grant and still open when the certificate is
    // asked for: the log's head stops below it, and so below the grant.
    const other = await t.db.sql.reserve();
    await other`BEGIN`;
    await other`SELECT pg_current_xact_id()`;
    await api
      .post(
        '/credits',
        {
          personId: p.personId,
          activityId: training.activityId,
          hours: '9',
          earnedAt: '2026-06-30T17:00:00+08:00',
          evidence: '科室学习签到表 2026-06',
        },
        zjEmployer,
      )
      .expect(201);
    const closing = new Promise((resolve) => setTimeout(resolve, 300)).then(async () => {
      await other`COMMIT`;
      other.release();
    });
    const { body: certificate } = await api
      .get(`/persons/${p.personId}/years/2026/certificate`, zjCommittee)
      .expect(200);
    await closing;
    expect(certificate.countedCredits).toBe('3');
    expect(certificate.credits).toHaveLength(1);
  });
});
