import { Body, Controller, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { commandMetadata } from '../../shared/http/command-metadata';
import { Actor, CurrentActor, Access } from '../../shared/http/actor';
import { DrawSpotCheck } from './draw-spot-check.handler';
import { DrawSpotCheckRequest } from './draw-spot-check.request.dto';
import { ApiErrorResponses } from '../../shared/http/api-error-responses';
import { SpotCheckDrawResponse } from '../spot-check.response.dto';

@ApiTags('spot-checks')
@Controller('spot-checks')
export class DrawSpotCheckController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @Access('spot-checks.draw')
  @ApiOperation({
    summary:
      "Draw a reproducible spot-check sample of a jurisdiction's sessions (R7: 6–10 %) or people",
  })
  @ApiCreatedResponse({ type: SpotCheckDrawResponse })
  @ApiErrorResponses(400, 401, 403, 409, 422, 429, 503)
  draw(@Body() body: DrawSpotCheckRequest, @CurrentActor() actor: Actor) {
    return this.commands.execute(
      new DrawSpotCheck(body, actor, commandMetadata(actor, { reason: body.reason })),
    );
  }
}
