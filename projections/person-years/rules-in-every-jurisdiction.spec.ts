import { givenDecider } from '../../test/support/given-when-then';
import {
  inPopulation,
  type PersonYearsDoc,
  personYearsProjection,
  yearOfDoc,
} from './person-years.projection';
import type { ActivityDetails } from '../../src/activities/domain/activity.events';
import { checkDraw } from '../../src/spot-checks/domain/spot-check.decider';
import { assessYear, type AssessedCredit } from '../../src/rules/assess-year';
import { creditYearBounds, profileFor } from '../../src/rules/rule-profiles';
import { personDecider, type PersonCommand } from '../../src/persons/domain/person.commands';
import type {
  CreditGranted,
  PersonEvent,
  PersonRegistered,
} from '../../src/persons/domain/person.events';

/**
 * Issue 12: the rules hold in every jurisdiction and over time. Each case is worked from its seed
 * passage for national-2019, chongqing-2017, zhejiang-2024 and a jurisdiction with no provincial
 * profile (CN-BJ: national rules only).
 */

const registration = (overrides: Partial<PersonRegistered['data']> = {}): PersonEvent => ({
  type: 'PersonRegistered',
  data: {
    personId: 'p-1',
    profession: 'physician',
    titleLevel: 'junior',
    specialty: 'cardiology',
    jurisdiction: 'CN-ZJ',
    grassroots: false,
    countyLevelOrBelow: false,
    region: null,
    idNumberHash: 'h',
    idNumberSealed: 's',
    nameSealed: 'n',
    personalDataHash: 'd',
    registeredAt: '2015-01-01T00:00:00.000Z',
    ...overrides,
  },
});

const activity = (
  kind: ActivityDetails['kind'],
  overrides: Partial<ActivityDetails> = {},
): ActivityDetails => ({
  activityId: `a-${kind}`,
  kind,
  code: null,
  title: kind,
  level: 'unit',
  category: 'II',
  subject: 'professional',
  format: 'in-person',
  credits: '10',
  hours: '6',
  jurisdiction: 'CN-ZJ',
  organizerId: 'org',
  ...overrides,
});

/** The four cases: a jurisdiction and a year whose profile is the one named. */
const cases = [
  { profile: 'zhejiang-2024', jurisdiction: 'CN-ZJ', year: 2026 },
  { profile: 'chongqing-2017', jurisdiction: 'CN-CQ', year: 2026 },
  { profile: 'national-2019', jurisdiction: 'CN-BJ', year: 2020 },
  { profile: 'national-2024', jurisdiction: 'CN-BJ', year: 2026 },
] as const;

const midYear = (year: number) => new Date(`${year}-06-15T10:00:00+08:00`);

function grant(
  jurisdiction: string,
  command: Extract<PersonCommand, { type: 'GrantNonProjectCredit' }>['grant'],
  history: PersonEvent[] = [],
) {
  return givenDecider(personDecider, [registration({ jurisdiction }), ...history]).when({
    type: 'GrantNonProjectCredit',
    grant: command,
  });
}

const nonProject = (
  creditId: string,
  kind: ActivityDetails['kind'],
  year: number,
  extra: Partial<Extract<PersonCommand, { type: 'GrantNonProjectCredit' }>['grant']> = {},
) => ({
  creditId,
  activity: activity(kind),
  grantorRole: 'employer',
  earnedAt: midYear(year),
  evidence: 'roster',
  ...extra,
});

