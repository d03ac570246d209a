import { IsCreditYear } from '../../shared/http/validators';
import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { ApiErrorResponses, recordErrors } from '../../shared/http/api-error-responses';
import {
  ApiOkResponse,
  ApiOperation,
  ApiProperty,
  ApiPropertyOptional,
  ApiTags,
} from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { yearOfDoc } from '../../../projections/person-years/person-years.projection';
import { Database, DATABASE } from '../../database/database';
import { EVENT_STORE, type EventStore } from '../../event-store/event-store.port';
import { exemptionBasisValues } from '../../rules/rule-profiles';
import type { SpotCheckEvent } from '../../spot-checks/domain/spot-check.events';
import { spotCheckStreamId } from '../../spot-checks/domain/spot-check.events';
import { notFound } from '../../shared/domain/domain-error';
import { msg } from '../../shared/domain/messages';
import { splitCompositeId } from '../../shared/ids';
import { authorize } from '../../shared/http/access-policy';
import { Access, type Actor, CurrentActor } from '../../shared/http/actor';
import { IsJurisdiction } from '../../shared/http/validators';
import { loadSeal } from '../../year-audits/year-seal.queries';
import { Lookups } from '../find/lookups';
import { type Page, PageInfo, pageOf, PageQuery } from '../find/paging';

class YearQuery extends PageQuery {
  @ApiProperty({ example: 'CN-ZJ' })
  @IsJurisdiction()
  jurisdiction!: string;
}

export class SpotChecksQuery extends YearQuery {
  @ApiProperty({ example: 2026, description: 'the credit year drawn for' })
  @IsCreditYear()
  year!: number;
}

export class SampledMember {
  @ApiProperty({ description: 'activity id (projects), session id (sessions) or person id' })
  id!: string;
  @ApiProperty({
    type: String,
    nullable: true,
    example: '杭州 急危重症护理',
    description: 'project title or name',
  })
  title!: string | null;
  @ApiProperty({ type: String, nullable: true, example: '2026-10-01-100(国)' }) code!:
    string | null;
  @ApiProperty({ type: String, nullable: true, example: 'org-zj-demo' }) organizerId!:
    string | null;
  @ApiProperty({
    type: String,
    nullable: true,
    enum: ['pass', 'fail'],
    description: 'null: no finding yet',
  })
  result!: 'pass' | 'fail' | null;
  @ApiProperty({ type: String, nullable: true }) findingReason!: string | null;
  @ApiProperty({ type: [String], description: 'what failed, item by item' }) failed!: string[];
}

export class SpotCheckDraw {
  @ApiProperty({ example: 'CN-ZJ.2026.1' }) spotCheckId!: string;
  @ApiProperty({ enum: ['projects', 'persons', 'sessions'] }) subject!: string;
  @ApiProperty({ example: 'CN-ZJ' }) jurisdiction!: string;
  @ApiProperty({ example: 2026 }) year!: number;
  @ApiProperty({ example: '0.08' }) rate!: string;
  @ApiProperty({ type: [String], example: ['level'] }) strata!: string[];
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'why it was drawn again (from the second draw on)',
  })
  reason!: string | null;
  @ApiProperty({ enum: ['given', 'ledger-digest'] }) seedSource!: string;
  @ApiProperty() seed!: string;
  @ApiProperty({ example: 13 }) populationCount!: number;
  @ApiProperty({ description: 'when the draw was recorded' }) drawnAt!: string;
  @ApiProperty({ type: String, nullable: true, example: 'zj-committee' }) drawnBy!: string | null;
  @ApiProperty({ example: 1, description: 'sampled members with a finding' }) findings!: number;
  @ApiProperty({ type: [SampledMember] }) sample!: SampledMember[];
}
export class SpotCheckDraws extends PageInfo {
  @ApiProperty({ type: [SpotCheckDraw] }) items!: SpotCheckDraw[];
}

