import type {
  CreditGrantData,
  PersonEvent,
  PersonRegistered,
} from '../../src/persons/domain/person.events';
import type { ProjectedEvent } from '../projection';
import {
  assessDocYear,
  creditsOf,
  PersonYearsDoc,
  personYearsProjection,
  statusOf,
  yearOfDoc,
} from './person-years.projection';

const projection = personYearsProjection;
let sequence = 0;
const projected = (event: PersonEvent, personId = 'p-1'): ProjectedEvent => {
  sequence += 1;
  return {
    type: event.type,
    data: event.data,
    streamId: `person-${personId}`,
    eventId: `e-${sequence}`,
    occurredAt: '2026-06-01T00:00:00.000Z',
    recordedAt: '2026-06-01T00:00:01.000Z',
  };
};
/** Folds the events into the person's document, as the runner does for one batch. */
const fold = (events: PersonEvent[], finalize = true): PersonYearsDoc => {
  const doc = events
    .map((e) => projected(e))
    .reduce((d, e) => projection.evolve(d, e), projection.initialState('p-1'));
  return finalize && projection.finalize ? projection.finalize(doc) : doc;
};

const registered = (overrides: Partial<PersonRegistered['data']> = {}): PersonEvent => ({
  type: 'PersonRegistered',
  data: {
    personId: 'p-1',
    profession: 'nurse',
    titleLevel: 'senior',
    specialty: 'icu',
    jurisdiction: 'CN-ZJ',
    grassroots: false,
    idNumberHash: 'h',
    idNumberSealed: 's',
    nameSealed: 'n',
    personalDataHash: 'd',
    ...overrides,
  },
});
const granted = (
  creditId: string,
  amount: string,
  overrides: Partial<CreditGrantData> = {},
): PersonEvent => ({
  type: 'CreditGranted',
  data: {
    creditId,
    source: 'project',
    activityId: `a-${creditId}`,
    sessionId: `s-${creditId}`,
    kind: 'project',
    level: 'provincial',
    amount,
    hours: null,
    category: null,
    subject: 'professional',
    format: 'in-person',
    earnedAt: '2026-06-01T00:00:00.000Z',
    creditYear: 2026,
    profileId: 'zhejiang-2024',
    profileVersion: 1,
    verification: 'not-required',
    calculation: 'x',
    evidence: null,
    ...overrides,
  },
});
const revoked = (creditId: string): PersonEvent => ({
  type: 'CreditRevoked',
  data: { creditId, reason: 'attendance forged', corrects: 'e-1' },
});
const annulled = (creditId: string): PersonEvent => ({
  type: 'CreditAnnulled',
  data: { creditId, activityId: `a-${creditId}`, reason: 'organizer failed inspection' },
});
const exempted = (exemptionId: string, creditYear = 2026): PersonEvent => ({
  type: 'ExemptionGranted',
  data: {
    exemptionId,
    creditYear,
    basis: 'advanced-study-6-months',
    evidence: 'certificate 123',
    profileId: 'zhejiang-2024',
  },
});
/** 25 credits (90 h at 3.6 h a credit), 5 of them public: compliant for a Zhejiang senior. */
const compliantYear: PersonEvent[] = [
  registered(),
  granted('c-public', '5', { subject: 'public' }),
  granted('c-pro', '20'),
];

