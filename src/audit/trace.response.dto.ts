import { MessageResponse } from '../shared/http/message.response.dto';
import { ApiProperty } from '@nestjs/swagger';
import { anyObject } from '../shared/http/api-error-responses';

export class ImportedFromResponse {
  @ApiProperty() batchId!: string;
  @ApiProperty() file!: string;
  @ApiProperty() row!: number;
  @ApiProperty({ example: '从 roster.csv 第 412 行导入 — imported from roster.csv row 412' })
  text!: string;
}

/** One event of a trace: what happened, who did it in which role, why, when, where in the log. */
export class TraceStepResponse {
  @ApiProperty({ example: 'CreditGranted' }) type!: string;
  @ApiProperty({ format: 'uuid' }) eventId!: string;
  @ApiProperty() streamId!: string;
  @ApiProperty() streamVersion!: number;
  @ApiProperty({ type: String, nullable: true }) actor!: string | null;
  @ApiProperty({ type: String, nullable: true }) role!: string | null;
  @ApiProperty({ type: String, nullable: true }) reason!: string | null;
  @ApiProperty() occurredAt!: string;
  @ApiProperty() recordedAt!: string;
  @ApiProperty({ example: '42' }) globalPosition!: string;
  @ApiProperty({ example: '7412:1041' }) position!: string;
  @ApiProperty() hash!: string;
  @ApiProperty({ ...anyObject, description: "The event's data" }) data!: Record<string, unknown>;
  @ApiProperty({ type: ImportedFromResponse, nullable: true })
  imported!: ImportedFromResponse | null;
}

/** OpenAPI shape of GET /credits/{creditId}/trace. */
export class CreditTraceResponse {
  @ApiProperty() creditId!: string;
  @ApiProperty({ format: 'uuid' }) personId!: string;
  @ApiProperty({ type: String, nullable: true }) asOf!: string | null;
  @ApiProperty({ format: 'uuid' }) activityId!: string;
  @ApiProperty({ type: String, nullable: true }) sessionId!: string | null;
  @ApiProperty({ type: [TraceStepResponse], description: 'In log order' })
  steps!: TraceStepResponse[];
}

/** OpenAPI shape of GET /persons/{personId}/sessions/{sessionId}/trace (学分未到账). */
export class SessionTraceResponse {
  @ApiProperty({ format: 'uuid' }) personId!: string;
  @ApiProperty() sessionId!: string;
  @ApiProperty({ type: String, nullable: true }) asOf!: string | null;
  @ApiProperty({
    enum: [
      'no-scan',
      'report-not-filed',
      'report-pending',
      'report-rejected',
      'project-annulled',
      'not-filed',
      'grant-pending',
      'annulment-pending',
      'verification-pending',
      'verification-rejected',
      'revoked',
      'annulled',
      'counted',
    ],
  })
  state!: string;
  @ApiProperty({ description: 'What is awaited, and from whom' }) explanation!: string;
  @ApiProperty({ type: MessageResponse }) explanationCode!: MessageResponse;
  @ApiProperty({ type: String, nullable: true }) creditId!: string | null;
  @ApiProperty({ type: [TraceStepResponse] }) steps!: TraceStepResponse[];
}
