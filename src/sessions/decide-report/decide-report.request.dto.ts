import { IsOmittable } from '../../shared/http/validators';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsString, Length } from 'class-validator';

export class DecideReportRequest {
  @ApiProperty({ enum: ['approve', 'reject'] })
  @IsIn(['approve', 'reject'])
  decision!: 'approve' | 'reject';

  @ApiPropertyOptional({ description: 'Required for a rejection' })
  @IsOmittable()
  @IsString()
  @Length(8, 1000, { message: 'reason must be a sentence (8–1000 characters)' })
  reason?: string;
}
