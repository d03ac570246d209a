import { MessageResponse } from '../../shared/http/message.response.dto';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

const amounts = { type: 'object', additionalProperties: { type: 'string' } } as const;

export class YearAttributesResponse {
  @ApiProperty({ example: 'CN-ZJ' }) jurisdiction!: string;
  @ApiProperty({ example: 'intermediate' }) titleLevel!: string;
  @ApiProperty() grassroots!: boolean;
  @ApiProperty() countyLevelOrBelow!: boolean;
  @ApiProperty({ type: String, nullable: true }) region!: string | null;
  @ApiProperty({ example: '2026-12-31', description: 'The day they were in force on' })
  inForceOn!: string;
  @ApiProperty() rule!: string;
}

export class CountedResponse {
  @ApiProperty({ example: '25' }) credits!: string;
  @ApiProperty({ example: '75' }) hours!: string;
  @ApiProperty({ ...amounts, example: { I: '10', II: '15' } }) byCategory!: Record<string, string>;
  @ApiProperty({ ...amounts, example: { professional: '20', public: '5' } })
  bySubject!: Record<string, string>;
  @ApiProperty({ ...amounts, example: { project: '25' } }) byKind!: Record<string, string>;
}

export class PendingResponse {
  @ApiProperty({ example: '0' }) credits!: string;
  @ApiProperty({ example: '0' }) hours!: string;
  @ApiProperty({ example: 0 }) count!: number;
}

export class CapAppliedResponse {
  @ApiProperty() kind!: string;
  @ApiProperty({ type: String, nullable: true }) activityId!: string | null;
  @ApiProperty() before!: string;
  @ApiProperty() after!: string;
  @ApiProperty() rule!: string;
  @ApiProperty() source!: string;
}

export class CappedResponse {
  @ApiProperty() creditId!: string;
  @ApiProperty() kind!: string;
  @ApiProperty() recorded!: string;
  @ApiProperty() counts!: string;
  @ApiProperty() rule!: string;
  @ApiProperty() source!: string;
}

export class SupplementResponse {
  @ApiProperty({ enum: ['I', 'II'] }) category!: string;
  @ApiProperty({ enum: ['I', 'II'] }) from!: string;
  @ApiProperty() amount!: string;
  @ApiProperty() rule!: string;
}

export class YearExemptionResponse {
  @ApiProperty({ example: 'residency-training' }) basis!: string;
  @ApiProperty() evidence!: string;
}

export class PublicToOtherHoursResponse {
  @ApiProperty() publicHours!: string;
  @ApiProperty() otherHours!: string;
  @ApiProperty({ type: String, nullable: true, example: '1 : 5' }) ratio!: string | null;
  @ApiProperty() principle!: string;
  @ApiProperty({ enum: [true] }) informational!: boolean;
  @ApiProperty() source!: string;
}

export class PopulationResponse {
  @ApiProperty() jurisdiction!: string;
  @ApiProperty({ description: "In the jurisdiction's population for the year" }) counted!: boolean;
  @ApiProperty() rule!: string;
}

export class PersonYearSealResponse {
  @ApiProperty() sealedAt!: string;
  @ApiProperty({ example: '7412:1041' }) position!: string;
  @ApiProperty({ type: String, nullable: true }) verdictAtSeal!: string | null;
  @ApiProperty({ type: String, nullable: true }) countedAtSeal!: string | null;
  @ApiProperty({ description: 'The figures changed after the seal (never folded in silently)' })
  changedSinceSeal!: boolean;
}

/** OpenAPI shape of GET /persons/{personId}/years/{year}. */
export class PersonYearResponse {
  @ApiProperty({ format: 'uuid' }) personId!: string;
  @ApiProperty({ type: String, nullable: true, description: 'The asOf asked for, else null' })
  asOf!: string | null;
  @ApiProperty({ enum: ['projection', 'log'] }) source!: string;
  @ApiProperty({ example: 2026 }) year!: number;
  @ApiProperty({ example: 'zhejiang-2024@2' }) profile!: string;
  @ApiProperty({ type: [String], example: ['national-2024@2'] }) profileLayers!: string[];
  @ApiProperty({ type: YearAttributesResponse }) attributes!: YearAttributesResponse;
  @ApiProperty({ enum: ['compliant', 'short', 'exempt', 'out-of-scope'] }) verdict!: string;
  @ApiProperty({ type: [String], example: ['short 5 credits: zhejiang-2024 requires 25, has 20'] })
  reasons!: string[];
  @ApiPropertyOptional({
    type: [MessageResponse],
    description: 'The reasons as codes and parameters (absent in documents folded before them)',
  })
  reasonCodes?: MessageResponse[];
  @ApiProperty({ type: CountedResponse }) counted!: CountedResponse;
  @ApiProperty({ type: PendingResponse }) pending!: PendingResponse;
  @ApiProperty({ type: [CapAppliedResponse] }) capsApplied!: CapAppliedResponse[];
  @ApiProperty({ type: [CappedResponse] }) capped!: CappedResponse[];
  @ApiProperty({ type: [SupplementResponse] }) supplements!: SupplementResponse[];
  @ApiProperty({ type: YearExemptionResponse, nullable: true })
  exemption!: YearExemptionResponse | null;
  @ApiProperty({ type: PublicToOtherHoursResponse, nullable: true })
  publicToOtherHours!: PublicToOtherHoursResponse | null;
  @ApiProperty({ type: PopulationResponse }) population!: PopulationResponse;
  @ApiProperty({ type: PersonYearSealResponse, nullable: true })
  seal!: PersonYearSealResponse | null;
}
