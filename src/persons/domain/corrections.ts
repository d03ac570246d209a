import { msg } from '../../shared/domain/messages';
import { type Amount, compare, minus, sum } from '../../shared/domain/credits';
import { conflict, forbidden, notFound } from '../../shared/domain/domain-error';
import {
  decideAdjustment,
  decideRevocation,
  type PersonState,
  unapprovedChangeKey,
} from './person.decider';
import type { CorrectionChange, PersonEvent } from './person.events';

/** When a correction needs a second admin (maker-checker). */
export interface CorrectionLimits {
  /** A revocation of, or an adjustment by, more credits than this waits for approval. */
  approvalAbove: Amount;
  /** Whether the credit's year is sealed (学分审验 recorded) in the person's jurisdiction. */
  yearSealed: boolean;
}

/** The correction's own event(s), validated against the credit as it is now. */
export function correctionEvents(
  state: PersonState,
  creditId: string,
  change: CorrectionChange,
  reason: string,
): PersonEvent[] {
  if (change.kind === 'revoke') return decideRevocation(state, { creditId, reason });
  return decideAdjustment(state, {
    creditId,
    reason,
    amount: change.amount,
    category: change.category,
    subject: change.subject,
  });
}

/**
 * Why a correction must wait for a second admin; empty when it may take effect at once. The size
 * counted is this correction's plus what the same admin already changed in the credit's year
 * without a second admin — so a big change split into small steps (6 → 2.5, then revoke; 7.5 →
 * 11 → 16 …), or over several credits, is held once the steps together pass the threshold.
 */
export function heldBecause(
  state: PersonState,
  creditId: string,
  change: CorrectionChange,
  limits: CorrectionLimits,
  requestedBy?: string,
): string[] {
  const credit = state.credits.get(creditId);
  if (!credit) return [];
  const size =
    change.kind === 'revoke'
      ? credit.amount
      : change.amount === undefined
        ? '0'
        : minus(change.amount, credit.amount).replace(/^-/, '');
  const already =
    requestedBy === undefined
      ? '0'
      : (state.unapprovedChanges.get(unapprovedChangeKey(requestedBy, credit.creditYear)) ?? '0');
  const reasons: string[] = [];
  const verb = change.kind === 'revoke' ? 'removes' : 'changes';
  if (compare(size, limits.approvalAbove) > 0)
    reasons.push(`${verb} ${size} credits; more than ${limits.approvalAbove} needs a second admin`);
  else if (compare(sum([size, already]), limits.approvalAbove) > 0)
    reasons.push(
      `${verb} ${size} credits after the ${already} credits ${requestedBy} already changed in the ${credit.creditYear} credit year without a second admin; together more than ${limits.approvalAbove} needs a second admin`,
    );
  if (limits.yearSealed)
    reasons.push(
      `the ${credit.creditYear} credit year is sealed (学分审验); any correction of it needs a second admin`,
    );
  return reasons;
}

/**
 * A revocation or adjustment: its event at once when small and in an open year, else a
 * `CorrectionRequested` that takes effect only when another admin approves it.
 */
export function decideCorrection(
  state: PersonState,
  command: {
    correctionId: string;
    creditId: string;
    change: CorrectionChange;
    reason: string;
    requestedBy: string;
  },
  limits: CorrectionLimits,
): PersonEvent[] {
  const events = correctionEvents(state, command.creditId, command.change, command.reason);
  const waiting = [...state.corrections.values()].find(
    (c) => c.creditId === command.creditId && c.status === 'awaiting-approval',
  );
  if (waiting)
    throw conflict(msg('conflict.correction-waiting', { correctionId: waiting.correctionId }));
  const reasons = heldBecause(state, command.creditId, command.change, limits, command.requestedBy);
  // Made at once, by one admin: recorded as theirs, so their next corrections count it.
  if (reasons.length === 0)
    return events.map((event) =>
      event.type === 'CreditRevoked' || event.type === 'CreditAdjusted'
        ? ({ ...event, data: { ...event.data, correctedBy: command.requestedBy } } as PersonEvent)
        : event,
    );
  return [{ type: 'CorrectionRequested', data: { ...command, heldBecause: reasons } }];
}

function heldCorrection(state: PersonState, creditId: string, correctionId: string) {
  const held = state.corrections.get(correctionId);
  if (!held || held.creditId !== creditId)
    throw notFound('correctionId', msg('not-found.correction'));
  if (held.status !== 'awaiting-approval')
    throw conflict(
      msg('conflict.correction-decided', { status: held.status, by: held.decidedBy ?? '' }),
    );
  return held;
}

/** A second admin — never the one who asked — approves: the correction takes effect now. */
export function decideCorrectionApproval(
  state: PersonState,
  command: { creditId: string; correctionId: string; approvedBy: string },
): PersonEvent[] {
  const held = heldCorrection(state, command.creditId, command.correctionId);
  if (held.requestedBy === command.approvedBy) throw forbidden(msg('forbidden.second-admin'));
  return [
    {
      type: 'CorrectionApproved',
      data: {
        correctionId: held.correctionId,
        creditId: held.creditId,
        approvedBy: command.approvedBy,
      },
    },
    ...correctionEvents(state, held.creditId, held.change, held.reason),
  ];
}

/** Any admin of the jurisdiction (the requester too, withdrawing it) may reject a held correction. */
export function decideCorrectionRejection(
  state: PersonState,
  command: { creditId: string; correctionId: string; rejectedBy: string; reason: string },
): PersonEvent[] {
  const held = heldCorrection(state, command.creditId, command.correctionId);
  return [
    {
      type: 'CorrectionRejected',
      data: {
        correctionId: held.correctionId,
        creditId: held.creditId,
        rejectedBy: command.rejectedBy,
        reason: command.reason,
      },
    },
  ];
}
