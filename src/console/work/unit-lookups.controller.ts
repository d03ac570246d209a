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
import Decimal from 'decimal.js';
import { IsOptional } from 'class-validator';
import { EVENT_STORE, type EventStore } from '../../event-store/event-store.port';
import { OrganizerParams } from '../../organizers/sanctions/sanctions.request.dto';
import type { SelfStudyPlanApproved } from '../../persons/domain/person.events';
import { personStreamId } from '../../persons/domain/person.events';
import { authorize, mayAccess } from '../../shared/http/access-policy';
import { Access, type Actor, CurrentActor } from '../../shared/http/actor';
import { IsJurisdiction, IsOrganizationId } from '../../shared/http/validators';
import { creditsOf, statusOf } from '../../../projections/person-years/person-years.projection';
import { Lookups } from '../find/lookups';
import { type Page, PageInfo, pageOf, PageQuery } from '../find/paging';

export class SelfStudyPlansQuery extends PageQuery {
  @ApiProperty({ example: 'CN-ZJ' })
  @IsJurisdiction()
  jurisdiction!: string;

  @ApiProperty({ example: 'employer-zj-demo', description: "the employer whose staff's plans" })
  @IsOrganizationId()
  employer!: string;

  @ApiProperty({ example: 2026 })
  @IsCreditYear()
  year!: number;
}

export class StaffPlan {
  @ApiProperty() personId!: string;
  @ApiProperty({ type: String, nullable: true, example: '王芳' }) name!: string | null;
  @ApiProperty({ type: String, nullable: true, example: '330102********123X' }) idNumber!:
    string | null;
  @ApiProperty({ example: 'nurse' }) profession!: string;
  @ApiProperty({ example: 'junior' }) titleLevel!: string;
  @ApiProperty({ description: 'the self-study plan of the year is approved (R11)' })
  approved!: boolean;
  @ApiProperty({ type: String, nullable: true, description: 'when the employer approved it' })
  approvedAt!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'the plan as approved' }) plan!:
    string | null;
}
export class StaffPlans extends PageInfo {
  @ApiProperty({ example: 2026 }) year!: number;
  @ApiProperty({ example: 12, description: 'staff with an approved plan, over every page' })
  approvedCount!: number;
  @ApiProperty({ type: [StaffPlan] }) items!: StaffPlan[];
}

export class UnitCreditsQuery extends PageQuery {
  @ApiProperty({ example: 'CN-ZJ' })
  @IsJurisdiction()
  jurisdiction!: string;

  @ApiPropertyOptional({ example: 2026, description: 'one credit year; otherwise all' })
  @IsOptional()
  @IsCreditYear()
  year?: number;
}

export class UnitActivity {
  @ApiProperty() activityId!: string;
  @ApiProperty({ example: '杭州 科室业务学习' }) title!: string;
  @ApiProperty({ type: String, nullable: true }) code!: string | null;
  @ApiProperty({ example: 'internal-training' }) kind!: string;
  @ApiProperty({ example: '5' }) credits!: string;
  @ApiProperty({ example: '15' }) hours!: string;
  @ApiProperty({ type: String, nullable: true }) annulled!: string | null;
}
export class UnitCredit {
  @ApiProperty() creditId!: string;
  @ApiProperty() personId!: string;
  @ApiProperty({ type: String, nullable: true, example: '王芳' }) name!: string | null;
  @ApiProperty() activityId!: string;
  @ApiProperty({ type: String, nullable: true, example: '杭州 科室业务学习' }) activityTitle!:
    string | null;
  @ApiProperty({ example: 'internal-training' }) kind!: string;
  @ApiProperty({ example: '2' }) amount!: string;
  @ApiProperty({ enum: ['counted', 'pending', 'rejected', 'revoked', 'annulled'] })
  status!: string;
  @ApiProperty({ type: String, nullable: true }) earnedAt!: string | null;
  @ApiProperty({ example: 2026 }) creditYear!: number;
}
export class UnitCredits extends PageInfo {
  @ApiProperty({ type: [UnitActivity], description: "the organization's activities" })
  activities!: UnitActivity[];
  @ApiProperty({ example: '80', description: 'credits granted that count, over every page' })
  countedTotal!: string;
  @ApiProperty({ type: [UnitCredit] }) items!: UnitCredit[];
}

/**
 * The unit's own work: its staff's self-study plans of a year (R11) and the credits granted under
 * its own activities (internal training and other unit-granted credits).
 */
