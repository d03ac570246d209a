import { IsReason } from '../../shared/http/reason';
import { Body, Controller, HttpCode, HttpStatus, Param, Post, Res } from '@nestjs/common';
import type { Response } from 'express';
import type { CreditCommandResult } from '../person-stream';
import {
  ApiAcceptedResponse,
  ApiHeader,
  ApiOkResponse,
  ApiOperation,
  ApiProperty,
  ApiTags,
} from '@nestjs/swagger';
import { IsString } from 'class-validator';
import { CommandBus } from '@nestjs/cqrs';
import { commandMetadata } from '../../shared/http/command-metadata';
import { Actor, CurrentActor, Access } from '../../shared/http/actor';
import { IdempotencyKey } from '../../shared/http/idempotency-key';
import { RevokeCredit } from './revoke-credit.handler';
import { CreditParams } from '../person.params';
import { ApiErrorResponses, commandErrors } from '../../shared/http/api-error-responses';
import { CreditCommandResponse } from '../credit.response.dto';

export class RevokeCreditRequest {
  @ApiProperty({ example: 'attendance was recorded for the wrong person at the door' })
  @IsString()
  @IsReason()
  reason!: string;
}

@ApiTags('credits')
@Controller('credits/:creditId/revocation')
export class RevokeCreditController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @HttpCode(HttpStatus.OK)
  @Access('credits.revoke')
  @ApiOperation({
    summary:
      'Revoke a credit by a compensating event (nothing is deleted); 202 when it waits for a second admin (more than CORRECTION_APPROVAL_THRESHOLD credits, or a sealed year)',
  })
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  @ApiOkResponse({ type: CreditCommandResponse, description: 'Revoked: the credit as it now is' })
  @ApiAcceptedResponse({
    type: CreditCommandResponse,
    description: 'Held for a second admin (heldForApproval): not yet in effect',
  })
  @ApiErrorResponses(...commandErrors)
  async revoke(
    @Param() params: CreditParams,
    @Body() body: RevokeCreditRequest,
    @CurrentActor() actor: Actor,
    @IdempotencyKey() key: string | undefined,
    @Res({ passthrough: true }) response: Response,
  ) {
    const metadata = commandMetadata(actor, { idempotencyKey: key, body, reason: body.reason });
    const result = await this.commands.execute<RevokeCredit, CreditCommandResult>(
      new RevokeCredit(params.creditId, body.reason, actor, key, metadata),
    );
    // Held for a second admin (maker-checker): accepted, not yet in effect.
    if (result.heldForApproval) response.status(HttpStatus.ACCEPTED);
    return result;
  }
}
