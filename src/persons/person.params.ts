import { ApiProperty } from '@nestjs/swagger';
import { IsUUID, Matches } from 'class-validator';
import { compositeIdPattern } from '../shared/http/validators';

export class PersonParams {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'personId must be a UUID' })
  personId!: string;
}

export class CreditParams {
  @ApiProperty({ description: 'Opaque credit id' })
  @Matches(compositeIdPattern, {
    message: 'creditId must be a credit id as returned when it was granted',
  })
  creditId!: string;
}
