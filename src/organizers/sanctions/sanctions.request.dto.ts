import { IsReason } from '../../shared/http/reason';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsString, IsUUID, Matches, Max, Min } from 'class-validator';
import { IsJurisdiction, IsOmittable, organizationIdPattern } from '../../shared/http/validators';
import { sanctionKinds, type SanctionKind } from '../domain/organizer.events';
import { msg, says } from '../../shared/domain/messages';

export class OrganizerParams {
  @ApiProperty({ example: 'org-zj-1', description: 'Opaque organization id of the organizer' })
  @Matches(
    organizationIdPattern,
    says(msg('validation.organization-id-short', { field: 'organizerId' })),
  )
  organizerId!: string;
}

export class SanctionParams extends OrganizerParams {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'sanctionId must be a UUID' })
  sanctionId!: string;
}

const calendarDate = /^\d{4}-\d{2}-\d{2}$/;

export class SanctionsQuery {
  @ApiProperty({ example: 'CN-ZJ', description: 'The sanctions that reach this jurisdiction' })
  @IsJurisdiction()
  jurisdiction!: string;
}

export class ImposeSanctionRequest {
  @ApiProperty({
    enum: sanctionKinds,
    description:
      'R16 (004 §七.3): 不批准 refusal, 批评 warning, 全国通报 national-notice, 责令停办 suspension, 取消申报资格 ban',
  })
  @IsIn(sanctionKinds)
  kind!: SanctionKind;

  @ApiProperty({ example: '2026-12-01', description: 'First day, a date in Asia/Shanghai' })
  @Matches(calendarDate, says(msg('validation.date', { field: 'from', example: '2026-12-01' })))
  from!: string;

  @ApiPropertyOptional({ example: 2, description: 'For a suspension or ban: 1–3 years' })
  @IsOmittable()
  @Type(() => Number)
  @IsInt({ message: 'years must be a whole number' })
  @Min(1)
  @Max(3)
  years?: number;

  @ApiProperty({ example: 'CN-ZJ', description: 'Where it applies; CN (national) everywhere' })
  @IsJurisdiction()
  jurisdiction!: string;

  @ApiProperty({ example: '申报材料中授课教师信息弄虚作假' })
  @IsString()
  @IsReason()
  reason!: string;
}

export class LiftSanctionRequest {
  @ApiProperty({
    example: '2027-06-01',
    description: 'First day no longer covered (Asia/Shanghai)',
  })
  @Matches(calendarDate, says(msg('validation.date', { field: 'from', example: '2027-06-01' })))
  from!: string;

  @ApiProperty({ example: '复议后撤销停办决定，申办单位已整改' })
  @IsString()
  @IsReason()
  reason!: string;
}

export class SanctionView {
  @ApiProperty({ format: 'uuid' }) sanctionId!: string;
  @ApiProperty({ enum: sanctionKinds }) kind!: SanctionKind;
  @ApiProperty({ example: '不批准 refusal' }) kindName!: string;
  @ApiProperty({ example: '2026-12-01' }) from!: string;
  @ApiProperty({ nullable: true, type: String, example: '2028-12-01' }) until!: string | null;
  @ApiProperty({ nullable: true, type: Number, example: 2 }) years!: number | null;
  @ApiProperty({ example: 'CN-ZJ' }) jurisdiction!: string;
  @ApiProperty() reason!: string;
  @ApiProperty({ nullable: true, description: 'Lifted from this date, with the reason' })
  lifted!: { from: string; reason: string } | null;
  @ApiProperty({ description: 'In force today (Asia/Shanghai)' }) inForce!: boolean;
}

export class OrganizerSanctionsView {
  @ApiProperty() organizerId!: string;
  @ApiProperty({ type: [SanctionView] }) sanctions!: SanctionView[];
}
