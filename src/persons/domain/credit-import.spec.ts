import { givenDecider } from '../../../test/support/given-when-then';
import { type HistoricalCredit, personImportDecider } from './credit-import';
import type { PersonEvent } from './person.events';

const registered = (jurisdiction: string): PersonEvent => ({
  type: 'PersonRegistered',
  data: {
    personId: 'p-1',
    profession: 'nurse',
    titleLevel: 'junior',
    specialty: 'icu',
    jurisdiction,
    grassroots: false,
    idNumberHash: 'h',
    idNumberSealed: 's',
    nameSealed: 'n',
    personalDataHash: 'd',
  },
});
const credit = (overrides: Partial<HistoricalCredit> = {}): HistoricalCredit => ({
  creditId: 'p-1.old-412',
  sourceSystem: 'cq-cme-2015',
  sourceRecordId: 'R-2021-000412',
  activityId: 'a-old',
  activityTitle: '急危重症护理',
  activityCode: null,
  kind: 'project',
  level: 'provincial',
  category: null,
  subject: 'professional',
  format: 'in-person',
  amount: '6',
  hours: null,
  originalAmount: '6.0',
  // 2021-11-01 00:30 in Shanghai, 2021-10-31 in UTC.
  earnedAt: new Date('2021-10-31T16:30:00Z'),
  originalEarnedAt: '2021-11-01 00:30',
  sourceRecordedAt: '2021-11-03',
  ...overrides,
});
const importCredit = (c: HistoricalCredit, sealed: number[] = []) => ({
  type: 'ImportCredit' as const,
  credit: c,
  sealedYears: new Set(sealed),
});

describe('historical credits (CreditImported)', () => {
  it('seed 001 (十六): a Chongqing credit earned 1 Nov (Shanghai time) counts in the next credit year, under that year’s profile, keeping the source record verbatim', () => {
    givenDecider(personImportDecider, [registered('CN-CQ')])
      .when(importCredit(credit()))
      .then((events) => {
        expect(events).toHaveLength(1);
        expect(events[0]).toMatchObject({
          type: 'CreditImported',
          data: {
            source: 'imported',
            creditYear: 2022,
            profileId: 'chongqing-2017',
            amount: '6',
            verification: 'not-required',
            imported: {
              sourceSystem: 'cq-cme-2015',
              sourceRecordId: 'R-2021-000412',
              originalAmount: '6.0',
              originalEarnedAt: '2021-11-01 00:30',
              sourceRecordedAt: '2021-11-03',
            },
          },
        });
      });
  });

  it('seed 000 §三 (R1): in Zhejiang the same instant belongs to 2021, its calendar year', () => {
    givenDecider(personImportDecider, [registered('CN-ZJ')])
      .when(importCredit(credit()))
      .then((events) => expect(events[0]).toMatchObject({ data: { creditYear: 2021 } }));
  });

  it('the same source record again records nothing; the person’s state counts it like a grant', () => {
    const first = personImportDecider.decide(
      importCredit(credit()),
      givenDecider(personImportDecider, [registered('CN-CQ')]).state,
    ) as PersonEvent[];
    const g = givenDecider(personImportDecider, [registered('CN-CQ'), ...first]);
    expect(g.state.credits.get('p-1.old-412')).toMatchObject({ amount: '6', revoked: null });
    g.when(importCredit(credit())).then([]);
  });

  it('a sealed credit year refuses imports into it, naming earned at', () => {
    givenDecider(personImportDecider, [registered('CN-CQ')])
      .when(importCredit(credit(), [2022]))
      .thenRefuses({ kind: 'conflict', field: 'earnedAt', message: /sealed/ });
  });

  it('refuses an unknown person and an amount outside 0 < x ≤ 25', () => {
    givenDecider(personImportDecider, [])
      .when(importCredit(credit()))
      .thenRefuses({ kind: 'not-found', field: 'personId' });
    givenDecider(personImportDecider, [registered('CN-CQ')])
      .when(importCredit(credit({ amount: '26' })))
      .thenRefuses({ kind: 'invalid', field: 'amount' });
  });
});