describe('profiles come from the seeds only (item 1)', () => {
  it('resolves each case to its own profile, national layer first', () => {
    for (const c of cases) expect(profileFor(c.jurisdiction, c.year).id).toBe(c.profile);
    expect(profileFor('CN-CQ', 2020).layers).toEqual(['national-2019@2', 'chongqing-2017@2']);
    expect(profileFor('CN-BJ', 2026).layers).toEqual(['national-2024@2']);
  });

  it('seed 003 细则 (五): only zhejiang-2024 converts internal training (1 per 3 h); elsewhere no rule is borrowed', () => {
    expect(profileFor('CN-ZJ', 2026).nonProject.internalTraining?.value).toEqual({
      hoursPerCredit: '3',
      creditsPerProjectMax: '5',
    });
    for (const c of cases.filter((c) => c.profile !== 'zhejiang-2024')) {
      expect(profileFor(c.jurisdiction, c.year).nonProject).toEqual({
        internalTraining: null,
        specialTraining: null,
        selfStudy: null,
        publication: null,
      });
    }
  });

  it.each(cases)(
    'seed 003 细则 (五) in $profile: internal training of 6 h is 2 credits in Zhejiang, elsewhere what the granting body stated with "no conversion rule in <profile>"',
    ({ profile, jurisdiction, year }) => {
      grant(
        jurisdiction,
        nonProject('c1', 'internal-training', year, { hours: '6', amount: '4' }),
      ).then(([event]) => {
        const data = (event as CreditGranted).data;
        expect(data.profileId).toBe(profile);
        if (profile === 'zhejiang-2024') {
          expect(data.amount).toBe('2');
          expect(data.calculation).toMatch(/6 h ÷ 3 h per credit = 2/);
        } else {
          expect(data.amount).toBe('4');
          expect(data.calculation).toBe(
            `4 as granted by the employer's decision (internal-training): no conversion rule in ${profile}`,
          );
        }
      });
    },
  );

  it.each(cases.filter((c) => c.profile !== 'zhejiang-2024'))(
    "seed 003 细则 (八) not in $profile: a paper is credited as the granting body decided, never with Zhejiang's SCI 25/15/10",
    ({ profile, jurisdiction, year }) => {
      grant(
        jurisdiction,
        nonProject('c1', 'publication', year, { journalTier: 'sci', authorRank: 1, amount: '6' }),
      ).then(([event]) => {
        expect((event as CreditGranted).data).toMatchObject({
          amount: '6',
          calculation: expect.stringContaining(`no conversion rule in ${profile}`),
        });
      });
      grant(
        jurisdiction,
        nonProject('c1', 'publication', year, { journalTier: 'sci' }),
      ).thenRefuses({ field: 'amount' });
    },
  );
});

describe('seed 002: the COVID-19 front-line exemption is national (item 2)', () => {
  it.each(['CN-ZJ', 'CN-CQ', 'CN-BJ'])('exempts 2020 in %s, and no other year', (jurisdiction) => {
    const exemption = (creditYear: number) =>
      givenDecider(personDecider, [registration({ jurisdiction })]).when({
        type: 'GrantExemption',
        creditYear,
        exemptionId: 'x1',
        basis: 'covid-19-frontline',
        evidence: '抗疫一线证明 2020-001',
      });
    exemption(2020).then(([event]) =>
      expect(event).toMatchObject({ type: 'ExemptionGranted', data: { creditYear: 2020 } }),
    );
    exemption(2021).thenRefuses({ rule: 'R4', field: 'basis', message: /2020 only/ });
  });
});

describe("seed 001 (五)(二十二): R7 and R8 are Chongqing's (item 3)", () => {
  it.each(cases)(
    '$profile: spot-check rate and compliance targets',
    ({ profile, jurisdiction, year }) => {
      const p = profileFor(jurisdiction, year);
      if (profile === 'chongqing-2017') {
        expect(p.spotCheckRate?.value).toEqual({ min: '0.06', max: '0.10', default: '0.08' });
        expect(p.complianceTargets?.value).toEqual({
          all: { intermediateOrSenior: '0.95', junior: '0.90' },
          byRegion: {
            'cq-northeast': { intermediateOrSenior: '0.90', junior: '0.85' },
            'cq-southeast': { intermediateOrSenior: '0.90', junior: '0.85' },
          },
        });
      } else {
        expect(p.spotCheckRate).toBeNull();
        expect(p.complianceTargets).toBeNull();
      }
    },
  );

  it('a Zhejiang committee may draw 5 % (its own rate); Chongqing may not go below 6 %', () => {
    const draw = (jurisdiction: string, rate: string) => () =>
      checkDraw(
        { draws: new Map() } as never,
        { jurisdiction, year: 2026, subject: 'projects', rate, strata: [], reason: null } as never,
        profileFor(jurisdiction, 2026),
      );
    expect(draw('CN-ZJ', '0.05')).not.toThrow();
    expect(draw('CN-CQ', '0.05')).toThrow(/0\.06–0\.10/);
  });
});