export class SealsQuery extends YearQuery {
  @ApiPropertyOptional({ example: 2026, description: 'one year; otherwise the last ten' })
  @IsOptional()
  @IsCreditYear()
  year?: number;
}

export class SealVerdictCounts {
  @ApiProperty() compliant!: number;
  @ApiProperty() exempt!: number;
  @ApiProperty() short!: number;
  @ApiProperty({ name: 'out-of-scope' }) 'out-of-scope'!: number;
}
export class YearSealView {
  @ApiProperty({ example: 'CN-CQ' }) jurisdiction!: string;
  @ApiProperty({ example: 2026 }) year!: number;
  @ApiProperty({ description: 'when the seal was recorded' }) sealedAt!: string;
  @ApiProperty({ description: 'the log position the verdicts were read at' }) position!: string;
  @ApiProperty() people!: number;
  @ApiProperty({ type: SealVerdictCounts }) verdicts!: SealVerdictCounts;
  @ApiProperty() verdictsDigest!: string;
  @ApiProperty({ type: String, nullable: true, description: 'R6: when the audit was due' }) dueBy!:
    string | null;
  @ApiProperty({ description: 'sealed after it was due' }) late!: boolean;
}
export class YearSeals extends PageInfo {
  @ApiProperty({ type: [YearSealView] }) items!: YearSealView[];
}

export class SealParams {
  @ApiProperty({ example: 'CN-CQ' })
  @IsJurisdiction()
  jurisdiction!: string;

  @ApiProperty({ example: 2026 })
  @IsCreditYear()
  year!: number;
}

export class PostSealChange {
  @ApiProperty() personId!: string;
  @ApiProperty({ type: String, nullable: true, example: '王芳' }) name!: string | null;
  @ApiProperty({ type: String, nullable: true }) idNumber!: string | null;
  @ApiProperty({ example: 'short' }) verdictAtSeal!: string;
  @ApiProperty({ example: '8' }) countedAtSeal!: string;
  @ApiProperty({ example: 'exempt' }) verdictNow!: string;
  @ApiProperty({ example: '8' }) countedNow!: string;
}
export class PostSealChanges extends PageInfo {
  @ApiProperty() jurisdiction!: string;
  @ApiProperty() year!: number;
  @ApiProperty() sealedAt!: string;
  @ApiProperty({ type: [PostSealChange] }) items!: PostSealChange[];
}

export class ExemptionsQuery extends YearQuery {
  @ApiPropertyOptional({ example: 2026, description: 'one credit year; otherwise all' })
  @IsOptional()
  @IsCreditYear()
  year?: number;

  @ApiPropertyOptional({ enum: ['active', 'revoked', 'all'], default: 'all' })
  @IsOptional()
  @IsIn(['active', 'revoked', 'all'])
  status?: 'active' | 'revoked' | 'all';
}
export class FoundExemption {
  @ApiProperty() exemptionId!: string;
  @ApiProperty() personId!: string;
  @ApiProperty({ type: String, nullable: true, example: '李敏' }) name!: string | null;
  @ApiProperty({ type: String, nullable: true }) idNumber!: string | null;
  @ApiProperty({ example: 2026 }) year!: number;
  @ApiProperty({ enum: exemptionBasisValues }) basis!: string;
  @ApiProperty({ example: '进修结业证书 2026-0003' }) evidence!: string;
  @ApiProperty({ type: String, nullable: true, description: 'why it was revoked' }) revoked!:
    string | null;
}
export class FoundExemptions extends PageInfo {
  @ApiProperty({ type: [FoundExemption] }) items!: FoundExemption[];
}

/** How many past years a seal list reads when no year is given. */
const sealYearsListed = 10;

/**
 * The committee's look-ups for its own work: the spot-check draws and year seals of a
 * jurisdiction-year, what changed after a seal, and the exemptions granted — names and titles
 * beside every id.
 */
@ApiTags('console')
@Controller()
export class CommitteeLookupsController {
  constructor(
    private readonly lookups: Lookups,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(DATABASE) private readonly database: Database,
  ) {}

