import { given } from '../../../test/support/given-when-then';
import {
  CorrectionLimits,
  correctionEvents,
  decideCorrection,
  decideCorrectionApproval,
  decideCorrectionRejection,
  heldBecause,
} from './corrections';
import { creditStatus, personEvolver } from './person.decider';
import { CorrectionChange, CreditGrantData, PersonEvent } from './person.events';

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
const grantedCredit = (creditId: string, amount: string): PersonEvent => ({
  type: 'CreditGranted',
  eventId: `grant-${creditId}`,
  data: {
    creditId,
    source: 'non-project',
    activityId: `a-${creditId}`,
    sessionId: null,
    kind: 'mentorship',
    level: 'unit',
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
    calculation: `${amount} as granted (mentorship)`,
    evidence: 'roster',
  } satisfies CreditGrantData,
});
/** c-small: 4 credits, c-big: 10 credits, both in 2026. */
const history: PersonEvent[] = [
  registered,
  grantedCredit('c-small', '4'),
  grantedCredit('c-big', '10'),
];
const open: CorrectionLimits = { approvalAbove: '5', yearSealed: false };
const sealed: CorrectionLimits = { approvalAbove: '5', yearSealed: true };
const reason = 'the attendance sheet was forged';
const revoke: CorrectionChange = { kind: 'revoke' };
const adjustTo = (amount: string): CorrectionChange => ({ kind: 'adjust', amount });
const command = (
  creditId: string,
  change: CorrectionChange,
  overrides: Partial<{ correctionId: string; reason: string; requestedBy: string }> = {},
) => ({
  correctionId: `corr-${creditId}`,
  creditId,
  change,
  reason,
  requestedBy: 'admin-a',
  ...overrides,
});
const requested = (creditId: string, change: CorrectionChange): PersonEvent => ({
  type: 'CorrectionRequested',
  data: { ...command(creditId, change), heldBecause: ['held for the test'] },
});
const approved = (creditId: string): PersonEvent => ({
  type: 'CorrectionApproved',
  data: { correctionId: `corr-${creditId}`, creditId, approvedBy: 'admin-b' },
});
const rejected = (creditId: string): PersonEvent => ({
  type: 'CorrectionRejected',
  data: {
    correctionId: `corr-${creditId}`,
    creditId,
    rejectedBy: 'admin-b',
    reason: 'the sheet was found',
  },
});

