import { msg } from '../../shared/domain/messages';
import { Body, Controller, HttpStatus, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { actorMetadata } from '../../shared/http/command-metadata';
import { Actor, CurrentActor, Access } from '../../shared/http/actor';
import { authorize } from '../../shared/http/access-policy';
import { creditYearOf, profileFor } from '../../rules/rule-profiles';
import { invalid, ruleViolated } from '../../shared/domain/domain-error';
import { RegisterPerson } from './register-person.handler';
import { RegisterPersonRequest } from './register-person.request.dto';
import { ApiErrorResponses } from '../../shared/http/api-error-responses';
import { RegisteredPersonResponse } from './register-person.response.dto';

@ApiTags('persons')
@Controller('persons')
export class RegisterPersonController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @Access('persons.register')
  @ApiOperation({
    summary:
      'Register a health professional; the same ID number again returns the same person (200), or 409 if details differ',
  })
  @ApiCreatedResponse({ type: RegisteredPersonResponse, description: 'Registered' })
  @ApiOkResponse({
    type: RegisteredPersonResponse,
    description: 'This ID number is registered already, with the same details',
  })
  @ApiErrorResponses(400, 401, 403, 409, 422, 429, 503)
  async register(
    @Body() body: RegisterPersonRequest,
    @CurrentActor() actor: Actor,
    @Res({ passthrough: true }) response: Response,
  ) {
    // An employer registers its own staff: the employer is the token's organization.
    const employerId = body.employerId ?? (actor.role === 'employer' ? actor.orgId : undefined);
    authorize(actor, { jurisdiction: body.jurisdiction, employerId });
    const { idNumber, name, registeredAt, ...rest } = body;
    const now = new Date();
    if (registeredAt && new Date(registeredAt).getTime() > now.getTime())
      throw invalid('registeredAt', msg('invalid.registered-future'));
    if (rest.region) {
      const profile = profileFor(rest.jurisdiction, creditYearOf(rest.jurisdiction, now));
      if (!profile.complianceTargets?.value.byRegion[rest.region])
        throw ruleViolated(
          'R8',
          'region',
          msg('rule.region-targets', {
            region: rest.region,
            jurisdiction: rest.jurisdiction,
            profile: profile.id,
          }),
        );
    }
    const profile = {
      ...rest,
      countyLevelOrBelow: rest.countyLevelOrBelow ?? rest.grassroots,
      region: rest.region ?? null,
      ...(employerId ? { employerId } : {}),
      registeredAt: new Date(registeredAt ?? now).toISOString(),
    };
    const result = await this.commands.execute(
      new RegisterPerson(idNumber, name, profile, now, actorMetadata(actor), actor),
    );
    response.status(result.created ? HttpStatus.CREATED : HttpStatus.OK);
    return { personId: result.personId };
  }
}