  @Get('spot-checks')
  @Access('spot-checks.find')
  @ApiOperation({
    summary:
      "A jurisdiction-year's spot-check draws, newest first, each sample listed by project title, code and organizer with its finding; paged",
  })
  @ApiOkResponse({ type: SpotCheckDraws })
  @ApiErrorResponses(...recordErrors)
  async spotChecks(
    @Query() query: SpotChecksQuery,
    @CurrentActor() actor: Actor,
  ): Promise<Page<SpotCheckDraw>> {
    authorize(actor, { jurisdiction: query.jurisdiction });
    const events = (await this.store.readStream(
      spotCheckStreamId(query.jurisdiction, query.year),
    )) as unknown as (SpotCheckEvent & { recordedAt: Date; metadata: { actorId?: string } })[];
    const draws = events.filter((e) => e.type === 'SpotCheckDrawn').reverse();
    const findings = events.flatMap((e) => (e.type === 'SpotCheckFindingRecorded' ? [e.data] : []));
    const page = pageOf(draws, query);
    const items: SpotCheckDraw[] = [];
    for (const event of page.items) {
      if (event.type !== 'SpotCheckDrawn') continue;
      const d = event.data;
      const sample: SampledMember[] = [];
      for (const id of d.selected) {
        const finding = findings
          .filter(
            (f) => f.spotCheckId === d.spotCheckId && (f.activityId === id || f.sessionId === id),
          )
          .pop();
        sample.push({
          id,
          ...(await this.describe(d.subject, id, actor)),
          result: finding?.result ?? null,
          findingReason: finding?.reason ?? null,
          failed: finding?.failed ?? [],
        });
      }
      items.push({
        spotCheckId: d.spotCheckId,
        subject: d.subject,
        jurisdiction: d.jurisdiction,
        year: d.year,
        rate: d.rate,
        strata: d.strata,
        reason: d.reason,
        seedSource: d.seedSource,
        seed: d.seed,
        populationCount: d.population.count,
        drawnAt: event.recordedAt.toISOString(),
        drawnBy: event.metadata.actorId ?? null,
        findings: sample.filter((s) => s.result !== null).length,
        sample,
      });
    }
    return { ...page, items };
  }

  /** A sampled member's title, code and organizer (projects, sessions) or name (persons). */
  private async describe(
    subject: string,
    id: string,
    actor: Actor,
  ): Promise<{ title: string | null; code: string | null; organizerId: string | null }> {
    if (subject === 'persons') {
      const { name } = await this.lookups.identity(await this.lookups.person(id), actor);
      return { title: name, code: null, organizerId: null };
    }
    const activityId = subject === 'sessions' ? (splitCompositeId(id)?.parent ?? null) : id;
    const details = activityId ? (await this.lookups.activity(activityId)).details : null;
    return {
      title: details?.title ?? null,
      code: details?.code ?? null,
      organizerId: details?.organizerId ?? null,
    };
  }

  @Get('year-audits')
  @Access('year-audits.find')
  @ApiOperation({
    summary: `A jurisdiction's year seals (学分审验), newest first: one year, or the last ${sealYearsListed}; paged`,
  })
  @ApiOkResponse({ type: YearSeals })
  @ApiErrorResponses(...recordErrors)
  async seals(
    @Query() query: SealsQuery,
    @CurrentActor() actor: Actor,
  ): Promise<Page<YearSealView>> {
    authorize(actor, { jurisdiction: query.jurisdiction });
    const thisYear = new Date().getUTCFullYear() + 1;
    const years =
      query.year !== undefined
        ? [query.year]
        : Array.from({ length: sealYearsListed }, (_, i) => thisYear - i);
    const seals: YearSealView[] = [];
    for (const year of years) {
      const seal = await loadSeal(this.store, query.jurisdiction, year);
      if (seal)
        seals.push({
          jurisdiction: seal.jurisdiction,
          year: seal.year,
          sealedAt: seal.sealedAt,
          position: seal.position,
          people: seal.people,
          verdicts: { 'out-of-scope': 0, ...seal.verdicts },
          verdictsDigest: seal.verdictsDigest,
          dueBy: seal.dueBy,
          late: seal.late,
        });
    }
    return pageOf(seals, query);
  }

