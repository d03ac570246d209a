import { msg } from '../shared/domain/messages';
import Decimal from 'decimal.js';
import { type Amount, compare, divideDown, isPositive } from '../shared/domain/credits';
import { invalid, ruleViolated } from '../shared/domain/domain-error';
import { noRuleReason, type RuleProfile } from './rule-profiles';

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
  calculation: string;
}

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
  return {
    amount,
    calculation: `${amount} as granted by the ${grantor}'s decision (${kind}): ${noRuleReason(profile)}`,
  };
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
  return {
    amount,
    calculation: `${hours} h ÷ ${rule.value.hoursPerCredit} h per credit = ${amount} (at most ${rule.value.creditsPerProjectMax} per project count) [R11, ${profile.id}: ${rule.source}]`,
  };
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
      amount: r.fullYearCredits,
      months,
      calculation: `${months} month(s), ${cumulative} in the year ≥ ${r.fullYearMonths}: the year's ${r.fullYearCredits} credits (earlier day credits included) [R11, ${profile.id}: ${rule.source}]`,
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
    amount,
    months,
    calculation: `${attended.days} day(s) of ≥ ${r.hoursPerDayMin} h × ${r.creditsPerDay} = ${amount} (${cumulative} month(s) in the year < ${r.fullYearMonths}; at most ${r.creditsPerYearMax} a year count) [R11, ${profile.id}: ${rule.source}]`,
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
  return {
    amount,
    calculation: `${amount} (verifiable self-study, at most ${rule.value.creditsPerYearMax} a year count) [R11, ${profile.id}: ${rule.source}]`,
  };
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
  return {
    amount,
    calculation: `${paper.journalTier} journal, author ${paper.authorRank} → ${amount} [R11, ${profile.id}: ${rule.source}]`,
  };
}
