import { given } from '../../../test/support/given-when-then';
import type { ActivityDetails } from '../../activities/domain/activity.events';
import { profileFor } from '../../rules/rule-profiles';
import {
  creditStatus,
  decideAdjustment,
  decideExemption,
  decideNonProjectGrant,
  decideProjectGrant,
  decideRevocation,
  decideVerification,
  NonProjectGrant,
  personEvolver,
} from './person.decider';
import { PersonEvent } from './person.events';

const registered: PersonEvent = {
  type: 'PersonRegistered',
  data: {
    personId: 'p-1',
    profession: 'nurse',
    titleLevel: 'junior',
    specialty: 'icu',
    jurisdiction: 'CN-ZJ',
    grassroots: false,
    idNumberHash: 'h',
    idNumberSealed: 's',
    nameSealed: 'n',
    personalDataHash: 'd',
  },
};
const activity = (
  kind: ActivityDetails['kind'],
  overrides: Partial<ActivityDetails> = {},
): ActivityDetails => ({
  activityId: `a-${kind}`,
  kind,
  code: null,
  title: kind,
  level: 'unit',
  category: null,
  subject: 'professional',
  format: 'in-person',
  credits: '5',
  hours: '15',
  jurisdiction: 'CN-ZJ',
  organizerId: 'org',
  ...overrides,
});
const context = { creditYear: 2026, profile: profileFor('CN-ZJ', 2026) };
const earnedAt = new Date('2026-06-01T00:00:00Z');
const nonProject = (
  creditId: string,
  kind: ActivityDetails['kind'],
  extra: Partial<NonProjectGrant> = {},
): NonProjectGrant => ({
  creditId,
  activity: activity(kind),
  grantorRole: 'employer',
  earnedAt,
  evidence: 'roster',
  ...extra,
});
/** The events a grant produced, with the id the store would give them, to build on. */
const granted = (events: PersonEvent[], eventId: string) => events.map((e) => ({ ...e, eventId }));

