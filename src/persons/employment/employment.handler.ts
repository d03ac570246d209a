import { Inject } from '@nestjs/common';
import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import {
  EVENT_STORE,
  type EventMetadata,
  type EventStore,
} from '../../event-store/event-store.port';
import { handle } from '../../shared/application/handle';
import type { Actor } from '../../shared/http/actor';
import { randomId } from '../../shared/ids';
import { personDecider } from '../domain/person.commands';
import { personStreamId } from '../domain/person.events';
import { onPerson } from '../person-stream';

export type EmploymentView = { personId: string; employerId: string | null };

/** Which employer's tokens reach a person's records (own staff) from now on. */
export class RecordEmployment extends Command<EmploymentView> {
  constructor(
    readonly personId: string,
    readonly employerId: string | null,
    readonly reason: string,
    readonly actor: Actor,
    readonly metadata: EventMetadata,
  ) {
    super();
  }
}

@CommandHandler(RecordEmployment)
export class RecordEmploymentHandler implements ICommandHandler<RecordEmployment> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  execute(command: RecordEmployment): Promise<EmploymentView> {
    const { personId, actor, metadata } = command;
    return handle(
      this.store,
      personDecider,
      personStreamId(personId),
      { type: 'RecordEmployment', employerId: command.employerId, reason: command.reason },
      onPerson({
        actor,
        factId: randomId(),
        metadata,
        now: new Date(),
        view: (state) => ({ personId, employerId: state.registration?.employerId ?? null }),
      }),
    );
  }
}
