import { ApiProperty } from '@nestjs/swagger';

export class ScheduledSessionResponse {
  @ApiProperty({
    example: 'tf2tWgirQ6G5MKeKK0cJ8Bk2-G90ikswm_zqNfajdRk',
    description: 'Opaque; use it in /sessions/{sessionId}/…',
  })
  sessionId!: string;
  @ApiProperty({ example: 2026, description: 'The credit year the session counts for' })
  creditYear!: number;
}
