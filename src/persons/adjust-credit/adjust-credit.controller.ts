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
  ApiPropertyOptional,
  ApiTags,
} from '@nestjs/swagger';
import { IsIn, IsString } from 'class-validator';
import {
  type CreditCategory,
  creditCategories,
  type Subject,
  subjects,
} from '../../activities/domain/activity.events';
import { CommandBus } from '@nestjs/cqrs';
import { commandMetadata } from '../../shared/http/command-metadata';
import { Actor, CurrentActor, Access } from '../../shared/http/actor';
import { IdempotencyKey } from '../../shared/http/idempotency-key';
import { IsAmount, IsOmittable } from '../../shared/http/validators';
import { AdjustCredit } from './adjust-credit.handler';
import { CreditParams } from '../person.params';
import { ApiErrorResponses, commandErrors } from '../../shared/http/api-error-responses';
import { CreditCommandResponse } from '../credit.response.dto';

export class AdjustCreditRequest {
  @ApiPropertyOptional({ example: '1.5' })
  @IsOmittable()
  @IsAmount()
  amount?: string;

  @ApiPropertyOptional({ enum: creditCategories })
  @IsOmittable()
  @IsIn(creditCategories)
  category?: CreditCategory;

  @ApiPropertyOptional({ enum: subjects })
  @IsOmittable()
  @IsIn(subjects)
  subject?: Subject;

  @ApiProperty({ example: 'hours were keyed as 6 instead of 4.5 by the organizer' })
  @IsString()
  @IsReason()
  reason!: string;
}

@ApiTags('credits')
@Controller('credits/:creditId/adjustment')
export class AdjustCreditController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @HttpCode(HttpStatus.OK)
  @Access('credits.adjust')
  @ApiOperation({
    summary:
      'Adjust amount, category or subject by a compensating event that names the event it corrects',
  })
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  @ApiOkResponse({ type: CreditCommandResponse, description: 'Adjusted: the credit as it now is' })
  @ApiAcceptedResponse({
    type: CreditCommandResponse,
    description: 'Held for a second admin (heldForApproval): not yet in effect',
  })
  @ApiErrorResponses(...commandErrors)
  async adjust(
    @Param() params: CreditParams,
    @Body() body: AdjustCreditRequest,
    @CurrentActor() actor: Actor,
    @IdempotencyKey() key: string | undefined,
    @Res({ passthrough: true }) response: Response,
  ) {
    const metadata = commandMetadata(actor, { idempotencyKey: key, body, reason: body.reason });
    const result = await this.commands.execute<AdjustCredit, CreditCommandResult>(
      new AdjustCredit(params.creditId, { ...body }, actor, key, metadata),
    );
    // Held for a second admin (maker-checker): accepted, not yet in effect.
    if (result.heldForApproval) response.status(HttpStatus.ACCEPTED);
    return result;
  }
}
