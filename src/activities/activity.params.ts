import { ApiProperty } from '@nestjs/swagger';
import { IsUUID } from 'class-validator';

export class ActivityParams {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'activityId must be a UUID' })
  activityId!: string;
}
