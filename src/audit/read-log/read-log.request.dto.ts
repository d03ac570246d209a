import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { IsLogPosition, IsQueryInstant } from '../../shared/http/validators';

export const readLogPageSizeMax = 1_000;

export class ReadLogQuery {
  @ApiPropertyOptional({
    description: 'Exclusive start: a log position "commit:prepare" from a previous page.',
    example: '7412:1041',
  })
  @IsOptional()
  @IsLogPosition()
  after?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: readLogPageSizeMax, default: 100 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(readLogPageSizeMax)
  limit?: number;

  @ApiPropertyOptional({
    description:
      'As of: only events recorded before this instant — a date (the end of that day in Asia/Shanghai) or an instant with its offset.',
    example: '2026-11-30',
  })
  @IsOptional()
  @IsQueryInstant()
  recordedBefore?: string;
}
