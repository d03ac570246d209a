import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsString, Length, Matches, Max, Min } from 'class-validator';
import { IsAmount, IsJurisdiction, IsOmittable } from '../../shared/http/validators';
import {
  ActivityKind,
  activityKinds,
  ActivityLevel,
  activityLevels,
  CreditCategory,
  creditCategories,
  Format,
  formats,
  Subject,
  subjects,
} from '../domain/activity.events';
import { msg, says } from '../../shared/domain/messages';

export class RegisterActivityRequest {
  @ApiProperty({ enum: activityKinds })
  @IsIn(activityKinds)
  kind!: ActivityKind;

  @ApiPropertyOptional({
    description: 'Project code (项目编号), required for projects',
    example: '2026-04-01-123(国)',
  })
  @IsOmittable()
  @IsString()
  @Length(5, 40)
  code?: string;

  @ApiProperty({ example: '心血管疾病诊疗新进展' })
  @IsString()
  @Length(2, 200)
  title!: string;

  @ApiProperty({ enum: activityLevels })
  @IsIn(activityLevels)
  level!: ActivityLevel;

  @ApiPropertyOptional({
    enum: creditCategories,
    description: 'Where the jurisdiction still splits Category I/II',
  })
  @IsOmittable()
  @IsIn(creditCategories)
  category?: CreditCategory;

  @ApiProperty({ enum: subjects })
  @IsIn(subjects)
  subject!: Subject;

  @ApiProperty({ enum: formats })
  @IsIn(formats)
  format!: Format;

  @ApiProperty({ example: '10', description: 'Exact decimal, as a string or a number' })
  @IsAmount()
  credits!: string;

  @ApiProperty({ example: '20' })
  @IsAmount()
  hours!: string;

  @ApiProperty({ example: 'CN-ZJ' })
  @IsJurisdiction()
  jurisdiction!: string;

  @ApiProperty({ example: 'org-zj-hospital-1' })
  @IsString()
  @Matches(
    /^[A-Za-z0-9][A-Za-z0-9_.:-]{0,99}$/,
    says(msg('validation.opaque-id', { field: 'organizerId' })),
  )
  organizerId!: string;

  @ApiPropertyOptional({
    example: 2,
    description:
      'R13 (004 §六.6): sessions a year declared at application; required for a national project (1–6)',
  })
  @IsOmittable()
  @Type(() => Number)
  @IsInt({ message: 'sessionsDeclared must be a whole number' })
  @Min(1)
  @Max(100)
  sessionsDeclared?: number;

  @ApiPropertyOptional({
    example: 'CN-ZJ',
    description:
      'Where the organizer is based, when not in the venue’s jurisdiction (R14, 001 (十八): national projects brought to Chongqing from outside file a month ahead)',
  })
  @IsOmittable()
  @IsJurisdiction()
  organizerJurisdiction?: string;
}
