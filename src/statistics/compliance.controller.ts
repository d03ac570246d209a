import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, Max, Min } from 'class-validator';
import Decimal from 'decimal.js';
import {
  assessDocYear,
  PersonYearsDoc,
} from '../../projections/person-years/person-years.projection';
import { Database, DATABASE } from '../database/database';
import { EVENT_STORE, type EventStore } from '../event-store/event-store.port';
import { loadSeal } from '../year-audits/year-seal.queries';
import { profileFor } from '../rules/rule-profiles';
import { Actor, CurrentActor, Access } from '../shared/http/actor';
import { authorize } from '../shared/http/access-policy';
import { IsJurisdiction } from '../shared/http/validators';

export class ComplianceQuery {
  @ApiProperty({ example: 'CN-ZJ' })
  @IsJurisdiction()
  jurisdiction!: string;

  @ApiProperty({ example: 2026 })
  @Type(() => Number)
  @IsInt({ message: 'year must be a whole number' })
  @Min(2000)
  @Max(2100)
  year!: number;
}

/** Rows read from the projection at a time: memory stays flat with the size of a province. */
export const statisticsCursorRows = 1_000;
/** People named in a statistics answer as changed since the seal (the count is always complete). */
export const changedPeopleListedMax = 100;

interface Group {
  titleLevel: string;
  grassroots: boolean;
  people: number;
  compliant: number;
  exempt: number;
  short: number;
}

/** R8: compliance rates by title level and grassroots flag, against the targets, from the person-years projection. */
@ApiTags('statistics')
@Controller('statistics/compliance')
export class ComplianceController {
  constructor(
    @Inject(DATABASE) private readonly database: Database,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  @Get()
  @Access('statistics.compliance')
  @ApiOperation({
    summary: 'Compliance rates by title level and grassroots flag against the R8 targets',
  })
  async compliance(@Query() query: ComplianceQuery, @CurrentActor() actor: Actor) {
    authorize(actor, { jurisdiction: query.jurisdiction });
    const seal = await loadSeal(this.store, query.jurisdiction, query.year);
    const sealed = new Map<string, { verdict: string; counted: string }>();
    if (seal) {
      const rows = await this.database.sql<
        { person_id: string; verdict: string; counted: string }[]
      >`
        SELECT person_id, verdict, counted FROM sealed_verdicts WHERE jurisdiction = ${query.jurisdiction} AND year = ${query.year}`;
      for (const r of rows) sealed.set(r.person_id, { verdict: r.verdict, counted: r.counted });
    }
    const changedSinceSeal: string[] = [];
    const groups = new Map<string, Group>();
    await this.database.sql<{ doc: PersonYearsDoc }[]>`
      SELECT doc FROM proj_person_years WHERE jurisdiction = ${query.jurisdiction} ORDER BY key`.cursor(
      statisticsCursorRows,
      (rows) => {
        for (const { doc } of rows) {
          const assessment = doc.years[query.year] ?? assessDocYear(doc, query.year);
          if (!assessment) continue;
          const atSeal = sealed.get(doc.personId);
          if (
            atSeal &&
            (atSeal.verdict !== assessment.verdict || atSeal.counted !== assessment.counted.credits)
          )
            changedSinceSeal.push(doc.personId);
          const key = `${doc.titleLevel}:${doc.grassroots}`;
          const group = groups.get(key) ?? {
            titleLevel: doc.titleLevel,
            grassroots: doc.grassroots,
            people: 0,
            compliant: 0,
            exempt: 0,
            short: 0,
          };
          group.people += 1;
          group[assessment.verdict] += 1;
          groups.set(key, group);
        }
      },
    );
    const targets = profileFor(query.jurisdiction, query.year).complianceTargets;
    const rate = (g: { people: number; compliant: number; exempt: number }) =>
      g.people === 0
        ? null
        : new Decimal(g.compliant + g.exempt).dividedBy(g.people).toDecimalPlaces(4).toString();
    const targetOf = (titleLevel: string) =>
      titleLevel === 'junior'
        ? targets.value.junior
        : titleLevel === 'intermediate' || titleLevel === 'senior'
          ? targets.value.intermediateOrSenior
          : null;
    const rows = [...groups.values()]
      .sort(
        (a, b) =>
          a.titleLevel.localeCompare(b.titleLevel) || Number(a.grassroots) - Number(b.grassroots),
      )
      .map((g) => {
        const target = targetOf(g.titleLevel);
        const r = rate(g);
        return {
          ...g,
          rate: r,
          target,
          meetsTarget:
            target === null || r === null ? null : new Decimal(r).greaterThanOrEqualTo(target),
        };
      });
    const total = rows.reduce(
      (t, g) => ({
        people: t.people + g.people,
        compliant: t.compliant + g.compliant,
        exempt: t.exempt + g.exempt,
        short: t.short + g.short,
      }),
      { people: 0, compliant: 0, exempt: 0, short: 0 },
    );
    return {
      jurisdiction: query.jurisdiction,
      year: query.year,
      targets,
      overall: { ...total, rate: rate(total) },
      groups: rows,
      seal: seal && {
        sealedAt: seal.sealedAt,
        position: seal.position,
        verdictsAtSeal: seal.verdicts,
        postSealChanges: changedSinceSeal.length,
        changedPeople: changedSinceSeal.slice(0, changedPeopleListedMax),
      },
    };
  }
}
