import { IsReason } from '../../shared/http/reason';
import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsInt, IsString, IsUUID, Length, Max, Min } from 'class-validator';
import { ExemptionBasis, exemptionBasisValues } from '../../rules/rule-profiles';

export class GrantExemptionRequest {
  @ApiProperty({ example: 2026, description: 'The credit year deemed qualified' })
  @IsInt()
  @Min(2000)
  @Max(2100)
  year!: number;

  @ApiProperty({ enum: exemptionBasisValues })
  @IsIn(exemptionBasisValues)
  basis!: ExemptionBasis;

  @ApiProperty({ example: 'residency training certificate 浙住培〔2026〕0123' })
  @IsString()
  @Length(4, 1000)
  evidence!: string;
}

export class RevokeExemptionRequest {
  @ApiProperty({ example: 'the residency training was not completed that year' })
  @IsString()
  @IsReason()
  reason!: string;
}

export class ExemptionParams {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'personId must be a UUID' })
  personId!: string;

  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'exemptionId must be a UUID' })
  exemptionId!: string;
}
