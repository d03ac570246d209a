import { ApiProperty } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsString, Length } from 'class-validator';
import { type Region, regions } from '../../rules/rule-profiles';
import {
  IsIdNumber,
  IsInstant,
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

  @ApiProperty({
    description:
      'R10 (003 细则 二): works at a grassroots medical and health institution (基层医疗卫生机构), village doctors included',
  })
  @IsBoolean()
  grassroots!: boolean;

  @ApiProperty({
    required: false,
    description:
      'R3 (000 §三): works at a county-level or lower institution (县级及县以下医疗卫生机构). Left out: the value of `grassroots` (a grassroots institution is at county level or below)',
  })
  @IsOmittable()
  @IsBoolean()
  countyLevelOrBelow?: boolean;

  @ApiProperty({
    required: false,
    enum: regions,
    nullable: true,
    description:
      "R8 (001 (五)): Chongqing's north-east / south-east development area, which has its own targets",
  })
  @IsOmittable()
  @IsIn([...regions, null])
  region?: Region | null;

  @ApiProperty({
    required: false,
    example: '2019-03-01T09:00:00+08:00',
    description:
      'When the person entered the register, if earlier than now (a credit year counts the people registered before it ended)',
  })
  @IsOmittable()
  @IsInstant()
  registeredAt?: string;

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
