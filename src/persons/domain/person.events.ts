import type {
  ActivityKind,
  ActivityLevel,
  CreditCategory,
  Format,
  Subject,
} from '../../activities/domain/activity.events';
import type { ExemptionBasis, IsoDate, Region } from '../../rules/rule-profiles';
import { Amount } from '../../shared/domain/credits';
import { DomainEvent } from '../../shared/domain/domain-event';
import type { Message } from '../../shared/domain/messages';

export const professions = [
  'physician',
  'nurse',
  'pharmacist',
  'technician',
  'tcm',
  'village-doctor',
] as const;
export type Profession = (typeof professions)[number];
export const titleLevels = ['junior', 'intermediate', 'senior', 'none'] as const;
export type TitleLevel = (typeof titleLevels)[number];

/** Everything about a person except personal data, which is only ever stored sealed. */
export interface PersonProfile {
  personId: string;
  profession: Profession;
  titleLevel: TitleLevel;
  specialty: string;
  jurisdiction: string;
  /** R10 (003 细则 二): staff of a grassroots medical and health institution (基层医疗卫生机构), village doctors included. */
  grassroots: boolean;
  /**
   * R3 (000 §三): staff of a county-level or lower institution (县级及县以下). Absent on
   * registrations of schema 1, which had only `grassroots`: read as that flag's value
   * (person-attributes.ts, upcastAttributes).
   */
  countyLevelOrBelow?: boolean;
  /** R8 (001 (五)): Chongqing's north-east / south-east development area; absent or null elsewhere. */
  region?: Region | null;
  /** The organization employing the person (an opaque id); its employer tokens reach the person. */
  employerId?: string;
}

export type PersonRegistered = DomainEvent<
  'PersonRegistered',
  PersonProfile & {
    /** Keyed hash of the ID number, for look-up; not reversible without the key. */
    idNumberHash: string;
    /** AES-256-GCM sealed values. */
    idNumberSealed: string;
    nameSealed: string;
    /** Hash of the sealed-over fields, to tell a repeated registration from a differing one. */
    personalDataHash: string;
    /**
     * When the person entered the register (the committee may state an earlier instant); absent on
     * older registrations, which count from the event's own time. A credit year's population is
     * the people registered before it ended.
     */
    registeredAt?: string;
  }
>;

/**
 * Some of a person's attributes change from a date on (a promotion, a move to a grassroots
 * institution, a transfer to another jurisdiction), recorded by a committee with a reason. Each
 * credit year is judged with the attributes in force on its last day.
 */
export type PersonAttributesChanged = DomainEvent<
  'PersonAttributesChanged',
  {
    personId: string;
    changeId: string;
    /** An Asia/Shanghai calendar date, `YYYY-MM-DD`. */
    effectiveFrom: IsoDate;
    changes: {
      jurisdiction?: string;
      titleLevel?: TitleLevel;
      grassroots?: boolean;
      countyLevelOrBelow?: boolean;
      region?: Region | null;
    };
    /** The attributes in force on `effectiveFrom` before this change. */
    previous: {
      jurisdiction: string;
      titleLevel: TitleLevel;
      grassroots: boolean;
      countyLevelOrBelow: boolean;
      region: Region | null;
    };
    reason: string;
  }
>;

/** The person's employer as recorded from now on (null: none recorded). */
export type EmploymentChanged = DomainEvent<
  'EmploymentChanged',
  { personId: string; employerId: string | null; reason: string }
>;

/**
 * The person's key was destroyed (crypto-shredding), after the retention period: their events
 * still replay for totals and audit, but their ID number and name can no longer be opened.
 */
export type PersonErased = DomainEvent<
  'PersonErased',
  { personId: string; reason: string; lastRecordedAt: string; retainedUntil: string }
>;

export type CreditSource = 'project' | 'non-project' | 'imported';
export type Verification = 'not-required' | 'pending' | 'verified' | 'rejected';

export interface CreditGrantData {
  creditId: string;
  source: CreditSource;
  activityId: string;
  sessionId: string | null;
  kind: ActivityKind;
  level: ActivityLevel;
  amount: Amount;
  /** Study hours behind the credit where they are known (taught hours, training hours). */
  hours: Amount | null;
  category: CreditCategory | null;
  subject: Subject;
  format: Format;
  earnedAt: string;
  creditYear: number;
  profileId: string;
  profileVersion: number;
  /** R5: remote credits wait for the provincial committee. */
  verification: Verification;
  /** How the amount was worked out, in words (English), with the rule. */
  calculation: string;
  /** The same as a catalogue message (rendered in the reader's language); absent on credits granted before it was kept. */
  calculationCode?: Message;
  evidence: string | null;
  /** Special training: months of training this grant records (cumulative in the year, R11). */
  months?: number;
}

