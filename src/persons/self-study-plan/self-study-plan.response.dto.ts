import { ApiProperty } from '@nestjs/swagger';

export class SelfStudyPlanResponse {
  @ApiProperty({ format: 'uuid' }) personId!: string;
  @ApiProperty({ example: 2026 }) year!: number;
  @ApiProperty({ description: 'Whether a plan for the year is approved' }) approved!: boolean;
}
