import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { importKinds } from './domain/import-kinds';

const rowStatuses = ['would-record', 'recorded', 'already-recorded', 'refused', 'not-recorded'];

/** OpenAPI shape of one row of an ImportReport. */
export class ImportRowView {
  @ApiProperty({ description: 'Spreadsheet row number (the header is row 1)', example: 412 })
  row!: number;
  @ApiProperty({ enum: rowStatuses })
  status!: string;
  @ApiPropertyOptional({ type: String, nullable: true, example: '签到时间 / scanned at' })
  column!: string | null;
  @ApiPropertyOptional({
    type: String,
    nullable: true,
    description: 'R1…R17, or format, jurisdiction, forbidden, not-found, conflict',
    example: 'format',
  })
  rule!: string | null;
  @ApiProperty()
  message!: string;
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'string' },
    description: 'personId, activityId, sessionId, attendanceId, creditId as they apply',
  })
  ids!: Record<string, string>;
  @ApiProperty({ type: [String], example: ['AttendanceRecorded'] })
  events!: string[];
}

export class ImportFileProblemView {
  @ApiProperty() column!: string;
  @ApiProperty() message!: string;
}

/** OpenAPI shape of the answer of POST /imports/{kind} (report=json). */
export class ImportReportView {
  @ApiProperty({ description: 'Derived from kind, jurisdiction and the file’s SHA-256' })
  batchId!: string;
  @ApiProperty({ enum: importKinds }) kind!: string;
  @ApiProperty() fileName!: string;
  @ApiProperty() sha256!: string;
  @ApiProperty({ enum: ['csv', 'xlsx'] }) format!: string;
  @ApiPropertyOptional({ enum: ['utf-8', 'gb18030'], type: String, nullable: true }) encoding!:
    string | null;
  @ApiProperty() jurisdiction!: string;
  @ApiProperty() dryRun!: boolean;
  @ApiProperty() acceptValid!: boolean;
  @ApiProperty({ description: 'Whether this call recorded the batch and its rows' })
  recorded!: boolean;
  @ApiProperty() outcome!: string;
  @ApiProperty() rowCount!: number;
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'integer' },
    description: 'Rows by status',
  })
  summary!: Record<string, number>;
  @ApiProperty({ type: [ImportFileProblemView] }) fileProblems!: ImportFileProblemView[];
  @ApiProperty({ type: [ImportRowView] }) rows!: ImportRowView[];
}

/** The report of an upload refused whole (422): the outcome as `message`, naming the file. */
export class ImportRefusedView extends ImportReportView {
  @ApiProperty({ type: [String], example: ['12 rows refused; nothing recorded'] })
  message!: string[];
  @ApiProperty({ enum: ['file'] }) field!: string;
}
