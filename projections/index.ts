import { activitiesProjection } from './activities/activities.projection';
import { creditProvenanceProjection } from './credit-provenance/credit-provenance.projection';
import type { Projection } from './projection';
import { personDirectoryProjection } from './person-directory/person-directory.projection';
import { personYearsProjection } from './person-years/person-years.projection';
import { sessionsProjection } from './sessions/sessions.projection';

/** Every projection the runner feeds, by name. */
export const projections: readonly Projection<unknown>[] = [
  personYearsProjection as Projection<unknown>,
  activitiesProjection as Projection<unknown>,
  sessionsProjection as Projection<unknown>,
  creditProvenanceProjection as Projection<unknown>,
  personDirectoryProjection as Projection<unknown>,
];
