import { DomainEvent } from '../../shared/domain/domain-event';

/**
 * R16 (seed 004 §七.3): 凡弄虚作假等违规申报者…分别给予不批准、批评、全国通报、责令停办、取消 1～3 年
 * 申报资格等处罚 — refusal, warning, national notice, suspension, ban of 1–3 years.
 */
export const sanctionKinds = [
  'refusal',
  'warning',
  'national-notice',
  'suspension',
  'ban',
] as const;
export type SanctionKind = (typeof sanctionKinds)[number];
/** Kinds that last a period, during which the organizer registers no project and holds no session. */
export const sanctionKindsWithPeriod: readonly SanctionKind[] = ['suspension', 'ban'];

export const sanctionKindNames: Record<SanctionKind, string> = {
  refusal: '不批准 refusal',
  warning: '批评 warning',
  'national-notice': '全国通报 national notice',
  suspension: '责令停办 suspension',
  ban: '取消申报资格 ban',
};

export type SanctionImposed = DomainEvent<
  'SanctionImposed',
  {
    sanctionId: string;
    organizerId: string;
    kind: SanctionKind;
    /** Calendar dates in Asia/Shanghai; `until` is the first day no longer covered (null: no period). */
    from: string;
    until: string | null;
    years: number | null;
    jurisdiction: string;
    reason: string;
  }
>;
export type SanctionLifted = DomainEvent<
  'SanctionLifted',
  { sanctionId: string; organizerId: string; reason: string; from: string }
>;

/**
 * R15 (seed 002: 年度年检…不合格的…单位，停止其举办…项目资格，其所获公布的…项目废止): the organizer's
 * projects of a year in a jurisdiction are annulled together; the credit-effects reactor annuls each.
 */
export type OrganizerProjectsAnnulled = DomainEvent<
  'OrganizerProjectsAnnulled',
  {
    annulmentId: string;
    organizerId: string;
    jurisdiction: string;
    year: number;
    reason: string;
    credits: 'keep' | 'revoke';
    revokeFrom: string | null;
    /** The projects annulled, as published for that year when the committee decided. */
    activityIds: string[];
  }
>;

export type OrganizerEvent = SanctionImposed | SanctionLifted | OrganizerProjectsAnnulled;

/** One stream per organizer (an organization id, never personal data). */
export const organizerStreamId = (organizerId: string) => `organizer-${organizerId}`;
