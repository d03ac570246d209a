import type { DomainEvent } from '../../shared/domain/domain-event';

/**
 * R7 samples projects (001 (二十二): 按当年公布项目总数的6%~10%); `sessions` is how draws were made
 * before, kept so that those draws can still be verified, and refused for new ones.
 */
export const spotCheckSubjects = ['projects', 'persons', 'sessions'] as const;
export type SpotCheckSubject = (typeof spotCheckSubjects)[number];
export const projectStrata = ['level', 'organizer'] as const;
export const sessionStrata = ['level', 'kind', 'organizer'] as const;
export const personStrata = ['titleLevel', 'grassroots'] as const;

export interface DrawData {
  spotCheckId: string;
  subject: SpotCheckSubject;
  jurisdiction: string;
  year: number;
  rate: string;
  strata: string[];
  seed: string;
  seedSource: 'given' | 'ledger-digest';
  algorithm: string;
  /** The population as read from the projection at `position` (a log position). */
  population: { count: number; digest: string; position: string; projection: string };
  selected: string[];
  /** Required from the second draw of a jurisdiction-year on. */
  reason: string | null;
}

export type SpotCheckDrawn = DomainEvent<'SpotCheckDrawn', DrawData>;
/** Credits a failed finding revokes: named by the committee, attendee by attendee, per session. */
export interface FindingRevocation {
  sessionId: string;
  personIds: string[];
}

export type SpotCheckFindingRecorded = DomainEvent<
  'SpotCheckFindingRecorded',
  {
    spotCheckId: string;
    /** The sampled project (draws of projects). */
    activityId?: string;
    /** The sampled session (draws of sessions, before R7 sampled projects). */
    sessionId?: string;
    result: 'pass' | 'fail';
    reason: string;
    /** What failed, item by item (e.g. 签到记录与扫码不符). */
    failed?: string[];
    /** Findings before the committee named revocations: true revoked the session's every credit. */
    revokeCredits: boolean;
    /** The credits the committee revokes because of this finding (none unless named). */
    revoke?: FindingRevocation[];
  }
>;
export type SpotCheckEvent = SpotCheckDrawn | SpotCheckFindingRecorded;

/** All draws and findings of one jurisdiction's credit year live on one stream, so none is hidden. */
export const spotCheckStreamId = (jurisdiction: string, year: number) =>
  `spotchecks-${jurisdiction}-${year}`;
export const spotCheckIdPattern = /^(CN(?:-[A-Z]{2})?)\.(\d{4})\.(\d{1,4})$/;
