import type {
  ActivityDetails,
  CreditCategory,
  Subject,
} from '../../activities/domain/activity.events';
import {
  type Earned,
  internalTrainingCredits,
  publicationCredits,
  selfStudyCredits,
  specialTrainingCredits,
} from '../../rules/non-project-credits';
import type { ExemptionBasis, RuleProfile } from '../../rules/rule-profiles';
import { Amount, compare, isPositive, sum } from '../../shared/domain/credits';
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
  PersonEvent,
  PersonProfile,
  PersonRegistered,
  SelfStudyPlanApproved,
  Verification,
} from './person.events';

export const reasonLengthMin = 8;
export const grantAmountMax = '25';

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
  registration: PersonRegistered['data'] | null;
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
  selfStudyPlans: Set<number>;
  /** Set once the person's key was destroyed (crypto-shredding). */
  erased: { reason: string; retainedUntil: string } | null;
  /** Corrections held for a second admin, by id. */
  corrections: Map<string, CorrectionState>;
}

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
    credits: new Map(),
    exemptions: new Map(),
    selfStudyPlans: new Set(),
    corrections: new Map(),
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
      case 'PersonRegistered':
        return { ...state, registration: event.data };
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
        return withCredit({
          ...credit(event.data.creditId),
          revoked: { reason: event.data.reason },
          lastEventId: event.eventId ?? '',
        });
      case 'CreditAdjusted':
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
          selfStudyPlans: new Set(state.selfStudyPlans).add(event.data.creditYear),
        };
      default:
        return assertNever(event);
    }
  },
};

function requireRegistered(state: PersonState): PersonRegistered['data'] {
  if (!state.registration) throw notFound('personId', 'no such person');
  return state.registration;
}

function requireReason(reason: string | null | undefined): string {
  const text = (reason ?? '').trim();
  if (text.length < reasonLengthMin)
    throw invalid('reason', `reason must be a sentence (at least ${reasonLengthMin} characters)`);
  return text;
}

/** Registering the same ID number again returns the person; with different details it conflicts. */
export function decideRegister(
  state: PersonState,
  registration: PersonRegistered['data'],
): PersonRegistered[] {
  const existing = state.registration;
  if (!existing) return [{ type: 'PersonRegistered', data: registration }];
  const same =
    existing.personalDataHash === registration.personalDataHash &&
    (['profession', 'titleLevel', 'specialty', 'jurisdiction', 'grassroots'] as const).every(
      (k) => existing[k] === registration[k],
    );
  if (!same)
    throw conflict('a person with this ID number is registered with different details', 'idNumber');
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
      `this person's records must be kept until ${retainedUntil.toISOString()} (${retentionYears} years after the last one); erase after that`,
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

/** Project credits, from an approved execution report (R12 applied by the session). */
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
  },
): CreditGranted[] {
  requireRegistered(state);
  if (state.credits.has(grant.creditId)) return []; // a retried approval: granted already
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
        amount: grant.amount,
        hours: grant.hours,
        category: grant.activity.category,
        subject: grant.activity.subject,
        format: grant.activity.format,
        earnedAt: grant.earnedAt.toISOString(),
        creditYear: context.creditYear,
        profileId: context.profile.id,
        profileVersion: context.profile.version,
        verification: verificationFor(grant.activity),
        calculation: grant.calculation,
        evidence: null,
      },
    },
  ];
}

/** R5: a remote provider cannot grant credits; they count once the provincial committee verifies. */
const verificationFor = (activity: ActivityDetails): Verification =>
  activity.format === 'remote' ? 'pending' : 'not-required';

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

