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

/** A second admin approves a held correction: it takes effect now, both steps on the record. */
export class ApproveCorrection extends Command<CreditCommandResult> {
  constructor(
    readonly creditId: string,
    readonly correctionId: string,
    readonly actor: Actor,
    readonly metadata: EventMetadata,
  ) {
    super();
  }
}

/** Any admin of the jurisdiction (the requester too, withdrawing it) rejects a held correction. */
export class RejectCorrection extends Command<CreditCommandResult> {
  constructor(
    readonly creditId: string,
    readonly correctionId: string,
    readonly reason: string,
    readonly actor: Actor,
    readonly metadata: EventMetadata,
  ) {
    super();
  }
}

@CommandHandler(ApproveCorrection)
export class ApproveCorrectionHandler implements ICommandHandler<ApproveCorrection> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  execute(command: ApproveCorrection): Promise<CreditCommandResult> {
    const { creditId, correctionId, actor } = command;
    return handle(
      this.store,
      personDecider,
      personStreamId(creditPersonId(creditId)),
      { type: 'ApproveCorrection', creditId, correctionId, approvedBy: actor.actorId },
      onCredit({
        actor,
        creditId,
        eventId: creditEventId(creditId, actor, undefined),
        metadata: command.metadata,
        now: new Date(),
      }),
    );
  }
}

@CommandHandler(RejectCorrection)
export class RejectCorrectionHandler implements ICommandHandler<RejectCorrection> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  execute(command: RejectCorrection): Promise<CreditCommandResult> {
    const { creditId, correctionId, actor } = command;
    return handle(
      this.store,
      personDecider,
      personStreamId(creditPersonId(creditId)),
      {
        type: 'RejectCorrection',
        creditId,
        correctionId,
        rejectedBy: actor.actorId,
        reason: command.reason,
      },
      onCredit({
        actor,
        creditId,
        eventId: creditEventId(creditId, actor, undefined),
        metadata: command.metadata,
        now: new Date(),
      }),
    );
  }
}
