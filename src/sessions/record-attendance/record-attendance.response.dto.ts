import { ApiProperty } from '@nestjs/swagger';

export class AttendanceRecordedResponse {
  @ApiProperty({ format: 'uuid' }) attendanceId!: string;
  @ApiProperty({ format: 'uuid' }) personId!: string;
  @ApiProperty({ description: 'A repeat scan (200): the first scan’s attendance id' })
  duplicate!: boolean;
}