describe('person decider', () => {
  it('seed 003 细则 (五): internal training is 1 credit per 3 h; past 5 per project it is recorded in full (the cap limits what counts)', () => {
    const first = given(personEvolver, [registered]).state;
    const nine = decideNonProjectGrant(
      first,
      context,
      nonProject('c1', 'internal-training', { hours: '9' }),
    );
    expect(nine[0].data).toMatchObject({ amount: '3' });
    given(personEvolver, [registered, ...granted(nine, 'e1')])
      .when((s) =>
        decideNonProjectGrant(s, context, nonProject('c2', 'internal-training', { hours: '30' })),
      )
      .then(([event]) => {
        expect(event.data.amount).toBe('10');
        expect(event.data.calculation).toMatch(
          /30 h ÷ 3 h per credit = 10 \(at most 5 per project count\)/,
        );
      });
  });

  it('seed 003 细则 (七): self-study needs an approved plan; over 10 is recorded (the cap limits what counts); only the employer grants it', () => {
    given(personEvolver, [registered])
      .when((s) =>
        decideNonProjectGrant(s, context, nonProject('c1', 'self-study', { amount: '2' })),
      )
      .thenRefuses({ rule: 'R11' });
    const plan: PersonEvent = {
      type: 'SelfStudyPlanApproved',
      data: { creditYear: 2026, plan: 'a plan of study' },
    };
    given(personEvolver, [registered, plan])
      .when((s) =>
        decideNonProjectGrant(s, context, nonProject('c1', 'self-study', { amount: '10.5' })),
      )
      .then(([event]) => expect(event.data.amount).toBe('10.5'));
    given(personEvolver, [registered, plan])
      .when((s) =>
        decideNonProjectGrant(
          s,
          context,
          nonProject('c1', 'self-study', { amount: '2', grantorRole: 'committee' }),
        ),
      )
      .thenRefuses({ rule: 'R11' });
  });

  it("seed 003 细则 (六): special training of 3 months is the year's 25; days of ≥ 6 h are 1 each, recorded in full", () => {
    given(personEvolver, [registered])
      .when((s) =>
        decideNonProjectGrant(
          s,
          context,
          nonProject('c1', 'special-training', { months: 3, grantorRole: 'committee' }),
        ),
      )
      .then(([event]) => expect(event.data.amount).toBe('25'));
    given(personEvolver, [registered])
      .when((s) =>
        decideNonProjectGrant(
          s,
          context,
          nonProject('c1', 'special-training', {
            days: 40,
            hours: '240',
            grantorRole: 'committee',
          }),
        ),
      )
      .then(([event]) => expect(event.data.amount).toBe('40'));
  });

  it('seed 000 §三 (R5): credits of remote-education projects start pending and count once verified', () => {
    const remote = {
      creditId: 'c1',
      activity: activity('project', { format: 'remote', code: '2026-01-01-001(国)' }),
      sessionId: 's',
      amount: '2',
      hours: '6',
      earnedAt,
      calculation: '2 as approved',
    };
    const events = granted(
      decideProjectGrant(given(personEvolver, [registered]).state, context, remote),
      'e1',
    );
    const pending = given(personEvolver, [registered, ...events]).state;
    expect(creditStatus(pending.credits.get('c1')!)).toBe('pending');
    const verified = decideVerification(pending, { creditId: 'c1', approve: true, reason: null });
    expect(
      creditStatus(
        given(personEvolver, [registered, ...events, ...verified]).state.credits.get('c1')!,
      ),
    ).toBe('counted');
  });

  it('project grants are idempotent per credit id', () => {
    const grant = {
      creditId: 'c1',
      activity: activity('project'),
      sessionId: 's',
      amount: '7.5',
      hours: '15',
      earnedAt,
      calculation: 'x',
    };
    const events = granted(
      decideProjectGrant(given(personEvolver, [registered]).state, context, grant),
      'e1',
    );
    expect(events).toHaveLength(1);
    given(personEvolver, [registered, ...events])
      .when((s) => decideProjectGrant(s, context, grant))
      .then([]);
  });

  it('corrections name the event they correct and need a sentence of reason', () => {
    const grant = granted(
      decideNonProjectGrant(
        given(personEvolver, [registered]).state,
        context,
        nonProject('c1', 'mentorship', { amount: '4' }),
      ),
      'grant-event',
    );
    given(personEvolver, [registered, ...grant])
      .when((s) =>
        decideAdjustment(s, { creditId: 'c1', amount: '3', reason: 'recounted the hours' }),
      )
      .then(([event]) =>
        expect(event.data).toMatchObject({
          corrects: 'grant-event',
          previous: { amount: '4' },
          changes: { amount: '3' },
        }),
      );
    given(personEvolver, [registered, ...grant])
      .when((s) => decideRevocation(s, { creditId: 'c1', reason: 'short' }))
      .thenRefuses({ field: 'reason' });
    given(personEvolver, [registered, ...grant])
      .when((s) => decideRevocation(s, { creditId: 'nope', reason: 'a proper reason' }))
      .thenRefuses({ kind: 'not-found' });
  });

  it('R4: exemptions on recognised bases only; COVID-19 front-line for 2020 only', () => {
    given(personEvolver, [registered])
      .when((s) =>
        decideExemption(s, context, {
          exemptionId: 'x',
          basis: 'covid-19-frontline',
          evidence: 'doc 1',
        }),
      )
      .thenRefuses({ rule: 'R4' });
    given(personEvolver, [registered])
      .when((s) =>
        decideExemption(
          s,
          { creditYear: 2020, profile: profileFor('CN-ZJ', 2020) },
          { exemptionId: 'x', basis: 'covid-19-frontline', evidence: 'doc 1' },
        ),
      )
      .then(([event]) =>
        expect(event.data).toMatchObject({ creditYear: 2020, profileId: 'national-2019' }),
      );
  });
});
