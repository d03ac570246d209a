import { Body, Controller, HttpCode, HttpStatus, Inject, Param, Post } from '@nestjs/common';
import { Command, CommandBus, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';
import {
  EVENT_STORE,
  type EventMetadata,
  type EventStore,
} from '../../event-store/event-store.port';
import { conflict, notFound } from '../../shared/domain/domain-error';
import { loadState } from '../../shared/application/state-cache';
import { runCommand } from '../../shared/application/command-retry';
import { actorMetadata } from '../../shared/http/command-metadata';
import { authorize } from '../../shared/http/access-policy';
import { Access, Actor, CurrentActor } from '../../shared/http/actor';
import { derivedId } from '../../shared/ids';
import { decideErasure, personEvolver } from '../domain/person.decider';
import { personStreamId } from '../domain/person.events';
import { PersonKeys } from '../person-keys';
import { PersonParams } from '../person.params';

export class ErasePersonRequest {
  @ApiProperty({ example: 'retired in 2021; erasure requested under PIPL art. 47' })
  @IsString()
  @Length(8, 1000, { message: 'reason must be a sentence (8–1000 characters)' })
  reason!: string;
}

type ErasureView = { personId: string; erased: true; retainedUntil: string };

export class ErasePerson extends Command<ErasureView> {
  constructor(
    readonly personId: string,
    readonly reason: string,
    readonly actor: Actor,
    readonly now: Date,
    readonly metadata: EventMetadata,
  ) {
    super();
  }
}

/**
 * Crypto-shredding: records `PersonErased`, then destroys the person's key. A crash between the
 * two leaves the event without the key destroyed; erasing again finishes it.
 */
@CommandHandler(ErasePerson)
export class ErasePersonHandler implements ICommandHandler<ErasePerson> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly keys: PersonKeys,
  ) {}

  async execute(command: ErasePerson): Promise<ErasureView> {
    const streamId = personStreamId(command.personId);
    const seen = await loadState(this.store, streamId, personEvolver);
    if (!seen.state.registration) throw notFound('personId', 'no such person');
    authorize(command.actor, seen.state.registration);
    const [last] = await this.store.readStream(streamId, { fromVersion: seen.version });
    const view = await runCommand(
      this.store,
      streamId,
      personEvolver,
      (state, loaded) => {
        if (loaded.version !== seen.version && !state.erased)
          throw conflict("the person's record changed while erasing; try again");
        const events = decideErasure(state, {
          reason: command.reason,
          lastRecordedAt: last.recordedAt,
          now: command.now,
        });
        const retainedUntil =
          state.erased?.retainedUntil ?? (events[0]?.data.retainedUntil as string);
        return {
          events: events.map((event) => ({
            event,
            eventId: derivedId(command.personId, 'erased'),
            occurredAt: command.now,
          })),
          result: { personId: command.personId, erased: true as const, retainedUntil },
        };
      },
      command.metadata,
    );
    await this.keys.erase(command.personId);
    return view;
  }
}

@ApiTags('persons')
@Controller('persons/:personId/erasure')
export class ErasureController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @HttpCode(HttpStatus.OK)
  @Access('persons.erase')
  @ApiOperation({
    summary:
      "Erase a person's personal data by destroying their key (crypto-shredding), only 3 years after their last record; totals still replay",
  })
  erase(
    @Param() params: PersonParams,
    @Body() body: ErasePersonRequest,
    @CurrentActor() actor: Actor,
  ) {
    return this.commands.execute(
      new ErasePerson(
        params.personId,
        body.reason,
        actor,
        new Date(),
        actorMetadata(actor, { reason: body.reason }),
      ),
    );
  }
}
