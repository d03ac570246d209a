import { givenDecider } from '../../../test/support/given-when-then';
import type { ActivityDetails } from '../../activities/domain/activity.events';
import { profileFor } from '../../rules/rule-profiles';
import { personDecider } from './person.commands';
import type { PersonEvent } from './person.events';

const registration = {
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
} as const;
const registered: PersonEvent = { type: 'PersonRegistered', data: { ...registration } };
const activity = (kind: ActivityDetails['kind']): ActivityDetails => ({
  activityId: `a-${kind}`,
  kind,
  code: kind === 'project' ? '2026-04-01-123(国)' : null,
  title: kind,
  level: kind === 'project' ? 'national' : 'unit',
  category: null,
  subject: 'professional',
  format: 'in-person',
  credits: '5',
  hours: '15',
  jurisdiction: 'CN-ZJ',
  organizerId: 'org',
});
const earnedAt = new Date('2026-06-01T00:00:00Z');
const projectGrant = {
  type: 'GrantProjectCredit' as const,
  annulment: null,
  grant: {
    creditId: 'p-1.c1',
    activity: activity('project'),
    sessionId: 's-1',
    amount: '5',
    hours: '15',
    earnedAt,
    calculation: '5 credits for 15 h taught',
  },
};
/** What the store gives back: the events with ids (corrections name the event they correct). */
const stored = (events: PersonEvent[], eventId: string) =>
  events.map((e, i) => ({ ...e, eventId: i === 0 ? eventId : `${eventId}.${i}` }));
/** A registered person with one project credit (p-1.c1, 5 credits). */
const history = [
  registered,
  ...stored(
    personDecider.decide(
      projectGrant,
      [registered].reduce(personDecider.evolve, personDecider.initialState()),
    ),
    'g1',
  ),
];
const typesOf = (events: PersonEvent[]) => events.map((e) => e.type);