/** The person-years document after these events (as the runner writes it). */
function fold(events: PersonEvent[], registeredAt = '2015-01-01T00:00:00.000Z'): PersonYearsDoc {
  let n = 0;
  const doc = events.reduce(
    (d, event) =>
      personYearsProjection.evolve(d, {
        type: event.type,
        data: event.data,
        streamId: 'person-p-1',
        eventId: `e-${(n += 1)}`,
        occurredAt: registeredAt,
        recordedAt: registeredAt,
      }),
    personYearsProjection.initialState('p-1'),
  );
  return personYearsProjection.finalize ? personYearsProjection.finalize(doc) : doc;
}

const change = (
  effectiveFrom: string,
  changes: Extract<PersonCommand, { type: 'ChangeAttributes' }>['changes'],
  history: PersonEvent[],
): PersonEvent[] =>
  givenDecider(personDecider, history).state.registration === null
    ? []
    : (personDecider.decide(
        {
          type: 'ChangeAttributes',
          changeId: `ch-${effectiveFrom}`,
          effectiveFrom,
          changes,
          reason: 'recorded from the appointment letter',
          today: '2026-11-23',
        },
        givenDecider(personDecider, history).state,
      ) as PersonEvent[]);

const credit = (
  creditId: string,
  amount: string,
  creditYear: number,
  extra: Partial<CreditGranted['data']> = {},
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
    category: 'I',
    subject: 'professional',
    format: 'in-person',
    earnedAt: `${creditYear}-06-01T00:00:00.000Z`,
    creditYear,
    profileId: 'x',
    profileVersion: 2,
    verification: 'not-required',
    calculation: 'as approved',
    evidence: null,
    ...extra,
  },
});

describe('attributes with history: each year is judged with those in force on its last day (item 4)', () => {
  it('seed 003 细则 二: promoted to intermediate from 2025-07-01, a Zhejiang junior needs 10 public credits in 2024 and 5 in 2025', () => {
    const base = [registration({ jurisdiction: 'CN-ZJ' })];
    const history = [...base, ...change('2025-07-01', { titleLevel: 'intermediate' }, base)];
    const year = (y: number) => [
      credit(`pub-${y}`, '6', y, { subject: 'public' }),
      credit(`pro-${y}`, '20', y, { hours: '90' }),
    ];
    const doc = fold([...history, ...year(2024), ...year(2025)]);
    expect(yearOfDoc(doc, 2024)!).toMatchObject({
      verdict: 'short',
      profile: 'zhejiang-2024@2',
      attributes: { titleLevel: 'junior', inForceOn: '2024-12-31' },
    });
    expect(yearOfDoc(doc, 2025)!).toMatchObject({
      verdict: 'compliant',
      attributes: { titleLevel: 'intermediate', inForceOn: '2025-12-31' },
    });
  });

  it('seed 001 (十六) + 003 第十八条: a transfer from Chongqing to Zhejiang from 2025-03-01 keeps 2024 in Chongqing (year ends 31 Oct) and judges 2025 in Zhejiang', () => {
    const base = [registration({ jurisdiction: 'CN-CQ' })];
    const history = [...base, ...change('2025-03-01', { jurisdiction: 'CN-ZJ' }, base)];
    const doc = fold([...history, credit('c24', '25', 2024), credit('c25', '25', 2025)]);
    expect(yearOfDoc(doc, 2024)!).toMatchObject({
      profile: 'chongqing-2017@2',
      attributes: { jurisdiction: 'CN-CQ', inForceOn: '2024-10-31' },
    });
    expect(yearOfDoc(doc, 2025)!).toMatchObject({
      profile: 'zhejiang-2024@2',
      attributes: { jurisdiction: 'CN-ZJ', inForceOn: '2025-12-31' },
    });
    expect(doc).toMatchObject({ jurisdiction: 'CN-ZJ', formerJurisdictions: ['CN-CQ'] });
    expect(inPopulation(doc, 'CN-CQ', 2024)).toBe(true);
    expect(inPopulation(doc, 'CN-ZJ', 2024)).toBe(false);
    expect(inPopulation(doc, 'CN-ZJ', 2025)).toBe(true);
    expect(inPopulation(doc, 'CN-CQ', 2025)).toBe(false);
  });

  it('a change that changes nothing, a bad date or a region where none has targets is refused naming the field', () => {
    const base = [registration({ jurisdiction: 'CN-ZJ', titleLevel: 'senior' })];
    const decide = (command: Partial<Extract<PersonCommand, { type: 'ChangeAttributes' }>>) =>
      givenDecider(personDecider, base).when({
        type: 'ChangeAttributes',
        changeId: 'c',
        effectiveFrom: '2025-01-01',
        changes: {},
        reason: 'recorded from the appointment letter',
        today: '2026-11-23',
        ...command,
      });
    decide({ changes: { titleLevel: 'senior' } }).thenRefuses({ field: 'changes' });
    decide({ effectiveFrom: '2025-02-30', changes: { titleLevel: 'junior' } }).thenRefuses({
      field: 'effectiveFrom',
    });
    decide({ effectiveFrom: '2027-01-01', changes: { titleLevel: 'junior' } }).thenRefuses({
      field: 'effectiveFrom',
    });
    decide({ changes: { region: 'cq-northeast' } }).thenRefuses({ rule: 'R8', field: 'region' });
    decide({ changes: { titleLevel: 'junior' }, reason: 'short' }).thenRefuses({ field: 'reason' });
  });
});

