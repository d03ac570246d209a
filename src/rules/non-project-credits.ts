import { inEnglish, type Message, msg } from '../shared/domain/messages';
import Decimal from 'decimal.js';
import { type Amount, compare, divideDown, isPositive } from '../shared/domain/credits';
import { invalid, ruleViolated } from '../shared/domain/domain-error';
import type { RuleProfile } from './rule-profiles';

/**
 * R11: how many credits a non-project activity earns under a profile, and the calculation in words
 * (kept on the credit). Who may grant, and whether a plan exists, are the decider's checks; the
 * arithmetic is the rule's and lives here, for every path that grants (a direct grant, a session's
 * approval). Caps limit what counts, never what is recorded: the amounts here are the rule's full
 * amounts, and the year's assessment (assess-year.ts) shows what passes a cap as `capped`.
 * Where the profile has no rule, the credit is what the granting body decided (the amount stated
 * in the command), with the reason "no conversion rule in <profile>".
 */
export interface Earned {
  amount: Amount;
  /** In English, as every credit has carried it. */
  calculation: string;
  /** The same as a catalogue message, rendered in the reader's language. */
  calculationCode?: Message;
}

/** A calculation in words (English) and as a code: what a credit keeps. */
export const calculated = (calculationCode: Message) => ({
  calculation: inEnglish(calculationCode),
  calculationCode,
});

/** An amount with its calculation. */
export const earned = (amount: Amount, calculationCode: Message): Earned => ({
  amount,
  ...calculated(calculationCode),
});

/** Credits stated by a granting body may not exceed this (a typo guard, not a rule). */
export const grantAmountMax = '25';

/** The granting body's own decision, where the profile has no conversion rule. */
export function grantedByDecision(
  profile: RuleProfile,
  kind: string,
  stated: Amount | undefined,
  grantor: string,
): Earned {
  const amount = requireStated(stated);
  return earned(amount, msg('calc.by-decision', { amount, grantor, kind, profile: profile.id }));
}

export function requireStated(stated: Amount | undefined): Amount {
  if (!stated || !isPositive(stated)) throw invalid('amount', msg('invalid.amount-positive'));
  if (compare(stated, grantAmountMax) > 0)
    throw invalid('amount', msg('invalid.amount-at-most', { max: grantAmountMax }));
  return stated;
}

/**
 * Internal training: 1 credit per N hours attended (at most M per project counts, at the year's
 * assessment). The same calculation for a direct grant and for a session's approval.
 */
export function internalTrainingCredits(
  profile: RuleProfile,
  hours: Amount | undefined,
  stated: Amount | undefined,
  grantor: string,
): Earned {
  const rule = profile.nonProject.internalTraining;
  if (!rule) return grantedByDecision(profile, 'internal-training', stated, grantor);
  if (!hours || !isPositive(hours)) throw invalid('hours', msg('invalid.hours-needed'));
  const amount = divideDown(hours, rule.value.hoursPerCredit);
  if (!isPositive(amount))
    throw ruleViolated(
      'R11',
      'hours',
      msg('rule.internal-training-no-credit', {
        hours,
        hoursPerCredit: String(rule.value.hoursPerCredit),
        source: rule.source,
      }),
    );
  return earned(
    amount,
    msg('calc.internal-training', {
      hours,
      hoursPerCredit: String(rule.value.hoursPerCredit),
      amount,
      perProjectMax: String(rule.value.creditsPerProjectMax),
      profile: profile.id,
      source: rule.source,
    }),
  );
}

/**
 * Special training: months are cumulative in the year. Once this grant brings the year's months to
 * N or more, it is the year's full credits; otherwise 1 credit per day of at least H hours (at
 * most M a year count, at the year's assessment).
 */
export function specialTrainingCredits(
  profile: RuleProfile,
  attended: { months?: number; days?: number; hours?: Amount; stated?: Amount },
  monthsBefore: number,
  grantor: string,
): Earned & { months: number } {
  const rule = profile.nonProject.specialTraining;
  const months = attended.months ?? 0;
  if (!rule)
    return {
      ...grantedByDecision(profile, 'special-training', attended.stated, grantor),
      months,
    };
  const r = rule.value;
  const cumulative = monthsBefore + months;
  if (cumulative >= r.fullYearMonths) {
    return {
      ...earned(
        r.fullYearCredits,
        msg('calc.special-training-full-year', {
          months: String(months),
          cumulative: String(cumulative),
          fullYearMonths: String(r.fullYearMonths),
          credits: String(r.fullYearCredits),
          profile: profile.id,
          source: rule.source,
        }),
      ),
      months,
    };
  }
  if (!attended.days || attended.days < 1)
    throw invalid(
      'days',
      msg('invalid.special-training-days', {
        months: String(cumulative),
        fullYearMonths: String(r.fullYearMonths),
      }),
    );
  if (!attended.hours || !isPositive(attended.hours))
    throw invalid('hours', msg('invalid.special-training-hours'));
  const perDay = new Decimal(attended.hours).dividedBy(attended.days);
  if (perDay.lessThan(r.hoursPerDayMin))
    throw ruleViolated(
      'R11',
      'hours',
      msg('rule.special-training-day', {
        hoursPerDayMin: String(r.hoursPerDayMin),
        hours: String(attended.hours),
        days: String(attended.days),
        perDay: perDay.toDecimalPlaces(2).toString(),
        source: rule.source,
      }),
    );
  const amount = new Decimal(attended.days).times(r.creditsPerDay).toString();
  return {
    ...earned(
      amount,
      msg('calc.special-training-days', {
        days: String(attended.days),
        hoursPerDayMin: String(r.hoursPerDayMin),
        creditsPerDay: String(r.creditsPerDay),
        amount,
        cumulative: String(cumulative),
        fullYearMonths: String(r.fullYearMonths),
        perYearMax: String(r.creditsPerYearMax),
        profile: profile.id,
        source: rule.source,
      }),
    ),
    months,
  };
}

/** Self-study: the amount the employer grants (at most N a year count, at the year's assessment). */
export function selfStudyCredits(
  profile: RuleProfile,
  stated: Amount | undefined,
  grantor: string,
): Earned {
  const rule = profile.nonProject.selfStudy;
  if (!rule) return grantedByDecision(profile, 'self-study', stated, grantor);
  const amount = requireStated(stated);
  return earned(
    amount,
    msg('calc.self-study', {
      amount,
      perYearMax: String(rule.value.creditsPerYearMax),
      profile: profile.id,
      source: rule.source,
    }),
  );
}

/** Papers: credits by journal tier and author rank (first three authors only). */
export function publicationCredits(
  profile: RuleProfile,
  paper: { journalTier?: 'sci' | 'core'; authorRank?: number; stated?: Amount },
  grantor: string,
): Earned {
  const rule = profile.nonProject.publication;
  if (!rule) return grantedByDecision(profile, 'publication', paper.stated, grantor);
  if (!paper.journalTier) throw invalid('journalTier', msg('invalid.journal-tier'));
  if (!paper.authorRank || paper.authorRank < 1 || paper.authorRank > 3) {
    throw ruleViolated('R11', 'authorRank', msg('rule.paper-author-rank'));
  }
  const amount = rule.value[paper.journalTier][paper.authorRank - 1];
  return earned(
    amount,
    msg('calc.publication', {
      tier: paper.journalTier,
      rank: paper.authorRank,
      amount,
      profile: profile.id,
      source: rule.source,
    }),
  );
}
