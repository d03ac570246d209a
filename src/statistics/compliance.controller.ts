import { IsCreditYear } from '../shared/http/validators';
import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import Decimal from 'decimal.js';
import {
  yearOfDoc,
  inPopulation,
  PersonYearsDoc,
} from '../../projections/person-years/person-years.projection';
import { Database, DATABASE } from '../database/database';
import { EVENT_STORE, type EventStore } from '../event-store/event-store.port';
import { loadSeal } from '../year-audits/year-seal.queries';
import { creditYearBounds, profileFor, type Region } from '../rules/rule-profiles';
import { Actor, CurrentActor, Access } from '../shared/http/actor';
import { authorize } from '../shared/http/access-policy';
import { IsJurisdiction } from '../shared/http/validators';
import { ApiErrorResponses } from '../shared/http/api-error-responses';
import { ComplianceResponse } from './compliance.response.dto';

export class ComplianceQuery {
  @ApiProperty({ example: 'CN-ZJ' })
  @IsJurisdiction()
  jurisdiction!: string;

  @ApiProperty({ example: 2026 })
  @IsCreditYear()
  year!: number;
}

/** Rows read from the projection at a time: memory stays flat with the size of a province. */
export const statisticsCursorRows = 1_000;
/** People named in a statistics answer as changed since the seal (the count is always complete). */
export const changedPeopleListedMax = 100;

interface Group {
  titleLevel: string;
  region: string | null;
  /** In scope: the rate's denominator. */
  people: number;
  compliant: number;
  exempt: number;
  short: number;
  /** In post-graduate medical education (003 第四条): reported, not in `people`. */
  outOfScope: number;
}

/**
 * The people of a jurisdiction's credit year, from the person-years projection: those whose
 * latest jurisdiction is it, and those who left it since (an index on formerJurisdictions).
 * `inPopulation` then keeps the ones registered before the year ended and belonging to the
 * jurisdiction for that year.
 */
export function populationQuery(sql: Database['sql'], jurisdiction: string) {
  return sql<{ doc: PersonYearsDoc }[]>`
    SELECT doc FROM proj_person_years WHERE jurisdiction = ${jurisdiction}
    UNION ALL
    SELECT doc FROM proj_person_years
     WHERE jurisdiction <> ${jurisdiction} AND doc->'formerJurisdictions' ? ${jurisdiction}`;
}

/**
 * R8: compliance rates by title level (and region where the profile has regional targets) against
 * the targets of the jurisdiction's profile (none unless it sets them), for the year's population
 * (registered before the year ended, in the jurisdiction for it), with the attributes in force on
 * the year's last day. People in post-graduate medical education are out of scope.
 */
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
    summary:
      "Compliance rates of a credit year's population by title level (and region) against the profile's targets (R8 where set)",
  })
  @ApiOkResponse({ type: ComplianceResponse })
  @ApiErrorResponses(400, 401, 403, 429, 503)
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
    // R10's group (基层医疗卫生机构) beside the rest: no target of its own, reported for comparison.
    const byGrassroots = new Map<boolean, Omit<Group, 'titleLevel' | 'region'>>();
    const profile = profileFor(query.jurisdiction, query.year);
    const targets = profile.complianceTargets;
    const regional = targets !== null && Object.keys(targets.value.byRegion).length > 0;
    let registeredLater = 0;
    const yearEndsAt = creditYearBounds(query.jurisdiction, query.year).endsAt.getTime();
    await populationQuery(this.database.sql, query.jurisdiction).cursor(
      statisticsCursorRows,
      (rows) => {
        for (const { doc } of rows) {
          if (!inPopulation(doc, query.jurisdiction, query.year)) {
            if (doc.registeredAt && new Date(doc.registeredAt).getTime() >= yearEndsAt)
              registeredLater += 1;
            continue;
          }
          const assessment = yearOfDoc(doc, query.year);
          if (!assessment) continue;
          const atSeal = sealed.get(doc.personId);
          if (
            atSeal &&
            (atSeal.verdict !== assessment.verdict || atSeal.counted !== assessment.counted.credits)
          )
            changedSinceSeal.push(doc.personId);
          const { titleLevel } = assessment.attributes;
          const region = regional ? (assessment.attributes.region ?? null) : null;
          const key = `${titleLevel}:${region}`;
          const group = groups.get(key) ?? {
            titleLevel,
            region,
            people: 0,
            compliant: 0,
            exempt: 0,
            short: 0,
            outOfScope: 0,
          };
          const side = byGrassroots.get(assessment.attributes.grassroots) ?? {
            people: 0,
            compliant: 0,
            exempt: 0,
            short: 0,
            outOfScope: 0,
          };
          for (const counts of [group, side]) {
            if (assessment.verdict === 'out-of-scope') counts.outOfScope += 1;
            else {
              counts.people += 1;
              counts[assessment.verdict] += 1;
            }
          }
          groups.set(key, group);
          byGrassroots.set(assessment.attributes.grassroots, side);
        }
      },
    );
    const rate = (g: { people: number; compliant: number; exempt: number }) =>
      g.people === 0
        ? null
        : new Decimal(g.compliant + g.exempt).dividedBy(g.people).toDecimalPlaces(4).toString();
    const targetOf = (titleLevel: string, region: string | null) => {
      if (!targets) return null;
      const t = (region && targets.value.byRegion[region as Region]) || targets.value.all;
      return titleLevel === 'junior'
        ? t.junior
        : titleLevel === 'intermediate' || titleLevel === 'senior'
          ? t.intermediateOrSenior
          : null;
    };
    const rows = [...groups.values()]
      .sort(
        (a, b) =>
          a.titleLevel.localeCompare(b.titleLevel) ||
          (a.region ?? '').localeCompare(b.region ?? ''),
      )
      .map((g) => {
        const target = targetOf(g.titleLevel, g.region);
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
        outOfScope: t.outOfScope + g.outOfScope,
      }),
      { people: 0, compliant: 0, exempt: 0, short: 0, outOfScope: 0 },
    );
    return {
      jurisdiction: query.jurisdiction,
      year: query.year,
      profile: `${profile.id}@${profile.version}`,
      profileLayers: profile.layers,
      population:
        'people registered before the credit year ended and in the jurisdiction for it (the one in force on its last day), judged with the attributes in force on that day; people in post-graduate medical education are out of scope (003 第四条) and not in the rate',
      registeredAfterYearEnd: registeredLater,
      targets: targets ?? {
        value: null,
        source: `no compliance target in ${profile.id} (R8 is Chongqing's, 001 (五))`,
      },
      overall: { ...total, rate: rate(total) },
      groups: rows,
      byGrassroots: [true, false].flatMap((grassroots) => {
        const counts = byGrassroots.get(grassroots);
        return counts ? [{ grassroots, ...counts, rate: rate(counts) }] : [];
      }),
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
