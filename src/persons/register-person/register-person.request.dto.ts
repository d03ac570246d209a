import { ApiProperty } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsString, Length } from 'class-validator';
import {
  IsIdNumber,
  IsJurisdiction,
  IsOrganizationId,
  IsOmittable,
} from '../../shared/http/validators';
import { Profession, professions, TitleLevel, titleLevels } from '../domain/person.events';

export class RegisterPersonRequest {
  @ApiProperty({
    description:
      '18-character resident ID number (GB 11643 check digit). Stored encrypted; never shown in full.',
  })
  @IsIdNumber()
  idNumber!: string;

  @ApiProperty({ example: '王芳' })
  @IsString()
  @Length(1, 100)
  name!: string;

  @ApiProperty({ enum: professions })
  @IsIn(professions)
  profession!: Profession;

  @ApiProperty({ enum: titleLevels })
  @IsIn(titleLevels)
  titleLevel!: TitleLevel;

  @ApiProperty({ example: 'cardiology' })
  @IsString()
  @Length(1, 100)
  specialty!: string;

  @ApiProperty({ example: 'CN-ZJ' })
  @IsJurisdiction()
  jurisdiction!: string;

  @ApiProperty({ description: 'Works at a county-level or lower institution (基层)' })
  @IsBoolean()
  grassroots!: boolean;

  @ApiProperty({
    required: false,
    example: 'employer-zj-hospital-3',
    description:
      'The employing organization (its employer tokens may then grant the person internal-training and self-study credits). An employer registering staff may leave it out: it is the token’s organization.',
  })
  @IsOmittable()
  @IsOrganizationId()
  employerId?: string;
}
