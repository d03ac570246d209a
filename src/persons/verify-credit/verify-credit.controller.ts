import { IsReason } from '../../shared/http/reason';
import { IsOmittable } from '../../shared/http/validators';
import { Body, Controller, HttpCode, HttpStatus, Param, Post } from '@nestjs/common';
import {
  ApiOkResponse,
  ApiOperation,
  ApiProperty,
  ApiPropertyOptional,
  ApiTags,
} from '@nestjs/swagger';
import { IsIn, IsString } from 'class-validator';
import { CommandBus } from '@nestjs/cqrs';
import { actorMetadata } from '../../shared/http/command-metadata';
import { Actor, CurrentActor, Access } from '../../shared/http/actor';
import { VerifyCredit } from './verify-credit.handler';
import { CreditParams } from '../person.params';
import { ApiErrorResponses, commandErrors } from '../../shared/http/api-error-responses';
import { CreditCommandResponse } from '../credit.response.dto';

export class VerifyCreditRequest {
  @ApiProperty({ enum: ['verify', 'reject'] })
  @IsIn(['verify', 'reject'])
  decision!: 'verify' | 'reject';

  @ApiPropertyOptional({ description: 'Required for a rejection' })
  @IsOmittable()
  @IsString()
  @IsReason()
  reason?: string;
}

/** R5: remote credits count only once the learner's provincial committee verifies them. */
@ApiTags('credits')
@Controller('credits/:creditId/verification')
export class VerifyCreditController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @HttpCode(HttpStatus.OK)
  @Access('credits.verify')
  @ApiOperation({
    summary: 'The provincial committee verifies or rejects a pending remote credit (R5)',
  })
  @ApiOkResponse({
    type: CreditCommandResponse,
    description: 'The credit, now counted or rejected',
  })
  @ApiErrorResponses(...commandErrors)
  verify(
    @Param() params: CreditParams,
    @Body() body: VerifyCreditRequest,
    @CurrentActor() actor: Actor,
  ) {
    const metadata = actorMetadata(actor, body.reason ? { reason: body.reason } : {});
    return this.commands.execute(
      new VerifyCredit(
        params.creditId,
        body.decision === 'verify',
        body.reason ?? null,
        actor,
        undefined,
        metadata,
      ),
    );
  }
}
