import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import { parseQueryInstant } from '../domain/shanghai-time';
import { IsQueryInstant } from './validators';

/** `?asOf=` — answer from the events the ledger had recorded before this instant. */
export class AsOfQuery {
  @ApiPropertyOptional({
    example: '2026-11-30',
    description:
      'Answer as the ledger knew it at this instant: a date (the end of that day in Asia/Shanghai) or an instant with its offset (in a URL, + as %2B; a + turned into a space is accepted)',
  })
  @IsOptional()
  @IsQueryInstant()
  asOf?: string;
}

export const asOfDate = (query: AsOfQuery): Date | undefined =>
  query.asOf ? (parseQueryInstant(query.asOf) ?? undefined) : undefined;
