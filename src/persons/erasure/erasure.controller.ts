import { IsReason } from '../../shared/http/reason';
import { Body, Controller, HttpCode, HttpStatus, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsString } from 'class-validator';
import { actorMetadata } from '../../shared/http/command-metadata';
import { Access, Actor, CurrentActor } from '../../shared/http/actor';
import { PersonParams } from '../person.params';
import { ErasePerson } from './erasure.handler';
import { ApiErrorResponses, commandErrors } from '../../shared/http/api-error-responses';
import { ErasureResponse } from './erasure.response.dto';
export class ErasePersonRequest {
  @ApiProperty({ example: 'retired in 2021; erasure requested under PIPL art. 47' })
  @IsString()
  @IsReason()
  reason!: string;
}

@ApiTags('persons')
@Controller('persons/:personId/erasure')
export class ErasureController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @HttpCode(HttpStatus.OK)
  @Access('persons.erase')
  @ApiOperation({
    summary:
      "Erase a person's personal data by destroying their key (crypto-shredding), only 3 years after their last record; totals still replay",
  })
  @ApiOkResponse({ type: ErasureResponse })
  @ApiErrorResponses(...commandErrors)
  erase(
    @Param() params: PersonParams,
    @Body() body: ErasePersonRequest,
    @CurrentActor() actor: Actor,
  ) {
    return this.commands.execute(
      new ErasePerson(
        params.personId,
        body.reason,
        actor,
        new Date(),
        actorMetadata(actor, { reason: body.reason }),
      ),
    );
  }
}
