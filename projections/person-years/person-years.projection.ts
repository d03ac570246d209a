import {
  type AttributeChange,
  attributesForCreditYear,
  type AttributeTimeline,
  jurisdictionsHeld,
  latestAttributes,
  type PersonAttributes,
  upcastAttributes,
} from '../../src/persons/domain/person-attributes';
import type {
  CreditGrantData,
  PersonEvent,
  PersonRegistered,
} from '../../src/persons/domain/person.events';
import {
  assessYear,
  AssessedCredit,
  compactAssessment,
  expandAssessment,
  type StoredAssessment,
  YearAssessment,
} from '../../src/rules/assess-year';
import { creditYearBounds, type Region } from '../../src/rules/rule-profiles';
import type { ProjectedEvent, Projection } from '../projection';

/**
 * Each person's credits and, for every credit year touched, the assessment under the rule profile
 * of that year, judged with the attributes in force on the year's last day (attributes have a
 * history: registration, then profile changes). Read by GET /persons/{id}/years/{year} and by the
 * committee statistics and seals. Nothing personal: ids, attributes, jurisdiction.
 */
export interface PersonYearsDoc {
  personId: string;
  /** The latest attributes (the jurisdiction column and indexes read these). */
  jurisdiction: string | null;
  titleLevel: PersonRegistered['data']['titleLevel'];
  grassroots: boolean;
  countyLevelOrBelow?: boolean;
  region?: Region | null;
  /** When the person entered the register (absent on documents folded before it was kept). */
  registeredAt?: string | null;
  /** The registration's attributes and every change since, in log order. */
  initialAttributes?: PersonAttributes | null;
  attributeChanges?: AttributeChange[];
  /** Jurisdictions the person belonged to before the latest one (a statistics index reads it). */
  formerJurisdictions?: string[];
  /**
   * Each credit as granted and changed since, by its id (read them with `creditsOf`); its status
   * follows from these (`statusOf`).
   */
  credits: Record<string, StoredCredit>;
  exemptions: Record<
    string,
    { creditYear: number; basis: string; evidence: string; revoked: string | null }
  >;
  /**
   * Each touched year's assessment, kept compact (`compactAssessment`; documents folded before
   * version 3 hold it whole). Read it with `yearOfDoc`, never directly.
   */
  years: Record<string, StoredAssessment | YearAssessment>;
}

/** A credit with its id, as readers of a document see it. */
export type DocCredit = Omit<AssessedCredit, 'status'> & {
  creditYear: number;
  earnedAt?: string;
  /** The credit's place among the person's grants (0, 1, …): caps take credits in this order. */
  grantSeq?: number;
  verification: CreditGrantData['verification'];
  revoked: string | null;
  annulled: string | null;
};

/**
 * A credit as the document keeps it: its id is its key, and a revocation or annulment it does not
 * have is absent. (Documents folded before version 3 also hold the id and a `status` fixed at
 * the grant, never read.)
 */
export type StoredCredit = Omit<DocCredit, 'creditId' | 'revoked' | 'annulled'> & {
  creditId?: string;
  revoked?: string | null;
  annulled?: string | null;
};

/** A document's credits with their ids, in no particular order. */
export function creditsOf(doc: PersonYearsDoc): DocCredit[] {
  return Object.entries(doc.credits).map(([creditId, c]) => ({
    ...c,
    creditId,
    revoked: c.revoked ?? null,
    annulled: c.annulled ?? null,
  }));
}

