import { ApiProperty } from '@nestjs/swagger';

export class PersonAttributesResponse {
  @ApiProperty({ example: 'CN-ZJ' }) jurisdiction!: string;
  @ApiProperty({ example: 'junior' }) titleLevel!: string;
  @ApiProperty() grassroots!: boolean;
  @ApiProperty() countyLevelOrBelow!: boolean;
  @ApiProperty({ type: String, nullable: true }) region!: string | null;
}

export class AttributeChangeResponse {
  @ApiProperty({ example: '2026-07-01' }) effectiveFrom!: string;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    example: { titleLevel: 'intermediate' },
    description: 'The attributes this change sets',
  })
  changes!: Record<string, unknown>;
}

export class AttributeHistoryResponse {
  @ApiProperty({ type: PersonAttributesResponse }) registered!: PersonAttributesResponse;
  @ApiProperty({ type: [AttributeChangeResponse] }) changes!: AttributeChangeResponse[];
}

export class ExemptionResponse {
  @ApiProperty({ format: 'uuid' }) exemptionId!: string;
  @ApiProperty({ example: 2026 }) creditYear!: number;
  @ApiProperty({ example: 'residency-training' }) basis!: string;
  @ApiProperty({ example: '浙住培〔2026〕0123' }) evidence!: string;
  @ApiProperty({ example: 'zhejiang-2024' }) profileId!: string;
  @ApiProperty({
    type: 'object',
    nullable: true,
    properties: { reason: { type: 'string' } },
    required: ['reason'],
  })
  revoked!: { reason: string } | null;
}

/** OpenAPI shape of GET /persons/{personId}. */
export class PersonResponse {
  @ApiProperty({ format: 'uuid' }) personId!: string;
  @ApiProperty({
    type: String,
    nullable: true,
    example: '330102********123X',
    description: 'Whole for the person and their committee, else masked; null once erased',
  })
  idNumber!: string | null;
  @ApiProperty({ type: String, nullable: true, example: '王芳', description: 'null once erased' })
  name!: string | null;
  @ApiProperty() erased!: boolean;
  @ApiProperty({ example: 'nurse' }) profession!: string;
  @ApiProperty({ example: 'junior' }) titleLevel!: string;
  @ApiProperty({ example: 'intensive care' }) specialty!: string;
  @ApiProperty({ example: 'CN-ZJ' }) jurisdiction!: string;
  @ApiProperty() grassroots!: boolean;
  @ApiProperty() countyLevelOrBelow!: boolean;
  @ApiProperty({ type: String, nullable: true }) region!: string | null;
  @ApiProperty({ type: String, nullable: true }) registeredAt!: string | null;
  @ApiProperty({ type: AttributeHistoryResponse, nullable: true })
  attributeHistory!: AttributeHistoryResponse | null;
  @ApiProperty({ type: [ExemptionResponse] }) exemptions!: ExemptionResponse[];
}
