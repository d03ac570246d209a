import {
  client,
  countEvents,
  personBody,
  projectBody,
  zjAdmin,
  zjCommittee,
} from '../support/ledger-client';
import { startTestApp, TestApp } from '../support/test-app';

/** Corrections above CORRECTION_APPROVAL_THRESHOLD (5 here) take effect only when a second admin approves. */
describe('maker-checker for corrections', () => {
  let t: TestApp;
  let api: ReturnType<typeof client>;
  const secondAdmin = { ...zjAdmin, id: 'admin-zj-2' };
  const cqAdmin = { id: 'admin-cq-1', role: 'admin', jurisdiction: 'CN-CQ' };

  beforeAll(async () => {
    t = await startTestApp({ correctionApprovalThreshold: '5' });
    api = client(t.app);
  });
  afterAll(() => t.close());

  /** A person with a 10-credit special-training grant (10 days). */
  async function credit(): Promise<string> {
    const personId = (await api.post('/persons', personBody(), zjCommittee).expect(201)).body
      .personId;
    const activityId = (
      await api
        .post(
          '/activities',
          projectBody({ kind: 'special-training', code: undefined, level: 'provincial' }),
          zjCommittee,
        )
        .expect(201)
    ).body.activityId;
    const granted = await api
      .post(
        '/credits',
        {
          personId,
          activityId,
          days: 10,
          hours: '60', // R11: a day counts with at least 6 h (003 细则 (六))
          earnedAt: '2026-06-30T17:00:00+08:00',
          evidence: 'special training roster 2026-17',
        },
        zjCommittee,
      )
      .expect(201);
    expect(granted.body.amount).toBe('10');
    return granted.body.creditId;
  }

  const eventTypes = async (creditId: string) =>
    (
      await t.db
        .sql`SELECT event_type FROM events WHERE data->>'creditId' = ${creditId} ORDER BY global_position`
    ).map((r) => r.event_type as string);

  it('a small correction takes effect at once', async () => {
    const creditId = await credit();
    const adjusted = await api
      .post(
        `/credits/${creditId}/adjustment`,
        { amount: '6', reason: 'four days were double-counted' },
        zjAdmin,
      )
      .expect(200);
    expect(adjusted.body).toMatchObject({ amount: '6', heldForApproval: null });
  });

  it('cannot be split into steps: one admin adjusting 10 → 5 and then revoking the 5 waits for a second admin', async () => {
    const creditId = await credit();
    await api
      .post(
        `/credits/${creditId}/adjustment`,
        { amount: '5', reason: 'five days were double-counted' },
        zjAdmin,
      )
      .expect(200);
    const before = await countEvents(t.db);
    const held = await api
      .post(
        `/credits/${creditId}/revocation`,
        { reason: 'the rest was not attended either' },
        zjAdmin,
      )
      .expect(202);
    expect(held.body).toMatchObject({ amount: '5', status: 'counted' });
    expect(held.body.heldForApproval.heldBecause[0]).toMatch(
      /already changed .* together more than 5/,
    );
    expect(await eventTypes(creditId)).toEqual([
      'CreditGranted',
      'CreditAdjusted',
      'CorrectionRequested',
    ]);
    expect((await countEvents(t.db)) - before).toBe(1);
    // A second admin's small step is their own.
    const other = await credit();
    await api
      .post(
        `/credits/${other}/adjustment`,
        { amount: '6', reason: 'four days were double-counted' },
        zjAdmin,
      )
      .expect(200);
    await api
      .post(
        `/credits/${other}/adjustment`,
        { amount: '4', reason: 'two more days were double-counted' },
        secondAdmin,
      )
      .expect(200);
  });

  it('a big one waits; the requester cannot approve it; a second admin of the jurisdiction can', async () => {
    const creditId = await credit();
    const held = await api
      .post(
        `/credits/${creditId}/adjustment`,
        { amount: '2', reason: 'only two of the ten days were attended' },
        zjAdmin,
      )
      .expect(202);
    expect(held.body).toMatchObject({
      amount: '10',
      status: 'counted',
      heldForApproval: {
        status: 'awaiting-approval',
        requestedBy: zjAdmin.id,
        change: { kind: 'adjust', amount: '2' },
        heldBecause: ['changes 8 credits; more than 5 needs a second admin'],
      },
    });
    const { correctionId } = held.body.heldForApproval;
    const approval = `/credits/${creditId}/corrections/${correctionId}/approval`;

    const before = await countEvents(t.db);
    const self = await api.post(approval, {}, zjAdmin).expect(403);
    expect(self.body.message).toMatch(/second admin/);
    await api.post(approval, {}, cqAdmin).expect(403); // another jurisdiction
    await api.post(approval, {}, zjCommittee).expect(403); // not an admin
    // Another correction of the same credit must wait for this one to be decided.
    await api
      .post(`/credits/${creditId}/revocation`, { reason: 'trying to go around it' }, secondAdmin)
      .expect(409);
    expect(await countEvents(t.db)).toBe(before);

    const approved = await api.post(approval, {}, secondAdmin).expect(200);
    expect(approved.body).toMatchObject({ amount: '2', status: 'counted' });
    expect(approved.body.corrections[0]).toMatchObject({
      status: 'approved',
      decidedBy: secondAdmin.id,
    });
    await api.post(approval, {}, secondAdmin).expect(409);
    expect(await eventTypes(creditId)).toEqual([
      'CreditGranted',
      'CorrectionRequested',
      'CorrectionApproved',
      'CreditAdjusted',
    ]);
  });

  it('a rejected correction never takes effect; both steps stay on the record', async () => {
    const creditId = await credit();
    const held = await api
      .post(`/credits/${creditId}/revocation`, { reason: 'the roster looks forged' }, zjAdmin)
      .expect(202);
    const { correctionId } = held.body.heldForApproval;
    expect(held.body.heldForApproval.heldBecause).toEqual([
      'removes 10 credits; more than 5 needs a second admin',
    ]);
    const rejected = await api
      .post(
        `/credits/${creditId}/corrections/${correctionId}/rejection`,
        { reason: 'the roster was checked against the badge log; it is genuine' },
        secondAdmin,
      )
      .expect(200);
    expect(rejected.body).toMatchObject({ status: 'counted', amount: '10' });
    await api
      .post(`/credits/${creditId}/corrections/${correctionId}/approval`, {}, secondAdmin)
      .expect(409);
    expect(await eventTypes(creditId)).toEqual([
      'CreditGranted',
      'CorrectionRequested',
      'CorrectionRejected',
    ]);
  });
});