describe('corrections (maker-checker)', () => {
  describe('correctionEvents', () => {
    it('a revocation names the event it corrects, with the reason trimmed', () => {
      given(personEvolver, history)
        .when((s) => correctionEvents(s, 'c-small', revoke, `  ${reason} `))
        .then([
          {
            type: 'CreditRevoked',
            data: { creditId: 'c-small', reason, corrects: 'grant-c-small' },
          },
        ]);
    });

    it('an adjustment records only what changes, and what it was before', () => {
      given(personEvolver, history)
        .when((s) =>
          correctionEvents(
            s,
            'c-small',
            { kind: 'adjust', amount: '3', category: 'II', subject: 'professional' },
            reason,
          ),
        )
        .then([
          {
            type: 'CreditAdjusted',
            data: {
              creditId: 'c-small',
              reason,
              corrects: 'grant-c-small',
              changes: { amount: '3', category: 'II' },
              previous: { amount: '4', category: null, subject: 'professional' },
            },
          },
        ]);
    });

    it('refuses an unknown credit, a short reason and an adjustment that changes nothing', () => {
      given(personEvolver, history)
        .when((s) => correctionEvents(s, 'c-none', revoke, reason))
        .thenRefuses({ kind: 'not-found', field: 'creditId' });
      given(personEvolver, history)
        .when((s) => correctionEvents(s, 'c-small', revoke, 'forged'))
        .thenRefuses({ kind: 'invalid', field: 'reason' });
      given(personEvolver, history)
        .when((s) => correctionEvents(s, 'c-small', adjustTo('4'), reason))
        .thenRefuses({ kind: 'invalid', field: 'amount' });
    });
  });

  describe('heldBecause', () => {
    it('small corrections in an open year take effect at once', () => {
      const { state } = given(personEvolver, history);
      expect(heldBecause(state, 'c-small', revoke, open)).toEqual([]);
      expect(heldBecause(state, 'c-big', adjustTo('6'), open)).toEqual([]);
      expect(heldBecause(state, 'c-small', { kind: 'adjust', category: 'I' }, open)).toEqual([]);
    });

    it('a correction of more credits than the threshold is held; at the threshold it is not', () => {
      const { state } = given(personEvolver, history);
      expect(heldBecause(state, 'c-big', revoke, open)).toEqual([
        'removes 10 credits; more than 5 needs a second admin',
      ]);
      expect(heldBecause(state, 'c-small', adjustTo('10'), open)).toEqual([
        'changes 6 credits; more than 5 needs a second admin',
      ]);
      // A reduction is measured by its size too.
      expect(heldBecause(state, 'c-big', adjustTo('4'), open)).toEqual([
        'changes 6 credits; more than 5 needs a second admin',
      ]);
      expect(heldBecause(state, 'c-big', adjustTo('5'), open)).toEqual([]);
      expect(heldBecause(state, 'c-small', adjustTo('9'), open)).toEqual([]);
    });

    it('any correction in a sealed year is held, however small; both reasons when both apply', () => {
      const { state } = given(personEvolver, history);
      expect(heldBecause(state, 'c-small', { kind: 'adjust', subject: 'public' }, sealed)).toEqual([
        expect.stringMatching(/2026 credit year is sealed/),
      ]);
      expect(heldBecause(state, 'c-big', revoke, sealed)).toEqual([
        'removes 10 credits; more than 5 needs a second admin',
        expect.stringMatching(/2026 credit year is sealed/),
      ]);
    });

    it('an unknown credit holds nothing (the correction itself refuses it)', () => {
      expect(heldBecause(given(personEvolver, history).state, 'c-none', revoke, sealed)).toEqual(
        [],
      );
    });
  });

  describe('decideCorrection', () => {
    it('a small correction in an open year is its own event, at once', () => {
      given(personEvolver, history)
        .when((s) => decideCorrection(s, command('c-small', revoke), open))
        .then([
          {
            type: 'CreditRevoked',
            data: {
              creditId: 'c-small',
              reason,
              corrects: 'grant-c-small',
              correctedBy: 'admin-a',
            },
          },
        ]);
    });

    describe('the threshold is on what one admin changes without a second admin, taken together', () => {
      const six = [...history, grantedCredit('c-six', '6'), grantedCredit('c-seven', '7.5')];
      /** Folds the events of each step's decision, as the stream would hold them. */
      const steps = (
        start: PersonEvent[],
        ...decisions: [string, CorrectionChange, string?][]
      ): PersonEvent[][] => {
        const log = [...start];
        const produced: PersonEvent[][] = [];
        decisions.forEach(([creditId, change, admin], i) => {
          const state = given(personEvolver, log).state;
          const events = decideCorrection(
            state,
            command(creditId, change, {
              correctionId: `corr-${i}`,
              requestedBy: admin ?? 'admin-a',
            }),
            open,
          ).map((e, j) => ({ ...e, eventId: `e-${i}-${j}` }) as PersonEvent);
          produced.push(events);
          log.push(...events);
        });
        return produced;
      };
      const types = (produced: PersonEvent[][]) => produced.map((events) => events[0].type);

      it('6 → 2.5 and then revoking the 2.5 by the same admin: the second step is held', () => {
        const produced = steps(six, ['c-six', adjustTo('2.5')], ['c-six', revoke]);
        expect(types(produced)).toEqual(['CreditAdjusted', 'CorrectionRequested']);
        expect(produced[1][0].data).toMatchObject({
          heldBecause: [expect.stringMatching(/3\.5 credits .* already .*more than 5/)],
        });
      });

      it('inflating 7.5 → 11 → 16 → 21 → 25 step by step: held once the steps pass the threshold', () => {
        const produced = steps(six, ['c-seven', adjustTo('11')], ['c-seven', adjustTo('16')]);
        expect(types(produced)).toEqual(['CreditAdjusted', 'CorrectionRequested']);
      });

      it("changes to several credits of the person's credit year add up", () => {
        const produced = steps(six, ['c-small', adjustTo('1')], ['c-six', adjustTo('3')]);
        expect(types(produced)).toEqual(['CreditAdjusted', 'CorrectionRequested']);
      });

      it("another admin's small change is theirs alone; approved changes do not count", () => {
        expect(types(steps(six, ['c-six', adjustTo('2.5')], ['c-six', revoke, 'admin-c']))).toEqual(
          ['CreditAdjusted', 'CreditRevoked'],
        );
        // admin-a asked to revoke the 10 credits; admin-b approved: none of it is admin-a's alone.
        const waiting = [...six, requested('c-big', revoke)];
        const approval = decideCorrectionApproval(given(personEvolver, waiting).state, {
          creditId: 'c-big',
          correctionId: 'corr-c-big',
          approvedBy: 'admin-b',
        }).map((e, j) => ({ ...e, eventId: `approved-${j}` }) as PersonEvent);
        const state = given(personEvolver, [...waiting, ...approval]).state;
        expect(state.credits.get('c-big')?.revoked).not.toBeNull();
        expect(heldBecause(state, 'c-six', adjustTo('2'), open, 'admin-a')).toEqual([]);
      });
    });

    it('above the threshold it is held for a second admin, with why', () => {
      given(personEvolver, history)
        .when((s) => decideCorrection(s, command('c-big', revoke), open))
        .then([
          {
            type: 'CorrectionRequested',
            data: {
              ...command('c-big', revoke),
              heldBecause: ['removes 10 credits; more than 5 needs a second admin'],
            },
          },
        ]);
    });

    it('in a sealed year even a small one is held', () => {
      given(personEvolver, history)
        .when((s) => decideCorrection(s, command('c-small', adjustTo('3')), sealed))
        .then(([event]) => {
          expect(event.type).toBe('CorrectionRequested');
          expect(event.data).toMatchObject({
            correctionId: 'corr-c-small',
            change: { kind: 'adjust', amount: '3' },
            heldBecause: [expect.stringMatching(/sealed/)],
          });
        });
    });

    it('an invalid correction is refused, not held', () => {
      given(personEvolver, history)
        .when((s) => decideCorrection(s, command('c-big', revoke, { reason: 'forged' }), sealed))
        .thenRefuses({ kind: 'invalid', field: 'reason' });
      given(personEvolver, history)
        .when((s) => decideCorrection(s, command('c-none', revoke), sealed))
        .thenRefuses({ kind: 'not-found', field: 'creditId' });
    });

    it('a second correction of a credit while one waits is a conflict, even a small one', () => {
      given(personEvolver, [...history, requested('c-big', revoke)])
        .when((s) =>
          decideCorrection(s, command('c-big', adjustTo('9'), { correctionId: 'corr-2' }), open),
        )
        .thenRefuses({ kind: 'conflict', message: /corr-c-big .*awaits approval/ });
    });

    it('a waiting correction of one credit does not hold up another credit', () => {
      given(personEvolver, [...history, requested('c-big', revoke)])
        .when((s) => decideCorrection(s, command('c-small', revoke), open))
        .then(([event]) => expect(event.type).toBe('CreditRevoked'));
    });

    it('once the waiting correction is rejected, the credit may be corrected again', () => {
      given(personEvolver, [...history, requested('c-big', revoke), rejected('c-big')])
        .when((s) =>
          decideCorrection(s, command('c-big', adjustTo('9'), { correctionId: 'corr-2' }), open),
        )
        .then(([event]) => expect(event).toMatchObject({ type: 'CreditAdjusted' }));
    });
  });

  describe('decideCorrectionApproval', () => {
    const waiting = [...history, requested('c-big', revoke)];
    const approval = (
      approvedBy: string,
      overrides: Partial<{ creditId: string; correctionId: string }> = {},
    ) => ({
      creditId: 'c-big',
      correctionId: 'corr-c-big',
      approvedBy,
      ...overrides,
    });

    it('a second admin approves: the approval, then the correction itself', () => {
      given(personEvolver, waiting)
        .when((s) => decideCorrectionApproval(s, approval('admin-b')))
        .then([
          {
            type: 'CorrectionApproved',
            data: { correctionId: 'corr-c-big', creditId: 'c-big', approvedBy: 'admin-b' },
          },
          {
            type: 'CreditRevoked',
            data: { creditId: 'c-big', reason, corrects: 'grant-c-big' },
          },
        ]);
    });

    it('an approved adjustment takes effect with the figures it was asked for', () => {
      given(personEvolver, [...history, requested('c-small', adjustTo('12'))])
        .when((s) =>
          decideCorrectionApproval(
            s,
            approval('admin-b', { creditId: 'c-small', correctionId: 'corr-c-small' }),
          ),
        )
        .then(([first, second]) => {
          expect(first.type).toBe('CorrectionApproved');
          expect(second).toMatchObject({
            type: 'CreditAdjusted',
            data: { changes: { amount: '12' }, previous: { amount: '4' } },
          });
        });
    });

    it('once folded, the credit is revoked and the correction approved by the second admin', () => {
      const { state } = given(personEvolver, waiting);
      const events = decideCorrectionApproval(state, approval('admin-b'));
      const after = given(personEvolver, [...waiting, ...events]).state;
      expect(creditStatus(after.credits.get('c-big')!)).toBe('revoked');
      expect(after.corrections.get('corr-c-big')).toMatchObject({
        status: 'approved',
        decidedBy: 'admin-b',
      });
    });

    it('the admin who asked may not approve their own correction', () => {
      given(personEvolver, waiting)
        .when((s) => decideCorrectionApproval(s, approval('admin-a')))
        .thenRefuses({ kind: 'forbidden', message: /second admin/ });
    });

    it('refuses an unknown correction, or one of another credit', () => {
      given(personEvolver, waiting)
        .when((s) => decideCorrectionApproval(s, approval('admin-b', { correctionId: 'corr-x' })))
        .thenRefuses({ kind: 'not-found', field: 'correctionId' });
      given(personEvolver, waiting)
        .when((s) => decideCorrectionApproval(s, approval('admin-b', { creditId: 'c-small' })))
        .thenRefuses({ kind: 'not-found', field: 'correctionId' });
    });

    it('a correction already approved or rejected cannot be approved', () => {
      given(personEvolver, [...waiting, approved('c-big')])
        .when((s) => decideCorrectionApproval(s, approval('admin-c')))
        .thenRefuses({ kind: 'conflict', message: /already approved by admin-b/ });
      given(personEvolver, [...waiting, rejected('c-big')])
        .when((s) => decideCorrectionApproval(s, approval('admin-c')))
        .thenRefuses({ kind: 'conflict', message: /already rejected by admin-b/ });
    });
  });

  describe('decideCorrectionRejection', () => {
    const waiting = [...history, requested('c-big', revoke)];
    const rejection = (
      rejectedBy: string,
      overrides: Partial<{ creditId: string; correctionId: string }> = {},
    ) => ({
      creditId: 'c-big',
      correctionId: 'corr-c-big',
      rejectedBy,
      reason: 'the sheet was found',
      ...overrides,
    });

    it('another admin rejects: only the rejection is recorded and the credit stands', () => {
      given(personEvolver, waiting)
        .when((s) => decideCorrectionRejection(s, rejection('admin-b')))
        .then([rejected('c-big')]);
      const after = given(personEvolver, [...waiting, rejected('c-big')]).state;
      expect(creditStatus(after.credits.get('c-big')!)).toBe('counted');
      expect(after.corrections.get('corr-c-big')).toMatchObject({
        status: 'rejected',
        decidedBy: 'admin-b',
      });
    });

    it('the requester may withdraw their own correction', () => {
      given(personEvolver, waiting)
        .when((s) => decideCorrectionRejection(s, rejection('admin-a')))
        .then(([event]) =>
          expect(event).toMatchObject({
            type: 'CorrectionRejected',
            data: { rejectedBy: 'admin-a' },
          }),
        );
    });

    it('refuses an unknown correction and one already decided', () => {
      given(personEvolver, waiting)
        .when((s) => decideCorrectionRejection(s, rejection('admin-b', { correctionId: 'corr-x' })))
        .thenRefuses({ kind: 'not-found', field: 'correctionId' });
      given(personEvolver, [...waiting, approved('c-big')])
        .when((s) => decideCorrectionRejection(s, rejection('admin-c')))
        .thenRefuses({ kind: 'conflict', message: /already approved/ });
    });
  });
});
