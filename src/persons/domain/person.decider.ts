import { type Message, msg } from '../../shared/domain/messages';
import { isReason, requireReason } from '../../shared/domain/reason';
import type {
  ActivityDetails,
  CreditCategory,
  Subject,
} from '../../activities/domain/activity.events';
import {
  type Earned,
  grantAmountMax,
  grantedByDecision,
  internalTrainingCredits,
  publicationCredits,
  selfStudyCredits,
  specialTrainingCredits,
} from '../../rules/non-project-credits';
import {
  exemptionRuleFor,
  type ExemptionBasis,
  profileFor,
  type RuleProfile,
} from '../../rules/rule-profiles';
import { Amount, compare, isPositive, minus, sum } from '../../shared/domain/credits';
import {
  assertNever,
  conflict,
  invalid,
  notFound,
  ruleViolated,
} from '../../shared/domain/domain-error';
import {
  CorrectionChange,
  CreditAdjusted,
  CreditAnnulled,
  CreditGrantData,
  CreditGranted,
  CreditRevoked,
  CreditVerificationRejected,
  CreditVerified,
  EmploymentChanged,
  PersonErased,
  ExemptionGranted,
  ExemptionRevoked,
  PersonAttributesChanged,
  PersonEvent,
  PersonProfile,
  PersonRegistered,
  SelfStudyPlanApproved,
  Verification,
} from './person.events';
import {
  attributeNames,
  type AttributeTimeline,
  attributesOn,
  isRegion,
  latestAttributes,
  type PersonAttributes,
  shanghaiIsoDate,
  upcastAttributes,
} from './person-attributes';

export { grantAmountMax };

export interface CreditState extends CreditGrantData {
  revoked: { reason: string } | null;
  annulled: { reason: string } | null;
  verificationReason: string | null;
  /** The event that last set this credit's figures: what the next correction corrects. */
  lastEventId: string;
}

export type CreditStatus = 'counted' | 'pending' | 'rejected' | 'revoked' | 'annulled';

export function creditStatus(credit: CreditState): CreditStatus {
  if (credit.revoked) return 'revoked';
  if (credit.annulled) return 'annulled';
  if (credit.verification === 'rejected') return 'rejected';
  if (credit.verification === 'pending') return 'pending';
  return 'counted';
}

/** Credits that use up a cap: anything not revoked, annulled or rejected. */
const isLive = (c: CreditState) => !c.revoked && !c.annulled && c.verification !== 'rejected';

export interface PersonState {
  /** The registration, with the attributes as they now are (after every profile change). */
  registration: PersonRegistered['data'] | null;
  /** The attributes with their history (null before registration). */
  attributes: AttributeTimeline | null;
  credits: Map<string, CreditState>;
  exemptions: Map<
    string,
    {
      exemptionId: string;
      creditYear: number;
      basis: ExemptionBasis;
      evidence: string;
      revoked: { reason: string } | null;
    }
  >;
  /** Approved self-study plans by credit year, with when they were approved (null: not kept). */
  selfStudyPlans: Map<number, string | null>;
  /** Set once the person's key was destroyed (crypto-shredding). */
  erased: { reason: string; retainedUntil: string } | null;
  /** Corrections held for a second admin, by id. */
  corrections: Map<string, CorrectionState>;
  /**
   * Credits each admin changed without a second admin's approval, per credit year (key
   * `unapprovedChangeKey`): maker-checker's threshold applies to their sum, so it cannot be
   * split into small steps.
   */
  unapprovedChanges: Map<string, Amount>;
}

export const unapprovedChangeKey = (admin: string, creditYear: number) =>
  `${admin}\u001f${creditYear}`;

export interface CorrectionState {
  correctionId: string;
  creditId: string;
  change: CorrectionChange;
  reason: string;
  requestedBy: string;
  heldBecause: string[];
  status: 'awaiting-approval' | 'approved' | 'rejected';
  decidedBy: string | null;
}

