import {
  activityDecider,
  activityEvolver,
  annulmentRevokes,
  type ActivityState,
} from '../activities/domain/activity.decider';
import type { ActivityAnnulled, ActivityDetails } from '../activities/domain/activity.events';
import { activityStreamId } from '../activities/domain/activity.events';
import type { Sql } from 'postgres';
import type { EventMetadata, EventStore, RecordedEvent } from '../event-store/event-store.port';
import {
  assessDocYear,
  personYearsProjection,
} from '../../projections/person-years/person-years.projection';
import { personDecider } from '../persons/domain/person.commands';
import { calculated } from '../rules/non-project-credits';
import { type Message, msg } from '../shared/domain/messages';
import { personStreamId } from '../persons/domain/person.events';
import { personYearsDocFromLog } from '../persons/person-years-from-log';
import { sessionEvolver } from '../sessions/domain/session.decider';
import type { ExecutionReportApproved } from '../sessions/domain/session.events';
import { sessionStreamId } from '../sessions/domain/session.events';
import type { OrganizerProjectsAnnulled } from '../organizers/domain/organizer.events';
import type { SpotCheckFindingRecorded } from '../spot-checks/domain/spot-check.events';
import { loadState } from '../shared/application/state-cache';
import { handle } from '../shared/application/handle';
import { derivedId, splitCompositeId } from '../shared/ids';
import { forEachLimited, reactionMetadata, type Reactor } from './reactor';

export type CreditEffects =
  | { kind: 'granted'; creditsGranted: number; creditsAnnulled: number }
  | { kind: 'annulled'; creditsAnnulled: number }
  | { kind: 'projects-annulled'; projectsAnnulled: string[] }
  | {
      kind: 'revoked';
      revokedCredits: string[];
      /** People whose year fell below its minimum because of the finding. */
      peopleNowShort: { personId: string; year: number; reasons: string[] }[];
    }
  | { kind: 'none'; why: string };

export const creditEffectsReactorName = 'reactor:credit-effects';

/**
 * What happens to people's credits when something happens to a session or a project. One reactor
 * with one checkpoint, so the effects follow the log's order: an approval's grants come before the
 * annulment or the failed finding that takes them back. Each reaction is idempotent by its derived
 * event ids (a grant per credit id; an annulment per credit; a revocation per finding and credit).
 */
export const creditEffectsReactor: Reactor<CreditEffects> = {
  name: creditEffectsReactorName,
  version: 1,
  handles: [
    'ExecutionReportApproved',
    'ActivityAnnulled',
    'SpotCheckFindingRecorded',
    'OrganizerProjectsAnnulled',
  ],
  async react(event, { store, sql }) {
    switch (event.type) {
      case 'ExecutionReportApproved':
        return grantAfterApproval(store, sql, event as RecordedEvent<string, Approval>);
      case 'ActivityAnnulled':
        return annulAfterAnnulment(store, event as RecordedEvent<string, Annulment>);
      case 'SpotCheckFindingRecorded':
        return revokeAfterFinding(store, event as RecordedEvent<string, Finding>);
      case 'OrganizerProjectsAnnulled':
        return annulProjectsOfYear(store, event as RecordedEvent<string, OrganizerAnnulment>);
      default:
        return { kind: 'none', why: `${event.type} has no credit effects` };
    }
  },
};

type Approval = ExecutionReportApproved['data'];
type Annulment = ActivityAnnulled['data'];
type Finding = SpotCheckFindingRecorded['data'];
type OrganizerAnnulment = OrganizerProjectsAnnulled['data'];

/**
 * R15: an organizer that failed its annual inspection loses its projects of that year: each named
 * project gets its ActivityAnnulled (the id a single annulment would use, so one annulled already
 * records nothing), citing the organizer's annulment; those annulments' credit effects follow as
 * for any annulment, later in the log.
 */
async function annulProjectsOfYear(
  store: EventStore,
  event: RecordedEvent<string, OrganizerAnnulment>,
): Promise<CreditEffects> {
  const { data } = event;
  const metadata = reactionMetadata(event, creditEffectsReactorName, { reason: data.reason });
  const projectsAnnulled: string[] = [];
  await forEachLimited(data.activityIds, async (activityId) => {
    const appended = await handle(
      store,
      activityDecider,
      activityStreamId(activityId),
      {
        type: 'AnnulActivity',
        reason: data.reason,
        now: event.occurredAt,
        credits: data.credits,
        revokeFrom: data.revokeFrom,
        organizerAnnulment: {
          annulmentId: data.annulmentId,
          organizerId: data.organizerId,
          year: data.year,
        },
      },
      {
        metadata,
        eventId: () => derivedId(activityId, 'annulled'),
        occurredAt: event.occurredAt,
        result: (_state, events) => events.length,
      },
    );
    if (appended > 0) projectsAnnulled.push(activityId);
  });
  return { kind: 'projects-annulled', projectsAnnulled: projectsAnnulled.sort() };
}

