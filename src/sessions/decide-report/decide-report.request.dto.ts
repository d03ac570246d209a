import { IsReason } from '../../shared/http/reason';
import { IsOmittable } from '../../shared/http/validators';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsString } from 'class-validator';

export class DecideReportRequest {
  @ApiProperty({ enum: ['approve', 'reject'] })
  @IsIn(['approve', 'reject'])
  decision!: 'approve' | 'reject';

  @ApiPropertyOptional({ description: 'Required for a rejection' })
  @IsOmittable()
  @IsString()
  @IsReason()
  reason?: string;
}
