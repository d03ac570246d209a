import { ApiProperty } from '@nestjs/swagger';
import { anyObject } from '../shared/http/api-error-responses';

export class SpotCheckPopulationResponse {
  @ApiProperty() count!: number;
  @ApiProperty({ description: 'SHA-256 over the population, in order' }) digest!: string;
  @ApiProperty({ example: '809:8', description: 'The log position it was read at' })
  position!: string;
  @ApiProperty({ example: 'activities' }) projection!: string;
}

/** A draw as recorded (R7): its inputs, seed, population and selection. */
export class SpotCheckDrawResponse {
  @ApiProperty({ example: 'CN-ZJ.2026.1' }) spotCheckId!: string;
  @ApiProperty({ enum: ['projects', 'persons', 'sessions'] }) subject!: string;
  @ApiProperty({ example: 'CN-ZJ' }) jurisdiction!: string;
  @ApiProperty({ example: 2026 }) year!: number;
  @ApiProperty({ example: '0.08' }) rate!: string;
  @ApiProperty({ type: [String], example: ['level'], description: 'Strata drawn separately' })
  strata!: string[];
  @ApiProperty({ type: String, nullable: true }) reason!: string | null;
  @ApiProperty() seed!: string;
  @ApiProperty({ enum: ['given', 'ledger-digest'] }) seedSource!: string;
  @ApiProperty({ example: 'hmac-sha256-rank-largest-remainder-v2' }) algorithm!: string;
  @ApiProperty({ type: SpotCheckPopulationResponse }) population!: SpotCheckPopulationResponse;
  @ApiProperty({ type: [String], description: 'Activity or person ids selected' })
  selected!: string[];
}

export class SpotCheckResponse extends SpotCheckDrawResponse {
  @ApiProperty({ type: 'array', items: anyObject, description: 'Findings recorded so far' })
  findings!: unknown[];
  @ApiProperty({ type: [String] }) otherDrawsOfTheYear!: string[];
}

export class SpotCheckChecksResponse {
  @ApiProperty() population!: boolean;
  @ApiProperty() selection!: boolean;
  @ApiProperty({ type: Boolean, nullable: true, description: 'null: the seed was given' })
  seed!: boolean | null;
}

export class SpotCheckRecomputedResponse {
  @ApiProperty() populationCount!: number;
  @ApiProperty() populationDigest!: string;
  @ApiProperty({ type: [String] }) selected!: string[];
}

export class SpotCheckVerificationResponse {
  @ApiProperty({ example: 'CN-ZJ.2026.1' }) spotCheckId!: string;
  @ApiProperty() matches!: boolean;
  @ApiProperty({ type: SpotCheckChecksResponse }) checks!: SpotCheckChecksResponse;
  @ApiProperty({ type: SpotCheckRecomputedResponse }) recomputed!: SpotCheckRecomputedResponse;
}

export class PersonNowShortResponse {
  @ApiProperty({ format: 'uuid' }) personId!: string;
  @ApiProperty() year!: number;
  @ApiProperty({ type: [String] }) reasons!: string[];
}

/** OpenAPI shape of POST /spot-checks/{spotCheckId}/findings. */
export class FindingResponse {
  @ApiProperty({ example: 'CN-ZJ.2026.1' }) spotCheckId!: string;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) activityId!: string | null;
  @ApiProperty({ type: String, nullable: true }) sessionId!: string | null;
  @ApiProperty({ enum: ['pass', 'fail'] }) result!: string;
  @ApiProperty({
    enum: ['recorded', 'pending', 'refused'],
    nullable: true,
    description: 'Whether the revocations are in the log yet; null when it revokes nothing',
  })
  revocations!: string | null;
  @ApiProperty({ type: [String] }) revokedCredits!: string[];
  @ApiProperty({ type: [PersonNowShortResponse], description: 'Now below their minimum' })
  peopleNowShort!: PersonNowShortResponse[];
}