export const personEvolver = {
  initialState: (): PersonState => ({
    registration: null,
    attributes: null,
    credits: new Map(),
    exemptions: new Map(),
    selfStudyPlans: new Map(),
    corrections: new Map(),
    unapprovedChanges: new Map(),
    erased: null,
  }),
  evolve(state: PersonState, event: PersonEvent): PersonState {
    const credit = (creditId: string): CreditState => {
      const found = state.credits.get(creditId);
      if (!found) throw new Error(`invariant: ${event.type} names an unknown credit`);
      return found;
    };
    // Extended in place (states are folded forward, never revisited): no n² copying on load.
    const withCredit = (c: CreditState): PersonState => ({
      ...state,
      credits: state.credits.set(c.creditId, c),
    });
    switch (event.type) {
      case 'PersonRegistered': {
        const initial = upcastAttributes(event.data);
        return {
          ...state,
          registration: { ...event.data, ...initial },
          attributes: { initial, changes: [] },
        };
      }
      case 'PersonAttributesChanged': {
        if (!state.attributes || !state.registration)
          throw new Error('invariant: a profile change before the registration');
        const attributes: AttributeTimeline = {
          initial: state.attributes.initial,
          changes: [
            ...state.attributes.changes,
            { effectiveFrom: event.data.effectiveFrom, changes: event.data.changes },
          ],
        };
        return {
          ...state,
          attributes,
          registration: { ...state.registration, ...latestAttributes(attributes) },
        };
      }
      case 'CorrectionRequested':
        state.corrections.set(event.data.correctionId, {
          ...event.data,
          status: 'awaiting-approval',
          decidedBy: null,
        });
        return state;
      case 'CorrectionApproved':
      case 'CorrectionRejected': {
        const held = state.corrections.get(event.data.correctionId);
        if (!held) throw new Error(`invariant: ${event.type} names an unknown correction`);
        state.corrections.set(held.correctionId, {
          ...held,
          status: event.type === 'CorrectionApproved' ? 'approved' : 'rejected',
          decidedBy:
            event.type === 'CorrectionApproved' ? event.data.approvedBy : event.data.rejectedBy,
        });
        return state;
      }
      case 'PersonErased':
        return {
          ...state,
          erased: { reason: event.data.reason, retainedUntil: event.data.retainedUntil },
        };
      case 'EmploymentChanged':
        return {
          ...state,
          registration: state.registration && {
            ...state.registration,
            employerId: event.data.employerId ?? undefined,
          },
        };
      case 'CreditGranted':
      case 'CreditImported':
        return withCredit({
          ...event.data,
          revoked: null,
          annulled: null,
          verificationReason: null,
          lastEventId: event.eventId ?? '',
        });
      case 'CreditVerified':
        return withCredit({ ...credit(event.data.creditId), verification: 'verified' });
      case 'CreditVerificationRejected':
        return withCredit({
          ...credit(event.data.creditId),
          verification: 'rejected',
          verificationReason: event.data.reason,
        });
      case 'CreditRevoked':
        if (event.data.correctedBy)
          countUnapproved(state, event.data.correctedBy, credit(event.data.creditId), null);
        return withCredit({
          ...credit(event.data.creditId),
          revoked: { reason: event.data.reason },
          lastEventId: event.eventId ?? '',
        });
      case 'CreditAdjusted':
        if (event.data.correctedBy)
          countUnapproved(
            state,
            event.data.correctedBy,
            credit(event.data.creditId),
            event.data.changes.amount ?? credit(event.data.creditId).amount,
          );
        return withCredit({
          ...credit(event.data.creditId),
          ...event.data.changes,
          lastEventId: event.eventId ?? '',
        });
      case 'CreditAnnulled':
        return withCredit({
          ...credit(event.data.creditId),
          annulled: { reason: event.data.reason },
        });
      case 'ExemptionGranted':
        return {
          ...state,
          exemptions: new Map(state.exemptions).set(event.data.exemptionId, {
            ...event.data,
            revoked: null,
          }),
        };
      case 'ExemptionRevoked': {
        const exemption = state.exemptions.get(event.data.exemptionId);
        if (!exemption) throw new Error('invariant: revoking an unknown exemption');
        return {
          ...state,
          exemptions: new Map(state.exemptions).set(exemption.exemptionId, {
            ...exemption,
            revoked: { reason: event.data.reason },
          }),
        };
      }
      case 'SelfStudyPlanApproved':
        return {
          ...state,
          selfStudyPlans: new Map(state.selfStudyPlans).set(
            event.data.creditYear,
            event.data.approvedAt ?? null,
          ),
        };
      default:
        return assertNever(event);
    }
  },
};

