import {
  client,
  cqCommittee,
  personBody,
  projectBody,
  projectionsCaughtUp,
  zjCommittee,
} from '../support/ledger-client';
import { startTestApp, TestApp } from '../support/test-app';

const cqEmployer = { id: 'employer-cq-1', role: 'employer', jurisdiction: 'CN-CQ' };
const cqAdmin = { id: 'admin-cq-1', role: 'admin', jurisdiction: 'CN-CQ' };

describe('sealed year audit (学分审验)', () => {
  let t: TestApp;
  let api: ReturnType<typeof client>;

  beforeAll(async () => {
    t = await startTestApp({ subscriptionPollMs: 10 });
    api = client(t.app);
  });
  afterAll(() => t.close());

  it('records every verdict at a log position; a later correction is reported as a post-seal change', async () => {
    const register = async () =>
      (
        await api
          .post(
            '/persons',
            personBody({
              jurisdiction: 'CN-CQ',
              employerId: cqEmployer.id,
              registeredAt: '2025-12-01T09:00:00+08:00',
            }),
            cqCommittee,
          )
          .expect(201)
      ).body.personId as string;
    const compliant = await register();
    const short = await register();
    const { body: study } = await api
      .post(
        '/activities',
        projectBody({
          kind: 'advanced-study',
          code: undefined,
          level: 'unit',
          jurisdiction: 'CN-CQ',
          organizerId: cqEmployer.id, // the employer granting below runs it
        }),
        cqCommittee,
      )
      .expect(201);
    const { body: credit } = await api
      .post(
        '/credits',
        {
          personId: compliant,
          activityId: study.activityId,
          amount: '25',
          earnedAt: '2026-06-01T10:00:00+08:00',
          evidence: 'advanced study certificate',
        },
        cqEmployer,
      )
      .expect(201);
    await projectionsCaughtUp(t.app);
    expect(
      (await api.get(`/persons/${compliant}/years/2026`, cqCommittee).expect(200)).body,
    ).toMatchObject({ verdict: 'compliant', seal: null });

    const sealed = (
      await api.post('/year-audits', { jurisdiction: 'CN-CQ', year: 2026 }, cqCommittee).expect(201)
    ).body;
    expect(sealed).toMatchObject({
      jurisdiction: 'CN-CQ',
      year: 2026,
      people: 2,
      verdicts: { compliant: 1, exempt: 0, short: 1 },
      dueBy: '2026-11-30T15:59:59.000Z',
    });
    expect(sealed.verdictsDigest).toMatch(/^[0-9a-f]{64}$/);
    await api.post('/year-audits', { jurisdiction: 'CN-CQ', year: 2026 }, cqCommittee).expect(409);
    await api.post('/year-audits', { jurisdiction: 'CN-CQ', year: 2026 }, zjCommittee).expect(403);

    // The year is sealed: the revocation waits for a second admin (maker-checker).
    const held = (
      await api
        .post(
          `/credits/${credit.creditId}/revocation`,
          { reason: 'the certificate was issued for another year' },
          cqAdmin,
        )
        .expect(202)
    ).body;
    expect(held.status).toBe('counted');
    expect(held.heldForApproval.heldBecause.join()).toMatch(/2026 credit year is sealed/);
    await api
      .post(
        `/credits/${credit.creditId}/corrections/${held.heldForApproval.correctionId}/approval`,
        {},
        { ...cqAdmin, id: 'cq-admin-2' },
      )
      .expect(200);
    await projectionsCaughtUp(t.app);
    const year = (await api.get(`/persons/${compliant}/years/2026`, cqCommittee).expect(200)).body;
    expect(year).toMatchObject({
      verdict: 'short',
      seal: {
        position: sealed.position,
        verdictAtSeal: 'compliant',
        countedAtSeal: '25',
        changedSinceSeal: true,
      },
    });
    expect(
      (await api.get(`/persons/${short}/years/2026`, cqCommittee).expect(200)).body.seal,
    ).toMatchObject({ verdictAtSeal: 'short', changedSinceSeal: false });

    const statistics = (
      await api.get('/statistics/compliance?jurisdiction=CN-CQ&year=2026', cqCommittee).expect(200)
    ).body;
    expect(statistics.seal).toMatchObject({
      position: sealed.position,
      verdictsAtSeal: { compliant: 1, short: 1 },
      postSealChanges: 1,
      changedPeople: [compliant],
    });
    expect(statistics.overall).toMatchObject({ people: 2, compliant: 0, short: 2 }); // now, with the change shown beside the seal
    expect((await api.get('/year-audits/CN-CQ/2026', cqCommittee).expect(200)).body.position).toBe(
      sealed.position,
    );
    await api.get('/year-audits/CN-CQ/2025', cqCommittee).expect(404);
  });
});
