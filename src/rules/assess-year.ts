import { inEnglish, type Message, msg } from '../shared/domain/messages';
import Decimal from 'decimal.js';
import { Amount, compare, isPositive, minus, sum } from '../shared/domain/credits';
import {
  creditYearBounds,
  type ExemptionBasis,
  outOfScopeBases,
  outOfScopeSource,
  profileFor,
  type Region,
  RuleProfile,
} from './rule-profiles';

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

/** The attributes a year is assessed with: those in force on the last day of the credit year. */
export interface AssessedPerson {
  jurisdiction: string;
  titleLevel: 'junior' | 'intermediate' | 'senior' | 'none';
  /** R10: staff of a grassroots medical and health institution (基层医疗卫生机构, incl. village doctors). */
  grassroots: boolean;
  /** R3: staff of a county-level or lower institution (县级及县以下医疗卫生机构). */
  countyLevelOrBelow?: boolean;
  /** R8: a development area with its own targets (Chongqing's north-east and south-east). */
  region?: Region | null;
}

export type Verdict = 'compliant' | 'exempt' | 'short' | 'out-of-scope';

export interface YearAssessment {
  year: number;
  profile: string;
  /** The layers of the profile (national first), each as id@version. */
  profileLayers: readonly string[];
  /** The person's attributes the year was judged with, and the day they were in force on. */
  attributes: Required<AssessedPerson> & { inForceOn: string; rule: string };
  verdict: Verdict;
  /** Every reason in English (as documents folded before codes were kept hold them). */
  reasons: string[];
  /** The same reasons as catalogue messages, rendered in the caller's language at the edge. */
  reasonCodes?: Message[];
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
    source: string;
  }[];
  /** R11: each credit a cap cut down: recorded in full, `counts` is what counts, with the rule. */
  capped: {
    creditId: string;
    kind: string;
    recorded: Amount;
    counts: Amount;
    rule: string;
    source: string;
  }[];
  supplements: { category: 'I' | 'II'; from: 'I' | 'II'; amount: Amount; rule: string }[];
  exemption: { basis: string; evidence: string } | null;
  /** R6 (Chongqing): public : other study hours, "about 1 : 5" — reported, never a verdict. */
  publicToOtherHours: {
    publicHours: Amount;
    otherHours: Amount;
    ratio: string | null;
    principle: string;
    informational: true;
    source: string;
  } | null;
}

const fmt = (d: Decimal.Value) => new Decimal(d).toString();

/** The attributes as a year's assessment states them (the optional ones given their defaults). */
export const judgedAttributes = (person: AssessedPerson): Required<AssessedPerson> => ({
  jurisdiction: person.jurisdiction,
  titleLevel: person.titleLevel,
  grassroots: person.grassroots,
  countyLevelOrBelow: person.countyLevelOrBelow ?? person.grassroots,
  region: person.region ?? null,
});

const attributesRule = 'each credit year is assessed with the attributes in force on its last day';
const inForceOn = (jurisdiction: string, year: number) =>
  creditYearBounds(jurisdiction, year).lastDay;
const publicToOtherHoursRule = (share: NonNullable<RuleProfile['publicToOtherHours']>) => ({
  principle: `about ${share.value.public} : ${share.value.other}`,
  informational: true as const,
  source: `R6, ${share.source}`,
});

