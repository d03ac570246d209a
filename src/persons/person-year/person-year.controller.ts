import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  yearOfDoc,
  inPopulation,
  PersonYearsDoc,
} from '../../../projections/person-years/person-years.projection';
import { Database, DATABASE } from '../../database/database';
import { EVENT_STORE, type EventStore } from '../../event-store/event-store.port';
import { personYearsDocFromLog } from '../person-years-from-log';
import { PersonYearParams } from '../person.params';
import { notFound } from '../../shared/domain/domain-error';
import { AsOfQuery, asOfDate } from '../../shared/http/as-of.query';
import { Actor, CurrentActor, Access } from '../../shared/http/actor';
import { readablePerson } from '../readable-person';
import { loadSeal, sealedVerdictOf } from '../../year-audits/year-seal.queries';
import { ApiErrorResponses, recordErrors } from '../../shared/http/api-error-responses';
import { PersonYearResponse } from './person-year.response.dto';
import { msg } from '../../shared/domain/messages';

@ApiTags('persons')
@Controller('persons/:personId/years/:year')
export class PersonYearController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(DATABASE) private readonly database: Database,
  ) {}

  @Get()
  @Access('persons.year')
  @ApiOperation({
    summary:
      "A person's credit year: counted and pending credits and hours, caps and supplements, the profile, and a verdict with its reasons",
  })
  @ApiOkResponse({ type: PersonYearResponse })
  @ApiErrorResponses(...recordErrors)
  async year(
    @Param() params: PersonYearParams,
    @Query() query: AsOfQuery,
    @CurrentActor() actor: Actor,
  ) {
    const readable = readablePerson(this.store, params.personId, actor);
    let asOf: Date | undefined;
    try {
      asOf = asOfDate(query);
    } catch (error) {
      await readable; // who may not read the person hears that first
      throw error;
    }
    let doc: PersonYearsDoc | undefined;
    let source: 'projection' | 'log' = 'log';
    // The access check and the document's read go together (one round trip, not two); nothing
    // is answered before the check has passed.
    const [, rows] = await Promise.all([
      readable,
      asOf
        ? []
        : this.database.sql<
            { doc: PersonYearsDoc }[]
          >`SELECT doc FROM proj_person_years WHERE key = ${params.personId}`,
    ]);
    if (rows[0]) {
      doc = rows[0].doc;
      source = 'projection';
    }
    doc ??= await personYearsDocFromLog(this.store, params.personId, asOf);
    const assessment = yearOfDoc(doc, params.year);
    if (!assessment || !doc.jurisdiction) {
      throw notFound('personId', asOf ? msg('not-found.person-as-of') : msg('not-found.person'));
    }
    // The year belongs to the jurisdiction in force on its last day (a transfer moves later years).
    const jurisdiction = assessment.attributes.jurisdiction;
    const seal = await this.sealOf(jurisdiction, params, assessment);
    const counted = inPopulation(doc, jurisdiction, params.year);
    return {
      personId: params.personId,
      asOf: asOf?.toISOString() ?? null,
      source,
      ...assessment,
      population: {
        jurisdiction,
        counted,
        rule: counted
          ? `in ${jurisdiction}'s ${params.year} population: registered before the year ended, in ${jurisdiction} on its last day`
          : `not in ${jurisdiction}'s ${params.year} population: registered after the credit year ended (${doc.registeredAt ?? 'unknown'}); not counted in its statistics or seal`,
      },
      seal,
    };
  }

  /** The year's seal, if any, and whether this person's figures changed after it (never folded in silently). */
  private async sealOf(
    jurisdiction: string,
    params: PersonYearParams,
    now: { verdict: string; counted: { credits: string } },
  ) {
    const seal = await loadSeal(this.store, jurisdiction, params.year);
    if (!seal) return null;
    const atSeal = await sealedVerdictOf(
      this.database.sql,
      jurisdiction,
      params.year,
      params.personId,
    );
    return {
      sealedAt: seal.sealedAt,
      position: seal.position,
      verdictAtSeal: atSeal?.verdict ?? null,
      countedAtSeal: atSeal?.counted ?? null,
      changedSinceSeal:
        atSeal !== null &&
        (atSeal.verdict !== now.verdict || atSeal.counted !== now.counted.credits),
    };
  }
}
