import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { anyObject } from '../../shared/http/api-error-responses';

/** A recorded event: positions as decimal strings, instants in ISO 8601. */
export class RecordedEventResponse {
  @ApiProperty({ example: '1' }) globalPosition!: string;
  @ApiProperty({ example: '772:1' }) position!: string;
  @ApiProperty({ example: 'person-9c409cc1-7eda-5627-acdf-498dea1df0a8' }) streamId!: string;
  @ApiProperty() streamVersion!: number;
  @ApiProperty({ format: 'uuid' }) eventId!: string;
  @ApiProperty({ example: 'PersonRegistered' }) type!: string;
  @ApiProperty() schemaVersion!: number;
  @ApiProperty(anyObject) data!: Record<string, unknown>;
  @ApiProperty({ ...anyObject, example: { actorId: 'zj-committee-1', role: 'committee' } })
  metadata!: Record<string, unknown>;
  @ApiProperty() occurredAt!: string;
  @ApiProperty() recordedAt!: string;
  @ApiPropertyOptional({ description: "EventStoreDB only: the writer's clock the hash covers" })
  writerRecordedAt?: string;
  @ApiProperty({ type: String, nullable: true }) prevHash!: string | null;
  @ApiProperty() hash!: string;
}

export class LogPageResponse {
  @ApiProperty({ type: [RecordedEventResponse] }) events!: RecordedEventResponse[];
  @ApiProperty({
    type: String,
    nullable: true,
    example: '772:1',
    description: 'Pass as `after` to read on',
  })
  next!: string | null;
}