export function assessYear(
  person: AssessedPerson,
  year: number,
  credits: readonly AssessedCredit[],
  exemption: { basis: string; evidence: string } | null,
  profile: RuleProfile = profileFor(person.jurisdiction, year),
): YearAssessment {
  const counted = credits.filter((c) => c.status === 'counted');
  const pending = credits.filter((c) => c.status === 'pending');
  const { effective, capsApplied, capped } = applyCaps(counted, profile);
  const attributes = judgedAttributes(person);

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

  const reasonCodes: Message[] = [];
  const reasons = {
    push: (m: Message) => reasonCodes.push(m),
    unshift: (m: Message) => reasonCodes.unshift(m),
  };
  const supplements: YearAssessment['supplements'] = [];
  const min = profile.minimum.value;
  if (compare(total, min.credits) < 0)
    reasons.push(
      msg('year.short-credits', {
        short: minus(min.credits, total),
        profile: profile.id,
        required: min.credits,
        has: total,
      }),
    );
  if (min.hours && hours.lessThan(min.hours)) {
    reasons.push(
      msg('year.short-hours', {
        short: fmt(new Decimal(min.hours).minus(hours)),
        required: String(min.hours),
        has: fmt(hours),
        hoursPerCredit: fmt(hoursPerCredit.toDecimalPlaces(2)),
        minCredits: String(min.credits),
      }),
    );
  }

  const split = profile.categorySplit?.value;
  if (split && split.waivedForCountyLevelOrBelow && attributes.countyLevelOrBelow) {
    reasons.push(msg('year.split-waived'));
  } else if (split) {
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
          msg('year.short-category', {
            short: fmt(left),
            category,
            other,
            required: fmt(need[category]),
            has: fmt(have[category]),
            allowed: fmt(allowed),
            supplied: fmt(supplied),
          }),
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
        msg('year.short-public', {
          short: minus(required, have),
          titleLevel: person.titleLevel,
          required,
          has: have,
        }),
      );
    }
  }
  const professionalMin = profile.professionalMin?.value;
  if (professionalMin) {
    const have = bySubject.professional ?? '0';
    if (compare(have, professionalMin) < 0) {
      reasons.push(
        msg('year.short-professional', {
          short: minus(professionalMin, have),
          required: professionalMin,
          has: have,
        }),
      );
    }
  }
  if (pending.length > 0) {
    reasons.push(msg('year.pending', { amount: sum(pending.map((c) => c.amount)) }));
  }

  const shortReasons = reasonCodes.filter((r) => r.code.startsWith('year.short-'));
  const outOfScope =
    exemption !== null && outOfScopeBases.includes(exemption.basis as ExemptionBasis);
  const verdict: Verdict = outOfScope
    ? 'out-of-scope'
    : exemption
      ? 'exempt'
      : shortReasons.length > 0
        ? 'short'
        : 'compliant';
  if (outOfScope)
    reasons.unshift(
      msg('year.out-of-scope', {
        year,
        basis: exemption.basis,
        evidence: exemption.evidence,
        source: outOfScopeSource,
      }),
    );
  else if (exemption)
    reasons.unshift(
      msg('year.exempt', { year, basis: exemption.basis, evidence: exemption.evidence }),
    );
  const share = profile.publicToOtherHours;
  const publicHours = hoursOf(effective.filter((c) => c.subject === 'public'));
  const otherHours = hoursOf(effective.filter((c) => c.subject !== 'public'));
  return {
    year,
    profile: `${profile.id}@${profile.version}`,
    profileLayers: profile.layers,
    attributes: {
      ...attributes,
      inForceOn: inForceOn(attributes.jurisdiction, year),
      rule: attributesRule,
    },
    verdict,
    reasons: reasonCodes.map(inEnglish),
    reasonCodes,
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
    capped,
    supplements,
    exemption,
    publicToOtherHours: share && {
      publicHours: fmt(publicHours),
      otherHours: fmt(otherHours),
      ratio: publicHours.isZero()
        ? null
        : `1 : ${fmt(otherHours.dividedBy(publicHours).toDecimalPlaces(1))}`,
      ...publicToOtherHoursRule(share),
    },
  };
}

/**
 * A year's assessment as a document keeps it: only what the year, its jurisdiction's profile, the
 * person's attributes (the document's timeline) and the message catalogue do not already say — no
 * rendered reasons (`reasonCodes` are kept), no profile layers, rule texts, sources or attributes,
 * and no empty lists. `expandAssessment` gives back the whole assessment. Documents are rebuilt
 * when rules change (the projection's version), so the profile a stored year is expanded with is
 * the one it was assessed under.
 */
export interface StoredAssessment {
  profile: string;
  verdict: Verdict;
  reasonCodes: Message[];
  counted: YearAssessment['counted'];
  pending: YearAssessment['pending'];
  capsApplied?: YearAssessment['capsApplied'];
  capped?: YearAssessment['capped'];
  supplements?: YearAssessment['supplements'];
  exemption?: NonNullable<YearAssessment['exemption']>;
  publicToOtherHours?: Pick<
    NonNullable<YearAssessment['publicToOtherHours']>,
    'publicHours' | 'otherHours' | 'ratio'
  >;
}

export function compactAssessment(a: YearAssessment): StoredAssessment {
  const share = a.publicToOtherHours;
  return {
    profile: a.profile,
    verdict: a.verdict,
    reasonCodes: a.reasonCodes ?? [],
    counted: a.counted,
    pending: a.pending,
    ...(a.capsApplied.length > 0 ? { capsApplied: a.capsApplied } : {}),
    ...(a.capped.length > 0 ? { capped: a.capped } : {}),
    ...(a.supplements.length > 0 ? { supplements: a.supplements } : {}),
    ...(a.exemption ? { exemption: a.exemption } : {}),
    ...(share
      ? {
          publicToOtherHours: {
            publicHours: share.publicHours,
            otherHours: share.otherHours,
            ratio: share.ratio,
          },
        }
      : {}),
  };
}

