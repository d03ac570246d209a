import type { Sql } from 'postgres';
import {
  creditProvenanceProjection,
  personProvenanceKey,
  type ActivityProvenanceDoc,
  type CreditProvenance,
  type PersonProvenanceDoc,
  type SessionProvenanceDoc,
} from '../../projections/credit-provenance/credit-provenance.projection';
import { readLimitMax } from '../event-store/event-store.limits';
import {
  compareLogPositions,
  type EventStore,
  type LogPosition,
  type RecordedEvent,
} from '../event-store/event-store.port';
import { personStreamId } from '../persons/domain/person.events';

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
  // One statement (one snapshot): the checkpoint, the person's document, the credit's first grant
  // recorded before `asOf`, and the activity's and session's documents that grant names.
  const [head] = await sql<
    {
      commit: string;
      prepare: string;
      person: PersonProvenanceDoc | null;
      grant: CreditProvenance['grants'][number] | null;
      activity: ActivityProvenanceDoc | null;
      session: SessionProvenanceDoc | null;
    }[]
  >`
    WITH person AS (SELECT doc FROM proj_credit_provenance WHERE key = ${personProvenanceKey(personId)}),
         first_grant AS (
           SELECT g AS first FROM person,
                  jsonb_array_elements(person.doc->'credits'->${creditId}->'grants') WITH ORDINALITY AS t(g, i)
            WHERE ${asOf ?? null}::timestamptz IS NULL OR (g->>'recordedAt')::timestamptz < ${asOf ?? null}::timestamptz
            ORDER BY i LIMIT 1)
    SELECT c.commit_position::text AS commit, c.prepare_position::text AS prepare,
           (SELECT doc FROM person) AS person,
           (SELECT first FROM first_grant) AS "grant",
           (SELECT doc FROM proj_credit_provenance WHERE key = (SELECT first->>'activityKey' FROM first_grant)) AS activity,
           (SELECT doc FROM proj_credit_provenance WHERE key = (SELECT first->>'sessionKey' FROM first_grant)) AS session
      FROM projection_checkpoints c WHERE c.name = ${creditProvenanceProjection.name}`;
  if (!head) return null;
  const checkpoint: LogPosition = { commit: BigInt(head.commit), prepare: BigInt(head.prepare) };
  const { grant } = head;
  const credit = head.person?.credits[creditId];
  const streams = [personStreamId(personId)];
  const positions = new Set<string>(credit?.events ?? []);
  if (grant) {
    streams.push(`activity-${grant.activityKey.slice('activity:'.length)}`);
    for (const p of head.activity?.events ?? []) positions.add(p);
    if (grant.sessionKey && grant.sessionId) {
      const sessionStream = `session-${grant.sessionKey.slice('session:'.length)}`;
      streams.push(sessionStream);
      for (const p of head.activity?.sessions[grant.sessionId] ?? []) positions.add(p);
      for (const p of head.session?.events ?? []) positions.add(p);
      for (const p of head.person?.attendance[sessionStream] ?? []) positions.add(p);
    }
  }
  if (positions.size > readLimitMax) return null;
  // The streams' last events and the events themselves together: both are needed only when the
  // documents turn out to hold every event of the three streams.
  const [last, chain] = await Promise.all([
    store.lastPositions(streams),
    grant
      ? store.readEventsAt(
          [...positions].map((p) => BigInt(p)),
          { recordedBefore: asOf },
        )
      : [],
  ]);
  for (const position of last.values())
    if (compareLogPositions(position, checkpoint) > 0) return null;
  if (!grant) return { found: false };
  return { found: true, activityId: grant.activityId, sessionId: grant.sessionId, chain };
}
