import type { ActivityDoc } from '../../projections/activities/activities.projection';
import { activitiesProjection } from '../../projections/activities/activities.projection';
import type { PersonYearsDoc } from '../../projections/person-years/person-years.projection';
import { personYearsProjection } from '../../projections/person-years/person-years.projection';
import type { Projection } from '../../projections/projection';
import type { Database } from '../database/database';
import {
  encodeLogPosition,
  type EventStore,
  type LogPosition,
} from '../event-store/event-store.port';
import { projectedEvent } from '../projections/projection-batch';
import type { PopulationMember } from './domain/sampling';
import type { SpotCheckSubject } from './domain/spot-check.events';

export const populationReadBatch = 1_000;

const stratumOf = (values: Record<string, unknown>, strata: readonly string[]) =>
  strata.length === 0
    ? 'all'
    : strata.map((field) => `${field}=${String(values[field])}`).join(',');

/** Sessions held in the credit year in the jurisdiction (annulled projects excluded). */
function sessionMembers(
  docs: Iterable<ActivityDoc>,
  jurisdiction: string,
  year: number,
  strata: readonly string[],
): PopulationMember[] {
  const members: PopulationMember[] = [];
  for (const doc of docs) {
    if (doc.jurisdiction !== jurisdiction || doc.annulled) continue;
    for (const session of doc.sessions) {
      if (session.creditYear !== year) continue;
      members.push({
        id: session.sessionId,
        stratum: stratumOf(
          { level: doc.level, kind: doc.kind, organizer: doc.organizerId },
          strata,
        ),
      });
    }
  }
  return members;
}

/** The year a project was published for: its code's first four digits. */
const projectYearOfDoc = (doc: ActivityDoc): number | null => {
  const year = doc.code ? Number(doc.code.slice(0, 4)) : NaN;
  return Number.isInteger(year) ? year : null;
};

/**
 * R7 (001 (二十二) 按当年公布项目总数): the projects published for the year in the jurisdiction —
 * national, provincial and municipal projects, not internal training or other unit activities;
 * annulled projects are left out (there is nothing left to evaluate).
 */
function projectMembers(
  docs: Iterable<ActivityDoc>,
  jurisdiction: string,
  year: number,
  strata: readonly string[],
): PopulationMember[] {
  const members: PopulationMember[] = [];
  for (const doc of docs) {
    if (doc.jurisdiction !== jurisdiction || doc.annulled || doc.kind !== 'project') continue;
    if (doc.level === 'unit' || projectYearOfDoc(doc) !== year) continue;
    members.push({
      id: doc.activityId,
      stratum: stratumOf({ level: doc.level, organizer: doc.organizerId }, strata),
    });
  }
  return members;
}

/** People registered in the jurisdiction. */
function personMembers(
  docs: Iterable<PersonYearsDoc>,
  jurisdiction: string,
  strata: readonly string[],
): PopulationMember[] {
  const members: PopulationMember[] = [];
  for (const doc of docs) {
    if (doc.jurisdiction !== jurisdiction) continue;
    members.push({
      id: doc.personId,
      stratum: stratumOf({ titleLevel: doc.titleLevel, grassroots: doc.grassroots }, strata),
    });
  }
  return members;
}

const projectionOf = (subject: SpotCheckSubject): Projection<unknown> =>
  (subject === 'persons' ? personYearsProjection : activitiesProjection) as Projection<unknown>;

function membersOf(
  subject: SpotCheckSubject,
  docs: Iterable<unknown>,
  jurisdiction: string,
  year: number,
  strata: readonly string[],
) {
  switch (subject) {
    case 'projects':
      return projectMembers(docs as Iterable<ActivityDoc>, jurisdiction, year, strata);
    case 'sessions':
      return sessionMembers(docs as Iterable<ActivityDoc>, jurisdiction, year, strata);
    case 'persons':
      return personMembers(docs as Iterable<PersonYearsDoc>, jurisdiction, strata);
  }
}

/** The population from the projection, with the log position the projection stood at. */
export async function populationNow(
  database: Database,
  subject: SpotCheckSubject,
  jurisdiction: string,
  year: number,
  strata: readonly string[],
) {
  const projection = projectionOf(subject);
  return database.sql.begin('isolation level repeatable read', async (tx) => {
    const [checkpoint] = await tx<{ position: string }[]>`
      SELECT commit_position::text || ':' || prepare_position AS position FROM projection_checkpoints WHERE name = ${projection.name}`;
    const rows = await tx<
      { doc: unknown }[]
    >`SELECT doc FROM ${tx(projection.table)} WHERE jurisdiction = ${jurisdiction}`;
    return {
      members: membersOf(
        subject,
        rows.map((r) => r.doc),
        jurisdiction,
        year,
        strata,
      ),
      position: checkpoint?.position ?? '0:0',
      projection: projection.name,
    };
  });
}

/** The same population recomputed from the log alone, as it stood at `position`. */
export async function populationAt(
  store: EventStore,
  subject: SpotCheckSubject,
  jurisdiction: string,
  year: number,
  strata: readonly string[],
  position: LogPosition,
) {
  const projection = projectionOf(subject);
  const handled = new Set(projection.handles);
  const docs = new Map<string, unknown>();
  for await (const batch of store.readAllPages({ to: position, pageSize: populationReadBatch })) {
    for (const event of batch) {
      if (!handled.has(event.type)) continue;
      const projected = projectedEvent(event);
      const key = projection.keyOf(projected);
      if (key === null) continue;
      docs.set(key, projection.evolve(docs.get(key) ?? projection.initialState(key), projected));
    }
  }
  return {
    members: membersOf(subject, docs.values(), jurisdiction, year, strata),
    position: encodeLogPosition(position),
  };
}
