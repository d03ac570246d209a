import { Body, Controller, HttpCode, HttpStatus, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import {
  ApiCreatedResponse,
  ApiHeader,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { actorMetadata, commandMetadata } from '../../shared/http/command-metadata';
import { Actor, CurrentActor, Access } from '../../shared/http/actor';
import { IdempotencyKey } from '../../shared/http/idempotency-key';
import { PersonParams } from '../person.params';
import { GrantExemption, RevokeExemption } from './exemptions.handler';
import {
  ExemptionParams,
  GrantExemptionRequest,
  RevokeExemptionRequest,
} from './exemptions.request.dto';
import { ApiErrorResponses, commandErrors } from '../../shared/http/api-error-responses';
import { ExemptionResponse } from './exemptions.response.dto';

@ApiTags('persons')
@Controller('persons/:personId/exemptions')
export class ExemptionsController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @Access('exemptions.grant')
  @ApiOperation({
    summary: 'Deem a person qualified for a credit year (R4), with basis and evidence',
  })
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  @ApiCreatedResponse({ type: ExemptionResponse })
  @ApiErrorResponses(...commandErrors)
  grant(
    @Param() params: PersonParams,
    @Body() body: GrantExemptionRequest,
    @CurrentActor() actor: Actor,
    @IdempotencyKey() key: string | undefined,
  ) {
    const metadata = commandMetadata(actor, { idempotencyKey: key, body: { ...body, ...params } });
    return this.commands.execute(
      new GrantExemption(
        params.personId,
        body.year,
        body.basis,
        body.evidence,
        actor,
        key,
        metadata,
      ),
    );
  }

  @Post(':exemptionId/revocation')
  @HttpCode(HttpStatus.OK)
  @Access('exemptions.revoke')
  @ApiOperation({ summary: 'Revoke an exemption by a compensating event, with a reason' })
  @ApiOkResponse({ type: ExemptionResponse, description: 'The exemption, now revoked' })
  @ApiErrorResponses(...commandErrors)
  revoke(
    @Param() params: ExemptionParams,
    @Body() body: RevokeExemptionRequest,
    @CurrentActor() actor: Actor,
  ) {
    return this.commands.execute(
      new RevokeExemption(
        params.personId,
        params.exemptionId,
        body.reason,
        actor,
        actorMetadata(actor, { reason: body.reason }),
      ),
    );
  }
}
