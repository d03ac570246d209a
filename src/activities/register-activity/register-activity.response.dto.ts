import { ApiProperty } from '@nestjs/swagger';

export class RegisteredActivityResponse {
  @ApiProperty({ format: 'uuid' }) activityId!: string;
}
