import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class CertificateCreditResponse {
  @ApiProperty() creditId!: string;
  @ApiProperty({ example: '2' }) amount!: string;
  @ApiProperty({ type: String, nullable: true }) category!: string | null;
  @ApiProperty() subject!: string;
  @ApiProperty() kind!: string;
  @ApiProperty({ format: 'uuid' }) activityId!: string;
}

/** 电子学分证书 (format=json). */
export class CertificateResponse {
  @ApiProperty({
    description: 'Printed on the certificate; verify it at /certificates/{id}/verification',
  })
  certificateId!: string;
  @ApiProperty() issuedAt!: string;
  @ApiProperty({ example: '892:22', description: 'The log position it was issued at' })
  position!: string;
  @ApiProperty({ description: 'The ledger digest root at that position' }) digestRoot!: string;
  @ApiProperty({ type: String, nullable: true, example: '王芳' }) name!: string | null;
  @ApiProperty({ type: String, nullable: true, example: '330102********8048' })
  idNumber!: string | null;
  @ApiProperty({ format: 'uuid' }) personId!: string;
  @ApiProperty({ example: 2026 }) year!: number;
  @ApiProperty({ example: 'zhejiang-2024@2' }) profile!: string;
  @ApiProperty({ example: 'compliant' }) verdict!: string;
  @ApiProperty({ example: '25' }) countedCredits!: string;
  @ApiProperty({ example: '75' }) countedHours!: string;
  @ApiProperty({ type: [CertificateCreditResponse] }) credits!: CertificateCreditResponse[];
}

export class CountedCreditsThenAndNow {
  @ApiProperty({ example: '25' }) issued!: string;
  @ApiProperty({ type: String, nullable: true, example: '25' }) now!: string | null;
}

/** Public certificate check: ids and figures, nothing personal. */
export class CertificateVerificationResponse {
  @ApiProperty() certificateId!: string;
  @ApiProperty({ description: 'Issued by this ledger at its position' }) authentic!: boolean;
  @ApiProperty({ description: 'Its credits still stand now' }) valid!: boolean;
  @ApiPropertyOptional({ example: 2026 }) year?: number;
  @ApiPropertyOptional({ example: '892:22' }) issuedAtPosition?: string;
  @ApiPropertyOptional({ type: CountedCreditsThenAndNow })
  countedCredits?: CountedCreditsThenAndNow;
  @ApiProperty() reason!: string;
}