export type CreditGranted = DomainEvent<'CreditGranted', CreditGrantData>;
/**
 * A credit recorded by a previous system, imported as history: it counts like a granted credit
 * (same figures, under the rule profile of its credit year) and keeps where it came from.
 */
export type CreditImported = DomainEvent<
  'CreditImported',
  CreditGrantData & {
    source: 'imported';
    imported: {
      sourceSystem: string;
      sourceRecordId: string;
      activityTitle: string;
      activityCode: string | null;
      /** The amount and dates exactly as the source system had them. */
      originalAmount: string;
      originalEarnedAt: string;
      sourceRecordedAt: string | null;
    };
  }
>;
export type CreditVerified = DomainEvent<'CreditVerified', { creditId: string }>;
export type CreditVerificationRejected = DomainEvent<
  'CreditVerificationRejected',
  { creditId: string; reason: string }
>;
export type CreditRevoked = DomainEvent<
  'CreditRevoked',
  {
    creditId: string;
    reason: string;
    corrects: string;
    /** The admin who made it without a second admin's approval (absent when approved). */
    correctedBy?: string;
  }
>;
export type CreditAdjusted = DomainEvent<
  'CreditAdjusted',
  {
    creditId: string;
    reason: string;
    corrects: string;
    changes: { amount?: Amount; category?: CreditCategory; subject?: Subject };
    previous: { amount: Amount; category: CreditCategory | null; subject: Subject };
    /** The admin who made it without a second admin's approval (absent when approved). */
    correctedBy?: string;
  }
>;
/** What a correction would do: revoke the credit, or adjust it. */
export type CorrectionChange =
  | { kind: 'revoke' }
  | {
      kind: 'adjust';
      amount?: Amount;
      category?: CreditCategory;
      subject?: Subject;
    };

/** A correction held for a second admin (maker-checker): above the size limit, or a sealed year. */
export type CorrectionRequested = DomainEvent<
  'CorrectionRequested',
  {
    correctionId: string;
    creditId: string;
    change: CorrectionChange;
    reason: string;
    requestedBy: string;
    /** Why it needs a second admin, e.g. "changes 10 credits; more than 5 needs approval". */
    heldBecause: string[];
  }
>;
/** A second admin approved: the correction's own event follows in the same append. */
export type CorrectionApproved = DomainEvent<
  'CorrectionApproved',
  { correctionId: string; creditId: string; approvedBy: string }
>;
export type CorrectionRejected = DomainEvent<
  'CorrectionRejected',
  { correctionId: string; creditId: string; rejectedBy: string; reason: string }
>;

export type CreditAnnulled = DomainEvent<
  'CreditAnnulled',
  { creditId: string; activityId: string; reason: string }
>;
export type ExemptionGranted = DomainEvent<
  'ExemptionGranted',
  {
    exemptionId: string;
    creditYear: number;
    basis: ExemptionBasis;
    evidence: string;
    profileId: string;
  }
>;
export type ExemptionRevoked = DomainEvent<
  'ExemptionRevoked',
  { exemptionId: string; reason: string }
>;
export type SelfStudyPlanApproved = DomainEvent<
  'SelfStudyPlanApproved',
  {
    creditYear: number;
    plan: string;
    /** When the employer approved it; a self-study credit must be earned after. Absent on plans
     * recorded before this was kept: those count as approved before any credit of their year. */
    approvedAt?: string;
  }
>;

export type PersonEvent =
  | PersonRegistered
  | PersonAttributesChanged
  | EmploymentChanged
  | PersonErased
  | CreditGranted
  | CreditImported
  | CreditVerified
  | CreditVerificationRejected
  | CreditRevoked
  | CreditAdjusted
  | CreditAnnulled
  | CorrectionRequested
  | CorrectionApproved
  | CorrectionRejected
  | ExemptionGranted
  | ExemptionRevoked
  | SelfStudyPlanApproved;

export const personStreamId = (personId: string) => `person-${personId}`;
