import { personEvolver } from '../../src/persons/domain/person.decider';
import type { PersonEvent, PersonRegistered } from '../../src/persons/domain/person.events';
import type { ProjectedEvent } from '../projection';
import { type PersonDirectoryDoc, personDirectoryProjection } from './person-directory.projection';

const projection = personDirectoryProjection;
let sequence = 0;
const projected = (event: PersonEvent): ProjectedEvent => {
  sequence += 1;
  return {
    type: event.type,
    data: event.data,
    streamId: 'person-p-1',
    eventId: `e-${sequence}`,
    occurredAt: '2026-06-01T00:00:00.000Z',
    recordedAt: '2026-06-01T00:00:01.000Z',
  };
};
const fold = (events: PersonEvent[]): PersonDirectoryDoc =>
  events.map(projected).reduce((d, e) => projection.evolve(d, e), projection.initialState('p-1'));
/** The person's own record, folded from the same events: what the directory must agree with. */
const record = (events: PersonEvent[]) =>
  events.reduce((s, e) => personEvolver.evolve(s, e), personEvolver.initialState());

const registered = (overrides: Partial<PersonRegistered['data']> = {}): PersonEvent => ({
  type: 'PersonRegistered',
  data: {
    personId: 'p-1',
    profession: 'nurse',
    titleLevel: 'senior',
    specialty: 'icu',
    jurisdiction: 'CN-ZJ',
    grassroots: false,
    employerId: 'hospital-a',
    idNumberHash: 'h',
    idNumberSealed: 's',
    nameSealed: 'n',
    personalDataHash: 'd',
    ...overrides,
  },
});
const moved = (jurisdiction: string, effectiveFrom: string, changeId: string): PersonEvent => ({
  type: 'PersonAttributesChanged',
  data: {
    personId: 'p-1',
    changeId,
    effectiveFrom,
    changes: { jurisdiction },
    previous: {
      jurisdiction: 'CN-ZJ',
      titleLevel: 'senior',
      grassroots: false,
      countyLevelOrBelow: false,
      region: null,
    },
    reason: 'transfer',
  },
});

describe('person-directory projection', () => {
  it('keeps the registration jurisdiction and employer', () => {
    expect(fold([registered()])).toMatchObject({
      personId: 'p-1',
      jurisdiction: 'CN-ZJ',
      employerId: 'hospital-a',
      selfStudyPlanYears: [],
    });
  });

  it('folds the latest jurisdiction by effective date, as the person record does — not by log order', () => {
    const events = [
      registered(),
      moved('CN-CQ', '2026-03-01', 'c-1'),
      // Recorded later but in force earlier: the move to Chongqing still holds.
      moved('CN-SH', '2025-01-01', 'c-2'),
    ];
    expect(fold(events).jurisdiction).toBe('CN-CQ');
    expect(fold(events).jurisdiction).toBe(record(events).registration?.jurisdiction);
  });

  it('a profile change without a jurisdiction leaves it; an employment change replaces the employer (null: none)', () => {
    const events: PersonEvent[] = [
      registered(),
      {
        type: 'PersonAttributesChanged',
        data: {
          personId: 'p-1',
          changeId: 'c-3',
          effectiveFrom: '2026-02-01',
          changes: { titleLevel: 'intermediate' },
          previous: {
            jurisdiction: 'CN-ZJ',
            titleLevel: 'senior',
            grassroots: false,
            countyLevelOrBelow: false,
            region: null,
          },
          reason: 'promotion',
        },
      },
      {
        type: 'EmploymentChanged',
        data: { personId: 'p-1', employerId: 'clinic-b', reason: 'moved' },
      },
    ];
    expect(fold(events)).toMatchObject({ jurisdiction: 'CN-ZJ', employerId: 'clinic-b' });
    expect(fold(events).employerId).toBe(record(events).registration?.employerId);
    const none = fold([
      ...events,
      { type: 'EmploymentChanged', data: { personId: 'p-1', employerId: null, reason: 'left' } },
    ]);
    expect(none.employerId).toBeNull();
  });

  it('lists the years with an approved self-study plan once each, ascending (R11)', () => {
    const plan = (creditYear: number): PersonEvent => ({
      type: 'SelfStudyPlanApproved',
      data: { creditYear, plan: 'guidelines', approvedAt: `${creditYear}-01-05T00:00:00.000Z` },
    });
    expect(fold([registered(), plan(2026), plan(2025), plan(2026)]).selfStudyPlanYears).toEqual([
      2025, 2026,
    ]);
  });

  it('keeps the credits awaiting verification (R5) and the corrections held for a second admin until they are decided', () => {
    const grant = (creditId: string, verification: 'pending' | 'not-required'): PersonEvent =>
      ({ type: 'CreditGranted', data: { creditId, verification } }) as unknown as PersonEvent;
    const held = (correctionId: string): PersonEvent =>
      ({
        type: 'CorrectionRequested',
        data: { correctionId, creditId: 'c-1' },
      }) as unknown as PersonEvent;
    const waiting = fold([
      registered(),
      grant('c-2', 'pending'),
      grant('c-1', 'pending'),
      grant('c-3', 'not-required'),
      grant('c-4', 'pending'),
      held('k-1'),
      held('k-2'),
    ]);
    expect(waiting).toMatchObject({
      pendingVerification: ['c-1', 'c-2', 'c-4'],
      awaitingApproval: ['k-1', 'k-2'],
    });
    const decided = fold([
      registered(),
      grant('c-2', 'pending'),
      grant('c-1', 'pending'),
      grant('c-4', 'pending'),
      held('k-1'),
      held('k-2'),
      { type: 'CreditVerified', data: { creditId: 'c-1' } },
      { type: 'CreditVerificationRejected', data: { creditId: 'c-2', reason: 'no record' } },
      { type: 'CreditAnnulled', data: { creditId: 'c-4', activityId: 'a', reason: 'annulled' } },
      {
        type: 'CorrectionApproved',
        data: { correctionId: 'k-1', creditId: 'c-1', approvedBy: 'x' },
      },
      {
        type: 'CorrectionRejected',
        data: { correctionId: 'k-2', creditId: 'c-1', rejectedBy: 'x', reason: 'no' },
      },
    ] as PersonEvent[]);
    expect(decided).toMatchObject({ pendingVerification: [], awaitingApproval: [] });
  });

  it('belongs to person streams only', () => {
    expect(projection.keyOf({ ...projected(registered()), streamId: 'activity-x' })).toBeNull();
    expect(projection.keyOf(projected(registered()))).toBe('p-1');
  });
});
