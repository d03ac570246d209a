import { Body, Controller, HttpCode, HttpStatus, Param, Post, Res } from '@nestjs/common';
import type { Response } from 'express';
import { CommandBus } from '@nestjs/cqrs';
import { ApiAcceptedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { actorMetadata } from '../../shared/http/command-metadata';
import { Actor, CurrentActor, Access } from '../../shared/http/actor';
import { ActivityParams } from '../activity.params';
import { AnnulActivity, type AnnulmentResult } from './annul-activity.handler';
import { AnnulActivityRequest } from './annul-activity.request.dto';
import { ApiErrorResponses, commandErrors } from '../../shared/http/api-error-responses';
import { ActivityAnnulmentResponse } from './annul-activity.response.dto';

@ApiTags('activities')
@Controller('activities/:activityId/annulment')
export class AnnulActivityController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @HttpCode(HttpStatus.OK)
  @Access('activities.annul')
  @ApiOperation({
    summary:
      'Annul a project (R15): sessions not yet held are cancelled; credits already granted are kept (flagged) or revoked from a date, as stated',
  })
  @ApiOkResponse({ type: ActivityAnnulmentResponse, description: 'Annulled, with its credits' })
  @ApiAcceptedResponse({
    type: ActivityAnnulmentResponse,
    description: 'Annulled; its credits are still being annulled (credits: pending)',
  })
  @ApiErrorResponses(...commandErrors)
  async annul(
    @Param() params: ActivityParams,
    @Body() body: AnnulActivityRequest,
    @CurrentActor() actor: Actor,
    @Res({ passthrough: true }) response: Response,
  ): Promise<AnnulmentResult> {
    const result = await this.commands.execute(
      new AnnulActivity(
        params.activityId,
        body.reason,
        actor,
        new Date(),
        actorMetadata(actor, { reason: body.reason }),
        body.credits,
        body.revokeFrom ?? null,
      ),
    );
    // The credits follow from the annulment in the log; 202 while they are still being annulled.
    if (result.credits === 'pending') response.status(HttpStatus.ACCEPTED);
    return result;
  }
}
