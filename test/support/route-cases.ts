import type { INestApplication } from '@nestjs/common';
import type { RouteAccess } from '../../src/shared/http/access-policy';
import type { ActorRole } from '../../src/shared/http/actor';
import {
  type ActorHeaders,
  client,
  personBody,
  projectBody,
  projectionsCaughtUp,
} from './ledger-client';

/** Records on one side: the actors' own (Zhejiang) or another's (Chongqing). */
export interface Side {
  jurisdiction: string;
  org: string;
  employer: string;
  personId: string;
  activityId: string;
  annulActivityId: string;
  trainingActivityId: string;
  sessionId: string;
  creditId: string;
  exemptionId: string;
  spotCheckId: string;
  /** A revocation of the credit held for a second admin. */
  correctionId: string;
  /** An organizer of the side under a suspension, and the suspension (R16). */
  sanctionedOrg: string;
  sanctionId: string;
}

export interface Case {
  method: 'get' | 'post';
  /** OpenAPI path template, e.g. /persons/{personId}. */
  template: string;
  access: RouteAccess;
  path: (side: Side) => string;
  body?: (side: Side, actor: ActorHeaders) => object;
}

const session = { scannedAt: '2026-05-10T08:41:07+08:00' };
export const cases: Case[] = [
  { method: 'get', template: '/events', access: 'events.read', path: () => '/events?limit=1' },
  {
    method: 'get',
    template: '/audit/verification',
    access: 'audit.verification',
    path: () => '/audit/verification',
  },
  { method: 'get', template: '/audit/digest', access: 'audit.digest', path: () => '/audit/digest' },
  {
    method: 'get',
    template: '/statistics/compliance',
    access: 'statistics.compliance',
    path: (s) => `/statistics/compliance?jurisdiction=${s.jurisdiction}&year=2026`,
  },
  {
    method: 'get',
    template: '/work-queues/reviews',
    access: 'work-queues.reviews',
    path: (s) => `/work-queues/reviews?jurisdiction=${s.jurisdiction}`,
  },
  {
    method: 'post',
    template: '/organizers/{organizerId}/sanctions',
    access: 'organizers.sanction',
    path: (s) => `/organizers/${s.org}/sanctions`,
    body: (s) => ({
      kind: 'warning',
      from: '2026-06-01',
      jurisdiction: s.jurisdiction,
      reason: '批评：执行情况报送迟缓',
    }),
  },
  {
    method: 'post',
    template: '/organizers/{organizerId}/sanctions/{sanctionId}/lifting',
    access: 'organizers.sanction',
    path: (s) => `/organizers/${s.sanctionedOrg}/sanctions/${s.sanctionId}/lifting`,
    body: () => ({ from: '2026-07-01', reason: '复议后撤销处罚，已整改' }),
  },
  {
    method: 'get',
    template: '/organizers/{organizerId}/sanctions',
    access: 'organizers.read-sanctions',
    path: (s) => `/organizers/${s.org}/sanctions?jurisdiction=${s.jurisdiction}`,
  },
  {
    method: 'post',
    template: '/persons',
    access: 'persons.register',
    path: () => '/persons',
    body: (s) => personBody({ jurisdiction: s.jurisdiction, employerId: s.employer }),
  },
  {
    method: 'get',
    template: '/persons/{personId}',
    access: 'persons.read',
    path: (s) => `/persons/${s.personId}`,
  },
  {
    method: 'post',
    template: '/persons/{personId}/employment',
    access: 'persons.employment',
    path: (s) => `/persons/${s.personId}/employment`,
    body: (s) => ({ employerId: s.employer, reason: 'confirmed by the matrix' }),
  },
  {
    method: 'post',
    template: '/persons/{personId}/profile-changes',
    access: 'persons.profile-changes',
    path: (s) => `/persons/${s.personId}/profile-changes`,
    body: () => ({
      effectiveFrom: '2026-01-01',
      titleLevel: 'senior',
      reason: 'promoted, recorded by the matrix',
    }),
  },
  {
    method: 'post',
    template: '/persons/{personId}/erasure',
    access: 'persons.erase',
    path: (s) => `/persons/${s.personId}/erasure`,
    body: () => ({ reason: 'erasure requested by the person' }),
  },
  {
    method: 'get',
    template: '/persons/{personId}/credits',
    access: 'persons.credits',
    path: (s) => `/persons/${s.personId}/credits?year=2026`,
  },
  {
    method: 'get',
    template: '/persons/{personId}/years/{year}',
    access: 'persons.year',
    path: (s) => `/persons/${s.personId}/years/2026`,
  },
  {
    method: 'get',
    template: '/persons/{personId}/years/{year}/certificate',
    access: 'persons.certificate',
    path: (s) => `/persons/${s.personId}/years/2026/certificate`,
  },
  {
    method: 'get',
    template: '/persons/{personId}/sessions/{sessionId}/trace',
    access: 'persons.session-trace',
    path: (s) => `/persons/${s.personId}/sessions/${s.sessionId}/trace`,
  },
  {
    method: 'post',
    template: '/persons/{personId}/exemptions',
    access: 'exemptions.grant',
    path: (s) => `/persons/${s.personId}/exemptions`,
    body: () => ({ year: 2027, basis: 'residency-training', evidence: '浙住培〔2027〕0001' }),
  },
  {
    method: 'post',
    template: '/persons/{personId}/exemptions/{exemptionId}/revocation',
    access: 'exemptions.revoke',
    path: (s) => `/persons/${s.personId}/exemptions/${s.exemptionId}/revocation`,
    body: () => ({ reason: 'the residency certificate was withdrawn' }),
  },
  {
    method: 'post',
    template: '/persons/{personId}/self-study-plans',
    access: 'self-study-plans.approve',
    path: (s) => `/persons/${s.personId}/self-study-plans`,
    body: () => ({ year: 2026, plan: 'read the heart-failure guideline, monthly case review' }),
  },
  {
    method: 'post',
    template: '/credits',
    access: 'credits.grant',
    path: () => '/credits',
    body: (s) => ({
      personId: s.personId,
      activityId: s.trainingActivityId,
      earnedAt: '2026-06-30T17:00:00+08:00',
      evidence: 'roster signed by the department head',
      hours: '3',
    }),
  },
  {
    method: 'post',
    template: '/credits/{creditId}/verification',
    access: 'credits.verify',
    path: (s) => `/credits/${s.creditId}/verification`,
    body: () => ({ decision: 'verify' }),
  },
  {
    method: 'post',
    template: '/credits/{creditId}/adjustment',
    access: 'credits.adjust',
    path: (s) => `/credits/${s.creditId}/adjustment`,
    body: () => ({ amount: '1', reason: 'hours were keyed as 6 instead of 3' }),
  },
  {
    method: 'post',
    template: '/credits/{creditId}/revocation',
    access: 'credits.revoke',
    path: (s) => `/credits/${s.creditId}/revocation`,
    body: () => ({ reason: 'the roster was signed by proxy' }),
  },
  {
    method: 'post',
    template: '/credits/{creditId}/corrections/{correctionId}/approval',
    access: 'corrections.approve',
    path: (s) => `/credits/${s.creditId}/corrections/${s.correctionId}/approval`,
    body: () => ({}),
  },
  {
    method: 'post',
    template: '/credits/{creditId}/corrections/{correctionId}/rejection',
    access: 'corrections.reject',
    path: (s) => `/credits/${s.creditId}/corrections/${s.correctionId}/rejection`,
    body: () => ({ reason: 'the roster was checked and is genuine' }),
  },
  {
    method: 'get',
    template: '/credits/{creditId}/trace',
    access: 'credits.trace',
    path: (s) => `/credits/${s.creditId}/trace`,
  },
  {
    method: 'post',
    template: '/activities',
    access: 'activities.register',
    path: () => '/activities',
    // An employer registers activities it runs itself; others register for the side's organizer.
    // Employers register only their own unit-level non-project activities.
    body: (s, actor) =>
      projectBody({
        jurisdiction: s.jurisdiction,
        organizerId: actor.role === 'employer' && s.jurisdiction === 'CN-ZJ' ? actor.id : s.org,
        ...(actor.role === 'employer'
          ? { kind: 'internal-training', code: undefined, level: 'unit', credits: '5', hours: '15' }
          : {}),
      }),
  },
  {
    method: 'post',
    template: '/activities/{activityId}/sessions',
    access: 'activities.schedule-session',
    path: (s) => `/activities/${s.activityId}/sessions`,
    body: () => ({
      startsAt: '2026-09-10T08:30:00+08:00',
      endsAt: '2026-09-10T17:30:00+08:00',
      location: '杭州 报告厅',
    }),
  },
  {
    method: 'post',
    template: '/activities/{activityId}/annulment',
    access: 'activities.annul',
    path: (s) => `/activities/${s.annulActivityId}/annulment`,
    body: () => ({ reason: 'the organizer failed the 2026 annual inspection', credits: 'revoke' }),
  },
  {
    method: 'post',
    template: '/organizers/{organizerId}/annulments',
    access: 'organizers.annul',
    path: (s) => `/organizers/${s.sanctionedOrg}/annulments`,
    body: (s) => ({
      jurisdiction: s.jurisdiction,
      year: 2026,
      reason: 'failed the 2026 annual inspection',
      credits: 'keep',
    }),
  },
  {
    method: 'get',
    template: '/sessions/{sessionId}/attendance',
    access: 'sessions.read',
    path: (s) => `/sessions/${s.sessionId}/attendance`,
  },
  {
    method: 'post',
    template: '/sessions/{sessionId}/attendance',
    access: 'sessions.attendance',
    path: (s) => `/sessions/${s.sessionId}/attendance`,
    body: (s) => ({ personId: s.personId, method: 'qr', deviceId: 'gate-9', ...session }),
  },
  {
    method: 'post',
    template: '/sessions/{sessionId}/report',
    access: 'sessions.report',
    path: (s) => `/sessions/${s.sessionId}/report`,
    body: () => ({
      hoursTaught: '20',
      submittedAt: '2026-05-12T10:00:00+08:00',
      evaluationLevels: [1, 2, 3],
    }),
  },
  {
    method: 'post',
    template: '/sessions/{sessionId}/report/decision',
    access: 'sessions.decide-report',
    path: (s) => `/sessions/${s.sessionId}/report/decision`,
    body: () => ({ decision: 'approve' }),
  },
  {
    method: 'post',
    template: '/spot-checks',
    access: 'spot-checks.draw',
    path: () => '/spot-checks',
    body: (s) => ({
      jurisdiction: s.jurisdiction,
      year: 2026,
      rate: '0.08',
      reason: 'a second draw, by the matrix',
    }),
  },
  {
    method: 'post',
    template: '/spot-checks/{spotCheckId}/findings',
    access: 'spot-checks.finding',
    path: (s) => `/spot-checks/${s.spotCheckId}/findings`,
    body: (s) => ({ activityId: s.activityId, result: 'pass', reason: 'attendance sheet matched' }),
  },
  {
    method: 'get',
    template: '/spot-checks/{spotCheckId}',
    access: 'spot-checks.read',
    path: (s) => `/spot-checks/${s.spotCheckId}`,
  },
  {
    method: 'get',
    template: '/spot-checks/{spotCheckId}/verification',
    access: 'spot-checks.read',
    path: (s) => `/spot-checks/${s.spotCheckId}/verification`,
  },
  {
    method: 'post',
    template: '/year-audits',
    access: 'year-audits.seal',
    path: () => '/year-audits',
    body: (s) => ({ jurisdiction: s.jurisdiction, year: 2025 }),
  },
  {
    method: 'get',
    template: '/year-audits/{jurisdiction}/{year}',
    access: 'year-audits.read',
    path: (s) => `/year-audits/${s.jurisdiction}/2026`,
  },
  // Imports: the file's jurisdiction is checked first (no file then answers 400, naming it).
  ...(['persons', 'activities', 'attendance', 'credits'] as const).map((kind): Case => ({
    method: 'post',
    template: `/imports/${kind}`,
    access: `imports.${kind}`,
    path: (s) => `/imports/${kind}?jurisdiction=${s.jurisdiction}&dryRun=true`,
  })),
  {
    method: 'get',
    template: '/imports/templates/{kind}',
    access: 'imports.templates',
    path: () => '/imports/templates/attendance?format=csv',
  },
  // The web console's look-ups (src/console/find).
  {
    method: 'get',
    template: '/persons',
    access: 'persons.find',
    path: (s) => `/persons?jurisdiction=${s.jurisdiction}&employer=${s.employer}&year=2026`,
  },
  {
    method: 'get',
    template: '/activities',
    access: 'activities.find',
    path: (s) => `/activities?jurisdiction=${s.jurisdiction}&organizer=${s.org}&year=2026`,
  },
  {
    method: 'get',
    template: '/credits',
    access: 'credits.find',
    path: (s) => `/credits?jurisdiction=${s.jurisdiction}&status=awaiting-verification`,
  },
  {
    method: 'get',
    template: '/corrections',
    access: 'corrections.find',
    path: (s) => `/corrections?jurisdiction=${s.jurisdiction}&status=awaiting-approval`,
  },
  {
    method: 'get',
    template: '/credits/{creditId}',
    access: 'credits.read',
    path: (s) => `/credits/${s.creditId}`,
  },
  // The console's look-ups for each user's work (src/console/work).
  {
    method: 'get',
    template: '/spot-checks',
    access: 'spot-checks.find',
    path: (s) => `/spot-checks?jurisdiction=${s.jurisdiction}&year=2026`,
  },
  {
    method: 'get',
    template: '/year-audits',
    access: 'year-audits.find',
    path: (s) => `/year-audits?jurisdiction=${s.jurisdiction}`,
  },
  {
    method: 'get',
    template: '/year-audits/{jurisdiction}/{year}/changes',
    access: 'year-audits.changes',
    path: (s) => `/year-audits/${s.jurisdiction}/2025/changes`,
  },
  {
    method: 'get',
    template: '/exemptions',
    access: 'exemptions.find',
    path: (s) => `/exemptions?jurisdiction=${s.jurisdiction}&year=2026`,
  },
  {
    method: 'get',
    template: '/self-study-plans',
    access: 'self-study-plans.find',
    path: (s) =>
      `/self-study-plans?jurisdiction=${s.jurisdiction}&employer=${s.employer}&year=2026`,
  },
  {
    method: 'get',
    template: '/organizers/{organizerId}/credits',
    access: 'organizers.credits',
    path: (s) => `/organizers/${s.employer}/credits?jurisdiction=${s.jurisdiction}&year=2026`,
  },
];

