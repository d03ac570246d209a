import { Inject, Injectable } from '@nestjs/common';
import type { PersonYearsDoc } from '../../../projections/person-years/person-years.projection';
import { activityEvolver, type ActivityState } from '../../activities/domain/activity.decider';
import { activityStreamId } from '../../activities/domain/activity.events';
import { Database, DATABASE } from '../../database/database';
import { EVENT_STORE, type EventStore } from '../../event-store/event-store.port';
import { personEvolver, type PersonState } from '../../persons/domain/person.decider';
import { personStreamId } from '../../persons/domain/person.events';
import { PersonKeys } from '../../persons/person-keys';
import { loadState } from '../../shared/application/state-cache';
import { maskIdNumber } from '../../shared/domain/id-number';
import type { Actor } from '../../shared/http/actor';

/** Rows read from a projection at a time. */
const cursorRows = 500;

/**
 * What the console's look-ups read: the projections (people and activities of a jurisdiction) and,
 * for what those do not carry (names, titles, employers, held corrections), each record's own
 * state through the shared state cache. Every answer names people and activities next to ids.
 */
@Injectable()
export class Lookups {
  constructor(
    @Inject(DATABASE) private readonly database: Database,
    @Inject(EVENT_STORE) readonly store: EventStore,
    private readonly keys: PersonKeys,
  ) {}

  /** The person-years documents of a jurisdiction, in key order. */
  async personDocs(jurisdiction: string): Promise<PersonYearsDoc[]> {
    const docs: PersonYearsDoc[] = [];
    await this.database.sql<{ doc: PersonYearsDoc }[]>`
      SELECT doc FROM proj_person_years WHERE jurisdiction = ${jurisdiction} ORDER BY key`.cursor(
      cursorRows,
      (rows) => {
        for (const { doc } of rows) docs.push(doc);
      },
    );
    return docs;
  }

  /**
   * One page of a jurisdiction's people (or of one employer's staff), in key order, with how many
   * there are: paged in SQL from the person-directory projection, so a province-sized
   * jurisdiction costs a page, not a read of everyone.
   */
  async directoryPage(
    jurisdiction: string,
    employerId: string | undefined,
    page: { page: number; pageSize: number },
  ): Promise<{ total: number; personIds: string[] }> {
    const { sql } = this.database;
    const where = sql`jurisdiction = ${jurisdiction}${
      employerId === undefined ? sql`` : sql` AND employer_id = ${employerId}`
    }`;
    const [[{ total }], rows] = await Promise.all([
      sql<
        { total: number }[]
      >`SELECT count(*)::int AS total FROM proj_person_directory WHERE ${where}`,
      sql<{ key: string }[]>`
        SELECT key FROM proj_person_directory WHERE ${where}
         ORDER BY key LIMIT ${page.pageSize} OFFSET ${(page.page - 1) * page.pageSize}`,
    ]);
    return { total, personIds: rows.map((r) => r.key) };
  }

  /** People of a jurisdiction with a remote credit awaiting verification (R5), in key order. */
  async personIdsAwaitingVerification(jurisdiction: string): Promise<string[]> {
    const rows = await this.database.sql<{ key: string }[]>`
      SELECT key FROM proj_person_directory
       WHERE jurisdiction = ${jurisdiction} AND doc->'pendingVerification' <> '[]'::jsonb
       ORDER BY key`;
    return rows.map((r) => r.key);
  }

  /** The person-years documents of a jurisdiction's people with an exemption (R4), in key order. */
  async exemptedPersonDocs(jurisdiction: string): Promise<PersonYearsDoc[]> {
    const rows = await this.database.sql<{ doc: PersonYearsDoc }[]>`
      SELECT p.doc FROM proj_person_directory d JOIN proj_person_years p ON p.key = d.key
       WHERE d.jurisdiction = ${jurisdiction} AND d.doc->'exemptions' <> '[]'::jsonb
       ORDER BY d.key`;
    return rows.map((r) => r.doc);
  }

  /** People of a jurisdiction with a correction held for a second admin, in key order. */
  async personIdsWithHeldCorrections(jurisdiction: string): Promise<string[]> {
    const rows = await this.database.sql<{ key: string }[]>`
      SELECT key FROM proj_person_directory
       WHERE jurisdiction = ${jurisdiction} AND doc->'awaitingApproval' <> '[]'::jsonb
       ORDER BY key`;
    return rows.map((r) => r.key);
  }

  /** How many of an employer's staff have the year's self-study plan approved (R11). */
  async staffWithPlan(jurisdiction: string, employerId: string, year: number): Promise<number> {
    const [{ n }] = await this.database.sql<{ n: number }[]>`
      SELECT count(*)::int AS n FROM proj_person_directory
       WHERE jurisdiction = ${jurisdiction} AND employer_id = ${employerId}
         AND doc->'selfStudyPlanYears' @> ${this.database.sql.json([year])}`;
    return n;
  }

  async personDoc(personId: string): Promise<PersonYearsDoc | null> {
    const [row] = await this.database.sql<{ doc: PersonYearsDoc }[]>`
      SELECT doc FROM proj_person_years WHERE key = ${personId}`;
    return row?.doc ?? null;
  }

  async person(personId: string): Promise<PersonState> {
    const { state } = await loadState(this.store, personStreamId(personId), personEvolver, {
      shared: true,
    });
    return state;
  }

  /** The person's name and ID number as this actor may see them (masked but for the committee). */
  async identity(
    state: PersonState,
    actor: Actor,
  ): Promise<{ name: string | null; idNumber: string | null }> {
    const r = state.registration;
    if (!r) return { name: null, idNumber: null };
    const [idNumber, name] = await this.keys.openFor(r.personId, [r.idNumberSealed, r.nameSealed]);
    const full = actor.role === 'professional' || actor.role === 'committee';
    return { name, idNumber: idNumber === null ? null : full ? idNumber : maskIdNumber(idNumber) };
  }

  /** The name alone (null once erased), to check a name search's candidates. */
  async openName(state: PersonState): Promise<[string | null]> {
    const r = state.registration;
    if (!r) return [null];
    const [name] = await this.keys.openFor(r.personId, [r.nameSealed]);
    return [name];
  }

  /** People whose name index holds every token (person_name_index, migration 0018). */
  async personIdsHoldingAll(tokens: readonly string[]): Promise<string[]> {
    if (tokens.length === 0) return [];
    const rows = await this.database.sql<{ person_id: string }[]>`
      SELECT person_id FROM person_name_index
       WHERE token = ANY(${tokens as string[]}::text[])
       GROUP BY person_id
      HAVING count(*) = ${tokens.length}
       ORDER BY person_id`;
    return rows.map((r) => r.person_id);
  }

  async activity(activityId: string): Promise<ActivityState> {
    const { state } = await loadState(this.store, activityStreamId(activityId), activityEvolver, {
      shared: true,
    });
    return state;
  }

  /** Activity ids of a jurisdiction (optionally one organizer's), in key order. */
  async activityIds(jurisdiction: string | null, organizerId?: string): Promise<string[]> {
    const rows = await this.database.sql<{ key: string }[]>`
      SELECT key FROM proj_activities
       WHERE (${jurisdiction}::text IS NULL OR jurisdiction = ${jurisdiction})
         AND (${organizerId ?? null}::text IS NULL OR doc->>'organizerId' = ${organizerId ?? null})
       ORDER BY key`;
    return rows.map((r) => r.key);
  }
}
