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
import { authorize } from '../../shared/http/access-policy';
import { IdempotencyKey } from '../../shared/http/idempotency-key';
import { derivedId, randomId } from '../../shared/ids';
import { forbidden } from '../../shared/domain/domain-error';
import { registrationRefusal } from '../domain/activity.decider';
import { activityDetailsOf } from './activity-details';
import { RegisterActivity } from './register-activity.handler';
import { RegisterActivityRequest } from './register-activity.request.dto';
import { ApiErrorResponses } from '../../shared/http/api-error-responses';
import { RegisteredActivityResponse } from './register-activity.response.dto';

@ApiTags('activities')
@Controller('activities')
export class RegisterActivityController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @Access('activities.register')
  @ApiOperation({ summary: 'Register an approved project or a non-project activity' })
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  @ApiCreatedResponse({ type: RegisteredActivityResponse, description: 'Registered' })
  @ApiOkResponse({
    type: RegisteredActivityResponse,
    description: 'The same Idempotency-Key again: the activity registered then',
  })
  @ApiErrorResponses(400, 401, 403, 409, 422, 429, 503)
  async register(
    @Body() body: RegisterActivityRequest,
    @CurrentActor() actor: Actor,
    @IdempotencyKey() key: string | undefined,
    @Res({ passthrough: true }) response: Response,
  ) {
    authorize(actor, body);
    const refusal = registrationRefusal(actor.role, body);
    if (refusal) throw forbidden(refusal.message, refusal.field);
    const activityId = key ? derivedId('activity', actor.actorId, key) : randomId();
    const result = await this.commands.execute(
      new RegisterActivity(
        activityDetailsOf(body, activityId),
        new Date(),
        commandMetadata(actor, { idempotencyKey: key, body }),
      ),
    );
    if (result.replayed) response.status(HttpStatus.OK);
    return { activityId: result.activityId };
  }
}
