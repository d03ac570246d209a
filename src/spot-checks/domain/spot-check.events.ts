import type { DomainEvent } from '../../shared/domain/domain-event';

export const spotCheckSubjects = ['sessions', 'persons'] as const;
export type SpotCheckSubject = (typeof spotCheckSubjects)[number];
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
export type SpotCheckFindingRecorded = DomainEvent<
  'SpotCheckFindingRecorded',
  {
    spotCheckId: string;
    sessionId: string;
    result: 'pass' | 'fail';
    reason: string;
    revokeCredits: boolean;
  }
>;
export type SpotCheckEvent = SpotCheckDrawn | SpotCheckFindingRecorded;

/** All draws and findings of one jurisdiction's credit year live on one stream, so none is hidden. */
export const spotCheckStreamId = (jurisdiction: string, year: number) =>
  `spotchecks-${jurisdiction}-${year}`;
export const spotCheckIdPattern = /^(CN(?:-[A-Z]{2})?)\.(\d{4})\.(\d{1,4})$/;
