import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import { IsQueryInstant } from './validators';

/** `?asOf=` — answer from the events the ledger had recorded before this instant. */
export class AsOfQuery {
  @ApiPropertyOptional({
    example: '2026-11-30T23:59:59+08:00',
    description: 'Answer as the ledger knew it at this instant',
  })
  @IsOptional()
  @IsQueryInstant()
  asOf?: string;
}

export const asOfDate = (query: AsOfQuery): Date | undefined =>
  query.asOf ? new Date(query.asOf) : undefined;
