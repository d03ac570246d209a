import { ApiProperty } from '@nestjs/swagger';
import { IsAmount, IsInstant } from '../../shared/http/validators';

export class SubmitReportRequest {
  @ApiProperty({
    example: '18',
    description: 'Hours actually taught (R12: credits are reduced to these)',
  })
  @IsAmount()
  hoursTaught!: string;

  @ApiProperty({
    example: '2026-05-15T10:00:00+08:00',
    description: 'R14: due within 14 days of the session',
  })
  @IsInstant()
  submittedAt!: string;
}
