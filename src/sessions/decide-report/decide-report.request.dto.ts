import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Length } from 'class-validator';

export class DecideReportRequest {
  @ApiProperty({ enum: ['approve', 'reject'] })
  @IsIn(['approve', 'reject'])
  decision!: 'approve' | 'reject';

  @ApiPropertyOptional({ description: 'Required for a rejection' })
  @IsOptional()
  @IsString()
  @Length(8, 1000, { message: 'reason must be a sentence (8–1000 characters)' })
  reason?: string;
}
