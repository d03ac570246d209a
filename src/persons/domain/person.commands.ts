import { msg } from '../../shared/domain/messages';
import type { CreditCategory, Subject } from '../../activities/domain/activity.events';
import { creditYearOf, type ExemptionBasis, profileFor } from '../../rules/rule-profiles';
import type { Amount } from '../../shared/domain/credits';
import { assertNever, notFound } from '../../shared/domain/domain-error';
import type { Decider } from '../../shared/domain/domain-event';
import { attributesForCreditYear } from './person-attributes';
import {
  type CorrectionLimits,
  decideCorrection,
  decideCorrectionApproval,
  decideCorrectionRejection,
} from './corrections';
import {
  decideAdjustment,
  decideAnnulCredit,
  decideEmployment,
  decideErasure,
  decideExemption,
  decideAttributesChange,
  decideExemptionRevocation,
  decideNonProjectGrant,
  decideProjectGrant,
  decideRegister,
  decideRevocation,
  decideSelfStudyPlan,
  decideVerification,
  jurisdictionOn,
  type NonProjectGrant,
  personEvolver,
  type PersonState,
} from './person.decider';
import type {
  CorrectionChange,
  PersonAttributesChanged,
  PersonEvent,
  PersonRegistered,
} from './person.events';

/**
 * What can be asked of a person's stream. Ids (credit, correction, exemption) and times come in as
 * data; the rule profile of a year is looked up from the person's jurisdiction where it depends on
 * the state, or carried in (`context`) where the caller knows it.
 */
export type PersonCommand =
  | { type: 'RegisterPerson'; registration: PersonRegistered['data'] }
  | { type: 'RecordEmployment'; employerId: string | null; reason: string }
  /** Attributes from a date on; `today` is the Asia/Shanghai date of the request. */
  | {
      type: 'ChangeAttributes';
      changeId: string;
      effectiveFrom: string;
      changes: PersonAttributesChanged['data']['changes'];
      reason: string;
      today: string;
    }
  | { type: 'ErasePerson'; reason: string; lastRecordedAt: Date; now: Date }
  /**
   * From an approved execution report (the credit-effects reactor). The credit year follows from
   * the person's jurisdiction (the activity's before registration) and `earnedAt`. With
   * `annulment` the project was annulled meanwhile: the credit is recorded and annulled at once.
   */
  | {
      type: 'GrantProjectCredit';
      grant: Parameters<typeof decideProjectGrant>[2];
      annulment: { reason: string } | null;
    }
  /** R11: the credit year follows from the person's jurisdiction and `earnedAt`. */
  | { type: 'GrantNonProjectCredit'; grant: NonProjectGrant }
  | { type: 'VerifyCredit'; creditId: string; approve: boolean; reason: string | null }
  | { type: 'RevokeCredit'; creditId: string; reason: string }
  | {
      type: 'AdjustCredit';
      creditId: string;
      reason: string;
      amount?: Amount;
      category?: CreditCategory;
      subject?: Subject;
    }
  /** A revocation or adjustment by an admin: at once, or held for a second admin. */
  | {
      type: 'CorrectCredit';
      correctionId: string;
      creditId: string;
      change: CorrectionChange;
      reason: string;
      requestedBy: string;
      limits: CorrectionLimits;
    }
  | { type: 'ApproveCorrection'; creditId: string; correctionId: string; approvedBy: string }
  | {
      type: 'RejectCorrection';
      creditId: string;
      correctionId: string;
      rejectedBy: string;
      reason: string;
    }
  | { type: 'AnnulCredit'; creditId: string; activityId: string; reason: string }
  | {
      type: 'GrantExemption';
      creditYear: number;
      exemptionId: string;
      basis: ExemptionBasis;
      evidence: string;
    }
  | { type: 'RevokeExemption'; exemptionId: string; reason: string }
  | { type: 'ApproveSelfStudyPlan'; creditYear: number; plan: string; approvedAt?: Date };

export const personDecider: Decider<PersonCommand, PersonState, PersonEvent> = {
  initialState: personEvolver.initialState,
  evolve: personEvolver.evolve,
  decide(command, state) {
    switch (command.type) {
      case 'RegisterPerson':
        return decideRegister(state, command.registration);
      case 'RecordEmployment':
        return decideEmployment(state, command.employerId, command.reason);
      case 'ChangeAttributes':
        return decideAttributesChange(state, command);
      case 'ErasePerson':
        return decideErasure(state, command);
      case 'GrantProjectCredit':
        return decideGrantAfterApproval(state, command);
      case 'GrantNonProjectCredit': {
        if (!state.registration) throw notFound('personId', msg('not-found.person'));
        // The jurisdiction the person belonged to on the day the credit was earned.
        const jurisdiction =
          jurisdictionOn(state, command.grant.earnedAt) ?? state.registration.jurisdiction;
        const creditYear = creditYearOf(jurisdiction, command.grant.earnedAt);
        const profile = profileFor(jurisdiction, creditYear);
        return decideNonProjectGrant(state, { creditYear, profile }, command.grant);
      }
      case 'VerifyCredit':
        return decideVerification(state, command);
      case 'RevokeCredit':
        return decideRevocation(state, command);
      case 'AdjustCredit':
        return decideAdjustment(state, command);
      case 'CorrectCredit': {
        // Field by field: the request is recorded as it is (CorrectionRequested), without `type`.
        const { correctionId, creditId, change, reason, requestedBy } = command;
        return decideCorrection(
          state,
          { correctionId, creditId, change, reason, requestedBy },
          command.limits,
        );
      }
      case 'ApproveCorrection':
        return decideCorrectionApproval(state, command);
      case 'RejectCorrection':
        return decideCorrectionRejection(state, command);
      case 'AnnulCredit':
        return decideAnnulCredit(state, command);
      case 'GrantExemption': {
        // The jurisdiction of the year: in force on the year's last day (a transfer moves later years).
        const jurisdiction = state.attributes
          ? attributesForCreditYear(state.attributes, command.creditYear).jurisdiction
          : (state.registration?.jurisdiction ?? 'CN');
        const context = {
          creditYear: command.creditYear,
          profile: profileFor(jurisdiction, command.creditYear),
        };
        return decideExemption(state, context, command);
      }
      case 'RevokeExemption':
        return decideExemptionRevocation(state, command);
      case 'ApproveSelfStudyPlan':
        return decideSelfStudyPlan(state, command);
      default:
        return assertNever(command);
    }
  },
};

function decideGrantAfterApproval(
  state: PersonState,
  command: Extract<PersonCommand, { type: 'GrantProjectCredit' }>,
): PersonEvent[] {
  const { grant } = command;
  const jurisdiction =
    jurisdictionOn(state, grant.earnedAt) ??
    state.registration?.jurisdiction ??
    grant.activity.jurisdiction;
  const creditYear = creditYearOf(jurisdiction, grant.earnedAt);
  const granted = decideProjectGrant(
    state,
    { creditYear, profile: profileFor(jurisdiction, creditYear) },
    grant,
  );
  if (granted.length === 0 || !command.annulment) return granted;
  // The evolver extends the credits in place: fold the grant onto a copy, never onto `state`.
  const after = granted.reduce(personEvolver.evolve, { ...state, credits: new Map(state.credits) });
  return [
    ...granted,
    ...decideAnnulCredit(after, {
      creditId: grant.creditId,
      activityId: grant.activity.activityId,
      reason: command.annulment.reason,
    }),
  ];
}