/** R12 in words, on each credit: how the amount was worked out. */
export function grantCalculation(data: Approval): {
  calculation: string;
  calculationCode: Message;
} {
  const figures = {
    credits: String(data.plannedCredits),
    taught: String(data.hoursTaught),
    planned: String(data.plannedHours),
  };
  return calculated(
    data.creditsPerAttendee === data.plannedCredits
      ? msg('calc.project-as-approved', figures)
      : msg('calc.project-reduced', { ...figures, amount: String(data.creditsPerAttendee) }),
  );
}

const annulmentReason = (reason: string) => `project annulled: ${reason}`;

/**
 * The session and activity of an approval recorded before approvals named them: the activities
 * projection lists each activity's sessions by their composite id (activity uuid ‖ session uuid,
 * base64url), which is rebuilt here from each activity's key. Null when the projection does not
 * have it (yet).
 */
async function legacySessionOf(
  sql: Sql,
  sessionStreamId: string,
): Promise<{ sessionId: string; activityId: string } | null> {
  const sessionHex = sessionStreamId.slice('session-'.length).replace(/-/g, '');
  if (!/^[0-9a-f]{32}$/.test(sessionHex)) return null;
  const [row] = await sql<{ activity_id: string; session_id: string }[]>`
    SELECT a.key AS activity_id, c.composite AS session_id
      FROM proj_activities a,
           LATERAL (SELECT rtrim(translate(encode(decode(replace(a.key, '-', '') || ${sessionHex}, 'hex'), 'base64'), '+/', '-_'), '=') AS composite) c
     WHERE a.doc->'sessions' @> jsonb_build_array(jsonb_build_object('sessionId', c.composite))
     LIMIT 1`;
  return row ? { sessionId: row.session_id, activityId: row.activity_id } : null;
}

async function grantAfterApproval(
  store: EventStore,
  sql: Sql,
  event: RecordedEvent<string, Approval>,
): Promise<CreditEffects> {
  let { data } = event;
  if (!data.sessionId || !data.activityId) {
    // Approved before approvals named their session: its request made the grants, and a crash in
    // the middle left the rest to a repeated approval — which now records nothing. Complete them
    // here (the same ids and business times as that request used), so nobody has to.
    const found = await legacySessionOf(sql, event.streamId);
    if (!found) return { kind: 'none', why: 'approval of a session the projection does not list' };
    data = { ...data, ...found };
  }
  const { state: activity } = await loadState(
    store,
    activityStreamId(data.activityId as string),
    activityEvolver,
    { shared: true },
  );
  const details = activity.details as ActivityDetails;
  const session = activity.sessions.get(data.sessionId as string);
  const notEntered = session?.filing?.find((f) => f.creditsNotEntered);
  if (notEntered)
    return {
      kind: 'none',
      why: `R14: the session was not filed in time (${notEntered.code}, due by ${notEntered.dueBy}); its credits are not entered`,
    };
  // R15: an annulment recorded before the grants takes them back only as the committee stated.
  const annulsSession =
    activity.annulled !== null &&
    (!session || annulmentRevokes(activity.annulled, session.startsAt));
  const { calculation, calculationCode } = grantCalculation(data);
  const metadata = reactionMetadata(event, creditEffectsReactorName);
  let creditsGranted = 0;
  let creditsAnnulled = 0;
  await forEachLimited(data.grants, async (grant) => {
    const earnedAt = new Date(grant.scannedAt);
    const appended = await handle(
      store,
      personDecider,
      personStreamId(grant.personId),
      {
        type: 'GrantProjectCredit',
        grant: {
          creditId: grant.creditId,
          activity: details,
          sessionId: data.sessionId as string,
          amount: data.creditsPerAttendee,
          hours: data.hoursTaught,
          earnedAt,
          calculation,
          calculationCode,
        },
        // The project was annulled while this approval waited for its grants: the credit is
        // recorded and annulled at once, with the id the annulment's own reaction would use.
        annulment: annulsSession
          ? { reason: annulmentReason((activity.annulled as { reason: string }).reason) }
          : null,
      },
      {
        metadata,
        eventId: (e) =>
          derivedId(grant.creditId, e.type === 'CreditGranted' ? 'granted' : 'annulled'),
        occurredAt: (e) => (e.type === 'CreditGranted' ? earnedAt : event.occurredAt),
        result: (_state, events) => events,
      },
    );
    creditsGranted += appended.filter((e) => e.type === 'CreditGranted').length;
    creditsAnnulled += appended.filter((e) => e.type === 'CreditAnnulled').length;
  });
  return { kind: 'granted', creditsGranted, creditsAnnulled };
}