@ApiTags('console')
@Controller()
export class UnitLookupsController {
  constructor(
    private readonly lookups: Lookups,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  @Get('self-study-plans')
  @Access('self-study-plans.find')
  @ApiOperation({
    summary:
      "An employer's staff with their self-study plan of the year (R11: approved at the start of the year), by name; paged",
  })
  @ApiOkResponse({ type: StaffPlans })
  @ApiErrorResponses(...recordErrors)
  async plans(
    @Query() query: SelfStudyPlansQuery,
    @CurrentActor() actor: Actor,
  ): Promise<Page<StaffPlan> & { year: number; approvedCount: number }> {
    authorize(actor, { jurisdiction: query.jurisdiction, employerId: query.employer });
    // The staff paged in SQL (the person-directory projection); each row checked against the record.
    const { total, personIds } = await this.lookups.directoryPage(
      query.jurisdiction,
      query.employer,
      query,
    );
    const staff: { personId: string; state: Awaited<ReturnType<Lookups['person']>> }[] = [];
    for (const personId of personIds) {
      const state = await this.lookups.person(personId);
      const r = state.registration;
      if (!r || r.jurisdiction !== query.jurisdiction || r.employerId !== query.employer) continue;
      if (!mayAccess(actor, { ...r })) continue;
      staff.push({ personId, state });
    }
    const page = { page: query.page, pageSize: query.pageSize, total, items: staff };
    const items: StaffPlan[] = [];
    for (const { personId, state } of page.items) {
      const r = state.registration as NonNullable<typeof state.registration>;
      const approved = state.selfStudyPlans.has(query.year);
      let plan: string | null = null;
      if (approved) {
        const events = await this.store.readStream(personStreamId(personId));
        const approval = events.find(
          (e) =>
            e.type === 'SelfStudyPlanApproved' &&
            (e.data as SelfStudyPlanApproved['data']).creditYear === query.year,
        );
        plan = approval ? (approval.data as SelfStudyPlanApproved['data']).plan : null;
      }
      items.push({
        personId,
        ...(await this.lookups.identity(state, actor)),
        profession: r.profession,
        titleLevel: r.titleLevel,
        approved,
        approvedAt: state.selfStudyPlans.get(query.year) ?? null,
        plan,
      });
    }
    return {
      ...page,
      year: query.year,
      approvedCount: await this.lookups.staffWithPlan(
        query.jurisdiction,
        query.employer,
        query.year,
      ),
      items,
    };
  }

  @Get('organizers/:organizerId/credits')
  @Access('organizers.credits')
  @ApiOperation({
    summary:
      "An organization's own activities and the credits granted under them (internal training and other unit-granted credits), by name and title; paged",
  })
  @ApiOkResponse({ type: UnitCredits })
  @ApiErrorResponses(...recordErrors)
  async credits(
    @Param() params: OrganizerParams,
    @Query() query: UnitCreditsQuery,
    @CurrentActor() actor: Actor,
  ): Promise<UnitCredits> {
    authorize(actor, { jurisdiction: query.jurisdiction, organizerId: params.organizerId });
    const activities: UnitActivity[] = [];
    for (const activityId of await this.lookups.activityIds(
      query.jurisdiction,
      params.organizerId,
    )) {
      const { details, annulled } = await this.lookups.activity(activityId);
      if (!details) continue;
      activities.push({
        activityId,
        title: details.title,
        code: details.code,
        kind: details.kind,
        credits: details.credits,
        hours: details.hours,
        annulled: annulled?.reason ?? null,
      });
    }
    const titles = new Map(activities.map((a) => [a.activityId, a.title]));
    const found: Omit<UnitCredit, 'name'>[] = [];
    for (const doc of await this.lookups.personDocs(query.jurisdiction))
      for (const c of creditsOf(doc)) {
        if (!titles.has(c.activityId)) continue;
        if (query.year !== undefined && c.creditYear !== query.year) continue;
        found.push({
          creditId: c.creditId,
          personId: doc.personId,
          activityId: c.activityId,
          activityTitle: titles.get(c.activityId) ?? null,
          kind: c.kind,
          amount: c.amount,
          status: statusOf(c),
          earnedAt: c.earnedAt ?? null,
          creditYear: c.creditYear,
        });
      }
    found.sort(
      (a, b) =>
        (b.earnedAt ?? '').localeCompare(a.earnedAt ?? '') || a.creditId.localeCompare(b.creditId),
    );
    const counted = found
      .filter((c) => c.status === 'counted')
      .reduce((sum, c) => sum.plus(c.amount), new Decimal(0));
    const page = pageOf(found, query);
    const items: UnitCredit[] = [];
    for (const c of page.items) {
      const { name } = await this.lookups.identity(await this.lookups.person(c.personId), actor);
      items.push({ ...c, name });
    }
    return { ...page, activities, countedTotal: counted.toString(), items };
  }
}
