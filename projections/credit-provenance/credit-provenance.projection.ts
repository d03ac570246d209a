import type { ActivityEvent, SessionScheduled } from '../../src/activities/domain/activity.events';
import type { CreditGrantData, PersonEvent } from '../../src/persons/domain/person.events';
import type { AttendanceRecorded, SessionEvent } from '../../src/sessions/domain/session.events';
import { splitCompositeId } from '../../src/shared/domain/composite-id';
import type { ProjectedEvent, Projection } from '../projection';

/**
 * Where each credit's provenance lies in the log: the global positions of the events a trace of
 * the credit shows (GET /credits/{id}/trace), so that a trace reads those events by the primary
 * key instead of three whole streams — the session's holding every attendee's scan. The events
 * themselves stay in the log (no copy: hashes, metadata and data come from the one source).
 *
 * Three kinds of document, each small:
 * - `person:<personId>`: per credit, its events in the person stream (grant, verification,
 *   corrections) and its grants (where the trace finds the activity and session); per session
 *   stream, the person's own scans there;
 * - `activity:<activityId>`: the activity's events, its `SessionScheduled` by session id;
 * - `session:<sessionUuid>`: the session stream's events other than scans (the report and its
 *   decision).
 */
export interface CreditProvenance {
  /** Global positions (decimal text) of the person's events about the credit, in log order. */
  events: string[];
  /** Each grant (a re-grant adds one), with what the trace needs to find its activity and session. */
  grants: {
    position: string;
    recordedAt: string;
    activityId: string;
    /** As the grant has it (absent when the grant has none, so a trace answers the same). */
    sessionId?: string | null;
    /**
     * The documents a trace of this grant reads beside the person's: the activity's (the one the
     * composite session id names, else the grant's activity) and the session's (null without a
     * composite session id), so one statement reads them all.
     */
    activityKey: string;
    sessionKey: string | null;
  }[];
}

export interface PersonProvenanceDoc {
  kind: 'person';
  credits: Record<string, CreditProvenance>;
  /** By session stream id: the person's scans there. */
  attendance: Record<string, string[]>;
}

export interface ActivityProvenanceDoc {
  kind: 'activity';
  /** Every event of the activity stream but `SessionScheduled`. */
  events: string[];
  /** `SessionScheduled` by composite session id. */
  sessions: Record<string, string[]>;
}

export interface SessionProvenanceDoc {
  kind: 'session';
  /** Every event of the session stream but scans. */
  events: string[];
}

export type ProvenanceDoc = PersonProvenanceDoc | ActivityProvenanceDoc | SessionProvenanceDoc;

type CreditEvent = Extract<PersonEvent, { data: { creditId: string } }>;

const activityTypes = [
  'ActivityRegistered',
  'SessionScheduled',
  'ActivityAnnulled',
] as const satisfies readonly ActivityEvent['type'][];
const sessionTypes = [
  'AttendanceRecorded',
  'ExecutionReportSubmitted',
  'ExecutionReportApproved',
  'ExecutionReportRejected',
] as const satisfies readonly SessionEvent['type'][];
const creditTypes = [
  'CreditGranted',
  'CreditImported',
  'CreditVerified',
  'CreditVerificationRejected',
  'CreditRevoked',
  'CreditAdjusted',
  'CreditAnnulled',
  'CorrectionRequested',
  'CorrectionApproved',
  'CorrectionRejected',
] as const satisfies readonly CreditEvent['type'][];
const handled = [...activityTypes, ...sessionTypes, ...creditTypes];

/**
 * The trace shows every event of the activity and session streams and every person event naming
 * the credit: a new event type there must be handled here, or this fails to compile.
 */
type Unhandled = Exclude<
  ActivityEvent['type'] | SessionEvent['type'] | CreditEvent['type'],
  (typeof handled)[number]
>;
const everyTypeHandled: [Unhandled] extends [never] ? true : never = true;
void everyTypeHandled;

