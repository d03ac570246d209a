import { Inject } from '@nestjs/common';
import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import {
  EVENT_STORE,
  type EventMetadata,
  type EventStore,
} from '../../event-store/event-store.port';
import type { ExemptionBasis } from '../../rules/rule-profiles';
import { handle } from '../../shared/application/handle';
import type { Actor } from '../../shared/http/actor';
import { randomId } from '../../shared/ids';
import { personDecider } from '../domain/person.commands';
import type { PersonState } from '../domain/person.decider';
import { personStreamId } from '../domain/person.events';
import { onPerson, personFactId } from '../person-stream';

const exemptionView = (state: PersonState, exemptionId: string) =>
  state.exemptions.get(exemptionId) ?? null;
type ExemptionView = ReturnType<typeof exemptionView>;

/** R4: deemed qualified for a credit year, with its basis and evidence. */
export class GrantExemption extends Command<ExemptionView> {
  constructor(
    readonly personId: string,
    readonly creditYear: number,
    readonly basis: ExemptionBasis,
    readonly evidence: string,
    readonly actor: Actor,
    readonly idempotencyKey: string | undefined,
    readonly metadata: EventMetadata,
  ) {
    super();
  }
}

export class RevokeExemption extends Command<ExemptionView> {
  constructor(
    readonly personId: string,
    readonly exemptionId: string,
    readonly reason: string,
    readonly actor: Actor,
    readonly metadata: EventMetadata,
  ) {
    super();
  }
}

@CommandHandler(GrantExemption)
export class GrantExemptionHandler implements ICommandHandler<GrantExemption> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  execute(command: GrantExemption): Promise<ExemptionView> {
    const { personId, actor, metadata } = command;
    // The exemption's id is its event's ('GrantExemption' keeps the ids of old).
    const exemptionId = personFactId(personId, 'GrantExemption', actor, command.idempotencyKey);
    return handle(
      this.store,
      personDecider,
      personStreamId(personId),
      {
        type: 'GrantExemption',
        creditYear: command.creditYear,
        exemptionId,
        basis: command.basis,
        evidence: command.evidence,
      },
      onPerson({
        actor,
        factId: exemptionId,
        metadata,
        now: new Date(),
        view: (state) => exemptionView(state, exemptionId),
      }),
    );
  }
}

@CommandHandler(RevokeExemption)
export class RevokeExemptionHandler implements ICommandHandler<RevokeExemption> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  execute(command: RevokeExemption): Promise<ExemptionView> {
    const { personId, exemptionId, actor, metadata } = command;
    return handle(
      this.store,
      personDecider,
      personStreamId(personId),
      { type: 'RevokeExemption', exemptionId, reason: command.reason },
      onPerson({
        actor,
        factId: randomId(),
        metadata,
        now: new Date(),
        view: (state) => exemptionView(state, exemptionId),
      }),
    );
  }
}