const handled = [
  'PersonRegistered',
  'PersonAttributesChanged',
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

export function statusOf(c: StoredCredit): AssessedCredit['status'] {
  if (c.revoked) return 'revoked';
  if (c.annulled) return 'annulled';
  if (c.verification === 'rejected') return 'rejected';
  if (c.verification === 'pending') return 'pending';
  return 'counted';
}

/** The attributes with their history, as the document holds them. */
export function timelineOf(doc: PersonYearsDoc): AttributeTimeline | null {
  if (!doc.jurisdiction) return null;
  const initial =
    doc.initialAttributes ??
    upcastAttributes({
      jurisdiction: doc.jurisdiction,
      titleLevel: doc.titleLevel,
      grassroots: doc.grassroots,
      countyLevelOrBelow: doc.countyLevelOrBelow,
      region: doc.region,
    });
  return { initial, changes: doc.attributeChanges ?? [] };
}

/**
 * Credits in the order they were granted (the stream's order), so a cap cuts the same credits
 * live, rebuilt and in the credit list. Documents folded before `grantSeq` was kept fall back to
 * the credit id.
 */
const byGrant = (a: DocCredit, b: DocCredit) =>
  (a.grantSeq ?? 0) - (b.grantSeq ?? 0) ||
  (a.creditId < b.creditId ? -1 : a.creditId > b.creditId ? 1 : 0);

/**
 * The assessment of one year from a document (also used for "as of" answers and statistics),
 * with the attributes in force on the credit year's last day.
 */
export function assessDocYear(doc: PersonYearsDoc, year: number): YearAssessment | null {
  const timeline = timelineOf(doc);
  if (!timeline) return null;
  const attributes = attributesForCreditYear(timeline, year);
  const credits = creditsOf(doc)
    .filter((c) => c.creditYear === year)
    .sort(byGrant);
  const exemption =
    Object.values(doc.exemptions).find((e) => e.creditYear === year && !e.revoked) ?? null;
  return assessYear(
    attributes,
    year,
    credits.map((c) => ({ ...c, status: statusOf(c) })),
    exemption && { basis: exemption.basis, evidence: exemption.evidence },
  );
}

/**
 * The whole assessment of one year: the stored one expanded, or assessed from the credits when the
 * document has none for the year.
 */
export function yearOfDoc(doc: PersonYearsDoc, year: number): YearAssessment | null {
  const stored = doc.years[year];
  if (!stored) return assessDocYear(doc, year);
  const timeline = timelineOf(doc);
  if (!timeline) return null;
  return expandAssessment(stored, year, attributesForCreditYear(timeline, year));
}

/**
 * Whether the person is in a jurisdiction's population for a credit year: registered before the
 * year ended, and belonging to the jurisdiction for it (the jurisdiction in force on the year's
 * last day — the one whose profile judges the year, so a transfer moves later years and keeps
 * earlier ones, and nobody is counted twice). Nobody is "short" for a year before they were
 * registered.
 */
export function inPopulation(doc: PersonYearsDoc, jurisdiction: string, year: number): boolean {
  const timeline = timelineOf(doc);
  if (!timeline) return false;
  if (attributesForCreditYear(timeline, year).jurisdiction !== jurisdiction) return false;
  if (!doc.registeredAt) return true;
  return (
    new Date(doc.registeredAt).getTime() < creditYearBounds(jurisdiction, year).endsAt.getTime()
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
    if (assessment) years[year] = compactAssessment(assessment);
  }
  return { ...doc, years };
}

function evolveCredit(
  doc: PersonYearsDoc,
  creditId: string,
  change: (c: StoredCredit) => StoredCredit,
): PersonYearsDoc {
  const credit = doc.credits[creditId];
  if (!credit) return doc; // a credit the projection never saw granted: nothing to change
  return { ...doc, credits: { ...doc.credits, [creditId]: change(credit) } };
}

export const personYearsProjection: Projection<PersonYearsDoc> = {
  name: 'person-years',
  // 3: documents kept compact — years as `StoredAssessment` (reason codes, not rendered texts;
  // nothing the profile or the attribute timeline says), credits as `StoredCredit`. The service
  // rebuilds a table of an older version when it starts.
  version: 3,
  table: 'proj_person_years',
  handles: handled,
  keyOf: (event) =>
    event.streamId.startsWith('person-') ? event.streamId.slice('person-'.length) : null,
  initialState: (personId) => ({
    personId,
    jurisdiction: null,
    titleLevel: 'none',
    grassroots: false,
    countyLevelOrBelow: false,
    region: null,
    registeredAt: null,
    initialAttributes: null,
    attributeChanges: [],
    formerJurisdictions: [],
    credits: {},
    exemptions: {},
    years: {},
  }),
  evolve(doc: PersonYearsDoc, projected: ProjectedEvent): PersonYearsDoc {
    const event = { type: projected.type, data: projected.data } as PersonEvent;
    switch (event.type) {
      case 'PersonRegistered': {
        const initial = upcastAttributes(event.data);
        return {
          ...doc,
          ...initial,
          registeredAt: event.data.registeredAt ?? projected.occurredAt,
          initialAttributes: initial,
          attributeChanges: [],
          formerJurisdictions: [],
        };
      }
      case 'PersonAttributesChanged': {
        const timeline = timelineOf(doc);
        if (!timeline) return doc;
        const changes = [
          ...timeline.changes,
          { effectiveFrom: event.data.effectiveFrom, changes: event.data.changes },
        ];
        const latest = latestAttributes({ initial: timeline.initial, changes });
        return {
          ...doc,
          ...latest,
          initialAttributes: timeline.initial,
          attributeChanges: changes,
          formerJurisdictions: jurisdictionsHeld({ initial: timeline.initial, changes }).filter(
            (j) => j !== latest.jurisdiction,
          ),
        };
      }
      case 'CreditGranted':
      case 'CreditImported': {
        const c = event.data;
        const credit: StoredCredit = {
          amount: c.amount,
          hours: c.hours ?? null,
          category: c.category,
          subject: c.subject,
          kind: c.kind,
          activityId: c.activityId,
          creditYear: c.creditYear,
          earnedAt: c.earnedAt,
          grantSeq: doc.credits[c.creditId]?.grantSeq ?? Object.keys(doc.credits).length,
          verification: c.verification,
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
