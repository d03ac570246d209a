import { IsReason } from '../../shared/http/reason';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsString, Matches } from 'class-validator';
import { IsOmittable } from '../../shared/http/validators';
import type { AnnulmentCredits } from '../domain/activity.events';
import { msg, says } from '../../shared/domain/messages';

export const annulmentCreditChoices = ['keep', 'revoke'] as const;

/** R15: the reason, and — stated, never defaulted — what happens to credits already granted. */
export class AnnulActivityRequest {
  @ApiProperty({ example: 'organizer failed its 2026 annual inspection (R15)' })
  @IsString()
  @IsReason()
  reason!: string;

  @ApiProperty({
    enum: annulmentCreditChoices,
    description:
      'Credits already granted: keep them (counted, flagged as of an annulled project) or revoke them (from `revokeFrom`, else all)',
  })
  @IsIn(annulmentCreditChoices, says(msg('validation.keep-or-revoke', { field: 'credits' })))
  credits!: AnnulmentCredits;

  @ApiPropertyOptional({
    example: '2026-07-01',
    description:
      'With credits: revoke — only credits of sessions held from this date (Asia/Shanghai) are revoked; earlier ones are kept and flagged',
  })
  @IsOmittable()
  @Matches(
    /^\d{4}-\d{2}-\d{2}$/,
    says(msg('validation.date', { field: 'revokeFrom', example: '2026-07-01' })),
  )
  revokeFrom?: string;
}
