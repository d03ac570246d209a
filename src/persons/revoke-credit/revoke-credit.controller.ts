import { Body, Controller, HttpCode, HttpStatus, Param, Post } from '@nestjs/common';
import { ApiHeader, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';
import { CommandBus } from '@nestjs/cqrs';
import { commandMetadata } from '../../shared/event-sourcing';
import { Actor, CurrentActor, Access } from '../../shared/http/actor';
import { IdempotencyKey } from '../../shared/http/idempotency-key';
import { RevokeCredit } from './revoke-credit.handler';
import { CreditParams } from '../person.params';

export class RevokeCreditRequest {
  @ApiProperty({ example: 'attendance was recorded for the wrong person at the door' })
  @IsString()
  @Length(8, 1000, { message: 'reason must be a sentence (8–1000 characters)' })
  reason!: string;
}

@ApiTags('credits')
@Controller('credits/:creditId/revocation')
export class RevokeCreditController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @HttpCode(HttpStatus.OK)
  @Access('credits.revoke')
  @ApiOperation({ summary: 'Revoke a credit by a compensating event (nothing is deleted)' })
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  revoke(
    @Param() params: CreditParams,
    @Body() body: RevokeCreditRequest,
    @CurrentActor() actor: Actor,
    @IdempotencyKey() key: string | undefined,
  ) {
    const metadata = commandMetadata(actor, { idempotencyKey: key, body, reason: body.reason });
    return this.commands.execute(
      new RevokeCredit(params.creditId, body.reason, actor, key, metadata),
    );
  }
}
