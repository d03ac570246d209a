import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsUUID, Matches, Max, Min } from 'class-validator';
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
  @Type(() => Number)
  @IsInt({ message: 'year must be a whole number' })
  @Min(2000)
  @Max(2100)
  year!: number;
}
