import { IsCreditYear } from '../shared/http/validators';
import { ApiProperty } from '@nestjs/swagger';
import { IsUUID, Matches } from 'class-validator';
import { compositeIdPattern } from '../shared/http/validators';
import { msg, says } from '../shared/domain/messages';

export class PersonParams {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'personId must be a UUID' })
  personId!: string;
}

export class CreditParams {
  @ApiProperty({ description: 'Opaque credit id' })
  @Matches(compositeIdPattern, says(msg('validation.credit-id', { field: 'creditId' })))
  creditId!: string;
}

export class PersonYearParams {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'personId must be a UUID' })
  personId!: string;

  @ApiProperty({ example: 2026 })
  @IsCreditYear()
  year!: number;
}
