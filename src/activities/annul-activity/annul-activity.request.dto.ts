import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';

export class AnnulActivityRequest {
  @ApiProperty({ example: 'organizer failed its 2026 annual inspection (R15)' })
  @IsString()
  @Length(8, 1000, { message: 'reason must be a sentence (8–1000 characters)' })
  reason!: string;
}
