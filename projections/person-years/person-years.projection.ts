import type {
  CreditGrantData,
  PersonEvent,
  PersonRegistered,
} from '../../src/persons/domain/person.events';
import { assessYear, AssessedCredit, YearAssessment } from '../../src/rules/assess-year';
import type { ProjectedEvent, Projection } from '../projection';

/**
 * Each person's credits and, for every credit year touched, the assessment under the rule profile
 * of the person's jurisdiction and that year. Read by GET /persons/{id}/years/{year} and by the
 * committee statistics. Nothing personal: ids, title level, grassroots flag, jurisdiction.
 */
export interface PersonYearsDoc {
  personId: string;
  jurisdiction: string | null;
  titleLevel: PersonRegistered['data']['titleLevel'];
  grassroots: boolean;
  credits: Record<
    string,
    AssessedCredit & {
      creditYear: number;
      verification: CreditGrantData['verification'];
      revoked: string | null;
      annulled: string | null;
    }
  >;
  exemptions: Record<
    string,
    { creditYear: number; basis: string; evidence: string; revoked: string | null }
  >;
  years: Record<string, YearAssessment>;
}

const handled = [
  'PersonRegistered',
  'CreditGranted',
  'CreditImported',
  'CreditVerified',
  'CreditVerificationRejected',
  'CreditRevoked',
  'CreditAdjusted',
  'CreditAnnulled',
  'ExemptionGranted',
  'ExemptionRevoked',
] as const;

type Credit = PersonYearsDoc['credits'][string];

function statusOf(c: Credit): AssessedCredit['status'] {
  if (c.revoked) return 'revoked';
  if (c.annulled) return 'annulled';
  if (c.verification === 'rejected') return 'rejected';
  if (c.verification === 'pending') return 'pending';
  return 'counted';
}

/** The assessment of one year from a document (also used for "as of" answers and statistics). */
export function assessDocYear(doc: PersonYearsDoc, year: number): YearAssessment | null {
  if (!doc.jurisdiction) return null;
  const credits = Object.values(doc.credits).filter((c) => c.creditYear === year);
  const exemption =
    Object.values(doc.exemptions).find((e) => e.creditYear === year && !e.revoked) ?? null;
  return assessYear(
    { jurisdiction: doc.jurisdiction, titleLevel: doc.titleLevel, grassroots: doc.grassroots },
    year,
    credits.map((c) => ({ ...c, status: statusOf(c) })),
    exemption && { basis: exemption.basis, evidence: exemption.evidence },
  );
}

/**
 * The assessment of every year the document touches. Computed when the document is written, not
 * per event (a person's credits are assessed once per batch); readers of a document folded
 * without it fall back to `assessDocYear`.
 */
function withYears(doc: PersonYearsDoc): PersonYearsDoc {
  const touched = new Set<number>(Object.keys(doc.years).map(Number));
  for (const c of Object.values(doc.credits)) touched.add(c.creditYear);
  for (const e of Object.values(doc.exemptions)) touched.add(e.creditYear);
  const years = { ...doc.years };
  for (const year of touched) {
    const assessment = assessDocYear(doc, year);
    if (assessment) years[year] = assessment;
  }
  return { ...doc, years };
}

function evolveCredit(
  doc: PersonYearsDoc,
  creditId: string,
  change: (c: Credit) => Credit,
): PersonYearsDoc {
  const credit = doc.credits[creditId];
  if (!credit) return doc; // a credit the projection never saw granted: nothing to change
  return { ...doc, credits: { ...doc.credits, [creditId]: change(credit) } };
}

export const personYearsProjection: Projection<PersonYearsDoc> = {
  name: 'person-years',
  version: 1,
  table: 'proj_person_years',
  handles: handled,
  keyOf: (event) =>
    event.streamId.startsWith('person-') ? event.streamId.slice('person-'.length) : null,
  initialState: (personId) => ({
    personId,
    jurisdiction: null,
    titleLevel: 'none',
    grassroots: false,
    credits: {},
    exemptions: {},
    years: {},
  }),
  evolve(doc: PersonYearsDoc, projected: ProjectedEvent): PersonYearsDoc {
    const event = { type: projected.type, data: projected.data } as PersonEvent;
    switch (event.type) {
      case 'PersonRegistered': {
        const { jurisdiction, titleLevel, grassroots } = event.data;
        return { ...doc, jurisdiction, titleLevel, grassroots };
      }
      case 'CreditGranted':
      case 'CreditImported': {
        const c = event.data;
        const credit: Credit = {
          creditId: c.creditId,
          status: 'counted',
          amount: c.amount,
          hours: c.hours ?? null,
          category: c.category,
          subject: c.subject,
          kind: c.kind,
          activityId: c.activityId,
          creditYear: c.creditYear,
          verification: c.verification,
          revoked: null,
          annulled: null,
        };
        return { ...doc, credits: { ...doc.credits, [c.creditId]: credit } };
      }
      case 'CreditVerified':
        return evolveCredit(doc, event.data.creditId, (c) => ({ ...c, verification: 'verified' }));
      case 'CreditVerificationRejected':
        return evolveCredit(doc, event.data.creditId, (c) => ({ ...c, verification: 'rejected' }));
      case 'CreditRevoked':
        return evolveCredit(doc, event.data.creditId, (c) => ({
          ...c,
          revoked: event.data.reason,
        }));
      case 'CreditAnnulled':
        return evolveCredit(doc, event.data.creditId, (c) => ({
          ...c,
          annulled: event.data.reason,
        }));
      case 'CreditAdjusted':
        return evolveCredit(doc, event.data.creditId, (c) => ({ ...c, ...event.data.changes }));
      case 'ExemptionGranted': {
        const e = event.data;
        return {
          ...doc,
          exemptions: {
            ...doc.exemptions,
            [e.exemptionId]: {
              creditYear: e.creditYear,
              basis: e.basis,
              evidence: e.evidence,
              revoked: null,
            },
          },
        };
      }
      case 'ExemptionRevoked': {
        const e = doc.exemptions[event.data.exemptionId];
        if (!e) return doc;
        return {
          ...doc,
          exemptions: {
            ...doc.exemptions,
            [event.data.exemptionId]: { ...e, revoked: event.data.reason },
          },
        };
      }
      default:
        return doc; // SelfStudyPlanApproved and anything newer: no effect on totals
    }
  },
  finalize: withYears,
};