  @Get('year-audits/:jurisdiction/:year/changes')
  @Access('year-audits.changes')
  @ApiOperation({
    summary:
      'Post-seal changes: the people whose verdict or counted credits differ now from what the seal recorded, by name; paged',
  })
  @ApiOkResponse({ type: PostSealChanges })
  @ApiErrorResponses(...recordErrors)
  async changes(
    @Param() params: SealParams,
    @Query() query: PageQuery,
    @CurrentActor() actor: Actor,
  ): Promise<PostSealChanges> {
    authorize(actor, { jurisdiction: params.jurisdiction });
    const seal = await loadSeal(this.store, params.jurisdiction, params.year);
    if (!seal) throw notFoundYear(params.jurisdiction, params.year);
    const rows = await this.database.sql<{ person_id: string; verdict: string; counted: string }[]>`
      SELECT person_id, verdict, counted FROM sealed_verdicts
       WHERE jurisdiction = ${params.jurisdiction} AND year = ${params.year} ORDER BY person_id`;
    const changed: Omit<PostSealChange, 'name' | 'idNumber'>[] = [];
    for (const row of rows) {
      const doc = await this.lookups.personDoc(row.person_id);
      const now = doc ? yearOfDoc(doc, params.year) : null;
      if (!now) continue;
      if (now.verdict !== row.verdict || now.counted.credits !== row.counted)
        changed.push({
          personId: row.person_id,
          verdictAtSeal: row.verdict,
          countedAtSeal: row.counted,
          verdictNow: now.verdict,
          countedNow: now.counted.credits,
        });
    }
    const page = pageOf(changed, query);
    const items: PostSealChange[] = [];
    for (const c of page.items)
      items.push({
        ...c,
        ...(await this.lookups.identity(await this.lookups.person(c.personId), actor)),
      });
    return {
      ...page,
      jurisdiction: params.jurisdiction,
      year: params.year,
      sealedAt: seal.sealedAt,
      items,
    };
  }

  @Get('exemptions')
  @Access('exemptions.find')
  @ApiOperation({
    summary:
      "A jurisdiction's exemptions (R4: deemed qualified; residency and specialist training: out of scope), by name, with basis and evidence; paged",
  })
  @ApiOkResponse({ type: FoundExemptions })
  @ApiErrorResponses(...recordErrors)
  async exemptions(
    @Query() query: ExemptionsQuery,
    @CurrentActor() actor: Actor,
  ): Promise<Page<FoundExemption>> {
    authorize(actor, { jurisdiction: query.jurisdiction });
    const status = query.status ?? 'all';
    const found: Omit<FoundExemption, 'name' | 'idNumber'>[] = [];
    for (const doc of await this.lookups.exemptedPersonDocs(query.jurisdiction))
      for (const [exemptionId, e] of Object.entries(doc.exemptions ?? {})) {
        if (query.year !== undefined && e.creditYear !== query.year) continue;
        if (status === 'active' && e.revoked !== null) continue;
        if (status === 'revoked' && e.revoked === null) continue;
        found.push({
          exemptionId,
          personId: doc.personId,
          year: e.creditYear,
          basis: e.basis,
          evidence: e.evidence,
          revoked: e.revoked,
        });
      }
    found.sort((a, b) => b.year - a.year || a.personId.localeCompare(b.personId));
    const page = pageOf(found, query);
    const items: FoundExemption[] = [];
    for (const e of page.items)
      items.push({
        ...e,
        ...(await this.lookups.identity(await this.lookups.person(e.personId), actor)),
      });
    return { ...page, items };
  }
}

function notFoundYear(jurisdiction: string, year: number) {
  return notFound('year', msg('not-found.year-not-sealed', { jurisdiction, year }));
}
