import Decimal from 'decimal.js';
import { Amount, compare, isPositive, minus, sum } from '../shared/domain/credits';
import { profileFor, RuleProfile } from './rule-profiles';

/**
 * A person's credit year under its rule profile: what counts, what is pending, the caps and
 * supplements applied, and a verdict with every reason spelled out. Pure: the person-year
 * projection, "as of" answers and statistics all call this one function.
 */

export interface AssessedCredit {
  creditId: string;
  status: 'counted' | 'pending' | 'rejected' | 'revoked' | 'annulled';
  amount: Amount;
  hours: Amount | null;
  category: 'I' | 'II' | null;
  subject: 'public' | 'professional';
  kind: string;
  activityId: string;
}

export interface AssessedPerson {
  jurisdiction: string;
  titleLevel: 'junior' | 'intermediate' | 'senior' | 'none';
  grassroots: boolean;
}

export interface YearAssessment {
  year: number;
  profile: string;
  verdict: 'compliant' | 'exempt' | 'short';
  reasons: string[];
  counted: {
    credits: Amount;
    hours: Amount;
    byCategory: Record<string, Amount>;
    bySubject: Record<string, Amount>;
    byKind: Record<string, Amount>;
  };
  pending: { credits: Amount; hours: Amount; count: number };
  capsApplied: {
    kind: string;
    activityId: string | null;
    before: Amount;
    after: Amount;
    rule: string;
  }[];
  supplements: { category: 'I' | 'II'; from: 'I' | 'II'; amount: Amount; rule: string }[];
  exemption: { basis: string; evidence: string } | null;
}

const fmt = (d: Decimal.Value) => new Decimal(d).toString();

export function assessYear(
  person: AssessedPerson,
  year: number,
  credits: readonly AssessedCredit[],
  exemption: { basis: string; evidence: string } | null,
  profile: RuleProfile = profileFor(person.jurisdiction, year),
): YearAssessment {
  const counted = credits.filter((c) => c.status === 'counted');
  const pending = credits.filter((c) => c.status === 'pending');
  const { effective, capsApplied } = applyCaps(counted, profile);

  const total = sum(effective.map((c) => c.amount));
  const hoursPerCredit = profile.minimum.value.hours
    ? new Decimal(profile.minimum.value.hours).dividedBy(profile.minimum.value.credits)
    : new Decimal(0);
  const hoursOf = (items: readonly AssessedCredit[]) =>
    items
      .reduce(
        (acc, c) => acc.plus(c.hours ?? new Decimal(c.amount).times(hoursPerCredit)),
        new Decimal(0),
      )
      .toDecimalPlaces(1, Decimal.ROUND_DOWN);
  const hours = hoursOf(effective);
  const group = (key: (c: AssessedCredit) => string) =>
    effective.reduce<Record<string, Amount>>(
      (acc, c) => ({ ...acc, [key(c)]: sum([acc[key(c)] ?? '0', c.amount]) }),
      {},
    );
  const byCategory = group((c) => c.category ?? 'uncategorised');
  const bySubject = group((c) => c.subject);

  const reasons: string[] = [];
  const supplements: YearAssessment['supplements'] = [];
  const min = profile.minimum.value;
  if (compare(total, min.credits) < 0)
    reasons.push(
      `short ${minus(min.credits, total)} credits: ${profile.id} requires ${min.credits}, has ${total}`,
    );
  if (min.hours && hours.lessThan(min.hours)) {
    reasons.push(
      `short ${fmt(new Decimal(min.hours).minus(hours))} study hours: requires ${min.hours}, has ${fmt(hours)} (credits without recorded hours count ${fmt(hoursPerCredit.toDecimalPlaces(2))} h each, the profile's own ${min.hours} h ÷ ${min.credits} credits)`,
    );
  }

  const split = profile.categorySplit?.value;
  if (split && !(split.waivedForGrassroots && person.grassroots)) {
    const have = { I: new Decimal(byCategory.I ?? 0), II: new Decimal(byCategory.II ?? 0) };
    const need = { I: new Decimal(split.categoryIMin), II: new Decimal(split.categoryIIMin) };
    for (const [category, other] of [
      ['I', 'II'],
      ['II', 'I'],
    ] as const) {
      const shortfall = Decimal.max(0, need[category].minus(have[category]));
      if (shortfall.isZero()) continue;
      const surplus = Decimal.max(0, have[other].minus(need[other]));
      const allowed = need[category].times(split.supplementShareMax);
      const supplied = Decimal.min(shortfall, surplus, allowed);
      if (supplied.greaterThan(0))
        supplements.push({ category, from: other, amount: fmt(supplied), rule: 'R2' });
      const left = shortfall.minus(supplied);
      if (left.greaterThan(0)) {
        reasons.push(
          `short ${fmt(left)} Category ${category} credits: requires ${fmt(need[category])}, has ${fmt(have[category])}; Category ${other} may supplement at most ${fmt(allowed)} (R2), supplied ${fmt(supplied)}`,
        );
      }
    }
  }

  const publicMin = profile.publicSubjectMin?.value;
  if (publicMin && !(publicMin.grassrootsExempt && person.grassroots)) {
    const required = publicMin.byTitle[person.titleLevel];
    const have = bySubject.public ?? '0';
    if (compare(have, required) < 0) {
      reasons.push(
        `short ${minus(required, have)} public-subject credits: ${person.titleLevel} requires ${required}, has ${have} (R10)`,
      );
    }
  }
  const professionalMin = profile.professionalMin?.value;
  if (professionalMin) {
    const have = bySubject.professional ?? '0';
    if (compare(have, professionalMin) < 0) {
      reasons.push(
        `short ${minus(professionalMin, have)} job-related professional credits: requires ${professionalMin}, has ${have} (R6)`,
      );
    }
  }
  if (pending.length > 0) {
    reasons.push(
      `${sum(pending.map((c) => c.amount))} credits pending verification do not count yet (R5)`,
    );
  }

  const shortReasons = reasons.filter((r) => r.startsWith('short'));
  const verdict = exemption ? 'exempt' : shortReasons.length > 0 ? 'short' : 'compliant';
  if (exemption)
    reasons.unshift(`exempt for ${year}: ${exemption.basis} (${exemption.evidence}) (R4)`);
  return {
    year,
    profile: `${profile.id}@${profile.version}`,
    verdict,
    reasons,
    counted: {
      credits: total,
      hours: fmt(hours),
      byCategory,
      bySubject,
      byKind: group((c) => c.kind),
    },
    pending: {
      credits: sum(pending.map((c) => c.amount)),
      hours: fmt(hoursOf(pending)),
      count: pending.length,
    },
    capsApplied,
    supplements,
    exemption,
  };
}

