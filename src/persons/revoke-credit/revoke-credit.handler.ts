import { CommandHandler } from '@nestjs/cqrs';
import type { EventMetadata } from '../../event-store/event-store.port';
import type { Actor } from '../../shared/http/actor';
import { CorrectionCommand, CorrectionCommandHandler } from '../corrections/correction-command';

export class RevokeCredit extends CorrectionCommand {
  constructor(
    creditId: string,
    reason: string,
    actor: Actor,
    idempotencyKey: string | undefined,
    metadata: EventMetadata,
  ) {
    super(creditId, { kind: 'revoke' }, reason, actor, idempotencyKey, metadata);
  }
}

@CommandHandler(RevokeCredit)
export class RevokeCreditHandler extends CorrectionCommandHandler<RevokeCredit> {}