/**
 * The whole assessment of a stored year, as `assessYear` gave it, with the attributes the year was
 * judged with (in force on its last day). A year stored whole (documents folded before years were
 * kept compact) is taken as it is.
 */
export function expandAssessment(
  stored: StoredAssessment | YearAssessment,
  year: number,
  person: AssessedPerson,
): YearAssessment {
  if ('reasons' in stored) return stored;
  const attributes = judgedAttributes(person);
  const profile = profileFor(attributes.jurisdiction, year);
  const share = profile.publicToOtherHours;
  return {
    year,
    profile: stored.profile,
    profileLayers: profile.layers,
    attributes: {
      ...attributes,
      inForceOn: inForceOn(attributes.jurisdiction, year),
      rule: attributesRule,
    },
    verdict: stored.verdict,
    reasons: stored.reasonCodes.map(inEnglish),
    reasonCodes: stored.reasonCodes,
    counted: stored.counted,
    pending: stored.pending,
    capsApplied: stored.capsApplied ?? [],
    capped: stored.capped ?? [],
    supplements: stored.supplements ?? [],
    exemption: stored.exemption ?? null,
    publicToOtherHours:
      stored.publicToOtherHours && share
        ? { ...stored.publicToOtherHours, ...publicToOtherHoursRule(share) }
        : null,
  };
}

/**
 * R11 caps at the year's close: what passes a cap is recorded in full and counts only up to the
 * cap. Credits are taken in the order given (grant order); the ones cut are listed in `capped`.
 */
function applyCaps(counted: readonly AssessedCredit[], profile: RuleProfile) {
  const rules = profile.nonProject;
  const capsApplied: YearAssessment['capsApplied'] = [];
  const capped: YearAssessment['capped'] = [];
  const scale = (
    items: AssessedCredit[],
    cap: Amount,
    kind: string,
    activityId: string | null,
    source: string,
  ): AssessedCredit[] => {
    const before = sum(items.map((c) => c.amount));
    if (compare(before, cap) <= 0) return items;
    const rule = 'R11';
    capsApplied.push({ kind, activityId, before, after: cap, rule, source });
    let left = new Decimal(cap);
    return items.map((c) => {
      const amount = Decimal.min(left, c.amount);
      left = left.minus(amount);
      if (!amount.equals(c.amount))
        capped.push({
          creditId: c.creditId,
          kind,
          recorded: c.amount,
          counts: fmt(amount),
          rule,
          source,
        });
      return { ...c, amount: fmt(amount) };
    });
  };
  const cappedKinds = new Set<string>();
  const parts: AssessedCredit[][] = [];
  const selfStudy = rules.selfStudy;
  if (selfStudy) {
    cappedKinds.add('self-study');
    parts.push(
      scale(
        counted.filter((c) => c.kind === 'self-study'),
        selfStudy.value.creditsPerYearMax,
        'self-study',
        null,
        `at most ${selfStudy.value.creditsPerYearMax} a year: ${selfStudy.source}`,
      ),
    );
  }
  const specialRule = rules.specialTraining;
  if (specialRule) {
    cappedKinds.add('special-training');
    const special = counted.filter((c) => c.kind === 'special-training');
    const r = specialRule.value;
    const fullYear = special.some((c) => compare(c.amount, r.fullYearCredits) >= 0);
    parts.push(
      scale(
        special,
        fullYear ? r.fullYearCredits : r.creditsPerYearMax,
        'special-training',
        null,
        fullYear
          ? `${r.fullYearMonths} months in the year = the year's ${r.fullYearCredits} credits: ${specialRule.source}`
          : `at most ${r.creditsPerYearMax} a year: ${specialRule.source}`,
      ),
    );
  }
  const trainingRule = rules.internalTraining;
  if (trainingRule) {
    cappedKinds.add('internal-training');
    const byActivity = new Map<string, AssessedCredit[]>();
    for (const c of counted.filter((c) => c.kind === 'internal-training'))
      byActivity.set(c.activityId, [...(byActivity.get(c.activityId) ?? []), c]);
    for (const [activityId, items] of byActivity)
      parts.push(
        scale(
          items,
          trainingRule.value.creditsPerProjectMax,
          'internal-training',
          activityId,
          `at most ${trainingRule.value.creditsPerProjectMax} per project: ${trainingRule.source}`,
        ),
      );
  }
  const others = counted.filter((c) => !cappedKinds.has(c.kind));
  const effective = [...others, ...parts.flat()].filter((c) => isPositive(c.amount));
  return { effective, capsApplied, capped };
}
