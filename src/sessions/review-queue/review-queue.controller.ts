import { Controller, Get, Inject, Query } from '@nestjs/common';
import {
  ApiOkResponse,
  ApiOperation,
  ApiProperty,
  ApiPropertyOptional,
  ApiTags,
} from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, Max, Min } from 'class-validator';
import type { SessionDoc } from '../../../projections/sessions/sessions.projection';
import { Database, DATABASE } from '../../database/database';
import { isLate, reviewDueOf } from '../../rules/process-deadlines';
import { profileFor } from '../../rules/rule-profiles';
import { Access, Actor, CurrentActor } from '../../shared/http/actor';
import { authorize } from '../../shared/http/access-policy';
import { IsJurisdiction, IsOmittable } from '../../shared/http/validators';
import { ApiErrorResponses } from '../../shared/http/api-error-responses';

export class ReviewQueueQuery {
  @ApiProperty({ example: 'CN-ZJ', description: 'The jurisdiction whose committee reviews' })
  @IsJurisdiction()
  jurisdiction!: string;

  @ApiPropertyOptional({ example: 100, description: 'At most this many (1–500, default 100)' })
  @IsOmittable()
  @Type(() => Number)
  @IsInt({ message: 'limit must be a whole number' })
  @Min(1)
  @Max(500)
  limit?: number;
}

export class ReviewQueueItem {
  @ApiProperty() sessionId!: string;
  @ApiProperty() activityId!: string;
  @ApiProperty({ nullable: true, type: String, example: '急危重症护理进展' }) title!: string | null;
  @ApiProperty({ nullable: true, type: String, example: '2026-04-01-123(国)' }) code!:
    string | null;
  @ApiProperty({ nullable: true, type: String }) organizerId!: string | null;
  @ApiProperty() creditYear!: number;
  @ApiProperty({ example: '2026-05-15T02:00:00.000Z' }) submittedAt!: string;
  @ApiProperty({ description: 'End of the 14th day after filing, Asia/Shanghai (002)' })
  reviewDueBy!: string;
  @ApiProperty({ description: 'The review is past its due date (R14)' }) overdue!: boolean;
  @ApiProperty({ description: 'The report itself was filed late (R14)' }) reportLate!: boolean;
  @ApiProperty({
    description: 'What the approving committee should look at (R12, R14)',
    example: [{ rule: 'R12', code: 'teachers-changed-over-share' }],
  })
  flags!: { rule: string; code: string }[];
}

export class ReviewQueueResponse {
  @ApiProperty() jurisdiction!: string;
  @ApiProperty({ description: 'Reports awaiting review in all' }) awaiting!: number;
  @ApiProperty({ description: 'Of those, past their review date' }) overdue!: number;
  @ApiProperty({ type: [ReviewQueueItem], description: 'Overdue first, then oldest first' })
  items!: ReviewQueueItem[];
}

/**
 * The committee's work queue of execution reports awaiting review (R14, 002: 审核单位在收到申办单位
 * 汇报执行情况 2 周内予以审核): overdue first, each with its due date and flags.
 */
@ApiTags('sessions')
@Controller('work-queues/reviews')
export class ReviewQueueController {
  constructor(@Inject(DATABASE) private readonly database: Database) {}

  @Get()
  @Access('work-queues.reviews')
  @ApiOperation({
    summary:
      '待审核执行情况: execution reports awaiting the committee, overdue reviews first (R14: review within 2 weeks of filing)',
  })
  @ApiOkResponse({ type: ReviewQueueResponse })
  @ApiErrorResponses(400, 401, 403, 429, 503)
  async reviews(
    @Query() query: ReviewQueueQuery,
    @CurrentActor() actor: Actor,
  ): Promise<ReviewQueueResponse> {
    authorize(actor, { jurisdiction: query.jurisdiction });
    const rows = await this.database.sql<
      { doc: SessionDoc; title: string | null; code: string | null; organizer: string | null }[]
    >`
      SELECT s.doc, a.doc->>'title' AS title, a.doc->>'code' AS code, a.doc->>'organizerId' AS organizer
        FROM proj_sessions s JOIN proj_activities a ON a.key = s.activity_id
       WHERE s.awaiting_review_since IS NOT NULL AND a.jurisdiction = ${query.jurisdiction}
         AND NOT coalesce((a.doc->>'annulled')::boolean, false)
       ORDER BY s.awaiting_review_since, s.key`;
    const now = new Date();
    const all = rows.flatMap(({ doc, title, code, organizer }) => {
      if (!doc.report || !doc.sessionId || !doc.activityId || doc.creditYear === null) return [];
      const due = reviewDueOf(doc.report, profileFor(query.jurisdiction, doc.creditYear));
      return [
        {
          sessionId: doc.sessionId,
          activityId: doc.activityId,
          title,
          code,
          organizerId: organizer,
          creditYear: doc.creditYear,
          submittedAt: doc.report.submittedAt,
          reviewDueBy: due.toISOString(),
          overdue: isLate(now, due),
          reportLate: doc.report.late,
          flags: doc.report.flags,
        },
      ];
    });
    const ordered = [...all.filter((i) => i.overdue), ...all.filter((i) => !i.overdue)];
    return {
      jurisdiction: query.jurisdiction,
      awaiting: all.length,
      overdue: all.filter((i) => i.overdue).length,
      items: ordered.slice(0, query.limit ?? 100),
    };
  }
}