describe('two flags, each used only by the rule that names it (item 5)', () => {
  const person = (flags: { grassroots: boolean; countyLevelOrBelow: boolean }) => ({
    jurisdiction: 'CN-BJ',
    titleLevel: 'junior' as const,
    region: null,
    ...flags,
  });
  const categoryI = (amount: string): AssessedCredit => ({
    creditId: `c-${amount}`,
    status: 'counted',
    amount,
    hours: null,
    category: 'I',
    subject: 'public',
    kind: 'project',
    activityId: 'a',
  });

  it("seed 000 §三 (R3): county-level-and-below staff are not held to national-2019's I/II split; grassroots alone does not waive it", () => {
    const county = assessYear(
      person({ grassroots: false, countyLevelOrBelow: true }),
      2020,
      [categoryI('25')],
      null,
    );
    expect(county.verdict).toBe('compliant');
    expect(county.reasons[0]).toMatch(/R3, 000 §三/);
    const grassrootsOnly = assessYear(
      person({ grassroots: true, countyLevelOrBelow: false }),
      2020,
      [categoryI('25')],
      null,
    );
    expect(grassrootsOnly.verdict).toBe('short');
    expect(grassrootsOnly.reasons.join()).toMatch(/short 7.5 Category II/);
  });

  it('seed 003 细则 二 (R10): grassroots staff have no public minimum in Zhejiang; county level alone does not lift it', () => {
    const zj = (flags: { grassroots: boolean; countyLevelOrBelow: boolean }) =>
      assessYear(
        { ...person(flags), jurisdiction: 'CN-ZJ' },
        2026,
        [{ ...categoryI('25'), subject: 'professional', hours: '90' }],
        null,
      );
    expect(zj({ grassroots: true, countyLevelOrBelow: false }).verdict).toBe('compliant');
    expect(zj({ grassroots: false, countyLevelOrBelow: true }).reasons).toContain(
      'short 10 public-subject credits: junior requires 10, has 0 (R10)',
    );
  });

  it('an old registration with one grassroots flag reads as both flags (upcast on read, never rewritten)', () => {
    const old = registration({ grassroots: true });
    delete (old.data as Partial<PersonRegistered['data']>).countyLevelOrBelow;
    delete (old.data as Partial<PersonRegistered['data']>).region;
    const state = givenDecider(personDecider, [old]).state;
    expect(state.attributes?.initial).toMatchObject({
      grassroots: true,
      countyLevelOrBelow: true,
      region: null,
    });
    expect(fold([old])).toMatchObject({ grassroots: true, countyLevelOrBelow: true, region: null });
    expect('countyLevelOrBelow' in old.data).toBe(false);
  });
});

