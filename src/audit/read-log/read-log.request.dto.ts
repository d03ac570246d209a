import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsISO8601, IsOptional, Matches, Max, Min } from 'class-validator';

export const readLogPageSizeMax = 1_000;

export class ReadLogQuery {
  @ApiPropertyOptional({
    description: 'Exclusive start: a log position "commit:prepare" from a previous page.',
    example: '7412:1041',
  })
  @IsOptional()
  @Matches(/^\d{1,20}:\d{1,20}$/, { message: 'after must be a log position "commit:prepare"' })
  after?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: readLogPageSizeMax, default: 100 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(readLogPageSizeMax)
  limit?: number;

  @ApiPropertyOptional({
    description: 'As of: only events recorded before this instant (with offset).',
    example: '2026-11-30T23:59:59+08:00',
  })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'recordedBefore must be an ISO 8601 instant' })
  @Matches(/(Z|[+-]\d{2}:\d{2})$/, { message: 'recordedBefore must state its time zone offset' })
  recordedBefore?: string;
}
