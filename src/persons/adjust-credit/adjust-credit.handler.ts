import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import type { EventMetadata } from '../../event-store/event-store.port';
import type { Actor } from '../../shared/http/actor';
import type { CreditCategory, Subject } from '../../activities/domain/activity.events';
import { CorrectCreditHandler } from '../corrections/correct-credit';
import type { CreditCommandResult } from '../person-stream';

export class AdjustCredit extends Command<CreditCommandResult> {
  constructor(
    readonly creditId: string,
    readonly changes: {
      reason: string;
      amount?: string;
      category?: CreditCategory;
      subject?: Subject;
    },
    readonly actor: Actor,
    readonly idempotencyKey: string | undefined,
    readonly metadata: EventMetadata,
  ) {
    super();
  }
}

@CommandHandler(AdjustCredit)
export class AdjustCreditHandler
  extends CorrectCreditHandler
  implements ICommandHandler<AdjustCredit>
{
  execute(command: AdjustCredit): Promise<CreditCommandResult> {
    const { reason, ...change } = command.changes;
    return this.correct({ ...command, reason, change: { kind: 'adjust', ...change } });
  }
}
