import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class SealVerdictCounts {
  @ApiProperty() compliant!: number;
  @ApiProperty() exempt!: number;
  @ApiProperty() short!: number;
  @ApiPropertyOptional({ description: 'Absent on seals recorded before it was reported' })
  'out-of-scope'?: number;
}

/** A jurisdiction's sealed credit year (学分审验). */
export class YearSealResponse {
  @ApiProperty({ example: 'CN-CQ' }) jurisdiction!: string;
  @ApiProperty({ example: 2026 }) year!: number;
  @ApiProperty({ example: '990:40', description: 'The log position the verdicts were read at' })
  position!: string;
  @ApiProperty({ description: "Everyone in the year's population" }) people!: number;
  @ApiProperty({ type: SealVerdictCounts }) verdicts!: SealVerdictCounts;
  @ApiPropertyOptional({ example: '2026-10-31' }) yearLastDay?: string;
  @ApiProperty({ description: 'sha256 over the sorted (personId, verdict, counted) triples' })
  verdictsDigest!: string;
  @ApiProperty({ type: String, nullable: true, description: 'R6: when it had to be sealed by' })
  dueBy!: string | null;
  @ApiProperty() late!: boolean;
}

export class SealedYearResponse extends YearSealResponse {
  @ApiProperty({ enum: ['recorded', 'pending'], description: 'The verdict rows in the log yet' })
  verdictRows!: string;
}

export class StoredYearSealResponse extends YearSealResponse {
  @ApiProperty({ example: '2026-11-28T02:00:00.000Z' }) sealedAt!: string;
}