/** R11 caps again at the year's close: corrections may have pushed a kind over its cap. */
function applyCaps(counted: readonly AssessedCredit[], profile: RuleProfile) {
  const rules = profile.nonProject;
  const capsApplied: YearAssessment['capsApplied'] = [];
  const scale = (
    items: AssessedCredit[],
    cap: Amount,
    kind: string,
    activityId: string | null,
    rule: string,
  ): AssessedCredit[] => {
    const before = sum(items.map((c) => c.amount));
    if (compare(before, cap) <= 0) return items;
    capsApplied.push({ kind, activityId, before, after: cap, rule });
    let left = new Decimal(cap);
    return items.map((c) => {
      const amount = Decimal.min(left, c.amount);
      left = left.minus(amount);
      return { ...c, amount: fmt(amount) };
    });
  };
  const others = counted.filter(
    (c) => !['self-study', 'special-training', 'internal-training'].includes(c.kind),
  );
  const selfStudy = scale(
    counted.filter((c) => c.kind === 'self-study'),
    rules.selfStudyCreditsPerYearMax.value,
    'self-study',
    null,
    'R11',
  );
  const special = counted.filter((c) => c.kind === 'special-training');
  const fullYear = special.some(
    (c) => compare(c.amount, rules.specialTrainingFullYearCredits.value) >= 0,
  );
  const specialCapped = scale(
    special,
    fullYear
      ? rules.specialTrainingFullYearCredits.value
      : rules.specialTrainingCreditsPerYearMax.value,
    'special-training',
    null,
    'R11',
  );
  const training = counted.filter((c) => c.kind === 'internal-training');
  const byActivity = new Map<string, AssessedCredit[]>();
  for (const c of training)
    byActivity.set(c.activityId, [...(byActivity.get(c.activityId) ?? []), c]);
  const trainingCapped = [...byActivity.entries()].flatMap(([activityId, items]) =>
    scale(items, rules.trainingCreditsPerProjectMax.value, 'internal-training', activityId, 'R11'),
  );
  const effective = [...others, ...selfStudy, ...specialCapped, ...trainingCapped].filter((c) =>
    isPositive(c.amount),
  );
  return { effective, capsApplied };
}
