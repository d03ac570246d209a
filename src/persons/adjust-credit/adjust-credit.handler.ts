import { CommandHandler } from '@nestjs/cqrs';
import type { EventMetadata } from '../../event-store/event-store.port';
import type { Actor } from '../../shared/http/actor';
import type { CreditCategory, Subject } from '../../activities/domain/activity.events';
import { CreditCommand, CreditCommandHandler } from '../credit-command';
import { decideAdjustment, PersonState } from '../domain/person.decider';

export class AdjustCredit extends CreditCommand {
  constructor(
    creditId: string,
    readonly changes: {
      reason: string;
      amount?: string;
      category?: CreditCategory;
      subject?: Subject;
    },
    actor: Actor,
    idempotencyKey: string | undefined,
    metadata: EventMetadata,
  ) {
    super(creditId, actor, idempotencyKey, metadata);
  }

  decide(state: PersonState) {
    return decideAdjustment(state, { creditId: this.creditId, ...this.changes });
  }
}

@CommandHandler(AdjustCredit)
export class AdjustCreditHandler extends CreditCommandHandler<AdjustCredit> {}
