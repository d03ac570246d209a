import { projections } from '../../projections';
import {
  type PersonYearsDoc,
  yearOfDoc,
} from '../../projections/person-years/person-years.projection';
import { Database, DATABASE } from '../../src/database/database';
import { EVENT_STORE, EventStore } from '../../src/event-store/event-store.port';
import { CreditTraceController } from '../../src/audit/credit-trace.controller';
import {
  creditTraceFromProvenance,
  type ProvenanceAnswer,
} from '../../src/audit/credit-provenance.queries';
import {
  rebuildProjection,
  rebuildProjections,
  RebuildRunning,
} from '../../src/projections/rebuild';
import {
  client,
  cqCommittee,
  personBody,
  projectBody,
  projectionsCaughtUp,
  zjAdmin,
  zjCommittee,
  zjOrganizer,
} from '../support/ledger-client';
import { startTestApp, TestApp } from '../support/test-app';

describe('the read side: person-years, traces, as-of, statistics, rebuild', () => {
  let t: TestApp;
  let api: ReturnType<typeof client>;

  beforeAll(async () => {
    t = await startTestApp({ subscriptionPollMs: 10 });
    api = client(t.app);
  });
  afterAll(() => t.close());

  async function person(overrides: Record<string, unknown> = {}) {
    const { body } = await api.post('/persons', personBody(overrides), zjCommittee).expect(201);
    return body.personId as string;
  }
  async function session(overrides: Record<string, unknown> = {}) {
    const { body: a } = await api
      .post(
        '/activities',
        projectBody({ level: 'provincial', code: '2026-04-01-200(浙)', ...overrides }),
        zjCommittee,
      )
      .expect(201);
    const { body: s } = await api
      .post(
        `/activities/${a.activityId}/sessions`,
        {
          startsAt: '2026-05-10T08:30:00+08:00',
          endsAt: '2026-05-10T17:30:00+08:00',
          location: '杭州 报告厅',
        },
        zjOrganizer,
      )
      .expect(201);
    return { activityId: a.activityId as string, sessionId: s.sessionId as string };
  }
  const scan = (sessionId: string, personId: string) =>
    api
      .post(
        `/sessions/${sessionId}/attendance`,
        { personId, method: 'qr', scannedAt: '2026-05-10T08:41:07+08:00', deviceId: 'gate-1' },
        zjOrganizer,
      )
      .expect(201);
  const report = (sessionId: string) =>
    api
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
  const approve = (sessionId: string) =>
    api
      .post(`/sessions/${sessionId}/report/decision`, { decision: 'approve' }, zjCommittee)
      .expect(200);
  const year = async (personId: string, asOf?: string) =>
    (
      await api
        .get(
          `/persons/${personId}/years/2026${asOf ? `?asOf=${encodeURIComponent(asOf)}` : ''}`,
          zjCommittee,
        )
        .expect(200)
    ).body;
  const sessionTrace = async (personId: string, sessionId: string) =>
    (await api.get(`/persons/${personId}/sessions/${sessionId}/trace`, zjCommittee).expect(200))
      .body;

  it('person-year totals with a verdict and every reason, from the projection', async () => {
    const personId = await person({ titleLevel: 'junior' });
    const { sessionId } = await session({ subject: 'public', credits: '7.5', hours: '20' });
    await scan(sessionId, personId);
    await report(sessionId);
    await approve(sessionId);
    await projectionsCaughtUp(t.app);
    const result = await year(personId);
    expect(result).toMatchObject({
      personId,
      year: 2026,
      source: 'projection',
      profile: 'zhejiang-2024@2',
      verdict: 'short',
      counted: {
        credits: '7.5',
        hours: '20',
        bySubject: { public: '7.5' },
        byKind: { project: '7.5' },
      },
      pending: { credits: '0', count: 0 },
    });
    expect(result.reasons).toEqual([
      'short 17.5 credits: zhejiang-2024 requires 25, has 7.5',
      "short 70 study hours: requires 90, has 20 (credits without recorded hours count 3.6 h each, the profile's own 90 h ÷ 25 credits)",
      'short 2.5 public-subject credits: junior requires 10, has 7.5 (R10)',
    ]);
  });

  it('credit provenance in log order, and "as of" before a revocation', async () => {
    const personId = await person();
    const { sessionId } = await session();
    await scan(sessionId, personId);
    await report(sessionId);
    await approve(sessionId);
    const { body: list } = await api
      .get(`/persons/${personId}/credits?year=2026`, zjCommittee)
      .expect(200);
    const creditId = list.credits[0].creditId;
    await projectionsCaughtUp(t.app);
    const beforeRevocation = new Date(Date.now() + 5).toISOString();
    await new Promise((resolve) => setTimeout(resolve, 20));
    // 10 credits: above the threshold, so a second admin approves (both steps are traced).
    const held = await api
      .post(
        `/credits/${creditId}/revocation`,
        { reason: 'attendance was recorded for the wrong person' },
        zjAdmin,
      )
      .expect(202);
    await api
      .post(
        `/credits/${creditId}/corrections/${held.body.heldForApproval.correctionId}/approval`,
        {},
        { ...zjAdmin, id: 'admin-zj-2' },
      )
      .expect(200);
    await projectionsCaughtUp(t.app);

    const trace = (await api.get(`/credits/${creditId}/trace`, zjCommittee).expect(200)).body;
    expect(trace.steps.map((s: { type: string }) => s.type)).toEqual([
      'ActivityRegistered',
      'SessionScheduled',
      'AttendanceRecorded',
      'ExecutionReportSubmitted',
      'ExecutionReportApproved',
      'CreditGranted',
      'CorrectionRequested',
      'CorrectionApproved',
      'CreditRevoked',
    ]);
    expect(trace.steps[6]).toMatchObject({ actor: zjAdmin.id, role: 'admin' });
    const revocation = trace.steps[8];
    expect(revocation).toMatchObject({ actor: 'admin-zj-2', role: 'admin' });
    expect(revocation.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(trace.steps[2]).toMatchObject({
      actor: zjOrganizer.id,
      role: 'organizer',
      occurredAt: '2026-05-10T00:41:07.000Z',
    });
    const positions = trace.steps.map((s: { globalPosition: string }) => BigInt(s.globalPosition));
    expect(positions.every((p: bigint, i: number) => i === 0 || p > positions[i - 1])).toBe(true);

    // The provenance projection answers (it holds every event of the three streams) with the
    // events and order of the three streams read whole, now and as of before the revocation.
    const database = t.app.get<Database>(DATABASE);
    const store = t.app.get<EventStore>(EVENT_STORE);
    const controller = t.app.get(CreditTraceController);
    await api.post('/persons', personBody(), zjCommittee).expect(201); // a later write elsewhere
    await projectionsCaughtUp(t.app);
    for (const at of [undefined, new Date(beforeRevocation)]) {
      const fromProjection = await creditTraceFromProvenance(
        database.sql,
        store,
        personId,
        creditId,
        at,
      );
      const fromStreams = await (
        controller as unknown as {
          fromStreams: (p: string, c: string, a?: Date) => Promise<ProvenanceAnswer>;
        }
      ).fromStreams(personId, creditId, at);
      expect(fromProjection).not.toBeNull();
      expect(fromProjection).toEqual(fromStreams);
    }
    const traced = await creditTraceFromProvenance(
      database.sql,
      store,
      personId,
      creditId,
      undefined,
    );
    expect(traced?.found && traced.chain.map((e) => e.type)).toEqual(
      trace.steps.map((s: { type: string }) => s.type),
    );
    expect(
      await creditTraceFromProvenance(
        database.sql,
        store,
        personId,
        creditId,
        new Date('2000-01-01T00:00:00Z'),
      ),
    ).toEqual({ found: false });

    const then = (
      await api
        .get(`/credits/${creditId}/trace?asOf=${encodeURIComponent(beforeRevocation)}`, zjCommittee)
        .expect(200)
    ).body;
    expect(then.steps.map((s: { type: string }) => s.type)).not.toContain('CreditRevoked');
    expect((await year(personId, beforeRevocation)).counted.credits).toBe('10');
    expect((await year(personId)).counted.credits).toBe('0');
    await api
      .get(
        `/persons/${personId}/years/2026?asOf=${encodeURIComponent('2000-01-01T00:00:00+08:00')}`,
        zjCommittee,
      )
      .expect(404);
    await api.get(`/credits/${creditId}/trace?asOf=yesterday`, zjCommittee).expect(400);
  });

  it('学分未到账: explains, step by step, why an attendee has no counted credit yet', async () => {
    const attendee = await person();
    const absent = await person();
    const { sessionId } = await session({ format: 'remote', code: '2026-04-01-201(浙)' });
    expect((await sessionTrace(absent, sessionId)).state).toBe('no-scan');
    await scan(sessionId, attendee);
    const notFiled = await sessionTrace(attendee, sessionId);
    expect(notFiled.state).toBe('report-not-filed');
    expect(notFiled.explanation).toMatch(/overdue since 2026-05-24/);
    await report(sessionId);
    expect((await sessionTrace(attendee, sessionId)).state).toBe('report-pending');
    await approve(sessionId);
    const pending = await sessionTrace(attendee, sessionId);
    expect(pending).toMatchObject({ state: 'verification-pending' });
    expect(pending.explanation).toMatch(/R5/);
    await api
      .post(`/credits/${pending.creditId}/verification`, { decision: 'verify' }, zjCommittee)
      .expect(200);
    expect((await sessionTrace(attendee, sessionId)).state).toBe('counted');

    const other = await session({ code: '2026-04-01-202(浙)' });
    await scan(other.sessionId, attendee);
    await api
      .post(
        `/activities/${other.activityId}/annulment`,
        { reason: 'organizer failed the annual inspection', credits: 'revoke' },
        zjCommittee,
      )
      .expect(200);
    expect(await sessionTrace(attendee, other.sessionId)).toMatchObject({
      state: 'project-annulled',
      explanation: 'the project was annulled (R15): organizer failed the annual inspection',
    });
  });

  it('seed 003 第四条, 001 (五): statistics by title level; a resident is out of scope, not exempt and not in the rate; no R8 target outside Chongqing', async () => {
    const { body: before } = await api
      .get('/statistics/compliance?jurisdiction=CN-ZJ&year=2026', zjCommittee)
      .expect(200);
    const resident = await person({ titleLevel: 'senior' });
    await api
      .post(
        `/persons/${resident}/exemptions`,
        { year: 2026, basis: 'residency-training', evidence: '浙住培〔2026〕0001' },
        zjCommittee,
      )
      .expect(201);
    await person({ titleLevel: 'senior' });
    await projectionsCaughtUp(t.app);
    const { body } = await api
      .get('/statistics/compliance?jurisdiction=CN-ZJ&year=2026', zjCommittee)
      .expect(200);
    expect(body.targets.value).toBeNull();
    expect(body.targets.source).toMatch(/no compliance target in zhejiang-2024/);
    const senior = body.groups.find((g: { titleLevel: string }) => g.titleLevel === 'senior');
    const seniorBefore = before.groups.find(
      (g: { titleLevel: string }) => g.titleLevel === 'senior',
    ) ?? { people: 0, exempt: 0, short: 0, outOfScope: 0 };
    expect(senior).toMatchObject({
      people: seniorBefore.people + 1,
      exempt: seniorBefore.exempt,
      short: seniorBefore.short + 1,
      outOfScope: seniorBefore.outOfScope + 1,
      target: null,
      meetsTarget: null,
    });
    expect(
      (await api.get(`/persons/${resident}/years/2026`, zjCommittee).expect(200)).body.verdict,
    ).toBe('out-of-scope');
    expect(body.overall.people).toBe(before.overall.people + 1);
    expect(body.overall.outOfScope).toBe(before.overall.outOfScope + 1);
    await api.get('/statistics/compliance?jurisdiction=CN-ZJ&year=2026', cqCommittee).expect(403);
    await api
      .get('/statistics/compliance?jurisdiction=Zhejiang&year=2026', zjCommittee)
      .expect(400);
  });

  it('a rebuilt projection equals the live one row for row, swapped in while the API serves (attribute history, transfers, capped credits included)', async () => {
    // Issue 12's fields: attributes with history, a transfer, capped credits, out of scope.
    const national = { id: 'cn-committee-1', role: 'committee', jurisdiction: 'CN' };
    const employer = { id: 'employer-zj-1', role: 'employer', jurisdiction: 'CN-ZJ' };
    const moved = await person({ titleLevel: 'junior', registeredAt: '2024-01-05T09:00:00+08:00' });
    await api
      .post(
        `/persons/${moved}/profile-changes`,
        {
          effectiveFrom: '2025-05-01',
          titleLevel: 'intermediate',
          grassroots: true,
          reason: 'promoted and moved to a township health centre',
        },
        zjCommittee,
      )
      .expect(201);
    const { body: training } = await api
      .post(
        '/activities',
        projectBody({
          kind: 'internal-training',
          code: undefined,
          level: 'unit',
          organizerId: employer.id, // the employer grants under activities it runs
        }),
        zjCommittee,
      )
      .expect(201);
    for (const hours of ['12', '9'])
      await api
        .post(
          '/credits',
          {
            personId: moved,
            activityId: training.activityId,
            hours,
            earnedAt: '2025-09-01T10:00:00+08:00',
            evidence: 'training roster, signed',
          },
          employer,
        )
        .expect(201);
    await api
      .post(
        `/persons/${moved}/profile-changes`,
        {
          effectiveFrom: '2026-03-01',
          jurisdiction: 'CN-CQ',
          region: 'cq-southeast',
          reason: 'transferred to a hospital in 黔江',
        },
        national,
      )
      .expect(201);
    await projectionsCaughtUp(t.app);
    const movedDoc = (
      await t.app.get<Database>(DATABASE).sql<
        { doc: PersonYearsDoc }[]
      >`SELECT doc FROM proj_person_years WHERE key = ${moved}`
    )[0].doc;
    expect(movedDoc).toMatchObject({
      jurisdiction: 'CN-CQ',
      region: 'cq-southeast',
      formerJurisdictions: ['CN-ZJ'],
    });
    expect(yearOfDoc(movedDoc, 2025)).toMatchObject({
      attributes: { jurisdiction: 'CN-ZJ', titleLevel: 'intermediate', grassroots: true },
      capped: [expect.objectContaining({ recorded: '3', counts: '1', rule: 'R11' })],
    });
    await projectionsCaughtUp(t.app);
    const database = t.app.get<Database>(DATABASE);
    const live = await database.sql`SELECT key, doc FROM proj_person_years ORDER BY key`;
    expect(live.length).toBeGreaterThan(5);
    const result = await rebuildProjection(
      database,
      t.app.get<EventStore>(EVENT_STORE),
      projections[0],
    );
    expect(result.eventsRead).toBeGreaterThan(0);
    const rebuilt = await database.sql`SELECT key, doc FROM proj_person_years ORDER BY key`;
    expect(rebuilt).toEqual(live);
    // All projections in one pass, with memory so tight that documents are written out and read
    // back again and again: still the same rows.
    const liveActivities = await database.sql`SELECT key, doc FROM proj_activities ORDER BY key`;
    const liveProvenance =
      await database.sql`SELECT key, doc FROM proj_credit_provenance ORDER BY key`;
    expect(liveProvenance.length).toBeGreaterThan(5);
    const liveDirectory =
      await database.sql`SELECT key, doc FROM proj_person_directory ORDER BY key`;
    expect(liveDirectory.length).toBeGreaterThan(5);
    // One rebuild of a projection at a time, across processes: while another holds it, a second
    // is refused before it touches anything.
    const other = await database.sql.reserve();
    await other`SELECT pg_advisory_lock(hashtext('rebuild:person-years'))`;
    await expect(
      rebuildProjection(database, t.app.get<EventStore>(EVENT_STORE), projections[0]),
    ).rejects.toThrow(RebuildRunning);
    await other`SELECT pg_advisory_unlock(hashtext('rebuild:person-years'))`;
    other.release();
    const tight = await rebuildProjections(
      database,
      t.app.get<EventStore>(EVENT_STORE),
      projections,
      undefined,
      undefined,
      { pageSize: 7, documentsInMemoryMax: 2 },
    );
    expect(Object.keys(tight.applied).sort()).toEqual(projections.map((p) => p.name).sort());
    expect(await database.sql`SELECT key, doc FROM proj_person_years ORDER BY key`).toEqual(live);
    expect(await database.sql`SELECT key, doc FROM proj_activities ORDER BY key`).toEqual(
      liveActivities,
    );
    expect(await database.sql`SELECT key, doc FROM proj_credit_provenance ORDER BY key`).toEqual(
      liveProvenance,
    );
    expect(await database.sql`SELECT key, doc FROM proj_person_directory ORDER BY key`).toEqual(
      liveDirectory,
    );
    const tables =
      await database.sql`SELECT tablename FROM pg_tables WHERE tablename LIKE 'proj_person_years%'`;
    expect(tables.map((r) => r.tablename)).toEqual(['proj_person_years']);
    // The live runner goes on from the rebuilt checkpoint.
    const personId = await person();
    await projectionsCaughtUp(t.app);
    expect((await year(personId)).source).toBe('projection');
  });
});
