import { ApiProperty } from '@nestjs/swagger';

export class RegisteredPersonResponse {
  @ApiProperty({ format: 'uuid', example: '8c7f2bc5-f5b8-5e62-b301-b9f0610dbd17' })
  personId!: string;
}
