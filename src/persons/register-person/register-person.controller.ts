import { Body, Controller, HttpStatus, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { actorMetadata } from '../../shared/event-sourcing';
import { Actor, assertCovers, CurrentActor, Roles } from '../../shared/http/actor';
import { RegisterPerson } from './register-person.handler';
import { RegisterPersonRequest } from './register-person.request.dto';

@ApiTags('persons')
@Controller('persons')
export class RegisterPersonController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @Roles(['committee', 'employer', 'admin'])
  @ApiOperation({
    summary:
      'Register a health professional; the same ID number again returns the same person (200), or 409 if details differ',
  })
  async register(
    @Body() body: RegisterPersonRequest,
    @CurrentActor() actor: Actor,
    @Res({ passthrough: true }) response: Response,
  ) {
    assertCovers(actor, body.jurisdiction);
    const { idNumber, name, ...profile } = body;
    const result = await this.commands.execute(
      new RegisterPerson(idNumber, name, profile, new Date(), actorMetadata(actor)),
    );
    response.status(result.created ? HttpStatus.CREATED : HttpStatus.OK);
    return { personId: result.personId };
  }
}
