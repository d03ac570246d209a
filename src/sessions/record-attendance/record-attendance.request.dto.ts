import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsString, IsUUID, Matches, ValidateIf } from 'class-validator';
import { IsIdNumber, IsInstant, IsOmittable } from '../../shared/http/validators';
import { ScanMethod, scanMethods } from '../domain/session.events';
import { msg, says } from '../../shared/domain/messages';

export class RecordAttendanceRequest {
  @ApiPropertyOptional({
    description:
      'Resident ID number read from the card (never stored in clear). Give this or personId.',
  })
  @ValidateIf((o: RecordAttendanceRequest) => o.personId === undefined || o.idNumber !== undefined)
  @IsIdNumber()
  idNumber?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Give this or idNumber' })
  @IsOmittable()
  @IsUUID('all', { message: 'personId must be a UUID' })
  personId?: string;

  @ApiProperty({ enum: scanMethods })
  @IsIn(scanMethods)
  method!: ScanMethod;

  @ApiProperty({ example: '2026-05-10T08:41:07+08:00' })
  @IsInstant()
  scannedAt!: string;

  @ApiProperty({ example: 'gate-2-reader' })
  @IsString()
  @Matches(
    /^[A-Za-z0-9][A-Za-z0-9_.:-]{0,99}$/,
    says(msg('validation.opaque-id', { field: 'deviceId' })),
  )
  deviceId!: string;
}