/** Adds a correction made without approval to its admin's sum (extended in place, as credits). */
function countUnapproved(
  state: PersonState,
  admin: string,
  before: CreditState,
  amountAfter: Amount | null,
): void {
  const size = amountAfter === null ? before.amount : absolute(minus(amountAfter, before.amount));
  const key = unapprovedChangeKey(admin, before.creditYear);
  state.unapprovedChanges.set(key, sum([state.unapprovedChanges.get(key) ?? '0', size]));
}

const absolute = (amount: Amount): Amount => amount.replace(/^-/, '');

function requireRegistered(state: PersonState): PersonRegistered['data'] {
  if (!state.registration) throw notFound('personId', msg('not-found.person'));
  return state.registration;
}

/** Registering the same ID number again returns the person; with different details it conflicts. */
export function decideRegister(
  state: PersonState,
  registration: PersonRegistered['data'],
): PersonRegistered[] {
  const existing = state.registration;
  if (!existing || !state.attributes) return [{ type: 'PersonRegistered', data: registration }];
  // Compared with the registration as first recorded (later profile changes do not count).
  const first = state.attributes.initial;
  const asked = upcastAttributes(registration);
  const same =
    existing.personalDataHash === registration.personalDataHash &&
    (['profession', 'specialty'] as const).every((k) => existing[k] === registration[k]) &&
    attributeNames.every((k) => first[k] === asked[k]);
  if (!same) throw conflict(msg('conflict.id-number-details'), 'idNumber');
  return [];
}

/** Records a new employer (or none); recording the current one again records nothing. */
export function decideEmployment(
  state: PersonState,
  employerId: string | null,
  reason: string,
): EmploymentChanged[] {
  const registration = requireRegistered(state);
  if ((registration.employerId ?? null) === employerId) return [];
  return [
    {
      type: 'EmploymentChanged',
      data: { personId: registration.personId, employerId, reason },
    },
  ];
}

/** The jurisdiction a person belonged to on the day of an instant (Asia/Shanghai). */
export function jurisdictionOn(state: PersonState, instant: Date): string | null {
  if (!state.attributes) return null;
  return attributesOn(state.attributes, shanghaiIsoDate(instant)).jurisdiction;
}

const isoDatePattern = /^\d{4}-\d{2}-\d{2}$/;