describe('the population of a credit year (item 6)', () => {
  it("nobody is counted for a year that ended before they were registered (Chongqing's 2026 ended on 31 Oct)", () => {
    const late = '2026-11-05T02:00:00.000Z';
    const doc = fold([registration({ jurisdiction: 'CN-CQ', registeredAt: late })]);
    expect(inPopulation(doc, 'CN-CQ', 2020)).toBe(false);
    expect(inPopulation(doc, 'CN-CQ', 2026)).toBe(false);
    expect(inPopulation(doc, 'CN-CQ', 2027)).toBe(true);
    const zj = fold([registration({ jurisdiction: 'CN-ZJ', registeredAt: late })]);
    // A registration recorded before registeredAt was kept counts from the event's own time.
    const old = registration({ jurisdiction: 'CN-CQ' });
    delete (old.data as Partial<PersonRegistered['data']>).registeredAt;
    expect(inPopulation(fold([old], late), 'CN-CQ', 2026)).toBe(false);
    expect(inPopulation(zj, 'CN-ZJ', 2026)).toBe(true);
  });

  it('seed 003 第四条: residency and specialist trainees are out of scope, not exempt', () => {
    for (const c of cases) {
      const result = assessYear(
        { jurisdiction: c.jurisdiction, titleLevel: 'junior', grassroots: false },
        c.year,
        [],
        { basis: 'specialist-training', evidence: '专培证明 001' },
      );
      expect(result.verdict).toBe('out-of-scope');
      expect(result.reasons[0]).toMatch(/003 第四条/);
    }
  });

  it('credit-year bounds in Asia/Shanghai (seed 001 (十六))', () => {
    expect(creditYearBounds('CN-CQ', 2026)).toMatchObject({
      firstDay: '2025-11-01',
      lastDay: '2026-10-31',
    });
    expect(creditYearBounds('CN-BJ', 2026).lastDay).toBe('2026-12-31');
    expect(creditYearBounds('CN-CQ', 2026).endsAt.toISOString()).toBe('2026-10-31T16:00:00.000Z');
  });
});

describe('the session path converts internal training as the direct path does (item 8)', () => {
  it.each(cases)(
    'seed 003 细则 (五) in $profile: a 6 h internal-training session approved at 10 credits',
    ({ profile, jurisdiction, year }) => {
      givenDecider(personDecider, [registration({ jurisdiction })])
        .when({
          type: 'GrantProjectCredit',
          grant: {
            creditId: 'c1',
            activity: activity('internal-training', { jurisdiction }),
            sessionId: 's1',
            amount: '10',
            hours: '6',
            earnedAt: midYear(year),
            calculation: '10 credits as approved (6 of 6 h taught)',
          },
          annulment: null,
        })
        .then(([event]) => {
          const data = (event as CreditGranted).data;
          if (profile === 'zhejiang-2024') {
            expect(data.amount).toBe('2');
            expect(data.calculation).toMatch(/6 h ÷ 3 h per credit = 2/);
          } else {
            expect(data.amount).toBe('10');
            expect(data.calculation).toMatch(`no conversion rule in ${profile}`);
          }
        });
    },
  );
});

