import { Body, Controller, HttpStatus, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import {
  ApiCreatedResponse,
  ApiHeader,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { Response } from 'express';
import { commandMetadata } from '../../shared/http/command-metadata';
import { Actor, CurrentActor, Access } from '../../shared/http/actor';
import { IdempotencyKey } from '../../shared/http/idempotency-key';
import { GrantCredit } from './grant-credit.handler';
import { GrantCreditRequest } from './grant-credit.request.dto';
import { ApiErrorResponses, commandErrors } from '../../shared/http/api-error-responses';
import { CreditResponse } from '../credit.response.dto';

@ApiTags('credits')
@Controller('credits')
export class GrantCreditController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @Access('credits.grant')
  @ApiOperation({
    summary:
      'Grant a non-project credit (R11 amounts and caps apply; remote credits wait for verification, R5)',
  })
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  @ApiCreatedResponse({ type: CreditResponse, description: 'Granted' })
  @ApiOkResponse({
    type: CreditResponse,
    description: 'The same Idempotency-Key and body again: the credit granted then',
  })
  @ApiErrorResponses(...commandErrors)
  async grant(
    @Body() body: GrantCreditRequest,
    @CurrentActor() actor: Actor,
    @IdempotencyKey() key: string | undefined,
    @Res({ passthrough: true }) response: Response,
  ) {
    const { replayed, ...credit } = await this.commands.execute(
      new GrantCredit(body, actor, key, commandMetadata(actor, { idempotencyKey: key, body })),
    );
    if (replayed) response.status(HttpStatus.OK);
    return credit;
  }
}
