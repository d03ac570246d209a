import { msg } from '../../shared/domain/messages';
import type { FilingFlag } from '../../rules/process-deadlines';
import { Amount } from '../../shared/domain/credits';
import { invalid } from '../../shared/domain/domain-error';
import { parseCalendarDate } from '../../shared/domain/shanghai-time';
import { DomainEvent } from '../../shared/domain/domain-event';

export const activityKinds = [
  'project',
  'internal-training',
  'advanced-study',
  'mentorship',
  'degree-education',
  'special-training',
  'self-study',
  'publication',
] as const;
export type ActivityKind = (typeof activityKinds)[number];
export const activityLevels = ['national', 'provincial', 'municipal', 'unit'] as const;
export type ActivityLevel = (typeof activityLevels)[number];
export const creditCategories = ['I', 'II'] as const;
export type CreditCategory = (typeof creditCategories)[number];
export const subjects = ['public', 'professional'] as const;
export type Subject = (typeof subjects)[number];
export const formats = ['in-person', 'remote'] as const;
export type Format = (typeof formats)[number];

export interface ActivityDetails {
  activityId: string;
  kind: ActivityKind;
  code: string | null;
  title: string;
  level: ActivityLevel;
  category: CreditCategory | null;
  subject: Subject;
  format: Format;
  credits: Amount;
  hours: Amount;
  jurisdiction: string;
  organizerId: string;
  /**
   * R13 (004 §六.6): the sessions a year declared at application (1–6 for a national project;
   * absent on registrations recorded before it was asked, which fall back to the profile's 6).
   */
  sessionsDeclared?: number | null;
  /**
   * Where the organizer is based, when it is not the venue's jurisdiction (R14, 001 (十八):
   * national projects brought to Chongqing from outside file a month ahead).
   */
  organizerJurisdiction?: string | null;
}

export type ActivityRegistered = DomainEvent<'ActivityRegistered', ActivityDetails>;
export type SessionScheduled = DomainEvent<
  'SessionScheduled',
  {
    sessionId: string;
    startsAt: string;
    endsAt: string;
    location: string;
    creditYear: number;
    profileId: string;
    /** R14: the filing rules it was scheduled too late for (absent on sessions from before). */
    filing?: FilingFlag[];
  }
>;
/**
 * R15: what an annulment does to credits already granted, stated by the committee: `keep` them
 * (flagged), or `revoke` those of sessions held from `revokeFrom` (a Shanghai date; null: all).
 * Annulments recorded before the choice was asked have neither field and revoked every credit.
 */
export type AnnulmentCredits = 'keep' | 'revoke';

/** R15: `revokeFrom` (a date that exists) goes only with `revoke`. */
export function checkAnnulmentCredits(credits: AnnulmentCredits, revokeFrom: string | null): void {
  if (credits === 'keep' && revokeFrom !== null)
    throw invalid('revokeFrom', msg('invalid.revoke-from-needs-revoke'));
  if (revokeFrom !== null && !parseCalendarDate(revokeFrom))
    throw invalid('revokeFrom', msg('invalid.revoke-from-date'));
}

export type ActivityAnnulled = DomainEvent<
  'ActivityAnnulled',
  {
    reason: string;
    annulledAt: string;
    credits?: AnnulmentCredits;
    revokeFrom?: string | null;
    /** Sessions not yet held when annulled: cancelled. */
    cancelledSessions?: string[];
    /** Set when the organizer's projects of a year were annulled together (failed inspection). */
    organizerAnnulment?: { annulmentId: string; organizerId: string; year: number } | null;
  }
>;

export type ActivityEvent = ActivityRegistered | SessionScheduled | ActivityAnnulled;

export const activityStreamId = (activityId: string) => `activity-${activityId}`;
