import { Body, Controller, HttpCode, HttpStatus, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsString, Length, ValidateIf } from 'class-validator';
import { actorMetadata } from '../../shared/http/command-metadata';
import { Access, Actor, CurrentActor } from '../../shared/http/actor';
import { IsOrganizationId } from '../../shared/http/validators';
import { PersonParams } from '../person.params';
import { RecordEmployment } from './employment.handler';
import { ApiErrorResponses, commandErrors } from '../../shared/http/api-error-responses';
import { EmploymentResponse } from './employment.response.dto';

export class RecordEmploymentRequest {
  @ApiProperty({
    example: 'employer-zj-hospital-3',
    nullable: true,
    description: 'The new employer (an opaque organization id), or null when none',
  })
  @ValidateIf((_, value) => value !== null)
  @IsOrganizationId()
  employerId!: string | null;

  @ApiProperty({ example: 'moved to 浙江省人民医院 on 2026-09-01' })
  @IsString()
  @Length(3, 500)
  reason!: string;
}

@ApiTags('persons')
@Controller('persons/:personId/employment')
export class EmploymentController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @HttpCode(HttpStatus.OK)
  @Access('persons.employment')
  @ApiOperation({
    summary: "Record a person's employer (which employer may grant them credits and read them)",
  })
  @ApiOkResponse({ type: EmploymentResponse })
  @ApiErrorResponses(...commandErrors)
  record(
    @Param() params: PersonParams,
    @Body() body: RecordEmploymentRequest,
    @CurrentActor() actor: Actor,
  ) {
    return this.commands.execute(
      new RecordEmployment(
        params.personId,
        body.employerId,
        body.reason,
        actor,
        actorMetadata(actor, { reason: body.reason }),
      ),
    );
  }
}
