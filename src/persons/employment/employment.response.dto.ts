import { ApiProperty } from '@nestjs/swagger';

export class EmploymentResponse {
  @ApiProperty({ format: 'uuid' }) personId!: string;
  @ApiProperty({ type: String, nullable: true, example: 'employer-zj-hospital-3' })
  employerId!: string | null;
}
