import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  LogHorizonResponse,
  ProjectionLagResponse,
} from '../projections/projection-status.response.dto';

export class HealthDatabase {
  @ApiProperty() reachable!: boolean;
  @ApiProperty({ description: 'The embedded PostgreSQL (no DATABASE_URL)' }) embedded!: boolean;
  @ApiPropertyOptional() error?: string;
}

export class HealthMigrations {
  @ApiProperty() applied!: number;
  @ApiProperty({ type: [String] }) pending!: string[];
}

export class HealthLog {
  @ApiProperty({ type: String, nullable: true, example: '892:22' }) headPosition!: string | null;
}

/** OpenAPI shape of GET /health (200 ok or degraded, 503 unavailable). */
export class HealthResponse {
  @ApiProperty({ enum: ['ok', 'degraded', 'unavailable'] }) status!: string;
  @ApiProperty({ type: HealthDatabase }) database!: HealthDatabase;
  @ApiProperty({ type: HealthMigrations, nullable: true }) migrations!: HealthMigrations | null;
  @ApiProperty({ type: HealthLog, nullable: true }) log!: HealthLog | null;
  @ApiProperty({ type: LogHorizonResponse, nullable: true }) horizon!: LogHorizonResponse | null;
  @ApiProperty({ type: [ProjectionLagResponse] }) projections!: ProjectionLagResponse[];
}
