import { splitCompositeId } from '../shared/ids';
import { creditStatus, CreditState } from './domain/person.decider';

/** A credit as callers see it: its figures, where it came from, and why it counts or not. */
export function creditView(credit: CreditState) {
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
    calculation: credit.calculation,
    reasons: [
      credit.revoked ? `revoked: ${credit.revoked.reason}` : null,
      credit.annulled ? credit.annulled.reason : null,
      credit.verification === 'pending'
        ? 'remote credit waiting for verification by the provincial committee (R5)'
        : null,
      credit.verificationReason ? `verification rejected: ${credit.verificationReason}` : null,
    ].filter((r): r is string => r !== null),
  };
}
