import { ApiProperty } from '@nestjs/swagger';

export class ActivityAnnulmentResponse {
  @ApiProperty({ format: 'uuid' }) activityId!: string;
  @ApiProperty() reason!: string;
  @ApiProperty({
    enum: ['keep', 'revoke', 'revoke-all'],
    description: 'What the committee stated for credits already granted',
  })
  creditsTreatment!: string;
  @ApiProperty({ type: String, nullable: true, example: '2026-07-01' }) revokeFrom!: string | null;
  @ApiProperty({ type: [String], description: 'Sessions not yet held, now cancelled' })
  cancelledSessions!: string[];
  @ApiProperty({ type: Number, nullable: true }) creditsAnnulled!: number | null;
  @ApiProperty({
    enum: ['annulled', 'pending', 'refused'],
    nullable: true,
    description: 'Whether the credits are annulled in the log yet (202: pending)',
  })
  credits!: string | null;
}
