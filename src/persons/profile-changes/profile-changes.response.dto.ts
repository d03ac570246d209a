import { ApiProperty } from '@nestjs/swagger';
import { PersonAttributesResponse } from '../get-person/get-person.response.dto';

export class ProfileChangeResponse {
  @ApiProperty({ format: 'uuid' }) personId!: string;
  @ApiProperty({ format: 'uuid' }) changeId!: string;
  @ApiProperty({ example: '2026-01-01' }) effectiveFrom!: string;
  @ApiProperty({
    type: PersonAttributesResponse,
    description: 'The attributes in force from effectiveFrom',
  })
  inForceFrom!: PersonAttributesResponse;
  @ApiProperty({ type: PersonAttributesResponse, description: 'The attributes in force now' })
  current!: PersonAttributesResponse;
  @ApiProperty() rule!: string;
}
