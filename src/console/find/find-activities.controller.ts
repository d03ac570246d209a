import { Controller, Get, Query } from '@nestjs/common';
import {
  ApiOkResponse,
  ApiOperation,
  ApiProperty,
  ApiPropertyOptional,
  ApiTags,
} from '@nestjs/swagger';
import { FilingFlagResponse } from '../../sessions/session.response.dto';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Length, Max, Min } from 'class-validator';
import { authorize } from '../../shared/http/access-policy';
import { Access, type Actor, CurrentActor } from '../../shared/http/actor';
import { IsJurisdiction, IsOmittable, IsOrganizationId } from '../../shared/http/validators';
import { Lookups } from './lookups';
import { type Page, PageInfo, pageOf, PageQuery } from './paging';
import { ApiErrorResponses } from '../../shared/http/api-error-responses';

export class FindActivitiesQuery extends PageQuery {
  @ApiProperty({ example: 'CN-ZJ' })
  @IsJurisdiction()
  jurisdiction!: string;

  @ApiPropertyOptional({ example: 'org-zj-demo', description: "one organizer's activities" })
  @IsOmittable()
  @IsOrganizationId()
  organizer?: string;

  @ApiPropertyOptional({
    example: 2026,
    description: 'activities with a session in this credit year',
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'year must be a whole number' })
  @Min(2000)
  @Max(2100)
  year?: number;

  @ApiPropertyOptional({
    example: '急危重症',
    description: 'part of the title or the project code',
  })
  @IsOmittable()
  @IsString()
  @Length(1, 100)
  q?: string;
}

export class FoundSession {
  @ApiProperty() sessionId!: string;
  @ApiProperty({ example: '2026-05-10T00:30:00.000Z' }) startsAt!: string;
  @ApiProperty() endsAt!: string;
  @ApiProperty({ example: '杭州 会议中心' }) location!: string;
  @ApiProperty({ example: 2026 }) creditYear!: number;
  @ApiPropertyOptional({ type: [FilingFlagResponse], description: 'R14: filed too late' })
  filing?: FilingFlagResponse[];
}

export class FoundActivity {
  @ApiProperty() activityId!: string;
  @ApiProperty({ example: '杭州 急危重症护理' }) title!: string;
  @ApiProperty({ type: String, nullable: true, example: '2026-10-01-100(国)' }) code!:
    string | null;
  @ApiProperty({ example: 'project' }) kind!: string;
  @ApiProperty({ example: 'national' }) level!: string;
  @ApiProperty({ type: String, nullable: true, example: 'I' }) category!: string | null;
  @ApiProperty({ example: 'public' }) subject!: string;
  @ApiProperty({ example: 'in-person' }) format!: string;
  @ApiProperty({ example: '6' }) credits!: string;
  @ApiProperty({ example: '20' }) hours!: string;
  @ApiProperty() organizerId!: string;
  @ApiProperty() jurisdiction!: string;
  @ApiProperty({ type: String, nullable: true, description: 'why the project was annulled (R15)' })
  annulled!: string | null;
  @ApiProperty({ type: [FoundSession] }) sessions!: FoundSession[];
}

export class FoundActivities extends PageInfo {
  @ApiProperty({ type: [FoundActivity] }) items!: FoundActivity[];
}

/** Activities and their sessions by jurisdiction, organizer, year, title or code. */
@ApiTags('console')
@Controller('activities')
export class FindActivitiesController {
  constructor(private readonly lookups: Lookups) {}

  @ApiErrorResponses(400, 401, 403, 429, 503)
  @Get()
  @Access('activities.find')
  @ApiOperation({
    summary:
      'Find activities with their sessions by jurisdiction, organizer, credit year, title or code (organizers: their own); paged',
  })
  @ApiOkResponse({ type: FoundActivities })
  async find(
    @Query() query: FindActivitiesQuery,
    @CurrentActor() actor: Actor,
  ): Promise<Page<FoundActivity>> {
    authorize(actor, { jurisdiction: query.jurisdiction, organizerId: query.organizer });
    const q = query.q?.toLowerCase();
    const found: FoundActivity[] = [];
    for (const activityId of await this.lookups.activityIds(query.jurisdiction, query.organizer)) {
      const { details, sessions, annulled } = await this.lookups.activity(activityId);
      if (!details) continue;
      const list = [...sessions.values()].sort((a, b) => a.startsAt.localeCompare(b.startsAt));
      if (query.year !== undefined && !list.some((s) => s.creditYear === query.year)) continue;
      if (
        q &&
        !details.title.toLowerCase().includes(q) &&
        !(details.code ?? '').toLowerCase().includes(q)
      )
        continue;
      found.push({
        activityId,
        title: details.title,
        code: details.code,
        kind: details.kind,
        level: details.level,
        category: details.category,
        subject: details.subject,
        format: details.format,
        credits: details.credits,
        hours: details.hours,
        organizerId: details.organizerId,
        jurisdiction: details.jurisdiction,
        annulled: annulled?.reason ?? null,
        sessions: list,
      });
    }
    found.sort((a, b) =>
      (a.sessions[0]?.startsAt ?? '').localeCompare(b.sessions[0]?.startsAt ?? ''),
    );
    return pageOf(found, query);
  }
}
