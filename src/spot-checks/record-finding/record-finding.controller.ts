import { Body, Controller, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { commandMetadata } from '../../shared/http/command-metadata';
import { Actor, CurrentActor, Access } from '../../shared/http/actor';
import { SpotCheckParams } from '../spot-check-id';
import { RecordFinding, RecordFindingRequest } from './record-finding.handler';
import { ApiErrorResponses, commandErrors } from '../../shared/http/api-error-responses';
import { FindingResponse } from '../spot-check.response.dto';

@ApiTags('spot-checks')
@Controller('spot-checks/:spotCheckId/findings')
export class RecordFindingController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @Access('spot-checks.finding')
  @ApiOperation({
    summary:
      "Record a finding on a sampled session; a failed one revokes the session's credits and lists who falls short",
  })
  @ApiCreatedResponse({ type: FindingResponse })
  @ApiErrorResponses(...commandErrors)
  record(
    @Param() params: SpotCheckParams,
    @Body() body: RecordFindingRequest,
    @CurrentActor() actor: Actor,
  ) {
    return this.commands.execute(
      new RecordFinding(
        params.spotCheckId,
        body,
        actor,
        commandMetadata(actor, { reason: body.reason }),
      ),
    );
  }
}
