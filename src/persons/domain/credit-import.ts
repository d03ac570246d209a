import { msg } from '../../shared/domain/messages';
import type {
  ActivityKind,
  ActivityLevel,
  CreditCategory,
  Format,
  Subject,
} from '../../activities/domain/activity.events';
import { calculated } from '../../rules/non-project-credits';
import { creditYearOf, profileFor } from '../../rules/rule-profiles';
import { type Amount, compare, isPositive } from '../../shared/domain/credits';
import { conflict, invalid, notFound } from '../../shared/domain/domain-error';
import type { Decider } from '../../shared/domain/domain-event';
import { personDecider, type PersonCommand } from './person.commands';
import { grantAmountMax, type PersonState } from './person.decider';
import type { CreditImported, PersonEvent } from './person.events';

/** A credit a previous system recorded, brought in as history (see CreditImported). */
export interface HistoricalCredit {
  creditId: string;
  sourceSystem: string;
  sourceRecordId: string;
  activityId: string;
  activityTitle: string;
  activityCode: string | null;
  kind: ActivityKind;
  level: ActivityLevel;
  category: CreditCategory | null;
  subject: Subject;
  format: Format;
  amount: Amount;
  hours: Amount | null;
  originalAmount: string;
  earnedAt: Date;
  originalEarnedAt: string;
  sourceRecordedAt: string | null;
}

export type ImportCreditCommand = {
  type: 'ImportCredit';
  credit: HistoricalCredit;
  /** Credit years the person's jurisdiction has sealed (学分审验): imports into them are refused. */
  sealedYears: ReadonlySet<number>;
};

/**
 * Historical credits count under the rule profile of their credit year like any other credit, in
 * the person's jurisdiction (R1: valid for the year earned). The same source record again records
 * nothing; a year already sealed refuses the import (its verdicts were published).
 */
export function decideCreditImport(state: PersonState, command: ImportCreditCommand) {
  const registration = state.registration;
  if (!registration) throw notFound('personId', msg('not-found.person-id'));
  const { credit } = command;
  if (state.credits.has(credit.creditId)) return [];
  if (!isPositive(credit.amount) || compare(credit.amount, grantAmountMax) > 0)
    throw invalid('amount', msg('invalid.amount-range', { max: grantAmountMax }));
  const creditYear = creditYearOf(registration.jurisdiction, credit.earnedAt);
  if (command.sealedYears.has(creditYear))
    throw conflict(
      msg('conflict.import-sealed-year', {
        jurisdiction: registration.jurisdiction,
        year: creditYear,
      }),
      'earnedAt',
    );
  const profile = profileFor(registration.jurisdiction, creditYear);
  const event: CreditImported = {
    type: 'CreditImported',
    data: {
      creditId: credit.creditId,
      source: 'imported',
      activityId: credit.activityId,
      sessionId: null,
      kind: credit.kind,
      level: credit.level,
      amount: credit.amount,
      hours: credit.hours,
      category: credit.category,
      subject: credit.subject,
      format: credit.format,
      earnedAt: credit.earnedAt.toISOString(),
      creditYear,
      profileId: profile.id,
      profileVersion: profile.version,
      // Recorded and counted by the previous system's committee; the import is the committee's act.
      verification: 'not-required',
      ...calculated(
        msg('calc.imported', {
          amount: credit.amount,
          sourceSystem: credit.sourceSystem,
          record: credit.sourceRecordId,
          profile: profile.id,
          version: profile.version,
          year: creditYear,
        }),
      ),
      evidence: `${credit.sourceSystem}:${credit.sourceRecordId}`,
      imported: {
        sourceSystem: credit.sourceSystem,
        sourceRecordId: credit.sourceRecordId,
        activityTitle: credit.activityTitle,
        activityCode: credit.activityCode,
        originalAmount: credit.originalAmount,
        originalEarnedAt: credit.originalEarnedAt,
        sourceRecordedAt: credit.sourceRecordedAt,
      },
    },
  };
  return [event];
}

/**
 * The person decider with one more command: the same state and evolve (so it shares the person
 * stream's state cache), and every other command decided as before.
 */
export const personImportDecider: Decider<
  PersonCommand | ImportCreditCommand,
  PersonState,
  PersonEvent
> = {
  initialState: personDecider.initialState,
  evolve: personDecider.evolve,
  decide: (command, state) =>
    command.type === 'ImportCredit'
      ? decideCreditImport(state, command)
      : personDecider.decide(command, state),
};
