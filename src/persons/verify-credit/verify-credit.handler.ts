import { CommandHandler } from '@nestjs/cqrs';
import type { EventMetadata } from '../../event-store/event-store.port';
import type { Actor } from '../../shared/http/actor';
import { CreditCommand, CreditCommandHandler } from '../credit-command';
import { decideVerification, PersonState } from '../domain/person.decider';

export class VerifyCredit extends CreditCommand {
  constructor(
    creditId: string,
    readonly approve: boolean,
    readonly reason: string | null,
    actor: Actor,
    idempotencyKey: string | undefined,
    metadata: EventMetadata,
  ) {
    super(creditId, actor, idempotencyKey, metadata);
  }

  decide(state: PersonState) {
    return decideVerification(state, {
      creditId: this.creditId,
      approve: this.approve,
      reason: this.reason,
    });
  }
}

@CommandHandler(VerifyCredit)
export class VerifyCreditHandler extends CreditCommandHandler<VerifyCredit> {}