/** `YYYY-MM-DD` naming a day that exists (no 2026-02-30). */
export function isCalendarDate(day: string): boolean {
  if (!isoDatePattern.test(day)) return false;
  const [y, m, d] = day.split('-').map(Number);
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/**
 * A profile change (title, grassroots, county level, region, jurisdiction — any subset) from a
 * date on, with a reason. A change that changes nothing on that date is refused. A transfer out
 * of a jurisdiction clears the region unless the change names one; a region is recorded only
 * where the profile of the jurisdiction has targets for it (R8).
 */
export function decideAttributesChange(
  state: PersonState,
  command: {
    changeId: string;
    effectiveFrom: string;
    changes: PersonAttributesChanged['data']['changes'];
    reason: string;
    today: string;
  },
): PersonAttributesChanged[] {
  const registration = requireRegistered(state);
  const timeline = state.attributes as AttributeTimeline;
  const reason = requireReason(command.reason);
  const day = command.effectiveFrom;
  if (!isCalendarDate(day)) throw invalid('effectiveFrom', msg('invalid.effective-from-date'));
  if (day < '2000-01-01') throw invalid('effectiveFrom', msg('invalid.effective-from'));
  if (day > command.today)
    throw invalid('effectiveFrom', msg('invalid.effective-from-future', { today: command.today }));
  const before = attributesOn(timeline, day);
  const changes: PersonAttributesChanged['data']['changes'] = {};
  const asked = command.changes;
  if (asked.jurisdiction !== undefined && asked.jurisdiction !== before.jurisdiction) {
    changes.jurisdiction = asked.jurisdiction;
    if (asked.region === undefined && before.region !== null) changes.region = null;
  }
  if (asked.titleLevel !== undefined && asked.titleLevel !== before.titleLevel)
    changes.titleLevel = asked.titleLevel;
  if (asked.grassroots !== undefined && asked.grassroots !== before.grassroots)
    changes.grassroots = asked.grassroots;
  if (
    asked.countyLevelOrBelow !== undefined &&
    asked.countyLevelOrBelow !== before.countyLevelOrBelow
  )
    changes.countyLevelOrBelow = asked.countyLevelOrBelow;
  if (asked.region !== undefined && asked.region !== before.region) {
    if (asked.region !== null && !isRegion(asked.region))
      throw invalid('region', msg('invalid.region'));
    changes.region = asked.region;
  }
  const after: PersonAttributes = { ...before, ...changes };
  if (after.region !== null) {
    const year = Number(day.slice(0, 4));
    const targets = profileFor(after.jurisdiction, year).complianceTargets?.value.byRegion ?? {};
    if (!targets[after.region])
      throw ruleViolated(
        'R8',
        'region',
        msg('rule.region-targets', {
          region: after.region,
          jurisdiction: after.jurisdiction,
          profile: profileFor(after.jurisdiction, year).id,
        }),
      );
  }
  if (Object.keys(changes).length === 0)
    throw invalid('changes', msg('invalid.nothing-changes', { day }));
  return [
    {
      type: 'PersonAttributesChanged',
      data: {
        personId: registration.personId,
        changeId: command.changeId,
        effectiveFrom: day,
        changes,
        previous: before,
        reason,
      },
    },
  ];
}

/** Records are kept at least three years after the last one (R13, 004 §六.6; retention). */
export const retentionYears = 3;

/**
 * Erasure (crypto-shredding) only after the retention period: three years after the person's
 * last recorded event. Erasing again records nothing.
 */
export function decideErasure(
  state: PersonState,
  command: { reason: string; lastRecordedAt: Date; now: Date },
): PersonErased[] {
  const registration = requireRegistered(state);
  if (state.erased) return [];
  const reason = requireReason(command.reason);
  const retainedUntil = new Date(command.lastRecordedAt);
  retainedUntil.setUTCFullYear(retainedUntil.getUTCFullYear() + retentionYears);
  if (retainedUntil > command.now)
    throw conflict(
      msg('conflict.retention', { until: retainedUntil.toISOString(), years: retentionYears }),
    );
  return [
    {
      type: 'PersonErased',
      data: {
        personId: registration.personId,
        reason,
        lastRecordedAt: command.lastRecordedAt.toISOString(),
        retainedUntil: retainedUntil.toISOString(),
      },
    },
  ];
}

export interface GrantContext {
  profile: RuleProfile;
  creditYear: number;
}

/**
 * Project credits, from an approved execution report (R12 applied by the session). An internal
 * training run through sessions earns what R11 converts the hours taught to, the same
 * calculation as a direct grant (non-project-credits.ts); where the profile has no conversion
 * rule, the credits the committee approved for the session.
 */
export function decideProjectGrant(
  state: PersonState,
  context: GrantContext,
  grant: {
    creditId: string;
    activity: ActivityDetails;
    sessionId: string;
    amount: Amount;
    hours: Amount;
    earnedAt: Date;
    calculation: string;
    calculationCode?: Message;
  },
): CreditGranted[] {
  requireRegistered(state);
  if (state.credits.has(grant.creditId)) return []; // a retried approval: granted already
  const earned: Earned =
    grant.activity.kind === 'internal-training'
      ? internalTrainingCredits(context.profile, grant.hours, grant.amount, 'committee')
      : {
          amount: grant.amount,
          calculation: grant.calculation,
          calculationCode: grant.calculationCode,
        };
  return [
    {
      type: 'CreditGranted',
      data: {
        creditId: grant.creditId,
        source: 'project',
        activityId: grant.activity.activityId,
        sessionId: grant.sessionId,
        kind: grant.activity.kind,
        level: grant.activity.level,
        amount: earned.amount,
        hours: grant.hours,
        category: grant.activity.category,
        subject: grant.activity.subject,
        format: grant.activity.format,
        earnedAt: grant.earnedAt.toISOString(),
        creditYear: context.creditYear,
        profileId: context.profile.id,
        profileVersion: context.profile.version,
        verification: verificationFor(grant.activity, 'project'),
        calculation: earned.calculation,
        ...(earned.calculationCode ? { calculationCode: earned.calculationCode } : {}),
        evidence: null,
      },
    },
  ];
}

/**
 * R5: a remote-education provider cannot grant credits; its projects' credits count once the
 * provincial committee verifies them. A credit an employer or a committee grants for a
 * non-project activity is never pending, whatever the activity's format.
 */
const verificationFor = (
  activity: ActivityDetails,
  source: 'project' | 'non-project',
): Verification =>
  source === 'project' && activity.kind === 'project' && activity.format === 'remote'
    ? 'pending'
    : 'not-required';

export interface NonProjectGrant {
  creditId: string;
  activity: ActivityDetails;
  grantorRole: string;
  earnedAt: Date;
  evidence: string;
  amount?: Amount;
  hours?: Amount;
  days?: number;
  months?: number;
  journalTier?: 'sci' | 'core';
  authorRank?: number;
}

/**
 * Non-project credits (R11): the amount comes from the profile's rule where it has one (the full
 * amount: caps limit what counts at the year's assessment, never what is recorded), else from the
 * granting body's decision with the reason "no conversion rule in <profile>".
 */
export function decideNonProjectGrant(
  state: PersonState,
  context: GrantContext,
  grant: NonProjectGrant,
): CreditGranted[] {
  requireRegistered(state);
  if (state.credits.has(grant.creditId)) return [];
  const { profile } = context;
  const sameYear = [...state.credits.values()].filter(
    (c) => isLive(c) && c.creditYear === context.creditYear,
  );
  const { activity } = grant;
  const grantor = grant.grantorRole;
  let earned: Earned;
  let months: number | undefined;
  switch (activity.kind) {
    case 'project':
      throw invalid('activityId', msg('invalid.project-credits-by-report'));
    case 'internal-training':
      requireGrantor(grant, ['employer', 'committee'], 'internal-training');
      earned = internalTrainingCredits(profile, grant.hours, grant.amount, grantor);
      break;
    case 'special-training': {
      requireGrantor(grant, ['committee'], 'special-training');
      const monthsBefore = sameYear
        .filter((c) => c.kind === 'special-training')
        .reduce((total, c) => total + (c.months ?? 0), 0);
      const special = specialTrainingCredits(
        profile,
        { months: grant.months, days: grant.days, hours: grant.hours, stated: grant.amount },
        monthsBefore,
        grantor,
      );
      earned = special;
      months = special.months > 0 ? special.months : undefined;
      break;
    }
    case 'self-study': {
      requireGrantor(grant, ['employer'], 'self-study');
      if (profile.nonProject.selfStudy) {
        const approvedAt = state.selfStudyPlans.get(context.creditYear);
        if (approvedAt === undefined)
          throw ruleViolated(
            'R11',
            'activityId',
            msg('rule.self-study-plan-needed', {
              year: context.creditYear,
              source: profile.nonProject.selfStudy.source,
            }),
          );
        if (approvedAt !== null && new Date(approvedAt).getTime() > grant.earnedAt.getTime())
          throw ruleViolated(
            'R11',
            'earnedAt',
            msg('rule.self-study-plan-late', {
              year: context.creditYear,
              approvedAt,
              earnedAt: grant.earnedAt.toISOString(),
              source: profile.nonProject.selfStudy.source,
            }),
          );
      }
      earned = selfStudyCredits(profile, grant.amount, grantor);
      break;
    }
    case 'publication':
      requireGrantor(grant, ['employer', 'committee'], 'publication');
      earned = publicationCredits(
        profile,
        { journalTier: grant.journalTier, authorRank: grant.authorRank, stated: grant.amount },
        grantor,
      );
      break;
    case 'advanced-study':
    case 'mentorship':
    case 'degree-education': {
      requireGrantor(grant, ['employer', 'committee'], activity.kind);
      earned = grantedByDecision(profile, activity.kind, grant.amount, grantor);
      break;
    }
    default:
      return assertNever(activity.kind);
  }
  const { amount, calculation, calculationCode } = earned;
  return [
    {
      type: 'CreditGranted',
      data: {
        creditId: grant.creditId,
        source: 'non-project',
        activityId: activity.activityId,
        sessionId: null,
        kind: activity.kind,
        level: activity.level,
        amount,
        hours: grant.hours ?? null,
        category: activity.category,
        subject: activity.subject,
        format: activity.format,
        earnedAt: grant.earnedAt.toISOString(),
        creditYear: context.creditYear,
        profileId: profile.id,
        profileVersion: profile.version,
        verification: verificationFor(activity, 'non-project'),
        calculation,
        ...(calculationCode ? { calculationCode } : {}),
        evidence: grant.evidence,
        ...(months !== undefined ? { months } : {}),
      },
    },
  ];
}

function requireGrantor(grant: NonProjectGrant, roles: string[], kind: string): void {
  if (!roles.includes(grant.grantorRole))
    throw ruleViolated(
      'R11',
      'activityId',
      msg('rule.grantor', { kind, roles, role: grant.grantorRole }),
    );
}

function requireCredit(state: PersonState, creditId: string): CreditState {
  const credit = state.credits.get(creditId);
  if (!credit) throw notFound('creditId', msg('not-found.credit'));
  return credit;
}

/** R5: the provincial committee verifies or rejects a pending (remote) credit. */
export function decideVerification(
  state: PersonState,
  command: { creditId: string; approve: boolean; reason: string | null },
): (CreditVerified | CreditVerificationRejected)[] {
  const credit = requireCredit(state, command.creditId);
  if (credit.verification === (command.approve ? 'verified' : 'rejected')) return [];
  if (credit.verification !== 'pending')
    throw conflict(msg('conflict.credit-not-pending', { verification: credit.verification }));
  if (credit.revoked || credit.annulled) throw conflict(msg('conflict.credit-revoked-or-annulled'));
  if (command.approve) return [{ type: 'CreditVerified', data: { creditId: credit.creditId } }];
  return [
    {
      type: 'CreditVerificationRejected',
      data: { creditId: credit.creditId, reason: requireReason(command.reason) },
    },
  ];
}

export function decideRevocation(
  state: PersonState,
  command: { creditId: string; reason: string },
): CreditRevoked[] {
  const credit = requireCredit(state, command.creditId);
  const reason = requireReason(command.reason);
  if (credit.revoked)
    throw conflict(msg('conflict.credit-revoked-already', { reason: credit.revoked.reason }));
  return [
    {
      type: 'CreditRevoked',
      data: { creditId: credit.creditId, reason, corrects: credit.lastEventId },
    },
  ];
}

export function decideAdjustment(
  state: PersonState,
  command: {
    creditId: string;
    reason: string;
    amount?: Amount;
    category?: CreditCategory;
    subject?: Subject;
  },
): CreditAdjusted[] {
  const credit = requireCredit(state, command.creditId);
  const reason = requireReason(command.reason);
  if (credit.revoked) throw conflict(msg('conflict.revoked-not-adjustable'));
  const changes: CreditAdjusted['data']['changes'] = {};
  if (command.amount !== undefined && command.amount !== credit.amount) {
    if (!isPositive(command.amount) || compare(command.amount, grantAmountMax) > 0) {
      throw invalid('amount', msg('invalid.adjust-amount-range', { max: grantAmountMax }));
    }
    changes.amount = command.amount;
  }
  if (command.category !== undefined && command.category !== credit.category)
    changes.category = command.category;
  if (command.subject !== undefined && command.subject !== credit.subject)
    changes.subject = command.subject;
  if (Object.keys(changes).length === 0) throw invalid('amount', msg('invalid.adjustment-empty'));
  return [
    {
      type: 'CreditAdjusted',
      data: {
        creditId: credit.creditId,
        reason,
        corrects: credit.lastEventId,
        changes,
        previous: { amount: credit.amount, category: credit.category, subject: credit.subject },
      },
    },
  ];
}

/** R15: credits of an annulled project stop counting, each with the reason visible. */
export function decideAnnulCredit(
  state: PersonState,
  command: { creditId: string; activityId: string; reason: string },
): CreditAnnulled[] {
  const credit = state.credits.get(command.creditId);
  if (!credit || credit.annulled) return [];
  return [
    {
      type: 'CreditAnnulled',
      data: { creditId: credit.creditId, activityId: command.activityId, reason: command.reason },
    },
  ];
}

/** R4: deemed qualified for a credit year, on a basis the profile recognises, with evidence. */
export function decideExemption(
  state: PersonState,
  context: GrantContext,
  command: { exemptionId: string; basis: ExemptionBasis; evidence: string },
): ExemptionGranted[] {
  requireRegistered(state);
  if (state.exemptions.get(command.exemptionId)) return [];
  const rule = exemptionRuleFor(context.profile, command.basis, context.creditYear);
  if (!rule) {
    const other = context.profile.exemptionBases.find((b) => b.basis === command.basis);
    throw ruleViolated(
      'R4',
      'basis',
      other?.years
        ? msg('rule.exemption-years', {
            basis: command.basis,
            years: other.years.map(String),
            source: other.source,
          })
        : msg('rule.exemption-basis', { basis: command.basis, profile: context.profile.id }),
    );
  }
  if (command.evidence.trim().length < 4)
    throw invalid('evidence', msg('invalid.exemption-evidence'));
  const active = [...state.exemptions.values()].find(
    (e) => e.creditYear === context.creditYear && !e.revoked,
  );
  if (active)
    throw conflict(
      msg('conflict.exempt-already', { year: context.creditYear, basis: active.basis }),
      'year',
    );
  return [
    {
      type: 'ExemptionGranted',
      data: {
        exemptionId: command.exemptionId,
        creditYear: context.creditYear,
        basis: command.basis,
        evidence: command.evidence.trim(),
        profileId: context.profile.id,
      },
    },
  ];
}

export function decideExemptionRevocation(
  state: PersonState,
  command: { exemptionId: string; reason: string },
): ExemptionRevoked[] {
  const exemption = state.exemptions.get(command.exemptionId);
  if (!exemption) throw notFound('exemptionId', msg('not-found.exemption'));
  const reason = requireReason(command.reason);
  if (exemption.revoked) throw conflict(msg('conflict.exemption-revoked'));
  return [{ type: 'ExemptionRevoked', data: { exemptionId: exemption.exemptionId, reason } }];
}

export function decideSelfStudyPlan(
  state: PersonState,
  command: { creditYear: number; plan: string; approvedAt?: Date },
): SelfStudyPlanApproved[] {
  requireRegistered(state);
  if (state.selfStudyPlans.has(command.creditYear)) return [];
  if (!isReason(command.plan)) throw invalid('plan', msg('invalid.plan'));
  return [
    {
      type: 'SelfStudyPlanApproved',
      data: {
        creditYear: command.creditYear,
        plan: command.plan.trim(),
        ...(command.approvedAt ? { approvedAt: command.approvedAt.toISOString() } : {}),
      },
    },
  ];
}

export type { PersonProfile };
