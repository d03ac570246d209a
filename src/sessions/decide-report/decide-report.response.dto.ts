import { ApiProperty } from '@nestjs/swagger';

export class ReportDecisionResponse {
  @ApiProperty({ enum: ['approved', 'rejected'] }) decision!: string;
  @ApiProperty({ type: String, nullable: true, example: '10' }) creditsPerAttendee!: string | null;
  @ApiProperty() attendees!: number;
  @ApiProperty({ type: Number, nullable: true, description: 'Grants this approval made' })
  creditsGranted!: number | null;
  @ApiProperty({
    enum: ['recorded', 'pending', 'refused'],
    nullable: true,
    description: 'Whether the grants are in the log yet (202: pending); null when nothing new',
  })
  grants!: string | null;
  @ApiProperty({ type: String, nullable: true }) reason!: string | null;
}
