import { ApiProperty } from '@nestjs/swagger';
import { CreditWithHistoryResponse } from '../credit.response.dto';

/** R11: a credit recorded in full of which only `counts` counts (a cap). */
export class CappedCreditResponse {
  @ApiProperty({ example: '5' }) counts!: string;
  @ApiProperty({ example: 'R11' }) rule!: string;
  @ApiProperty() source!: string;
}

export class ListedCredit extends CreditWithHistoryResponse {
  @ApiProperty({ type: CappedCreditResponse, nullable: true }) capped!: CappedCreditResponse | null;
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
