import {
  type AttributeChange,
  latestAttributes,
  upcastAttributes,
} from '../../src/persons/domain/person-attributes';
import type {
  CorrectionApproved,
  CorrectionRejected,
  CorrectionRequested,
  CreditGrantData,
  EmploymentChanged,
  ExemptionGranted,
  PersonAttributesChanged,
  PersonRegistered,
  SelfStudyPlanApproved,
} from '../../src/persons/domain/person.events';
import type { ProjectedEvent, Projection } from '../projection';

/**
 * Who is registered where and with which employer, and who has work waiting: the console's lists
 * of a jurisdiction's people and of an employer's staff, its queues of remote credits awaiting
 * verification (R5) and of corrections held for a second admin, and its list of exemptions (R4)
 * find their people through this table in SQL
 * (migration 0022) instead of reading every person of the jurisdiction on every call. The
 * jurisdiction is the latest one, as the person's own record has it (registration, then profile
 * changes by effective date); the employer as last recorded. Ids and attributes only — nothing
 * personal.
 */
export interface PersonDirectoryDoc {
  personId: string;
  /** Null until the registration is folded. */
  jurisdiction: string | null;
  employerId: string | null;
  /** The registration's jurisdiction and every change of it, to fold the latest one. */
  initialJurisdiction: string | null;
  jurisdictionChanges: Pick<AttributeChange, 'effectiveFrom' | 'changes'>[];
  /** Credit years with an approved self-study plan (R11), ascending. */
  selfStudyPlanYears: number[];
  /** Credits awaiting the committee's verification (R5), neither revoked nor annulled. */
  pendingVerification: string[];
  /** Corrections held for a second admin, not yet approved or rejected. */
  awaitingApproval: string[];
  /** Exemptions granted (R4), revoked ones included: the exemptions list shows both. */
  exemptions: string[];
}

const personPrefix = 'person-';

export const personDirectoryProjection: Projection<PersonDirectoryDoc> = {
  name: 'person-directory',
  version: 1,
  table: 'proj_person_directory',
  handles: [
    'PersonRegistered',
    'PersonAttributesChanged',
    'EmploymentChanged',
    'SelfStudyPlanApproved',
    'CreditGranted',
    'CreditImported',
    'CreditVerified',
    'CreditVerificationRejected',
    'CreditRevoked',
    'CreditAnnulled',
    'CorrectionRequested',
    'CorrectionApproved',
    'CorrectionRejected',
    'ExemptionGranted',
  ],
  keyOf: (event) =>
    event.streamId.startsWith(personPrefix) ? event.streamId.slice(personPrefix.length) : null,
  initialState: (personId) => ({
    personId,
    jurisdiction: null,
    employerId: null,
    initialJurisdiction: null,
    jurisdictionChanges: [],
    selfStudyPlanYears: [],
    pendingVerification: [],
    awaitingApproval: [],
    exemptions: [],
  }),
  evolve(doc: PersonDirectoryDoc, event: ProjectedEvent): PersonDirectoryDoc {
    switch (event.type) {
      case 'PersonRegistered': {
        const data = event.data as PersonRegistered['data'];
        const initialJurisdiction = upcastAttributes(data).jurisdiction;
        return withLatest({
          ...doc,
          initialJurisdiction,
          employerId: data.employerId ?? null,
        });
      }
      case 'PersonAttributesChanged': {
        const data = event.data as PersonAttributesChanged['data'];
        if (data.changes.jurisdiction === undefined) return doc;
        return withLatest({
          ...doc,
          jurisdictionChanges: [
            ...doc.jurisdictionChanges,
            {
              effectiveFrom: data.effectiveFrom,
              changes: { jurisdiction: data.changes.jurisdiction },
            },
          ],
        });
      }
      case 'EmploymentChanged':
        return { ...doc, employerId: (event.data as EmploymentChanged['data']).employerId };
      case 'SelfStudyPlanApproved': {
        const { creditYear } = event.data as SelfStudyPlanApproved['data'];
        if (doc.selfStudyPlanYears.includes(creditYear)) return doc;
        return {
          ...doc,
          selfStudyPlanYears: [...doc.selfStudyPlanYears, creditYear].sort((a, b) => a - b),
        };
      }
      case 'CreditGranted':
      case 'CreditImported': {
        const { creditId, verification } = event.data as CreditGrantData;
        return verification === 'pending'
          ? { ...doc, pendingVerification: withId(doc.pendingVerification, creditId) }
          : doc;
      }
      case 'CreditVerified':
      case 'CreditVerificationRejected':
      case 'CreditRevoked':
      case 'CreditAnnulled': {
        const { creditId } = event.data as { creditId: string };
        return { ...doc, pendingVerification: withoutId(doc.pendingVerification, creditId) };
      }
      case 'CorrectionRequested': {
        const { correctionId } = event.data as CorrectionRequested['data'];
        return { ...doc, awaitingApproval: withId(doc.awaitingApproval, correctionId) };
      }
      case 'CorrectionApproved':
      case 'CorrectionRejected': {
        const { correctionId } = event.data as (CorrectionApproved | CorrectionRejected)['data'];
        return { ...doc, awaitingApproval: withoutId(doc.awaitingApproval, correctionId) };
      }
      case 'ExemptionGranted': {
        const { exemptionId } = event.data as ExemptionGranted['data'];
        return { ...doc, exemptions: withId(doc.exemptions, exemptionId) };
      }
      default:
        return doc;
    }
  },
};

const withId = (ids: readonly string[], id: string) =>
  ids.includes(id) ? [...ids] : [...ids, id].sort();
const withoutId = (ids: readonly string[], id: string) => ids.filter((x) => x !== id);

/** The latest jurisdiction, folded exactly as the person's record folds its attributes. */
function withLatest(doc: PersonDirectoryDoc): PersonDirectoryDoc {
  if (doc.initialJurisdiction === null) return doc;
  const { jurisdiction } = latestAttributes({
    initial: {
      jurisdiction: doc.initialJurisdiction,
      // Only the jurisdiction is read back; the other attributes do not matter here.
      titleLevel: 'none',
      grassroots: false,
      countyLevelOrBelow: false,
      region: null,
    },
    changes: doc.jurisdictionChanges,
  });
  return { ...doc, jurisdiction };
}
