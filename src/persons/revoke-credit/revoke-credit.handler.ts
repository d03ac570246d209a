import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import type { EventMetadata } from '../../event-store/event-store.port';
import type { Actor } from '../../shared/http/actor';
import { CorrectCreditHandler } from '../corrections/correct-credit';
import type { CreditCommandResult } from '../person-stream';

export class RevokeCredit extends Command<CreditCommandResult> {
  constructor(
    readonly creditId: string,
    readonly reason: string,
    readonly actor: Actor,
    readonly idempotencyKey: string | undefined,
    readonly metadata: EventMetadata,
  ) {
    super();
  }
}

@CommandHandler(RevokeCredit)
export class RevokeCreditHandler
  extends CorrectCreditHandler
  implements ICommandHandler<RevokeCredit>
{
  execute(command: RevokeCredit): Promise<CreditCommandResult> {
    return this.correct({ ...command, change: { kind: 'revoke' } });
  }
}
