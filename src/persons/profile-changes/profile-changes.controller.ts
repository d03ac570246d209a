import { IsReason } from '../../shared/http/reason';
import { Body, Controller, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsString, Matches } from 'class-validator';
import { type Region, regions } from '../../rules/rule-profiles';
import { invalid } from '../../shared/domain/domain-error';
import { commandMetadata } from '../../shared/http/command-metadata';
import { Access, Actor, CurrentActor } from '../../shared/http/actor';
import { IdempotencyKey } from '../../shared/http/idempotency-key';
import { IsJurisdiction, IsOmittable } from '../../shared/http/validators';
import { type TitleLevel, titleLevels } from '../domain/person.events';
import { PersonParams } from '../person.params';
import { ChangeProfile } from './profile-changes.handler';
import { ApiErrorResponses, commandErrors } from '../../shared/http/api-error-responses';
import { ProfileChangeResponse } from './profile-changes.response.dto';
import { msg, says } from '../../shared/domain/messages';

export class ProfileChangeRequest {
  @ApiProperty({
    example: '2025-07-01',
    description: 'The first day the change holds, an Asia/Shanghai calendar date (YYYY-MM-DD)',
  })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, says(msg('validation.date-pattern', { field: 'effectiveFrom' })))
  effectiveFrom!: string;

  @ApiProperty({ example: '晋升中级职称 promoted to intermediate title, certificate 2025-123' })
  @IsString()
  @IsReason(500)
  reason!: string;

  @ApiProperty({ required: false, enum: titleLevels })
  @IsOmittable()
  @IsIn(titleLevels)
  titleLevel?: TitleLevel;

  @ApiProperty({ required: false, description: 'R10: grassroots medical and health institution' })
  @IsOmittable()
  @IsBoolean()
  grassroots?: boolean;

  @ApiProperty({ required: false, description: 'R3: county-level or lower institution' })
  @IsOmittable()
  @IsBoolean()
  countyLevelOrBelow?: boolean;

  @ApiProperty({ required: false, enum: regions, nullable: true })
  @IsOmittable()
  @IsIn([...regions, null])
  region?: Region | null;

  @ApiProperty({
    required: false,
    example: 'CN-ZJ',
    description: 'A transfer: the receiving jurisdiction (the token must cover it too)',
  })
  @IsOmittable()
  @IsJurisdiction()
  jurisdiction?: string;
}

@ApiTags('persons')
@Controller('persons/:personId/profile-changes')
export class ProfileChangesController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @Access('persons.profile-changes')
  @ApiOperation({
    summary:
      "Change a person's title, grassroots / county-level flags, region or jurisdiction from a date on (each credit year is judged with the attributes in force on its last day)",
  })
  @ApiCreatedResponse({ type: ProfileChangeResponse })
  @ApiErrorResponses(...commandErrors)
  change(
    @Param() params: PersonParams,
    @Body() body: ProfileChangeRequest,
    @CurrentActor() actor: Actor,
    @IdempotencyKey() idempotencyKey: string | undefined,
  ) {
    const { effectiveFrom, reason, ...rest } = body;
    const changes = Object.fromEntries(
      Object.entries(rest).filter(([, value]) => value !== undefined),
    ) as Omit<ProfileChangeRequest, 'effectiveFrom' | 'reason'>;
    if (Object.keys(changes).length === 0) throw invalid('changes', msg('invalid.changes-none'));
    return this.commands.execute(
      new ChangeProfile(
        params.personId,
        effectiveFrom,
        changes,
        reason,
        actor,
        idempotencyKey,
        commandMetadata(actor, {
          idempotencyKey,
          body: { ...body, ...params },
          reason,
        }),
      ),
    );
  }
}
