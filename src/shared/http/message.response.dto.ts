import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/**
 * A message as data — its stable code and parameters — beside the text rendered in the caller's
 * language (`Accept-Language`), so a client can render it itself or match on the code.
 */
export class MessageResponse {
  @ApiProperty({ example: 'year.short-credits' }) code!: string;
  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: true,
    example: { short: '5', profile: 'zhejiang-2024', required: '25', has: '20' },
  })
  params?: Record<string, unknown>;
}
