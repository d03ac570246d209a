import {
  AssessedCredit,
  AssessedPerson,
  assessYear,
  compactAssessment,
  expandAssessment,
} from './assess-year';
import { creditYearOf } from './rule-profiles';

let n = 0;
const credit = (amount: string, overrides: Partial<AssessedCredit> = {}): AssessedCredit => {
  n += 1;
  return {
    creditId: `c${n}`,
    status: 'counted',
    amount,
    hours: null,
    category: null,
    subject: 'professional',
    kind: 'project',
    activityId: `a${n}`,
    ...overrides,
  };
};
const zjJunior: AssessedPerson = { jurisdiction: 'CN-ZJ', titleLevel: 'junior', grassroots: false };

describe('assessing a credit year (worked cases)', () => {
  it('Chongqing: 31 Oct 23:30 +08:00 belongs to that year, 1 Nov 00:30 to the next', () => {
    expect(creditYearOf('CN-CQ', new Date('2026-10-31T23:30:00+08:00'))).toBe(2026);
    expect(creditYearOf('CN-CQ', new Date('2026-11-01T00:30:00+08:00'))).toBe(2027);
  });

  it('Zhejiang: a junior short on public subjects, with the reason spelled out (R10)', () => {
    const result = assessYear(
      zjJunior,
      2026,
      [credit('7.5', { subject: 'public' }), credit('20')],
      null,
    );
    expect(result.verdict).toBe('short');
    expect(result.profile).toBe('zhejiang-2024@2');
    expect(result.reasons).toContain(
      'short 2.5 public-subject credits: junior requires 10, has 7.5 (R10)',
    );
    expect(result.counted).toMatchObject({
      credits: '27.5',
      bySubject: { public: '7.5', professional: '20' },
    });
  });

  it('Zhejiang: grassroots staff have no public-subject minimum (R10)', () => {
    const result = assessYear({ ...zjJunior, grassroots: true }, 2026, [credit('25')], null);
    expect(result.verdict).toBe('compliant');
    expect(result.reasons).toEqual([]);
  });

  it('Zhejiang: 25 credits also need 90 study hours; unrecorded hours count 3.6 each', () => {
    const result = assessYear(
      { ...zjJunior, titleLevel: 'senior' },
      2026,
      [credit('3', { subject: 'public' }), credit('22', { hours: '40' })],
      null,
    );
    expect(result.counted.hours).toBe('50.8');
    expect(result.verdict).toBe('short');
    expect(result.reasons[0]).toMatch(/^short 39.2 study hours: requires 90, has 50.8/);
  });

  it('national-2019: Category II may supplement Category I by at most 50 % of its requirement (R2)', () => {
    const person: AssessedPerson = {
      jurisdiction: 'CN-BJ',
      titleLevel: 'intermediate',
      grassroots: false,
    };
    const covered = assessYear(
      person,
      2021,
      [credit('6', { category: 'I' }), credit('19', { category: 'II' })],
      null,
    );
    expect(covered.profile).toBe('national-2019@2');
    expect(covered.verdict).toBe('compliant');
    expect(covered.supplements).toEqual([{ category: 'I', from: 'II', amount: '4', rule: 'R2' }]);
    const beyond = assessYear(
      person,
      2021,
      [credit('3', { category: 'I' }), credit('22', { category: 'II' })],
      null,
    );
    expect(beyond.verdict).toBe('short');
    expect(beyond.supplements).toEqual([{ category: 'I', from: 'II', amount: '5', rule: 'R2' }]);
    expect(beyond.reasons).toContain(
      'short 2 Category I credits: requires 10, has 3; Category II may supplement at most 5 (R2), supplied 5',
    );
    expect(
      assessYear(
        { ...person, grassroots: true },
        2021,
        [credit('3', { category: 'I' }), credit('22', { category: 'II' })],
        null,
      ).verdict,
    ).toBe('compliant');
  });

  it('Chongqing: at least 15 job-related professional credits and 80 hours (R6)', () => {
    const person: AssessedPerson = {
      jurisdiction: 'CN-CQ',
      titleLevel: 'junior',
      grassroots: false,
    };
    const result = assessYear(
      person,
      2026,
      [credit('12', { subject: 'public' }), credit('13')],
      null,
    );
    expect(result.profile).toBe('chongqing-2017@2');
    expect(result.reasons).toEqual([
      'short 2 job-related professional credits: requires 15, has 13 (R6)',
    ]);
  });

  it('caps self-study at 10 and special training at 15 a year, saying so (R11)', () => {
    const result = assessYear(
      { ...zjJunior, grassroots: true },
      2026,
      [
        credit('8', { kind: 'self-study' }),
        credit('4', { kind: 'self-study' }),
        credit('10', { kind: 'special-training' }),
        credit('8', { kind: 'special-training' }),
      ],
      null,
    );
    expect(result.capsApplied).toEqual([
      expect.objectContaining({
        kind: 'self-study',
        activityId: null,
        before: '12',
        after: '10',
        rule: 'R11',
      }),
      expect.objectContaining({
        kind: 'special-training',
        activityId: null,
        before: '18',
        after: '15',
        rule: 'R11',
      }),
    ]);
    expect(result.counted.credits).toBe('25');
    expect(result.counted.byKind).toEqual({ 'self-study': '10', 'special-training': '15' });
  });

  it('an exempt year is exempt whatever the credits (R4)', () => {
    const result = assessYear(zjJunior, 2026, [], {
      basis: 'advanced-study-6-months',
      evidence: 'cert 1',
    });
    expect(result.verdict).toBe('exempt');
    expect(result.reasons[0]).toBe('exempt for 2026: advanced-study-6-months (cert 1) (R4)');
  });

  it('a pending remote credit does not count, and says why (R5)', () => {
    const result = assessYear(
      { ...zjJunior, grassroots: true },
      2026,
      [credit('20'), credit('5', { status: 'pending' })],
      null,
    );
    expect(result.verdict).toBe('short');
    expect(result.pending).toEqual({ credits: '5', hours: '18', count: 1 });
    expect(result.reasons).toContain('5 credits pending verification do not count yet (R5)');
    expect(result.reasons).toContain('short 5 credits: zhejiang-2024 requires 25, has 20');
  });

  it('revoked and annulled credits do not count', () => {
    const result = assessYear(
      { ...zjJunior, grassroots: true },
      2026,
      [credit('25', { status: 'revoked' }), credit('25', { status: 'annulled' })],
      null,
    );
    expect(result.counted.credits).toBe('0');
  });
});

