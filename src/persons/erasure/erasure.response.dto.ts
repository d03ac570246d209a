import { ApiProperty } from '@nestjs/swagger';

export class ErasureResponse {
  @ApiProperty({ format: 'uuid' }) personId!: string;
  @ApiProperty({ enum: [true] }) erased!: boolean;
  @ApiProperty({ description: 'Until when the (now unreadable) records are kept' })
  retainedUntil!: string;
}
