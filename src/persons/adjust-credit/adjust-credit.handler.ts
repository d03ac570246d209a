import { CommandHandler } from '@nestjs/cqrs';
import type { EventMetadata } from '../../event-store/event-store.port';
import type { Actor } from '../../shared/http/actor';
import type { CreditCategory, Subject } from '../../activities/domain/activity.events';
import { CorrectionCommand, CorrectionCommandHandler } from '../corrections/correction-command';

export class AdjustCredit extends CorrectionCommand {
  constructor(
    creditId: string,
    changes: {
      reason: string;
      amount?: string;
      category?: CreditCategory;
      subject?: Subject;
    },
    actor: Actor,
    idempotencyKey: string | undefined,
    metadata: EventMetadata,
  ) {
    const { reason, ...change } = changes;
    super(creditId, { kind: 'adjust', ...change }, reason, actor, idempotencyKey, metadata);
  }
}

@CommandHandler(AdjustCredit)
export class AdjustCreditHandler extends CorrectionCommandHandler<AdjustCredit> {}
