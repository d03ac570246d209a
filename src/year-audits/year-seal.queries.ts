import type { Sql } from 'postgres';
import {
  yearOfDoc,
  inPopulation,
  type PersonYearsDoc,
} from '../../projections/person-years/person-years.projection';
import type { EventStore } from '../event-store/event-store.port';
import { type SealedVerdict, yearAuditStreamId, type YearSealed } from './domain/year-seal.decider';

/**
 * The verdict of everyone in the year's population (registered before the year ended, in the
 * jurisdiction for it: `inPopulation`) from the projection, with the position it stood at.
 */
export async function currentVerdicts(
  sql: Sql,
  jurisdiction: string,
  year: number,
): Promise<{ position: string; verdicts: SealedVerdict[] }> {
  return sql.begin('isolation level repeatable read', async (tx) => {
    const [checkpoint] = await tx<{ position: string }[]>`
      SELECT commit_position::text || ':' || prepare_position AS position FROM projection_checkpoints WHERE name = 'person-years'`;
    const rows = await tx<{ doc: PersonYearsDoc }[]>`
      SELECT doc FROM proj_person_years WHERE jurisdiction = ${jurisdiction}
      UNION ALL
      SELECT doc FROM proj_person_years
       WHERE jurisdiction <> ${jurisdiction} AND doc->'formerJurisdictions' ? ${jurisdiction}`;
    const verdicts = rows.flatMap(({ doc }) => {
      if (!inPopulation(doc, jurisdiction, year)) return [];
      const assessment = yearOfDoc(doc, year);
      return assessment
        ? [
            {
              personId: doc.personId,
              verdict: assessment.verdict,
              counted: assessment.counted.credits,
            },
          ]
        : [];
    });
    return { position: checkpoint?.position ?? '0:0', verdicts };
  });
}

/** The seal of a jurisdiction's year, with when it was recorded. */
export async function loadSeal(store: EventStore, jurisdiction: string, year: number) {
  const events = await store.readStream(yearAuditStreamId(jurisdiction, year), { limit: 1 });
  const sealed = events[0];
  return sealed
    ? { ...(sealed.data as YearSealed['data']), sealedAt: sealed.recordedAt.toISOString() }
    : null;
}

export async function sealedVerdictOf(
  sql: Sql,
  jurisdiction: string,
  year: number,
  personId: string,
) {
  const [row] = await sql<{ verdict: string; counted: string }[]>`
    SELECT verdict, counted FROM sealed_verdicts WHERE jurisdiction = ${jurisdiction} AND year = ${year} AND person_id = ${personId}`;
  return row ?? null;
}
