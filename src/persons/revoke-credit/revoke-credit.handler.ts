import { CommandHandler } from '@nestjs/cqrs';
import type { EventMetadata } from '../../event-store/event-store.port';
import type { Actor } from '../../shared/http/actor';
import { CreditCommand, CreditCommandHandler } from '../credit-command';
import { decideRevocation, PersonState } from '../domain/person.decider';

export class RevokeCredit extends CreditCommand {
  constructor(
    creditId: string,
    readonly reason: string,
    actor: Actor,
    idempotencyKey: string | undefined,
    metadata: EventMetadata,
  ) {
    super(creditId, actor, idempotencyKey, metadata);
  }

  decide(state: PersonState) {
    return decideRevocation(state, { creditId: this.creditId, reason: this.reason });
  }
}

@CommandHandler(RevokeCredit)
export class RevokeCreditHandler extends CreditCommandHandler<RevokeCredit> {}