describe('special training (item 9) and self-study (item 10)', () => {
  it("seed 003 细则 (六) zhejiang-2024: 2 months with 8 days, then 1 month: the year's 25, the earlier days included", () => {
    const first = grant(
      'CN-ZJ',
      nonProject('s1', 'special-training', 2026, {
        grantorRole: 'committee',
        months: 2,
        days: 8,
        hours: '48',
      }),
    );
    let events: PersonEvent[] = [];
    first.then((e) => {
      events = e;
      expect((e[0] as CreditGranted).data).toMatchObject({ amount: '8', months: 2 });
    });
    grant(
      'CN-ZJ',
      nonProject('s2', 'special-training', 2026, { grantorRole: 'committee', months: 1 }),
      events,
    ).then(([e]) => expect((e as CreditGranted).data.amount).toBe('25'));
    grant(
      'CN-ZJ',
      nonProject('s3', 'special-training', 2026, {
        grantorRole: 'committee',
        days: 2,
        hours: '10',
      }),
    ).thenRefuses({ rule: 'R11', field: 'hours', message: /at least 6 h/ });
  });

  it.each(cases.filter((c) => c.profile !== 'zhejiang-2024'))(
    "seed 003 细则 (六)(七) are Zhejiang's: in $profile special training and self-study are what the granting body stated, with no plan required",
    ({ profile, jurisdiction, year }) => {
      grant(
        jurisdiction,
        nonProject('s1', 'special-training', year, {
          grantorRole: 'committee',
          months: 4,
          amount: '12',
        }),
      ).then(([e]) =>
        expect((e as CreditGranted).data.calculation).toMatch(`no conversion rule in ${profile}`),
      );
      grant(jurisdiction, nonProject('s2', 'self-study', year, { amount: '12' })).then(([e]) =>
        expect((e as CreditGranted).data).toMatchObject({ amount: '12' }),
      );
    },
  );

  it("seed 003 细则 (七) zhejiang-2024: a plan approved after the credit's date does not cover it", () => {
    const plan: PersonEvent = {
      type: 'SelfStudyPlanApproved',
      data: {
        creditYear: 2026,
        plan: 'guideline reading plan',
        approvedAt: '2026-07-01T00:00:00.000Z',
      },
    };
    grant('CN-ZJ', nonProject('s1', 'self-study', 2026, { amount: '2' }), [plan]).thenRefuses({
      rule: 'R11',
      field: 'earnedAt',
    });
    grant(
      'CN-ZJ',
      nonProject('s1', 'self-study', 2026, {
        amount: '2',
        earnedAt: new Date('2026-08-01T00:00:00+08:00'),
      }),
      [plan],
    ).then(([e]) => expect((e as CreditGranted).data.amount).toBe('2'));
  });
});

describe('caps limit what counts, never what is recorded (item 11); R5 (item 12); R6 ratio (item 13)', () => {
  const selfStudy = (id: string, amount: string): AssessedCredit => ({
    creditId: id,
    status: 'counted',
    amount,
    hours: null,
    category: null,
    subject: 'professional',
    kind: 'self-study',
    activityId: 'a-ss',
  });

  it.each(cases)(
    "seed 003 细则 (七) in $profile: 12 self-study credits count 10 only where the cap is the profile's own",
    ({ profile, jurisdiction, year }) => {
      const result = assessYear(
        { jurisdiction, titleLevel: 'junior', grassroots: false },
        year,
        [selfStudy('a', '8'), selfStudy('b', '4')],
        null,
      );
      if (profile === 'zhejiang-2024') {
        expect(result.counted.credits).toBe('10');
        expect(result.capped).toEqual([
          expect.objectContaining({ creditId: 'b', recorded: '4', counts: '2', rule: 'R11' }),
        ]);
      } else {
        expect(result.counted.credits).toBe('12');
        expect(result.capped).toEqual([]);
      }
    },
  );

  it.each(cases)(
    "seed 000 §三 (R5) in $profile: an employer's credit for a remote non-project activity is not pending",
    ({ jurisdiction, year }) => {
      grant(jurisdiction, {
        ...nonProject('r1', 'advanced-study', year, { amount: '3' }),
        activity: activity('advanced-study', { format: 'remote' }),
      }).then(([e]) => expect((e as CreditGranted).data.verification).toBe('not-required'));
    },
  );

  it.each(cases)(
    'seed 001 (十六) (R6) in $profile: the public : other hours ratio is reported for Chongqing only, informationally',
    ({ profile, jurisdiction, year }) => {
      const credits: AssessedCredit[] = [
        { ...selfStudy('p', '5'), kind: 'project', subject: 'public', hours: '10' },
        { ...selfStudy('q', '20'), kind: 'project', hours: '70' },
      ];
      const result = assessYear(
        { jurisdiction, titleLevel: 'junior', grassroots: false },
        year,
        credits,
        null,
      );
      if (profile === 'chongqing-2017') {
        expect(result.publicToOtherHours).toMatchObject({
          publicHours: '10',
          otherHours: '70',
          ratio: '1 : 7',
          principle: 'about 1 : 5',
          informational: true,
        });
        expect(result.verdict).toBe('compliant');
      } else expect(result.publicToOtherHours).toBeNull();
    },
  );
});