/** Routes anyone may call. */
export const publicRoutes = [
  'get /health',
  'get /projections',
  'get /certificates/{certificateId}/verification',
  'post /sign-in-links/exchange',
  'get /console-config',
];

export const roles: ActorRole[] = [
  'professional',
  'organizer',
  'employer',
  'committee',
  'auditor',
  'admin',
];

/** Builds one side's records with national and the side's own actors. */
export async function buildSide(
  app: INestApplication,
  jurisdiction: string,
  suffix: string,
): Promise<Side> {
  const api = client(app);
  const national = { id: 'national-committee', role: 'committee', jurisdiction: 'CN' };
  const org = `org-${suffix}-1`;
  const employer = `employer-${suffix}-1`;
  const organizer = { id: org, role: 'organizer', jurisdiction };
  const employerActor = { id: employer, role: 'employer', jurisdiction };
  const requester = { id: `admin-${suffix}-requester`, role: 'admin', jurisdiction };
  const personId = (
    await api
      .post('/persons', personBody({ jurisdiction, employerId: employer }), national)
      .expect(201)
  ).body.personId as string;
  const activity = async (overrides: Record<string, unknown>) =>
    (
      await api
        .post(
          '/activities',
          projectBody({ jurisdiction, organizerId: org, ...overrides }),
          national,
        )
        .expect(201)
    ).body.activityId as string;
  const activityId = await activity({});
  const annulActivityId = await activity({ code: '2026-04-01-999(国)' });
  const trainingActivityId = await activity({
    kind: 'internal-training',
    code: undefined,
    level: 'unit',
    credits: '5',
    hours: '15',
    organizerId: employer,
  });
  const sessionId = (
    await api
      .post(
        `/activities/${activityId}/sessions`,
        {
          startsAt: '2026-05-10T08:30:00+08:00',
          endsAt: '2026-05-10T17:30:00+08:00',
          location: '报告厅',
        },
        organizer,
      )
      .expect(201)
  ).body.sessionId as string;
  await api
    .post(
      `/sessions/${sessionId}/attendance`,
      { personId, method: 'qr', deviceId: 'gate-1', ...session },
      organizer,
    )
    .expect(201);
  const creditId = (
    await api
      .post(
        '/credits',
        {
          personId,
          activityId: trainingActivityId,
          earnedAt: '2026-06-30T17:00:00+08:00',
          evidence: 'roster signed by the department head',
          hours: '6',
          amount: '2', // counts where the profile has no conversion rule (Chongqing)
        },
        employerActor,
      )
      .expect(201)
  ).body.creditId as string;
  const exemptionId = (
    await api
      .post(
        `/persons/${personId}/exemptions`,
        { year: 2026, basis: 'residency-training', evidence: '浙住培〔2026〕0123' },
        national,
      )
      .expect(201)
  ).body.exemptionId as string;
  await projectionsCaughtUp(app);
  const spotCheckId = (
    await api.post('/spot-checks', { jurisdiction, year: 2026, rate: '0.08' }, national).expect(201)
  ).body.spotCheckId as string;
  // Every correction waits for a second admin here (threshold 0): hold one for the matrix.
  const correctionId = (
    await api
      .post(`/credits/${creditId}/revocation`, { reason: 'the roster looks forged' }, requester)
      .expect(202)
  ).body.heldForApproval.correctionId as string;
  const sanctionedOrg = `org-${suffix}-sanctioned`;
  const sanctionId = (
    await api
      .post(
        `/organizers/${sanctionedOrg}/sanctions`,
        {
          kind: 'suspension',
          from: '2026-01-01',
          years: 1,
          jurisdiction,
          reason: '责令停办：执行情况弄虚作假',
        },
        national,
      )
      .expect(201)
  ).body.sanctionId as string;
  return {
    sanctionedOrg,
    sanctionId,
    jurisdiction,
    org,
    employer,
    personId,
    activityId,
    annulActivityId,
    trainingActivityId,
    sessionId,
    creditId,
    exemptionId,
    spotCheckId,
    correctionId,
  };
}

/** The actors of the own (Zhejiang) side, one per role. */
export function ownActors(own: Side): Record<ActorRole, ActorHeaders> {
  return {
    professional: {
      id: 'professional-zj-1',
      role: 'professional',
      jurisdiction: 'CN-ZJ',
      person: own.personId,
    },
    organizer: { id: own.org, role: 'organizer', jurisdiction: 'CN-ZJ' },
    employer: { id: own.employer, role: 'employer', jurisdiction: 'CN-ZJ' },
    committee: { id: 'committee-zj-1', role: 'committee', jurisdiction: 'CN-ZJ' },
    auditor: { id: 'auditor-zj-1', role: 'auditor', jurisdiction: 'CN-ZJ' },
    admin: { id: 'admin-zj-1', role: 'admin', jurisdiction: 'CN-ZJ' },
  };
}