describe('personDecider (through its command union)', () => {
  it('RegisterPerson: once; again with the same details records nothing', () => {
    givenDecider(personDecider)
      .when({ type: 'RegisterPerson', registration: { ...registration } })
      .then([registered]);
    givenDecider(personDecider, [registered])
      .when({ type: 'RegisterPerson', registration: { ...registration } })
      .then([]);
  });

  it('RecordEmployment: a new employer is recorded, the same one again is not', () => {
    givenDecider(personDecider, [registered])
      .when({ type: 'RecordEmployment', employerId: 'employer-1', reason: 'moved' })
      .then([
        {
          type: 'EmploymentChanged',
          data: { personId: 'p-1', employerId: 'employer-1', reason: 'moved' },
        },
      ]);
  });

  it('ErasePerson: only three years after the last record', () => {
    const command = {
      type: 'ErasePerson' as const,
      reason: 'retired; erasure requested under PIPL',
      lastRecordedAt: new Date('2022-01-01T00:00:00Z'),
    };
    givenDecider(personDecider, [registered])
      .when({ ...command, now: new Date('2026-01-01T00:00:00Z') })
      .then((events) => expect(typesOf(events)).toEqual(['PersonErased']));
    givenDecider(personDecider, [registered])
      .when({ ...command, now: new Date('2024-01-01T00:00:00Z') })
      .thenRefuses({ kind: 'conflict' });
  });

  it('GrantProjectCredit: once per credit id; annulled at once if the project was annulled', () => {
    givenDecider(personDecider, [registered])
      .when(projectGrant)
      .then((events) =>
        expect(events[0].data).toMatchObject({ creditId: 'p-1.c1', amount: '5', creditYear: 2026 }),
      );
    givenDecider(personDecider, history).when(projectGrant).then([]);
    const given = givenDecider(personDecider, [registered]);
    given
      .when({ ...projectGrant, annulment: { reason: 'project annulled: failed inspection' } })
      .then((events) => expect(typesOf(events)).toEqual(['CreditGranted', 'CreditAnnulled']));
    expect(given.state.credits.size).toBe(0); // decide never folds onto the state it is given
  });

  it('GrantNonProjectCredit: the credit year and profile follow from the person (R11)', () => {
    givenDecider(personDecider, [registered])
      .when({
        type: 'GrantNonProjectCredit',
        grant: {
          creditId: 'p-1.c2',
          activity: activity('internal-training'),
          grantorRole: 'employer',
          earnedAt,
          evidence: 'roster',
          hours: '9',
        },
      })
      .then((events) => expect(events[0].data).toMatchObject({ amount: '3', creditYear: 2026 }));
    givenDecider(personDecider)
      .when({
        type: 'GrantNonProjectCredit',
        grant: {
          creditId: 'p-1.c2',
          activity: activity('internal-training'),
          grantorRole: 'employer',
          earnedAt,
          evidence: 'roster',
          hours: '9',
        },
      })
      .thenRefuses({ kind: 'not-found' });
  });

  it('VerifyCredit: a credit that needs no verification is refused', () => {
    givenDecider(personDecider, history)
      .when({ type: 'VerifyCredit', creditId: 'p-1.c1', approve: true, reason: null })
      .thenRefuses({ kind: 'conflict' });
  });

  it('RevokeCredit and AdjustCredit: compensating events', () => {
    givenDecider(personDecider, history)
      .when({ type: 'RevokeCredit', creditId: 'p-1.c1', reason: 'the sheet was forged' })
      .then((events) => expect(typesOf(events)).toEqual(['CreditRevoked']));
    givenDecider(personDecider, history)
      .when({
        type: 'AdjustCredit',
        creditId: 'p-1.c1',
        reason: 'only half the session was attended',
        amount: '2.5',
      })
      .then((events) => expect(typesOf(events)).toEqual(['CreditAdjusted']));
  });

  const correct = (approvalAbove: string) => ({
    type: 'CorrectCredit' as const,
    correctionId: 'k1',
    creditId: 'p-1.c1',
    change: { kind: 'revoke' as const },
    reason: 'the sheet was forged',
    requestedBy: 'admin-1',
    limits: { approvalAbove, yearSealed: false },
  });
  const held = () =>
    stored(
      personDecider.decide(
        correct('1'),
        history.reduce(personDecider.evolve, personDecider.initialState()),
      ),
      'k1',
    );

  it('CorrectCredit: small ones at once; big ones held, recorded without the command type', () => {
    givenDecider(personDecider, history)
      .when(correct('5'))
      .then((events) => expect(typesOf(events)).toEqual(['CreditRevoked']));
    givenDecider(personDecider, history)
      .when(correct('1'))
      .then(([event]) => {
        expect(event.type).toBe('CorrectionRequested');
        expect(event.data).not.toHaveProperty('type');
        expect(event.data).not.toHaveProperty('limits');
      });
  });

  it('ApproveCorrection and RejectCorrection: a held correction, by a second admin', () => {
    givenDecider(personDecider, [...history, ...held()])
      .when({
        type: 'ApproveCorrection',
        creditId: 'p-1.c1',
        correctionId: 'k1',
        approvedBy: 'admin-2',
      })
      .then((events) => expect(typesOf(events)).toEqual(['CorrectionApproved', 'CreditRevoked']));
    givenDecider(personDecider, [...history, ...held()])
      .when({
        type: 'ApproveCorrection',
        creditId: 'p-1.c1',
        correctionId: 'k1',
        approvedBy: 'admin-1',
      })
      .thenRefuses({ kind: 'forbidden' });
    givenDecider(personDecider, [...history, ...held()])
      .when({
        type: 'RejectCorrection',
        creditId: 'p-1.c1',
        correctionId: 'k1',
        rejectedBy: 'admin-2',
        reason: 'the sheet was found',
      })
      .then((events) => expect(typesOf(events)).toEqual(['CorrectionRejected']));
  });

  it('AnnulCredit: once (R15)', () => {
    const annul = {
      type: 'AnnulCredit' as const,
      creditId: 'p-1.c1',
      activityId: 'a-project',
      reason: 'the project was annulled',
    };
    givenDecider(personDecider, history)
      .when(annul)
      .then((events) => expect(typesOf(events)).toEqual(['CreditAnnulled']));
    givenDecider(personDecider, [registered]).when(annul).then([]);
  });

  it('GrantExemption and RevokeExemption (R4)', () => {
    const grant = {
      type: 'GrantExemption' as const,
      creditYear: 2026,
      exemptionId: 'x1',
      basis: profileFor('CN-ZJ', 2026).exemptionBases[0].basis,
      evidence: 'certificate',
    };
    givenDecider(personDecider, [registered])
      .when(grant)
      .then((events) => expect(typesOf(events)).toEqual(['ExemptionGranted']));
    const exempt = stored(
      personDecider.decide(
        grant,
        [registered].reduce(personDecider.evolve, personDecider.initialState()),
      ),
      'x1',
    );
    givenDecider(personDecider, [registered, ...exempt])
      .when({ type: 'RevokeExemption', exemptionId: 'x1', reason: 'granted in error' })
      .then((events) => expect(typesOf(events)).toEqual(['ExemptionRevoked']));
  });

  it('ApproveSelfStudyPlan: once a year (R11)', () => {
    const plan = {
      type: 'ApproveSelfStudyPlan' as const,
      creditYear: 2026,
      plan: 'read the guideline; monthly case review',
    };
    givenDecider(personDecider, [registered])
      .when(plan)
      .then((events) => expect(typesOf(events)).toEqual(['SelfStudyPlanApproved']));
  });

  it('the union is closed: an unknown command type fails loudly', () => {
    expect(() =>
      personDecider.decide({ type: 'Nope' } as never, personDecider.initialState()),
    ).toThrow(/unexpected value/);
  });
});