describe('a year kept compact on a document', () => {
  it('expands back to exactly the assessment, in every jurisdiction, year and verdict', () => {
    const cases: [
      AssessedPerson,
      number,
      AssessedCredit[],
      { basis: string; evidence: string } | null,
    ][] = [];
    for (const jurisdiction of ['CN-ZJ', 'CN-CQ', 'CN-BJ'])
      for (const year of [2019, 2024, 2025, 2026])
        for (const titleLevel of ['junior', 'senior'] as const) {
          const person: AssessedPerson = { jurisdiction, titleLevel, grassroots: false };
          cases.push([person, year, [credit('3', { subject: 'public' }), credit('4')], null]);
          cases.push([
            {
              ...person,
              grassroots: true,
              region: jurisdiction === 'CN-CQ' ? 'cq-northeast' : null,
            },
            year,
            [
              credit('20', { category: 'I', hours: '70' }),
              credit('12', { category: 'II', kind: 'self-study' }),
              credit('5', { subject: 'public', status: 'pending' }),
            ],
            null,
          ]);
          cases.push([person, year, [], { basis: 'covid-19-frontline', evidence: 'a note' }]);
          cases.push([person, year, [], { basis: 'residency-training', evidence: 'enrolled' }]);
          cases.push([person, year, [credit('30', { subject: 'public', hours: '100' })], null]);
        }
    const verdicts = new Set<string>();
    for (const [person, year, credits, exemption] of cases) {
      const whole = assessYear(person, year, credits, exemption);
      verdicts.add(whole.verdict);
      const stored = JSON.parse(JSON.stringify(compactAssessment(whole)));
      expect(stored).not.toHaveProperty('reasons');
      expect(JSON.stringify(stored).length).toBeLessThan(JSON.stringify(whole).length);
      expect(expandAssessment(stored, year, person)).toEqual(whole);
    }
    expect([...verdicts].sort()).toEqual(['compliant', 'exempt', 'out-of-scope', 'short']);
  });
});
