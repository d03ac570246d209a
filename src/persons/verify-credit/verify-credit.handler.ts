import { Inject } from '@nestjs/common';
import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import {
  EVENT_STORE,
  type EventMetadata,
  type EventStore,
} from '../../event-store/event-store.port';
import { handle } from '../../shared/application/handle';
import type { Actor } from '../../shared/http/actor';
import { personDecider } from '../domain/person.commands';
import { personStreamId } from '../domain/person.events';
import {
  creditEventId,
  creditPersonId,
  type CreditCommandResult,
  onCredit,
} from '../person-stream';

export class VerifyCredit extends Command<CreditCommandResult> {
  constructor(
    readonly creditId: string,
    readonly approve: boolean,
    readonly reason: string | null,
    readonly actor: Actor,
    readonly idempotencyKey: string | undefined,
    readonly metadata: EventMetadata,
  ) {
    super();
  }
}

@CommandHandler(VerifyCredit)
export class VerifyCreditHandler implements ICommandHandler<VerifyCredit> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  execute(command: VerifyCredit): Promise<CreditCommandResult> {
    const { creditId, actor } = command;
    const personId = creditPersonId(creditId);
    return handle(
      this.store,
      personDecider,
      personStreamId(personId),
      { type: 'VerifyCredit', creditId, approve: command.approve, reason: command.reason },
      onCredit({
        actor,
        creditId,
        eventId: creditEventId(creditId, actor, command.idempotencyKey),
        metadata: command.metadata,
        now: new Date(),
      }),
    );
  }
}