export const personProvenanceKey = (personId: string) => `person:${personId}`;
export const activityProvenanceKey = (activityId: string) => `activity:${activityId}`;
export const sessionProvenanceKey = (sessionUuid: string) => `session:${sessionUuid}`;

const after = (prefix: string, text: string) =>
  text.startsWith(prefix) ? text.slice(prefix.length) : null;

function positionOf(event: ProjectedEvent): string {
  if (event.globalPosition === undefined)
    throw new Error(`credit-provenance: event ${event.eventId} was not read from the log`);
  return event.globalPosition;
}

const appended = (list: readonly string[] | undefined, position: string): string[] =>
  !list ? [position] : list.includes(position) ? [...list] : [...list, position];

function evolvePerson(doc: PersonProvenanceDoc, event: ProjectedEvent): PersonProvenanceDoc {
  const position = positionOf(event);
  if (event.type === 'AttendanceRecorded') {
    const list = doc.attendance[event.streamId];
    if (list?.includes(position)) return doc;
    return {
      ...doc,
      attendance: { ...doc.attendance, [event.streamId]: appended(list, position) },
    };
  }
  const { creditId } = event.data as CreditEvent['data'];
  const credit = doc.credits[creditId] ?? { events: [], grants: [] };
  if (credit.events.includes(position)) return doc;
  let grants = credit.grants;
  if (event.type === 'CreditGranted' || event.type === 'CreditImported') {
    const { activityId, sessionId } = event.data as CreditGrantData;
    const parts = sessionId ? splitCompositeId(sessionId) : null;
    grants = [
      ...credit.grants,
      {
        position,
        recordedAt: event.recordedAt,
        activityId,
        sessionId,
        activityKey: activityProvenanceKey(parts ? parts.parent : activityId),
        sessionKey: parts ? sessionProvenanceKey(parts.child) : null,
      },
    ];
  }
  return {
    ...doc,
    credits: {
      ...doc.credits,
      [creditId]: { events: appended(credit.events, position), grants },
    },
  };
}

export const creditProvenanceProjection: Projection<ProvenanceDoc> = {
  name: 'credit-provenance',
  version: 1,
  table: 'proj_credit_provenance',
  handles: handled,
  keyOf(event) {
    const activityId = after('activity-', event.streamId);
    if (activityId !== null) return activityProvenanceKey(activityId);
    const sessionUuid = after('session-', event.streamId);
    if (sessionUuid !== null)
      return event.type === 'AttendanceRecorded'
        ? personProvenanceKey((event.data as AttendanceRecorded['data']).personId)
        : sessionProvenanceKey(sessionUuid);
    const personId = after('person-', event.streamId);
    if (personId !== null && typeof (event.data as { creditId?: unknown }).creditId === 'string')
      return personProvenanceKey(personId);
    return null;
  },
  initialState(key): ProvenanceDoc {
    if (key.startsWith('person:')) return { kind: 'person', credits: {}, attendance: {} };
    if (key.startsWith('activity:')) return { kind: 'activity', events: [], sessions: {} };
    return { kind: 'session', events: [] };
  },
  evolve(doc: ProvenanceDoc, event: ProjectedEvent): ProvenanceDoc {
    switch (doc.kind) {
      case 'person':
        return evolvePerson(doc, event);
      case 'activity': {
        const position = positionOf(event);
        if (event.type === 'SessionScheduled') {
          const { sessionId } = event.data as SessionScheduled['data'];
          const list = doc.sessions[sessionId];
          if (list?.includes(position)) return doc;
          return { ...doc, sessions: { ...doc.sessions, [sessionId]: appended(list, position) } };
        }
        if (doc.events.includes(position)) return doc;
        return { ...doc, events: appended(doc.events, position) };
      }
      case 'session': {
        const position = positionOf(event);
        if (doc.events.includes(position)) return doc;
        return { ...doc, events: appended(doc.events, position) };
      }
      default: {
        const never: never = doc;
        return never;
      }
    }
  },
};