/** Non-project credits (R11): the amount comes from the rule where the rule fixes it, within caps. */
export function decideNonProjectGrant(
  state: PersonState,
  context: GrantContext,
  grant: NonProjectGrant,
): CreditGranted[] {
  requireRegistered(state);
  if (state.credits.has(grant.creditId)) return [];
  const rules = context.profile.nonProject;
  const sameYear = [...state.credits.values()].filter(
    (c) => isLive(c) && c.creditYear === context.creditYear,
  );
  const usedOf = (kind: string) =>
    sum(sameYear.filter((c) => c.kind === kind).map((c) => c.amount));
  const { activity } = grant;
  let earned: Earned;
  switch (activity.kind) {
    case 'project':
      throw invalid(
        'activityId',
        'project credits are granted by approving the session execution report',
      );
    case 'internal-training':
      requireGrantor(
        grant,
        ['employer', 'committee'],
        'internal training credits are registered by the unit that runs it (R11)',
      );
      earned = internalTrainingCredits(
        rules,
        grant.hours,
        sum(sameYear.filter((c) => c.activityId === activity.activityId).map((c) => c.amount)),
      );
      break;
    case 'special-training':
      requireGrantor(
        grant,
        ['committee'],
        'special training credits are registered and granted by the provincial health commission (R11)',
      );
      earned = specialTrainingCredits(rules, grant, usedOf('special-training'));
      break;
    case 'self-study':
      requireGrantor(
        grant,
        ['employer'],
        'self-study credits are registered and granted by the employer (R11)',
      );
      if (!state.selfStudyPlans.has(context.creditYear)) {
        throw ruleViolated(
          'R11',
          'activityId',
          `self-study needs a plan approved by the employer at the start of ${context.creditYear}`,
        );
      }
      earned = selfStudyCredits(rules, requireAmount(grant), usedOf('self-study'));
      break;
    case 'publication':
      requireGrantor(
        grant,
        ['employer', 'committee'],
        'publication credits are granted by the employer or the committee',
      );
      earned = publicationCredits(rules, grant.journalTier, grant.authorRank);
      break;
    case 'advanced-study':
    case 'mentorship':
    case 'degree-education': {
      requireGrantor(
        grant,
        ['employer', 'committee'],
        `${activity.kind} credits are granted by the employer or the committee`,
      );
      const amount = requireAmount(grant);
      earned = { amount, calculation: `${amount} as granted (${activity.kind})` };
      break;
    }
    default:
      return assertNever(activity.kind);
  }
  const { amount, calculation } = earned;
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
        profileId: context.profile.id,
        profileVersion: context.profile.version,
        verification: verificationFor(activity),
        calculation,
        evidence: grant.evidence,
      },
    },
  ];
}

function requireGrantor(grant: NonProjectGrant, roles: string[], message: string): void {
  if (!roles.includes(grant.grantorRole))
    throw ruleViolated('R11', 'activityId', `${message}; a ${grant.grantorRole} may not`);
}

function requireAmount(grant: NonProjectGrant): Amount {
  if (!grant.amount || !isPositive(grant.amount))
    throw invalid('amount', 'amount must be more than 0');
  if (compare(grant.amount, grantAmountMax) > 0)
    throw invalid('amount', `amount must be at most ${grantAmountMax}`);
  return grant.amount;
}

function requireCredit(state: PersonState, creditId: string): CreditState {
  const credit = state.credits.get(creditId);
  if (!credit) throw notFound('creditId', 'no such credit');
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
    throw conflict(`the credit is not waiting for verification (${credit.verification})`);
  if (credit.revoked || credit.annulled) throw conflict('the credit was revoked or annulled');
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
  if (credit.revoked) throw conflict(`the credit was already revoked: ${credit.revoked.reason}`);
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
  if (credit.revoked) throw conflict('a revoked credit cannot be adjusted; grant a new one');
  const changes: CreditAdjusted['data']['changes'] = {};
  if (command.amount !== undefined && command.amount !== credit.amount) {
    if (!isPositive(command.amount) || compare(command.amount, grantAmountMax) > 0) {
      throw invalid(
        'amount',
        `amount must be more than 0 and at most ${grantAmountMax}; revoke the credit to remove it`,
      );
    }
    changes.amount = command.amount;
  }
  if (command.category !== undefined && command.category !== credit.category)
    changes.category = command.category;
  if (command.subject !== undefined && command.subject !== credit.subject)
    changes.subject = command.subject;
  if (Object.keys(changes).length === 0)
    throw invalid('amount', 'an adjustment must change the amount, category or subject');
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
  if (!context.profile.exemptionBases.value.includes(command.basis)) {
    throw ruleViolated(
      'R4',
      'basis',
      `${command.basis} is not a basis for exemption under ${context.profile.id}`,
    );
  }
  if (command.basis === 'covid-19-frontline' && context.creditYear !== 2020) {
    throw ruleViolated('R4', 'basis', 'COVID-19 front-line work exempts the 2020 credit year only');
  }
  if (command.evidence.trim().length < 4)
    throw invalid(
      'evidence',
      'an exemption needs its evidence (certificate or document reference)',
    );
  const active = [...state.exemptions.values()].find(
    (e) => e.creditYear === context.creditYear && !e.revoked,
  );
  if (active) throw conflict(`already exempt for ${context.creditYear} (${active.basis})`, 'year');
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
  if (!exemption) throw notFound('exemptionId', 'no such exemption');
  const reason = requireReason(command.reason);
  if (exemption.revoked) throw conflict('the exemption was already revoked');
  return [{ type: 'ExemptionRevoked', data: { exemptionId: exemption.exemptionId, reason } }];
}

export function decideSelfStudyPlan(
  state: PersonState,
  command: { creditYear: number; plan: string },
): SelfStudyPlanApproved[] {
  requireRegistered(state);
  if (state.selfStudyPlans.has(command.creditYear)) return [];
  if (command.plan.trim().length < reasonLengthMin)
    throw invalid('plan', 'describe the plan (content, schedule, form, how it is verified)');
  return [
    {
      type: 'SelfStudyPlanApproved',
      data: { creditYear: command.creditYear, plan: command.plan.trim() },
    },
  ];
}

export type { PersonProfile };
