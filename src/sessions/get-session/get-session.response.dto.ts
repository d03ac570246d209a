import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { anyObject } from '../../shared/http/api-error-responses';
import { ExecutionReportResponse, FilingFlagResponse } from '../session.response.dto';

export class AttendanceResponse {
  @ApiProperty({ format: 'uuid' }) attendanceId!: string;
  @ApiProperty({ format: 'uuid' }) personId!: string;
  @ApiProperty({ example: 'qr' }) method!: string;
  @ApiProperty({ example: '2026-05-10T00:41:07.000Z' }) scannedAt!: string;
  @ApiProperty({ example: 'gate-1' }) deviceId!: string;
  @ApiProperty({ description: 'Repeated scans of this attendance, not recorded again' })
  duplicateScans!: number;
}

export class ReviewDueResponse {
  @ApiProperty() dueBy!: string;
  @ApiProperty() overdue!: boolean;
}

export class ReportDecisionView {
  @ApiProperty({ enum: ['approved', 'rejected'] }) decision!: string;
  @ApiPropertyOptional({ example: '10' }) creditsPerAttendee?: string;
  @ApiPropertyOptional() reason?: string;
}

/** OpenAPI shape of GET /sessions/{sessionId}/attendance. */
export class SessionAttendanceResponse {
  @ApiProperty({ format: 'uuid' }) activityId!: string;
  @ApiProperty() sessionId!: string;
  @ApiProperty({ example: '2026-05-10T00:30:00.000Z' }) startsAt!: string;
  @ApiProperty({ example: '2026-05-10T09:30:00.000Z' }) endsAt!: string;
  @ApiProperty({ example: '杭州 报告厅' }) location!: string;
  @ApiProperty({ example: 2026 }) creditYear!: number;
  @ApiPropertyOptional({ type: [FilingFlagResponse] }) filing?: FilingFlagResponse[];
  @ApiProperty({ ...anyObject, nullable: true, description: 'The annulment (R15), if any' })
  annulled!: Record<string, unknown> | null;
  @ApiProperty() attendees!: number;
  @ApiProperty() duplicateScans!: number;
  @ApiProperty({ type: [AttendanceResponse] }) attendance!: AttendanceResponse[];
  @ApiProperty({ type: ExecutionReportResponse, nullable: true })
  report!: ExecutionReportResponse | null;
  @ApiProperty({ type: ReviewDueResponse, nullable: true, description: 'R14, while awaiting' })
  review!: ReviewDueResponse | null;
  @ApiProperty({ type: ReportDecisionView, nullable: true }) decision!: ReportDecisionView | null;
}
