import { Body, Controller, HttpStatus, Param, Post, Res } from '@nestjs/common';
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
import { derivedId, randomId } from '../../shared/ids';
import { ActivityParams } from '../activity.params';
import { ScheduleSession } from './schedule-session.handler';
import { ScheduleSessionRequest } from './schedule-session.request.dto';
import { ApiErrorResponses, commandErrors } from '../../shared/http/api-error-responses';
import { ScheduledSessionResponse } from './schedule-session.response.dto';

@ApiTags('activities')
@Controller('activities/:activityId/sessions')
export class ScheduleSessionController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @Access('activities.schedule-session')
  @ApiOperation({
    summary: 'Schedule a session of an activity (R13: a national project holds at most 6 a year)',
  })
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  @ApiCreatedResponse({ type: ScheduledSessionResponse, description: 'Scheduled' })
  @ApiOkResponse({
    type: ScheduledSessionResponse,
    description: 'The same Idempotency-Key again: the session scheduled then',
  })
  @ApiErrorResponses(...commandErrors)
  async schedule(
    @Param() params: ActivityParams,
    @Body() body: ScheduleSessionRequest,
    @CurrentActor() actor: Actor,
    @IdempotencyKey() key: string | undefined,
    @Res({ passthrough: true }) response: Response,
  ) {
    const sessionUuid = key ? derivedId('session', actor.actorId, key) : randomId();
    const result = await this.commands.execute(
      new ScheduleSession(
        params.activityId,
        sessionUuid,
        new Date(body.startsAt),
        new Date(body.endsAt),
        body.location,
        actor,
        new Date(),
        commandMetadata(actor, { idempotencyKey: key, body: { ...body, ...params } }),
      ),
    );
    if (result.replayed) response.status(HttpStatus.OK);
    return { sessionId: result.sessionId, creditYear: result.creditYear };
  }
}
