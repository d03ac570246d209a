import { IsReason } from '../../shared/http/reason';
import { Body, Controller, HttpCode, HttpStatus, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsString, IsUUID } from 'class-validator';
import { actorMetadata } from '../../shared/http/command-metadata';
import { Access, Actor, CurrentActor } from '../../shared/http/actor';
import { CreditParams } from '../person.params';
import { ApproveCorrection, RejectCorrection } from './corrections.handler';
import { ApiErrorResponses, commandErrors } from '../../shared/http/api-error-responses';
import { CreditCommandResponse } from '../credit.response.dto';

export class CorrectionParams extends CreditParams {
  @ApiProperty({ format: 'uuid', description: 'From the 202 answer that held the correction' })
  @IsUUID('all', { message: 'correctionId must be a UUID' })
  correctionId!: string;
}

export class RejectCorrectionRequest {
  @ApiProperty({ example: 'the attendance sheet was found; the credit stands' })
  @IsString()
  @IsReason()
  reason!: string;
}

@ApiTags('credits')
@Controller('credits/:creditId/corrections/:correctionId')
export class CorrectionsController {
  constructor(private readonly commands: CommandBus) {}

  @Post('approval')
  @HttpCode(HttpStatus.OK)
  @Access('corrections.approve')
  @ApiOperation({
    summary:
      'A second admin (not the requester) approves a held revocation or adjustment; it takes effect now',
  })
  @ApiOkResponse({
    type: CreditCommandResponse,
    description: 'The credit with the correction in effect',
  })
  @ApiErrorResponses(...commandErrors)
  approve(@Param() params: CorrectionParams, @CurrentActor() actor: Actor) {
    return this.commands.execute(
      new ApproveCorrection(params.creditId, params.correctionId, actor, actorMetadata(actor)),
    );
  }

  @Post('rejection')
  @HttpCode(HttpStatus.OK)
  @Access('corrections.reject')
  @ApiOperation({ summary: 'Reject (or, by its requester, withdraw) a held correction' })
  @ApiOkResponse({
    type: CreditCommandResponse,
    description: 'The credit, unchanged; the correction rejected',
  })
  @ApiErrorResponses(...commandErrors)
  reject(
    @Param() params: CorrectionParams,
    @Body() body: RejectCorrectionRequest,
    @CurrentActor() actor: Actor,
  ) {
    return this.commands.execute(
      new RejectCorrection(
        params.creditId,
        params.correctionId,
        body.reason,
        actor,
        actorMetadata(actor, { reason: body.reason }),
      ),
    );
  }
}