describe('person-years projection', () => {
  it('keys events by the person of the stream, and nothing else', () => {
    expect(projection.keyOf(projected(registered(), 'p-7'))).toBe('p-7');
    expect(projection.keyOf({ ...projected(registered()), streamId: 'activity-a-1' })).toBeNull();
  });

  it('handles every event that changes a document', () => {
    expect([...projection.handles].sort()).toEqual(
      [
        'PersonRegistered',
        'PersonAttributesChanged',
        'CreditGranted',
        'CreditImported',
        'CreditVerified',
        'CreditVerificationRejected',
        'CreditRevoked',
        'CreditAdjusted',
        'CreditAnnulled',
        'ExemptionGranted',
        'ExemptionRevoked',
      ].sort(),
    );
  });

  it('R9, R10: counts granted credits; 25 credits and 90 h with the public minimum is compliant', () => {
    const doc = fold(compliantYear);
    expect(doc).toMatchObject({ jurisdiction: 'CN-ZJ', titleLevel: 'senior', grassroots: false });
    expect(Object.keys(doc.credits)).toEqual(['c-public', 'c-pro']);
    // Kept without its own id or absent revocations; read back whole.
    expect(doc.credits['c-pro']).not.toHaveProperty('creditId');
    expect(doc.credits['c-pro']).not.toHaveProperty('revoked');
    expect(creditsOf(doc).find((c) => c.creditId === 'c-pro')).toMatchObject({
      creditId: 'c-pro',
      amount: '20',
      creditYear: 2026,
      verification: 'not-required',
      revoked: null,
      annulled: null,
    });
    expect(yearOfDoc(doc, 2026)!).toMatchObject({
      year: 2026,
      profile: 'zhejiang-2024@2',
      verdict: 'compliant',
      counted: { credits: '25', hours: '90', bySubject: { public: '5', professional: '20' } },
      pending: { credits: '0', count: 0 },
    });
  });

  it('R1: credits count for the year they were earned in only', () => {
    const doc = fold([...compliantYear, granted('c-next', '3', { creditYear: 2027 })]);
    expect(yearOfDoc(doc, 2026)!.counted.credits).toBe('25');
    expect(yearOfDoc(doc, 2027)!).toMatchObject({ verdict: 'short', counted: { credits: '3' } });
  });

  it('revoked, annulled and rejected credits stay on the document but do not count', () => {
    const doc = fold([
      ...compliantYear,
      granted('c-revoked', '4'),
      revoked('c-revoked'),
      granted('c-annulled', '4'),
      annulled('c-annulled'),
      granted('c-rejected', '4', { format: 'remote', verification: 'pending' }),
      { type: 'CreditVerificationRejected', data: { creditId: 'c-rejected', reason: 'no proof' } },
    ]);
    expect(doc.credits['c-revoked'].revoked).toBe('attendance forged');
    expect(doc.credits['c-annulled'].annulled).toBe('organizer failed inspection');
    expect(doc.credits['c-rejected'].verification).toBe('rejected');
    expect(yearOfDoc(doc, 2026)!.counted.credits).toBe('25');
    expect(yearOfDoc(doc, 2026)!.pending.count).toBe(0);
    // Each credit's status (the unit credit listing shows it) follows from what happened to it.
    expect(Object.fromEntries(creditsOf(doc).map((c) => [c.creditId, statusOf(c)]))).toEqual({
      'c-public': 'counted',
      'c-pro': 'counted',
      'c-revoked': 'revoked',
      'c-annulled': 'annulled',
      'c-rejected': 'rejected',
    });
  });

  it('a revocation takes a compliant year short, with the shortfall spelled out', () => {
    const doc = fold([...compliantYear, revoked('c-pro')]);
    expect(yearOfDoc(doc, 2026)!.verdict).toBe('short');
    expect(yearOfDoc(doc, 2026)!.counted.credits).toBe('5');
    expect(yearOfDoc(doc, 2026)!.reasons).toContain(
      'short 20 credits: zhejiang-2024 requires 25, has 5',
    );
  });

  it('an adjustment changes the amount and subject that count', () => {
    const doc = fold([
      ...compliantYear,
      {
        type: 'CreditAdjusted',
        data: {
          creditId: 'c-pro',
          reason: 'recounted the hours',
          corrects: 'e-3',
          changes: { amount: '18', subject: 'public' },
          previous: { amount: '20', category: null, subject: 'professional' },
        },
      },
    ]);
    expect(doc.credits['c-pro']).toMatchObject({ amount: '18', subject: 'public' });
    expect(yearOfDoc(doc, 2026)!).toMatchObject({
      verdict: 'short',
      counted: { credits: '23', bySubject: { public: '23' } },
    });
  });

  it('R5: remote credits are pending until verified, then count', () => {
    const pending = [
      registered(),
      granted('c-pro', '20'),
      granted('c-remote', '5', { format: 'remote', verification: 'pending', subject: 'public' }),
    ];
    const before = fold(pending);
    expect(yearOfDoc(before, 2026)!).toMatchObject({
      verdict: 'short',
      counted: { credits: '20' },
      pending: { credits: '5', hours: '18', count: 1 },
    });
    expect(yearOfDoc(before, 2026)!.reasons).toContain(
      '5 credits pending verification do not count yet (R5)',
    );
    const after = fold([...pending, { type: 'CreditVerified', data: { creditId: 'c-remote' } }]);
    expect(after.credits['c-remote'].verification).toBe('verified');
    expect(yearOfDoc(after, 2026)!).toMatchObject({
      verdict: 'compliant',
      counted: { credits: '25' },
      pending: { count: 0 },
    });
  });

  it('R4: an exemption makes the year exempt without credits; revoked, the year is short again', () => {
    const exempt = fold([registered(), exempted('x-1')]);
    expect(exempt.exemptions['x-1']).toEqual({
      creditYear: 2026,
      basis: 'advanced-study-6-months',
      evidence: 'certificate 123',
      revoked: null,
    });
    expect(yearOfDoc(exempt, 2026)!).toMatchObject({
      verdict: 'exempt',
      exemption: { basis: 'advanced-study-6-months', evidence: 'certificate 123' },
    });
    const revokedExemption = fold([
      registered(),
      exempted('x-1'),
      { type: 'ExemptionRevoked', data: { exemptionId: 'x-1', reason: 'certificate was void' } },
    ]);
    expect(revokedExemption.exemptions['x-1'].revoked).toBe('certificate was void');
    expect(yearOfDoc(revokedExemption, 2026)!.verdict).toBe('short');
    expect(fold([registered(), exempted('x-1', 2025)]).years[2026]).toBeUndefined();
  });

  it('R10: the title and grassroots flag of the registration decide the public-subject minimum', () => {
    const allProfessional = [granted('c-pro', '25')];
    const junior = fold([registered({ titleLevel: 'junior' }), ...allProfessional]);
    expect(yearOfDoc(junior, 2026)!.verdict).toBe('short');
    expect(yearOfDoc(junior, 2026)!.reasons).toContain(
      'short 10 public-subject credits: junior requires 10, has 0 (R10)',
    );
    const grassroots = fold([
      registered({ titleLevel: 'junior', grassroots: true }),
      ...allProfessional,
    ]);
    expect(yearOfDoc(grassroots, 2026)!.verdict).toBe('compliant');
  });

  it('events about credits or exemptions it never saw change nothing', () => {
    const doc = fold([...compliantYear, exempted('x-1')], false);
    for (const event of [
      revoked('c-none'),
      annulled('c-none'),
      { type: 'CreditVerified', data: { creditId: 'c-none' } },
      { type: 'ExemptionRevoked', data: { exemptionId: 'x-none', reason: 'no such exemption' } },
      { type: 'SelfStudyPlanApproved', data: { creditYear: 2026, plan: 'a plan of study' } },
    ] as PersonEvent[])
      expect(projection.evolve(doc, projected(event))).toEqual(doc);
  });

  it('years are derived by finalize; folded without it, assessDocYear gives the same answer', () => {
    const raw = fold(compliantYear, false);
    expect(raw.years).toEqual({});
    const finalized = fold(compliantYear);
    expect(assessDocYear(raw, 2026)).toEqual(yearOfDoc(finalized, 2026)!);
    // Stored compact (codes, not texts; nothing the profile says), read back whole.
    expect(finalized.years[2026]).not.toHaveProperty('reasons');
    expect(finalized.years[2026]).not.toHaveProperty('profileLayers');
    expect(finalized.years[2026]).not.toHaveProperty('attributes');
    expect(finalized.years[2026]).not.toHaveProperty('capsApplied');
    expect(yearOfDoc(finalized, 2026)!.profileLayers).toEqual([
      'national-2024@2',
      'zhejiang-2024@2',
    ]);
    // Years already on the document are assessed again after later events.
    const again = projection.finalize!(
      projection.evolve(finalized, projected(revoked('c-public'))),
    );
    expect(yearOfDoc(again, 2026)!.counted.credits).toBe('20');
  });

  it('a year stored whole (a document folded before version 3) is read as it is', () => {
    const whole = assessDocYear(fold(compliantYear, false), 2026)!;
    const old = { ...fold(compliantYear), years: { 2026: whole } };
    expect(yearOfDoc(old, 2026)).toBe(whole);
  });

  it('a person not (yet) registered has no jurisdiction and no assessment', () => {
    const doc = fold([granted('c-pro', '20')]);
    expect(doc.jurisdiction).toBeNull();
    expect(assessDocYear(doc, 2026)).toBeNull();
    expect(doc.years).toEqual({});
  });
});
