import { inEnglish, type Message, msg } from '../shared/domain/messages';
import { splitCompositeId } from '../shared/ids';
import type { CreditCorrectionView } from './credit-corrections';
import { creditStatus, CreditState } from './domain/person.decider';

/**
 * A credit as callers see it: its figures, where it came from, why it counts or not, and — when
 * they are given — the corrections that took effect (`correctionHistory`: kind, amount before and
 * after, reason, actor, when; held corrections are `corrections` where a route shows them).
 */
export function creditView(credit: CreditState, corrections?: readonly CreditCorrectionView[]) {
  const adjustments = (corrections ?? []).filter((c) => c.kind === 'adjusted');
  const reasonCodes: Message[] = [
    credit.revoked ? msg('credit.revoked', { reason: credit.revoked.reason }) : null,
    credit.annulled ? msg('credit.annulled', { reason: credit.annulled.reason }) : null,
    credit.verification === 'pending' ? msg('credit.awaiting-verification') : null,
    credit.verificationReason
      ? msg('credit.verification-rejected', { reason: credit.verificationReason })
      : null,
    ...adjustments.map((c) => c.textCode),
  ].filter((r): r is Message => r !== null);
  return {
    creditId: credit.creditId,
    personId: splitCompositeId(credit.creditId)?.parent ?? null,
    status: creditStatus(credit),
    amount: credit.amount,
    category: credit.category,
    subject: credit.subject,
    kind: credit.kind,
    source: credit.source,
    format: credit.format,
    level: credit.level,
    activityId: credit.activityId,
    sessionId: credit.sessionId,
    earnedAt: credit.earnedAt,
    creditYear: credit.creditYear,
    profile: `${credit.profileId}@${credit.profileVersion}`,
    verification: credit.verification,
    /** How the amount was first worked out (at the grant; corrections follow in `corrections`). */
    calculation: credit.calculation,
    /** The same as a code, for credits granted since it was kept (the answer's language renders it). */
    calculationCode: credit.calculationCode ?? null,
    reasons: reasonCodes.map(inEnglish),
    reasonCodes,
    ...(corrections ? { correctionHistory: [...corrections] } : {}),
  };
}
