import {
  client,
  countEvents,
  cqCommittee,
  cqOrganizer,
  personBody,
  projectBody,
  zjAdmin,
  zjCommittee,
  zjOrganizer,
} from '../support/ledger-client';
import { startTestApp, TestApp } from '../support/test-app';

describe('activities, sessions, attendance and execution reports over HTTP', () => {
  let t: TestApp;
  let api: ReturnType<typeof client>;

  beforeAll(async () => {
    t = await startTestApp();
    api = client(t.app);
  });
  afterAll(() => t.close());

  async function person(overrides: Record<string, unknown> = {}) {
    const body = personBody(overrides);
    const { body: created } = await api
      .post('/persons', body, overrides.jurisdiction === 'CN-CQ' ? cqCommittee : zjCommittee)
      .expect(201);
    return { personId: created.personId as string, idNumber: body.idNumber as string };
  }
  async function activity(overrides: Record<string, unknown> = {}) {
    const actor = overrides.jurisdiction === 'CN-CQ' ? cqCommittee : zjCommittee;
    const { body } = await api.post('/activities', projectBody(overrides), actor).expect(201);
    return body.activityId as string;
  }
  async function session(
    activityId: string,
    startsAt = '2026-05-10T08:30:00+08:00',
    endsAt = '2026-05-10T17:30:00+08:00',
    organizer = zjOrganizer,
  ) {
    const { body } = await api
      .post(
        `/activities/${activityId}/sessions`,
        { startsAt, endsAt, location: '杭州 报告厅' },
        organizer,
      )
      .expect(201);
    return body as { sessionId: string; creditYear: number };
  }
  const scan = (
    sessionId: string,
    who: { idNumber?: string; personId?: string },
    scannedAt = '2026-05-10T08:41:07+08:00',
    organizer = zjOrganizer,
  ) =>
    api.post(
      `/sessions/${sessionId}/attendance`,
      { ...who, method: 'id-card', scannedAt, deviceId: 'gate-1' },
      organizer,
    );
  const credits = async (personId: string, year: number, actor = zjCommittee) =>
    (await api.get(`/persons/${personId}/credits?year=${year}`, actor).expect(200)).body;

  it.each([
    ['zhejiang-2024', 'CN-ZJ', '2', /6 h ÷ 3 h per credit = 2/],
    ['chongqing-2017', 'CN-CQ', '10', /no conversion rule in chongqing-2017/],
  ] as const)(
    'seed 003 细则 (五) R11 (%s): an internal training run as a 6 h session is converted as a direct grant is, not granted the 10 credits declared',
    async (_profile, jurisdiction, amount, calculation) => {
      const zj = jurisdiction === 'CN-ZJ';
      const committee = zj ? zjCommittee : cqCommittee;
      const organizer = zj ? zjOrganizer : cqOrganizer;
      const p = await person({ jurisdiction });
      const activityId = await activity({
        kind: 'internal-training',
        code: undefined,
        level: 'unit',
        credits: '10',
        hours: '6',
        jurisdiction,
        organizerId: organizer.id,
      });
      const { sessionId } = await session(
        activityId,
        '2026-05-10T08:30:00+08:00',
        '2026-05-10T15:30:00+08:00',
        organizer,
      );
      await scan(
        sessionId,
        { personId: p.personId },
        '2026-05-10T08:41:07+08:00',
        organizer,
      ).expect(201);
      await api
        .post(
          `/sessions/${sessionId}/report`,
          { hoursTaught: '6', submittedAt: '2026-05-11T10:00:00+08:00' },
          organizer,
        )
        .expect(201);
      await api
        .post(`/sessions/${sessionId}/report/decision`, { decision: 'approve' }, committee)
        .expect(200);
      const list = await credits(p.personId, 2026, committee);
      expect(list.credits).toHaveLength(1);
      expect(list.credits[0]).toMatchObject({ amount, kind: 'internal-training' });
      expect(list.credits[0].calculation).toMatch(calculation);
    },
  );

  it('the whole path: scans → report → approval grants credits reduced to hours taught (R12), visible only after approval (R14)', async () => {
    const a = await person();
    const b = await person();
    const activityId = await activity();
    const { sessionId, creditYear } = await session(activityId);
    expect(creditYear).toBe(2026);

    const first = await scan(sessionId, { idNumber: a.idNumber }).expect(201);
    expect(first.body).toMatchObject({ personId: a.personId, duplicate: false });
    const before = await countEvents(t.db);
    const repeat = await scan(
      sessionId,
      { idNumber: a.idNumber },
      '2026-05-10T08:42:00+08:00',
    ).expect(200);
    expect(repeat.body).toEqual({
      attendanceId: first.body.attendanceId,
      personId: a.personId,
      duplicate: true,
    });
    await scan(sessionId, { personId: a.personId }).expect(200);
    expect(await countEvents(t.db)).toBe(before);
    await scan(sessionId, { personId: b.personId }).expect(201);

    const view = await api.get(`/sessions/${sessionId}/attendance`, zjOrganizer).expect(200);
    expect(view.body).toMatchObject({ attendees: 2, duplicateScans: 2 });
    expect(
      view.body.attendance.find((x: { personId: string }) => x.personId === a.personId)
        .duplicateScans,
    ).toBe(2);

    await api
      .post(
        `/sessions/${sessionId}/report`,
        {
          hoursTaught: '15',
          submittedAt: '2026-05-12T10:00:00+08:00',
          evaluationLevels: [1, 2, 3],
        },
        zjOrganizer,
      )
      .expect(201);
    expect((await credits(a.personId, 2026)).credits).toEqual([]); // R14: not before approval

    const decision = await api
      .post(`/sessions/${sessionId}/report/decision`, { decision: 'approve' }, zjCommittee)
      .expect(200);
    expect(decision.body).toMatchObject({
      decision: 'approved',
      creditsPerAttendee: '7.5',
      attendees: 2,
      creditsGranted: 2,
    });
    const list = await credits(a.personId, 2026);
    expect(list.countedTotal).toBe('7.5');
    expect(list.credits[0]).toMatchObject({
      status: 'counted',
      amount: '7.5',
      source: 'project',
      activityId,
      sessionId,
      creditYear: 2026,
    });
    expect(list.credits[0].calculation).toMatch(
      /R12: 10 credits × 15 h taught ÷ 20 h planned = 7.5/,
    );

    // Approving again is a retry: it grants nothing twice.
    const again = await api
      .post(`/sessions/${sessionId}/report/decision`, { decision: 'approve' }, zjCommittee)
      .expect(200);
    expect(again.body).toMatchObject({ creditsGranted: 0, grants: null }); // recorded nothing
    expect((await credits(a.personId, 2026)).credits).toHaveLength(1);
    await api
      .post(
        `/sessions/${sessionId}/report/decision`,
        { decision: 'reject', reason: 'changed my mind entirely' },
        zjCommittee,
      )
      .expect(409);
    await scan(sessionId, { personId: (await person()).personId }).expect(409);
  });

  it('R14: a report filed more than 14 days after the session is kept and flagged late', async () => {
    const { sessionId } = await session(await activity());
    const late = await api
      .post(
        `/sessions/${sessionId}/report`,
        {
          hoursTaught: '20',
          submittedAt: '2026-05-30T10:00:00+08:00',
          evaluationLevels: [1, 2, 3],
        },
        zjOrganizer,
      )
      .expect(201);
    expect(late.body).toMatchObject({ late: true, daysAfterSession: 20 });
    const { sessionId: other } = await session(await activity());
    const onTime = await api
      .post(
        `/sessions/${other}/report`,
        {
          hoursTaught: '20',
          submittedAt: '2026-05-24T10:00:00+08:00',
          evaluationLevels: [1, 2, 3],
        },
        zjOrganizer,
      )
      .expect(201);
    expect(onTime.body).toMatchObject({ late: false, daysAfterSession: 14 });
  });

  it('R12: teaching more than 30 % short is flagged; full hours keep full credits', async () => {
    const { sessionId } = await session(await activity());
    const report = await api
      .post(
        `/sessions/${sessionId}/report`,
        {
          hoursTaught: '12',
          submittedAt: '2026-05-11T10:00:00+08:00',
          evaluationLevels: [1, 2, 3],
        },
        zjOrganizer,
      )
      .expect(201);
    expect(report.body.changeExceedsAllowedShare).toBe(true);
    const over = await api
      .post(
        `/sessions/${(await session(await activity())).sessionId}/report`,
        {
          hoursTaught: '21',
          submittedAt: '2026-05-11T10:00:00+08:00',
          evaluationLevels: [1, 2, 3],
        },
        zjOrganizer,
      )
      .expect(422);
    expect(over.body.field).toBe('hoursTaught');
  });

  it('seed 004 §六.6 最多可申请6期、每年举办的期次数不得超过申报时所填期次 (R13): a national project holds no more sessions than declared (≤ 6), in its project year; a provincial one is capped only by what it declared', async () => {
    const national = await activity();
    for (let month = 1; month <= 6; month += 1) {
      const m = String(month).padStart(2, '0');
      await session(national, `2026-${m}-10T08:30:00+08:00`, `2026-${m}-10T17:30:00+08:00`);
    }
    const before = await countEvents(t.db);
    const refused = await api
      .post(
        `/activities/${national}/sessions`,
        {
          startsAt: '2026-07-10T08:30:00+08:00',
          endsAt: '2026-07-10T17:30:00+08:00',
          location: 'x x',
        },
        zjOrganizer,
      )
      .expect(422);
    expect(refused.body).toMatchObject({ rule: 'R13', field: 'startsAt' });
    expect(await countEvents(t.db)).toBe(before);
    // Its sessions are held in its project year (the code's 2026): a 2027 session is refused too.
    const nextYear = await api
      .post(
        `/activities/${national}/sessions`,
        {
          startsAt: '2027-01-10T08:30:00+08:00',
          endsAt: '2027-01-10T17:30:00+08:00',
          location: 'x x',
        },
        zjOrganizer,
      )
      .expect(422);
    expect(nextYear.body).toMatchObject({ rule: 'R13', field: 'startsAt' });
    // Declared two at application: a third is refused (004 §六.6: 不得超过申报时所填期次).
    const two = await activity({ sessionsDeclared: 2 });
    await session(two, '2026-03-10T08:30:00+08:00', '2026-03-10T17:30:00+08:00');
    await session(two, '2026-04-10T08:30:00+08:00', '2026-04-10T17:30:00+08:00');
    const third = await api
      .post(
        `/activities/${two}/sessions`,
        {
          startsAt: '2026-05-10T08:30:00+08:00',
          endsAt: '2026-05-10T17:30:00+08:00',
          location: 'x x',
        },
        zjOrganizer,
      )
      .expect(422);
    expect(third.body.message).toContain('declared 2');
    // A national project must declare; more than 6 is refused.
    for (const sessionsDeclared of [undefined, 7]) {
      const refusedRegistration = await api
        .post('/activities', projectBody({ sessionsDeclared }), zjCommittee)
        .expect(422);
      expect(refusedRegistration.body).toMatchObject({ rule: 'R13', field: 'sessionsDeclared' });
    }
    expect(await countEvents(t.db)).toBe(before + 3); // the second project and its two sessions
    const provincial = await activity({
      level: 'provincial',
      code: '2026-04-01-124(浙)',
      sessionsDeclared: undefined,
    });
    for (let month = 1; month <= 7; month += 1) {
      const m = String(month).padStart(2, '0');
      await session(provincial, `2026-${m}-10T08:30:00+08:00`, `2026-${m}-10T17:30:00+08:00`);
    }
  });

  it('R15: annulling a project stops its credits counting, with the reason on each, and deletes nothing', async () => {
    const p = await person();
    const activityId = await activity();
    const { sessionId } = await session(activityId);
    await scan(sessionId, { personId: p.personId }).expect(201);
    await api
      .post(
        `/sessions/${sessionId}/report`,
        {
          hoursTaught: '20',
          submittedAt: '2026-05-11T10:00:00+08:00',
          evaluationLevels: [1, 2, 3],
        },
        zjOrganizer,
      )
      .expect(201);
    await api
      .post(`/sessions/${sessionId}/report/decision`, { decision: 'approve' }, zjCommittee)
      .expect(200);
    expect((await credits(p.personId, 2026)).countedTotal).toBe('10');
    const before = await countEvents(t.db);

    await api
      .post(
        `/activities/${activityId}/annulment`,
        { reason: 'short', credits: 'revoke' },
        zjCommittee,
      )
      .expect(400);
    // No silent default: the committee states what happens to credits already granted.
    const unstated = await api
      .post(
        `/activities/${activityId}/annulment`,
        { reason: 'organizer failed the 2026 annual inspection' },
        zjCommittee,
      )
      .expect(400);
    expect(JSON.stringify(unstated.body)).toContain('credits');
    expect(await countEvents(t.db)).toBe(before);
    const annulled = await api
      .post(
        `/activities/${activityId}/annulment`,
        { reason: 'organizer failed the 2026 annual inspection', credits: 'revoke' },
        zjCommittee,
      )
      .expect(200);
    expect(annulled.body).toMatchObject({ creditsTreatment: 'revoke', revokeFrom: null });
    expect(annulled.body.creditsAnnulled).toBe(1);
    const list = await credits(p.personId, 2026);
    expect(list.countedTotal).toBe('0');
    expect(list.credits[0]).toMatchObject({ status: 'annulled', amount: '10' });
    expect(list.credits[0].reasons).toEqual([
      'project annulled: organizer failed the 2026 annual inspection',
    ]);
    expect(await countEvents(t.db)).toBe(before + 2); // ActivityAnnulled + CreditAnnulled, nothing removed
    await api
      .post(
        `/activities/${activityId}/sessions`,
        {
          startsAt: '2026-08-10T08:30:00+08:00',
          endsAt: '2026-08-10T17:30:00+08:00',
          location: 'x x',
        },
        zjOrganizer,
      )
      .expect(409);
  });

  it('R5: credits of a remote project are pending until the provincial committee verifies them', async () => {
    const p = await person();
    const activityId = await activity({
      format: 'remote',
      level: 'provincial',
      code: '2026-04-02-001(浙)',
    });
    const { sessionId } = await session(activityId);
    await scan(sessionId, { personId: p.personId }).expect(201);
    await api
      .post(
        `/sessions/${sessionId}/report`,
        {
          hoursTaught: '20',
          submittedAt: '2026-05-11T10:00:00+08:00',
          evaluationLevels: [1, 2, 3],
        },
        zjOrganizer,
      )
      .expect(201);
    await api
      .post(`/sessions/${sessionId}/report/decision`, { decision: 'approve' }, zjCommittee)
      .expect(200);
    let list = await credits(p.personId, 2026);
    expect(list).toMatchObject({ countedTotal: '0', pendingTotal: '10' });
    const creditId = list.credits[0].creditId;
    expect(list.credits[0].status).toBe('pending');

    await api
      .post(`/credits/${creditId}/verification`, { decision: 'verify' }, cqCommittee)
      .expect(403); // another province
    await api
      .post(`/credits/${creditId}/verification`, { decision: 'verify' }, zjOrganizer)
      .expect(403);
    const verified = await api
      .post(`/credits/${creditId}/verification`, { decision: 'verify' }, zjCommittee)
      .expect(200);
    expect(verified.body.status).toBe('counted');
    list = await credits(p.personId, 2026);
    expect(list).toMatchObject({ countedTotal: '10', pendingTotal: '0' });
  });

  it('the credit year is decided in Asia/Shanghai time by the person’s profile (Chongqing: 1 Nov – 31 Oct)', async () => {
    const p = await person({ jurisdiction: 'CN-CQ' });
    const activityId = await activity({
      jurisdiction: 'CN-CQ',
      organizerId: cqOrganizer.id,
      level: 'municipal',
      code: '2026-50-01-001(渝)',
    });
    // 31 Oct 23:30 in Chongqing is 31 Oct 15:30 UTC: credit year 2026. 1 Nov 00:10 is still 31 Oct in UTC: 2027.
    const { sessionId: late } = await session(
      activityId,
      '2026-10-31T20:00:00+08:00',
      '2026-10-31T23:50:00+08:00',
      cqOrganizer,
    );
    const { sessionId: next } = await session(
      activityId,
      '2026-11-01T00:00:00+08:00',
      '2026-11-01T03:00:00+08:00',
      cqOrganizer,
    );
    await scan(late, { personId: p.personId }, '2026-10-31T23:30:00+08:00', cqOrganizer).expect(
      201,
    );
    await scan(next, { personId: p.personId }, '2026-10-31T16:10:00Z', cqOrganizer).expect(201);
    for (const s of [late, next]) {
      await api
        .post(
          `/sessions/${s}/report`,
          {
            hoursTaught: '20',
            submittedAt: '2026-11-02T10:00:00+08:00',
            evaluationLevels: [1, 2, 3],
          },
          cqOrganizer,
        )
        .expect(201);
      await api
        .post(`/sessions/${s}/report/decision`, { decision: 'approve' }, cqCommittee)
        .expect(200);
    }
    expect(
      (await credits(p.personId, 2026, cqCommittee)).credits.map(
        (c: { sessionId: string }) => c.sessionId,
      ),
    ).toEqual([late]);
    expect(
      (await credits(p.personId, 2027, cqCommittee)).credits.map(
        (c: { sessionId: string }) => c.sessionId,
      ),
    ).toEqual([next]);
  });

  it('concurrent scans lose nothing, and a scan repeated concurrently is one attendance', async () => {
    const people = await Promise.all(Array.from({ length: 12 }, () => person()));
    const { sessionId } = await session(await activity());
    const responses = await Promise.all([
      ...people.map((p) => scan(sessionId, { personId: p.personId })),
      ...Array.from({ length: 6 }, () => scan(sessionId, { personId: people[0].personId })),
    ]);
    expect(responses.every((r) => r.status === 200 || r.status === 201)).toBe(true);
    expect(
      new Set(
        responses
          .filter((r) => r.body.personId === people[0].personId)
          .map((r) => r.body.attendanceId),
      ).size,
    ).toBe(1);
    const firstOfP0 = responses.filter(
      (r) => r.body.personId === people[0].personId && !r.body.duplicate,
    );
    expect(firstOfP0).toHaveLength(1); // only one of the seven is answered as the first
    expect(firstOfP0[0].status).toBe(201);
    const view = await api.get(`/sessions/${sessionId}/attendance`, zjOrganizer).expect(200);
    expect(view.body.attendees).toBe(12);
    expect(view.body.duplicateScans).toBe(6);
  });

  it('concurrent scans at one door are appended together (group commit); a refused one fails alone', async () => {
    const people = await Promise.all(Array.from({ length: 31 }, () => person()));
    const { sessionId } = await session(await activity());
    const before = await countEvents(t.db);
    const responses = await Promise.all([
      ...people.slice(0, 30).map((p) => scan(sessionId, { personId: p.personId })),
      scan(sessionId, { personId: people[30].personId }, '2026-05-11T08:41:07+08:00'), // next day
    ]);
    expect(responses.slice(0, 30).map((r) => r.status)).toEqual(Array(30).fill(201));
    expect(responses[30].status).toBe(422);
    expect(await countEvents(t.db)).toBe(before + 30);
    // Fewer transactions than scans: scans waiting on the same stream rode one append.
    const ids = responses.slice(0, 30).map((r) => r.body.attendanceId as string);
    const [{ appends }] = await t.db.sql`
      SELECT count(DISTINCT transaction_id)::int AS appends FROM events
       WHERE event_id = ANY(${ids}::uuid[])`;
    expect(appends).toBeLessThan(30);
    expect(appends).toBeGreaterThan(0);
  });

  it.each([
    [
      'endsAt before startsAt',
      {
        startsAt: '2026-05-10T17:30:00+08:00',
        endsAt: '2026-05-10T08:30:00+08:00',
        location: 'hall',
      },
      422,
      'endsAt',
    ],
    [
      'an instant without offset',
      { startsAt: '2026-05-10T08:30:00', endsAt: '2026-05-10T17:30:00+08:00', location: 'hall' },
      400,
      'startsAt',
    ],
    [
      'an extra field',
      {
        startsAt: '2026-05-10T08:30:00+08:00',
        endsAt: '2026-05-10T17:30:00+08:00',
        location: 'hall',
        credits: 99,
      },
      400,
      'credits',
    ],
  ])(
    'scheduling with %s is refused naming the field, appending nothing',
    async (_label, body, status, field) => {
      const activityId = await activity();
      const before = await countEvents(t.db);
      const response = await api
        .post(`/activities/${activityId}/sessions`, body, zjOrganizer)
        .expect(status);
      expect(JSON.stringify(response.body)).toContain(field);
      expect(await countEvents(t.db)).toBe(before);
    },
  );

  it.each([
    ['negative credits', { credits: -5 }, 'credits'],
    ['absurd credits', { credits: '5000' }, 'credits'],
    ['binary-float noise', { credits: 0.30000000000000004 }, 'credits'],
    ['a wrong kind', { kind: 'party' }, 'kind'],
    ['a project without code', { code: undefined }, 'code'],
    ['a bad organizer id', { organizerId: 'has space' }, 'organizerId'],
  ])(
    'registering an activity with %s is refused naming the field, appending nothing',
    async (_label, overrides, field) => {
      const before = await countEvents(t.db);
      const response = await api.post('/activities', projectBody(overrides), zjCommittee);
      expect([400, 422]).toContain(response.status);
      expect(JSON.stringify(response.body)).toContain(field);
      expect(await countEvents(t.db)).toBe(before);
    },
  );

  it('scan refusals: outside the session, unknown person, unknown session, another organizer, both ids', async () => {
    const p = await person();
    const { sessionId } = await session(await activity());
    const before = await countEvents(t.db);
    expect(
      (await scan(sessionId, { personId: p.personId }, '2026-05-11T08:41:07+08:00').expect(422))
        .body.field,
    ).toBe('scannedAt');
    expect(
      (await scan(sessionId, { personId: '7d0b1f9e-2a7c-4c1e-9b8a-1f2e3d4c5b6a' }).expect(404)).body
        .field,
    ).toBe('personId');
    expect((await scan('A'.repeat(43), { personId: p.personId }).expect(404)).body.field).toBe(
      'sessionId',
    );
    await scan(sessionId, { personId: p.personId }, undefined, {
      ...zjOrganizer,
      id: 'org-zj-other',
    }).expect(403);
    await scan(sessionId, { personId: p.personId, idNumber: p.idNumber }).expect(400);
    await api
      .post(
        `/sessions/${sessionId}/attendance`,
        {
          personId: p.personId,
          method: 'telepathy',
          scannedAt: '2026-05-10T08:41:07+08:00',
          deviceId: 'g',
        },
        zjOrganizer,
      )
      .expect(400);
    expect(await countEvents(t.db)).toBe(before);
    // Admins correct credits; they do not scan (only the activity's organizer does).
    await scan(sessionId, { personId: p.personId }, undefined, zjAdmin).expect(403);
    expect(await countEvents(t.db)).toBe(before);
    await scan(sessionId, { personId: p.personId }).expect(201);
  });
});
