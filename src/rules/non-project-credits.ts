import {
  type Amount,
  compare,
  divideDown,
  isPositive,
  min,
  minus,
  plus,
} from '../shared/domain/credits';
import { invalid, ruleViolated } from '../shared/domain/domain-error';
import type { RuleProfile } from './rule-profiles';

/**
 * R11: how many credits a non-project activity earns under a profile, within its caps, and the
 * calculation in words (kept on the credit). Who may grant, and whether a plan exists, are the
 * decider's checks; the arithmetic and the caps are the rule's, and live here.
 */
export interface Earned {
  amount: Amount;
  calculation: string;
}

type NonProjectRules = RuleProfile['nonProject'];

/** Internal training: 1 credit per N hours attended, at most M per project for one person. */
export function internalTrainingCredits(
  rules: NonProjectRules,
  hours: Amount | undefined,
  usedInProject: Amount,
): Earned {
  if (!hours || !isPositive(hours))
    throw invalid('hours', 'internal training needs the hours attended');
  const earned = divideDown(hours, rules.trainingHoursPerCredit.value);
  const left = minus(rules.trainingCreditsPerProjectMax.value, usedInProject);
  if (!isPositive(left) || !isPositive(earned)) {
    throw ruleViolated(
      'R11',
      'hours',
      `no internal-training credit left: at most ${rules.trainingCreditsPerProjectMax.value} per project, ${usedInProject} granted`,
    );
  }
  const amount = min(earned, left);
  return {
    amount,
    calculation: `${hours} h ÷ ${rules.trainingHoursPerCredit.value} = ${earned}; at most ${rules.trainingCreditsPerProjectMax.value} per project (${usedInProject} already) → ${amount} [R11: ${rules.trainingCreditsPerProjectMax.source}]`,
  };
}

/** Special training: the year's credits for ≥ N months, else 1 a day within the yearly cap. */
export function specialTrainingCredits(
  rules: NonProjectRules,
  attended: { months?: number; days?: number },
  usedThisYear: Amount,
): Earned {
  if (
    attended.months !== undefined &&
    attended.months >= rules.specialTrainingFullYearMonths.value
  ) {
    if (isPositive(usedThisYear))
      throw ruleViolated(
        'R11',
        'months',
        `special training already credited this year (${usedThisYear})`,
      );
    const amount = rules.specialTrainingFullYearCredits.value;
    return {
      amount,
      calculation: `${attended.months} months ≥ ${rules.specialTrainingFullYearMonths.value}: the year's ${amount} credits [R11: ${rules.specialTrainingFullYearCredits.source}]`,
    };
  }
  if (!attended.days || attended.days < 1)
    throw invalid('days', 'special training needs the days attended (or months ≥ 3)');
  const earned = plus(String(attended.days), '0');
  const left = minus(rules.specialTrainingCreditsPerYearMax.value, usedThisYear);
  if (!isPositive(left))
    throw ruleViolated(
      'R11',
      'days',
      `special training credits are at most ${rules.specialTrainingCreditsPerYearMax.value} a year; ${usedThisYear} granted`,
    );
  const amount = min(earned, left);
  return {
    amount,
    calculation: `${attended.days} days × 1 = ${earned}; at most ${rules.specialTrainingCreditsPerYearMax.value} a year (${usedThisYear} already) → ${amount} [R11]`,
  };
}

/** Self-study: the amount the employer grants, within the yearly cap. */
export function selfStudyCredits(
  rules: NonProjectRules,
  requested: Amount,
  usedThisYear: Amount,
): Earned {
  const left = minus(rules.selfStudyCreditsPerYearMax.value, usedThisYear);
  if (compare(requested, left) > 0) {
    throw ruleViolated(
      'R11',
      'amount',
      `self-study credits are at most ${rules.selfStudyCreditsPerYearMax.value} a year; ${usedThisYear} granted, ${left} left`,
    );
  }
  return {
    amount: requested,
    calculation: `${requested} (self-study, ${usedThisYear} of ${rules.selfStudyCreditsPerYearMax.value} used before) [R11: ${rules.selfStudyCreditsPerYearMax.source}]`,
  };
}

/** Papers: credits by journal tier and author rank (first three authors only). */
export function publicationCredits(
  rules: NonProjectRules,
  journalTier: 'sci' | 'core' | undefined,
  authorRank: number | undefined,
): Earned {
  if (!journalTier)
    throw invalid('journalTier', 'a publication needs its journal tier (sci or core)');
  if (!authorRank || authorRank < 1 || authorRank > 3) {
    throw ruleViolated(
      'R11',
      'authorRank',
      'papers earn credits for the first three authors only (corresponding author counts as first)',
    );
  }
  const amount = rules.publicationCredits.value[journalTier][authorRank - 1];
  return {
    amount,
    calculation: `${journalTier} journal, author ${authorRank} → ${amount} [R11: ${rules.publicationCredits.source}]`,
  };
}
