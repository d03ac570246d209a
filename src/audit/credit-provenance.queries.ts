import type { Sql } from 'postgres';
import {
  activityProvenanceKey,
  creditProvenanceProjection,
  personProvenanceKey,
  type ActivityProvenanceDoc,
  type PersonProvenanceDoc,
  type ProvenanceDoc,
  type SessionProvenanceDoc,
  sessionProvenanceKey,
} from '../../projections/credit-provenance/credit-provenance.projection';
import { activityStreamId } from '../activities/domain/activity.events';
import { readLimitMax } from '../event-store/event-store.limits';
import {
  compareLogPositions,
  type EventStore,
  type LogPosition,
  type RecordedEvent,
} from '../event-store/event-store.port';
import { personStreamId } from '../persons/domain/person.events';
import { sessionStreamId } from '../sessions/domain/session.events';
import { splitCompositeId } from '../shared/ids';

export type ProvenanceAnswer =
  | { found: false }
  | {
      found: true;
      activityId: string;
      sessionId: string | null | undefined;
      chain: RecordedEvent[];
    };

/**
 * A credit's trace from the credit-provenance projection: its documents name the events, which
 * are then read by global position — a handful of indexed reads whatever the size of the session.
 * The same events and order as reading the three streams (`sessionEvidence`, `personEventsAbout`),
 * "as of" included: the grant that decides the activity and session is the first one recorded
 * before `asOf`, and every event is filtered on the log's own `recorded_at`.
 *
 * Null when the projection cannot answer exactly now — it has not yet folded the last event of one
 * of the three streams (a write a moment ago), or the store cannot read by position — and the
 * caller reads the streams as before.
 */
export async function creditTraceFromProvenance(
  sql: Sql,
  store: EventStore,
  personId: string,
  creditId: string,
  asOf: Date | undefined,
): Promise<ProvenanceAnswer | null> {
  if (!store.readEventsAt || !store.lastPositions) return null;
  // The person's document and the checkpoint it stands at, in one statement (one snapshot).
  const [head] = await sql<{ doc: PersonProvenanceDoc | null; commit: string; prepare: string }[]>`
    SELECT (SELECT doc FROM proj_credit_provenance WHERE key = ${personProvenanceKey(personId)}) AS doc,
           commit_position::text AS commit, prepare_position::text AS prepare
      FROM projection_checkpoints WHERE name = ${creditProvenanceProjection.name}`;
  if (!head) return null;
  const checkpoint: LogPosition = { commit: BigInt(head.commit), prepare: BigInt(head.prepare) };
  const credit = head.doc?.credits[creditId];
  const grant = credit?.grants.find((g) => !asOf || Date.parse(g.recordedAt) < asOf.getTime());

  const streams = [personStreamId(personId)];
  const keys: string[] = [];
  const parts = grant?.sessionId ? splitCompositeId(grant.sessionId) : null;
  if (grant) {
    const activityId = parts ? parts.parent : grant.activityId;
    streams.push(activityStreamId(activityId));
    keys.push(activityProvenanceKey(activityId));
    if (parts) {
      streams.push(sessionStreamId(parts.child));
      keys.push(sessionProvenanceKey(parts.child));
    }
  }
  const [docs, last] = await Promise.all([
    keys.length === 0
      ? []
      : sql<{ key: string; doc: ProvenanceDoc }[]>`
          SELECT key, doc FROM proj_credit_provenance WHERE key = ANY(${keys}::text[])`,
    store.lastPositions(streams),
  ]);
  // Every event of the three streams is folded: the documents are complete for them.
  for (const position of last.values())
    if (compareLogPositions(position, checkpoint) > 0) return null;
  if (!grant || !credit) return { found: false };

  const byKey = new Map(docs.map((d) => [d.key, d.doc]));
  const activity = byKey.get(keys[0]) as ActivityProvenanceDoc | undefined;
  const session = parts ? (byKey.get(keys[1]) as SessionProvenanceDoc | undefined) : undefined;
  const positions = new Set<string>([
    ...(activity?.events ?? []),
    ...(parts && grant.sessionId ? (activity?.sessions[grant.sessionId] ?? []) : []),
    ...(session?.events ?? []),
    ...(parts ? (head.doc?.attendance[sessionStreamId(parts.child)] ?? []) : []),
    ...credit.events,
  ]);
  if (positions.size > readLimitMax) return null;
  const chain = await store.readEventsAt(
    [...positions].map((p) => BigInt(p)),
    { recordedBefore: asOf },
  );
  return { found: true, activityId: grant.activityId, sessionId: grant.sessionId, chain };
}
