import { ApiProperty } from '@nestjs/swagger';

export class HorizonHolderResponse {
  @ApiProperty({ type: Number, nullable: true }) pid!: number | null;
  @ApiProperty({ type: String, nullable: true }) applicationName!: string | null;
  @ApiProperty({ type: String, nullable: true }) database!: string | null;
  @ApiProperty({ type: String, nullable: true, example: 'idle in transaction' })
  state!: string | null;
  @ApiProperty({ type: Number, nullable: true }) transactionAgeSeconds!: number | null;
  @ApiProperty() transactionId!: string;
}

/** What holds readers back (PostgreSQL): the oldest transactions on the server. */
export class LogHorizonResponse {
  @ApiProperty() oldestRunningTransactionId!: string;
  @ApiProperty({ type: [HorizonHolderResponse] }) heldBy!: HorizonHolderResponse[];
  @ApiProperty({ description: 'Committed events readers cannot see yet' }) eventsHeldBack!: number;
  @ApiProperty({ type: String, nullable: true }) oldestHeldBackRecordedAt!: string | null;
}

export class ProjectionLagResponse {
  @ApiProperty({ example: 'person-years' }) name!: string;
  @ApiProperty({ enum: ['projection', 'reactor'] }) kind!: string;
  @ApiProperty() version!: number;
  @ApiProperty({ type: Number, nullable: true }) storedVersion!: number | null;
  @ApiProperty() needsRebuild!: boolean;
  @ApiProperty({ type: String, nullable: true, example: '892:22' }) checkpoint!: string | null;
  @ApiProperty() eventsProcessed!: number;
  @ApiProperty() eventsBehind!: number;
  @ApiProperty() secondsBehind!: number;
  @ApiProperty({ type: String, nullable: true }) error!: string | null;
}

/** OpenAPI shape of GET /projections. */
export class ProjectionsResponse {
  @ApiProperty({ enum: ['ok', 'degraded', 'unavailable'] }) status!: string;
  @ApiProperty({ description: 'PROJECTION_LAG_DEGRADED_SECONDS' }) lagDegradedSeconds!: number;
  @ApiProperty({ type: LogHorizonResponse, nullable: true }) horizon!: LogHorizonResponse | null;
  @ApiProperty({ type: [ProjectionLagResponse] }) projections!: ProjectionLagResponse[];
}
