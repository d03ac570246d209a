import { IsReason } from '../../shared/http/reason';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsString, Length, Max, Min } from 'class-validator';
import { IsAmount, IsJurisdiction, IsOmittable } from '../../shared/http/validators';
import {
  personStrata,
  projectStrata,
  sessionStrata,
  SpotCheckSubject,
  spotCheckSubjects,
} from '../domain/spot-check.events';

export class DrawSpotCheckRequest {
  @ApiProperty({ example: 'CN-ZJ' })
  @IsJurisdiction()
  jurisdiction!: string;

  @ApiProperty({ example: 2026 })
  @IsInt()
  @Min(2000)
  @Max(2100)
  year!: number;

  @ApiPropertyOptional({
    enum: spotCheckSubjects,
    default: 'projects',
    description:
      "Projects (R7: the projects published that year, 6–10 %) or persons (credit audits); 'sessions' only names draws made before R7 sampled projects",
  })
  @IsOmittable()
  @IsIn(spotCheckSubjects)
  subject?: SpotCheckSubject;

  @ApiPropertyOptional({
    example: '0.08',
    description:
      "Share to draw; projects within the profile's bounds (Chongqing 0.06–0.10, R7), default 0.08",
  })
  @IsOmittable()
  @IsAmount()
  rate?: string;

  @ApiPropertyOptional({
    description: `Stratify by: projects ${projectStrata.join(', ')}; persons ${personStrata.join(', ')}`,
  })
  @IsOmittable()
  @IsArray()
  @ArrayMaxSize(3)
  @IsIn([...new Set([...projectStrata, ...sessionStrata, ...personStrata])], { each: true })
  strata?: string[];

  @ApiPropertyOptional({ description: 'Defaults to the ledger digest at the population position' })
  @IsOmittable()
  @IsString()
  @Length(8, 200)
  seed?: string;

  @ApiPropertyOptional({ description: 'Required when this jurisdiction-year was drawn before' })
  @IsOmittable()
  @IsString()
  @IsReason()
  reason?: string;
}
