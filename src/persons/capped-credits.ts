import { assessYear, type YearAssessment } from '../rules/assess-year';
import { creditStatus, type PersonState } from './domain/person.decider';
import { attributesForCreditYear } from './domain/person-attributes';

/**
 * R11: which of a person's credits a cap cuts down, by credit id: each year assessed as the
 * person-years projection does (attributes on the year's last day; credits by date, then id), so
 * the credit list and the year's answer agree. A capped credit is recorded in full; `counts` is
 * what counts.
 */
export function cappedCredits(
  state: PersonState,
  years: Iterable<number>,
): Map<string, YearAssessment['capped'][number]> {
  const found = new Map<string, YearAssessment['capped'][number]>();
  if (!state.attributes) return found;
  const all = [...state.credits.values()];
  for (const year of new Set(years)) {
    // In grant order (the stream's), as the person-years projection takes them.
    const credits = all
      .filter((c) => c.creditYear === year)
      .map((c) => ({ ...c, hours: c.hours ?? null, status: creditStatus(c) }));
    const assessment = assessYear(
      attributesForCreditYear(state.attributes, year),
      year,
      credits,
      null,
    );
    for (const capped of assessment.capped) found.set(capped.creditId, capped);
  }
  return found;
}
