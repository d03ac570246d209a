import type { ActivityEvent } from '../../src/activities/domain/activity.events';
import type { ProjectedEvent, Projection } from '../projection';

/** Activities and their sessions by jurisdiction and credit year: the spot-check population. */
export interface ActivityDoc {
  activityId: string;
  jurisdiction: string | null;
  kind: string | null;
  level: string | null;
  organizerId: string | null;
  /** Title and project code, for lists (absent on documents folded by version 1). */
  title?: string | null;
  code?: string | null;
  annulled: boolean;
  sessions: { sessionId: string; creditYear: number; startsAt: string }[];
}

export const activitiesProjection: Projection<ActivityDoc> = {
  name: 'activities',
  version: 2,
  table: 'proj_activities',
  handles: ['ActivityRegistered', 'SessionScheduled', 'ActivityAnnulled'],
  keyOf: (event) =>
    event.streamId.startsWith('activity-') ? event.streamId.slice('activity-'.length) : null,
  initialState: (activityId) => ({
    activityId,
    jurisdiction: null,
    kind: null,
    level: null,
    organizerId: null,
    title: null,
    code: null,
    annulled: false,
    sessions: [],
  }),
  evolve(doc: ActivityDoc, projected: ProjectedEvent): ActivityDoc {
    const event = { type: projected.type, data: projected.data } as ActivityEvent;
    switch (event.type) {
      case 'ActivityRegistered':
        return {
          ...doc,
          jurisdiction: event.data.jurisdiction,
          kind: event.data.kind,
          level: event.data.level,
          organizerId: event.data.organizerId,
          title: event.data.title,
          code: event.data.code,
        };
      case 'SessionScheduled':
        if (doc.sessions.some((s) => s.sessionId === event.data.sessionId)) return doc;
        return {
          ...doc,
          sessions: [
            ...doc.sessions,
            {
              sessionId: event.data.sessionId,
              creditYear: event.data.creditYear,
              startsAt: event.data.startsAt,
            },
          ],
        };
      case 'ActivityAnnulled':
        return { ...doc, annulled: true };
      default:
        return doc;
    }
  },
};