async function annulAfterAnnulment(
  store: EventStore,
  event: RecordedEvent<string, Annulment>,
): Promise<CreditEffects> {
  const activityId = event.streamId.slice('activity-'.length);
  const { state } = await loadState<ActivityState, never>(
    store,
    event.streamId,
    activityEvolver as never,
    { shared: true },
  );
  const creditIds: string[] = [];
  // R15: the credits the committee chose to take back (every one, for annulments from before it chose).
  for (const [sessionId, scheduled] of state.sessions) {
    if (!annulmentRevokes(event.data, scheduled.startsAt)) continue;
    const session = await loadState(
      store,
      sessionStreamId((splitCompositeId(sessionId) as { child: string }).child),
      sessionEvolver,
      { shared: true },
    );
    if (session.state.decision?.approved)
      creditIds.push(...session.state.decision.data.grants.map((g) => g.creditId));
  }
  const reason = annulmentReason(event.data.reason);
  const metadata = reactionMetadata(event, creditEffectsReactorName);
  let creditsAnnulled = 0;
  await forEachLimited(creditIds, async (creditId) => {
    const personId = (splitCompositeId(creditId) as { parent: string }).parent;
    // A credit not granted yet gets its annulment with its grant (see grantAfterApproval).
    creditsAnnulled += await handle(
      store,
      personDecider,
      personStreamId(personId),
      { type: 'AnnulCredit', creditId, activityId, reason },
      {
        metadata,
        eventId: () => derivedId(creditId, 'annulled'),
        occurredAt: event.occurredAt,
        result: (_state, events) => events.length,
      },
    );
  });
  return { kind: 'annulled', creditsAnnulled };
}

async function revokeAfterFinding(
  store: EventStore,
  event: RecordedEvent<string, Finding>,
): Promise<CreditEffects> {
  const { data } = event;
  // What to revoke: the attendees the committee named, per session; a finding recorded before
  // committees named them (`revokeCredits`) revoked its session's every credit.
  const named: { sessionId: string; personIds: string[] | null }[] =
    data.result !== 'fail'
      ? []
      : data.revoke && data.revoke.length > 0
        ? data.revoke
        : data.revokeCredits && data.sessionId
          ? [{ sessionId: data.sessionId, personIds: null }]
          : [];
  if (named.length === 0) return { kind: 'none', why: 'the finding revokes nothing' };
  const grants: ExecutionReportApproved['data']['grants'] = [];
  for (const { sessionId, personIds } of named) {
    const parts = splitCompositeId(sessionId);
    if (!parts) continue;
    const session = await loadState(store, sessionStreamId(parts.child), sessionEvolver, {
      shared: true,
    });
    const approved = session.state.decision?.approved ? session.state.decision.data.grants : [];
    grants.push(...approved.filter((g) => personIds === null || personIds.includes(g.personId)));
  }
  const reason = `spot check ${data.spotCheckId} failed: ${data.reason}`;
  const metadata: EventMetadata = reactionMetadata(event, creditEffectsReactorName, { reason });
  const outcome = {
    kind: 'revoked' as const,
    revokedCredits: [] as string[],
    peopleNowShort: [] as { personId: string; year: number; reasons: string[] }[],
  };
  await forEachLimited(grants, async (grant) => {
    const before = await personYearsDocFromLog(store, grant.personId);
    const revocations = await handle(
      store,
      personDecider,
      personStreamId(grant.personId),
      { type: 'RevokeCredit', creditId: grant.creditId, reason },
      {
        metadata,
        eventId: () => derivedId(event.eventId, grant.creditId),
        occurredAt: event.occurredAt,
        check: (state) => {
          const credit = state.credits.get(grant.creditId);
          return !credit || credit.revoked ? { answer: [] } : undefined;
        },
        result: (_state, events) => events,
      },
    );
    if (revocations.length === 0) return;
    outcome.revokedCredits.push(grant.creditId);
    const year = before.credits[grant.creditId]?.creditYear;
    if (year === undefined) return;
    // The year after the revocation: `before` with the revocation folded on, not a second read.
    const afterDoc = revocations.reduce(
      (doc, e) =>
        personYearsProjection.evolve(doc, {
          type: e.type,
          data: e.data,
          streamId: personStreamId(grant.personId),
          eventId: derivedId(event.eventId, grant.creditId),
          occurredAt: event.occurredAt.toISOString(),
          recordedAt: new Date().toISOString(),
        }),
      before,
    );
    const after = assessDocYear(afterDoc, year);
    if (assessDocYear(before, year)?.verdict !== 'short' && after?.verdict === 'short')
      outcome.peopleNowShort.push({ personId: grant.personId, year, reasons: after.reasons });
  });
  outcome.revokedCredits.sort();
  return outcome;
}
