import { ApiProperty } from '@nestjs/swagger';
import { anyObject } from '../shared/http/api-error-responses';

export class ComplianceCounts {
  @ApiProperty({ description: 'In scope: the rate’s denominator' }) people!: number;
  @ApiProperty() compliant!: number;
  @ApiProperty() exempt!: number;
  @ApiProperty() short!: number;
  @ApiProperty({ description: 'In post-graduate medical education: reported, not rated' })
  outOfScope!: number;
  @ApiProperty({ type: String, nullable: true, example: '0.9123' }) rate!: string | null;
}

export class ComplianceGroup extends ComplianceCounts {
  @ApiProperty({ example: 'junior' }) titleLevel!: string;
  @ApiProperty({ type: String, nullable: true, example: 'north-east' }) region!: string | null;
  @ApiProperty({ type: String, nullable: true, example: '0.8' }) target!: string | null;
  @ApiProperty({ type: Boolean, nullable: true }) meetsTarget!: boolean | null;
}

/** R10: staff of grassroots institutions (基层) beside everyone else; no target of its own. */
export class ComplianceByGrassroots extends ComplianceCounts {
  @ApiProperty() grassroots!: boolean;
}

export class ComplianceTargets {
  @ApiProperty({ ...anyObject, nullable: true, description: 'R8 targets by title level, region' })
  value!: Record<string, unknown> | null;
  @ApiProperty() source!: string;
}

export class ComplianceSeal {
  @ApiProperty() sealedAt!: string;
  @ApiProperty() position!: string;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'integer' } })
  verdictsAtSeal!: Record<string, number>;
  @ApiProperty({ description: 'People whose verdict or credits changed since the seal' })
  postSealChanges!: number;
  @ApiProperty({ type: [String], description: 'The first 100 of them' })
  changedPeople!: string[];
}

/** OpenAPI shape of GET /statistics/compliance. */
export class ComplianceResponse {
  @ApiProperty({ example: 'CN-CQ' }) jurisdiction!: string;
  @ApiProperty({ example: 2026 }) year!: number;
  @ApiProperty({ example: 'chongqing-2017@2' }) profile!: string;
  @ApiProperty({ type: [String] }) profileLayers!: string[];
  @ApiProperty({ description: 'Who is counted' }) population!: string;
  @ApiProperty() registeredAfterYearEnd!: number;
  @ApiProperty({ type: ComplianceTargets }) targets!: ComplianceTargets;
  @ApiProperty({ type: ComplianceCounts }) overall!: ComplianceCounts;
  @ApiProperty({ type: [ComplianceGroup] }) groups!: ComplianceGroup[];
  @ApiProperty({
    type: [ComplianceByGrassroots],
    description: 'Grassroots staff (R10) and the rest',
  })
  byGrassroots!: ComplianceByGrassroots[];
  @ApiProperty({ type: ComplianceSeal, nullable: true }) seal!: ComplianceSeal | null;
}
