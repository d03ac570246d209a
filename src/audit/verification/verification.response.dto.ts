import { ApiProperty } from '@nestjs/swagger';

/** The Merkle root over every stream head at a log position. */
export class LedgerDigestResponse {
  @ApiProperty({ example: 'merkle-sha256-stream-heads-v1' }) algorithm!: string;
  @ApiProperty({ type: String, nullable: true, example: '892:22' }) position!: string | null;
  @ApiProperty({ example: '94d6ffc48fc72a6f15c9bb458f66572681391d2025b10cb2a4eca66909c6a1b2' })
  root!: string;
  @ApiProperty() streams!: number;
  @ApiProperty() events!: number;
}

export class ChainBreakResponse {
  @ApiProperty({ format: 'uuid' }) eventId!: string;
  @ApiProperty() streamId!: string;
  @ApiProperty() streamVersion!: number;
  @ApiProperty() globalPosition!: string;
  @ApiProperty({
    enum: [
      'hash-mismatch',
      'prev-hash-mismatch',
      'version-gap',
      'head-mismatch',
      'tail-lost',
      'stream-vanished',
      'digest-mismatch',
    ],
  })
  reason!: string;
}

export class VerificationResponse {
  @ApiProperty({ description: 'Every hash chain recomputes' }) ok!: boolean;
  @ApiProperty({ example: 'sha256-canonical-json-v1' }) algorithm!: string;
  @ApiProperty() streams!: number;
  @ApiProperty() events!: number;
  @ApiProperty({ type: ChainBreakResponse, nullable: true, description: 'Earliest in log order' })
  firstBreak!: ChainBreakResponse | null;
  @ApiProperty({ type: [ChainBreakResponse] }) breaks!: ChainBreakResponse[];
  @ApiProperty({ type: LedgerDigestResponse }) digest!: LedgerDigestResponse;
}
