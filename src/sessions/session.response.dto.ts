import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { anyObject } from '../shared/http/api-error-responses';

/** R14: a session filed late with the committee (002), as recorded when it was scheduled. */
export class FilingFlagResponse {
  @ApiProperty({ example: 'R14' }) rule!: string;
  @ApiProperty({ example: 'filed-late' }) code!: string;
  @ApiProperty({ example: '2026-04-26', description: 'The last Shanghai day it could be filed' })
  dueBy!: string;
  @ApiProperty() creditsNotEntered!: boolean;
  @ApiProperty() source!: string;
}

/** R12, R14: what the approving committee should look at. */
export class ReportFlagResponse {
  @ApiProperty({ example: 'R12' }) rule!: string;
  @ApiProperty({
    enum: [
      'late',
      'hours-short-over-share',
      'teachers-changed-over-share',
      'content-changed-over-share',
      'replacement-title-lower',
    ],
  })
  code!: string;
}

/** An execution report as filed (R12, R14, R17). */
export class ExecutionReportResponse {
  @ApiPropertyOptional() sessionId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) activityId?: string;
  @ApiProperty({ example: '20' }) hoursTaught!: string;
  @ApiProperty({ example: '2026-05-12T02:00:00.000Z' }) submittedAt!: string;
  @ApiProperty({ description: 'R14: filed after it was due (kept and flagged)' }) late!: boolean;
  @ApiProperty({ example: 2 }) daysAfterSession!: number;
  @ApiPropertyOptional({ example: '2026-05-24T15:59:59.999Z' }) dueBy?: string;
  @ApiPropertyOptional({ example: '2026-05-26T15:59:59.999Z' }) reviewDueBy?: string;
  @ApiProperty() changeExceedsAllowedShare!: boolean;
  @ApiPropertyOptional({ ...anyObject, description: 'R12: teacher and content changes reported' })
  changes?: Record<string, unknown>;
  @ApiPropertyOptional({ type: [Number], example: [1, 2, 3] }) evaluationLevels?: number[];
  @ApiPropertyOptional({ type: [ReportFlagResponse] }) flags?: ReportFlagResponse[];
}
