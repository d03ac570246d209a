import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsString, IsUUID, Length, Max, Min } from 'class-validator';
import { IsAmount, IsInstant, IsOmittable } from '../../shared/http/validators';

export class GrantCreditRequest {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'personId must be a UUID' })
  personId!: string;

  @ApiProperty({ format: 'uuid', description: 'A registered non-project activity' })
  @IsUUID('all', { message: 'activityId must be a UUID' })
  activityId!: string;

  @ApiPropertyOptional({
    description:
      'For kinds whose amount is not fixed by rule (self-study, advanced study, mentorship, degree)',
  })
  @IsOmittable()
  @IsAmount()
  amount?: string;

  @ApiPropertyOptional({
    description: 'Internal training: hours attended (1 credit per 3 h, at most 5 per project, R11)',
  })
  @IsOmittable()
  @IsAmount()
  hours?: string;

  @ApiPropertyOptional({
    description:
      'Special training: days attended (≥ 6 h each; 1 credit a day, at most 15 a year, R11)',
  })
  @IsOmittable()
  @IsInt()
  @Min(1)
  @Max(366)
  days?: number;

  @ApiPropertyOptional({
    description: 'Special training: months in the year (≥ 3 counts as the whole year, R11)',
  })
  @IsOmittable()
  @IsInt()
  @Min(0)
  @Max(12)
  months?: number;

  @ApiPropertyOptional({ enum: ['sci', 'core'] })
  @IsOmittable()
  @IsIn(['sci', 'core'])
  journalTier?: 'sci' | 'core';

  @ApiPropertyOptional({
    minimum: 1,
    maximum: 10,
    description: 'Author position; the corresponding author counts as 1',
  })
  @IsOmittable()
  @IsInt()
  @Min(1)
  @Max(10)
  authorRank?: number;

  @ApiProperty({
    example: '2026-06-30T17:00:00+08:00',
    description: 'When it was earned: decides the credit year',
  })
  @IsInstant()
  earnedAt!: string;

  @ApiProperty({ example: 'training roster 2026-06, signed by the head of department' })
  @IsString()
  @Length(4, 1000)
  evidence!: string;
}
