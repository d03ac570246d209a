import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CreditResponse } from '../credit.response.dto';

/** R11: a credit recorded in full of which only `counts` counts (a cap). */
export class CappedCreditResponse {
  @ApiProperty({ example: '5' }) counts!: string;
  @ApiProperty({ example: 'R11' }) rule!: string;
  @ApiProperty() source!: string;
}

/** A correction made to a listed credit (revocation or adjustment), as the trace shows it. */
export class ListedCreditCorrection {
  @ApiProperty({ example: 'adjust', description: 'revoke or adjust' }) kind!: string;
  @ApiProperty({ type: String, nullable: true, example: '6' }) amountBefore!: string | null;
  @ApiProperty({ type: String, nullable: true, example: '2' }) amountAfter!: string | null;
  @ApiProperty({ example: '复查会议签到' }) reason!: string;
  @ApiProperty({ type: String, nullable: true, description: 'Actor id' }) actor!: string | null;
  @ApiProperty({ example: '2026-07-02T03:00:00.000Z' }) at!: string;
}

export class ListedCredit extends CreditResponse {
  @ApiProperty({ type: CappedCreditResponse, nullable: true }) capped!: CappedCreditResponse | null;
  @ApiPropertyOptional({ type: [ListedCreditCorrection] })
  corrections?: ListedCreditCorrection[];
}

/** OpenAPI shape of GET /persons/{personId}/credits. */
export class CreditListResponse {
  @ApiProperty({ format: 'uuid' }) personId!: string;
  @ApiProperty({ type: Number, nullable: true, example: 2026 }) year!: number | null;
  @ApiProperty({ example: '25', description: 'What counts (capped credits up to their cap)' })
  countedTotal!: string;
  @ApiProperty({ example: '0' }) pendingTotal!: string;
  @ApiProperty({
    type: Boolean,
    nullable: true,
    description: 'Exempt for the year (R4); null without a year',
  })
  exempt!: boolean | null;
  @ApiProperty({ type: [ListedCredit] }) credits!: ListedCredit[];
}
