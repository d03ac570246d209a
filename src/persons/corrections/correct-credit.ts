import { Inject } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { EVENT_STORE, type EventStore } from '../../event-store/event-store.port';
import { handle } from '../../shared/application/handle';
import type { Actor } from '../../shared/http/actor';
import { personDecider } from '../domain/person.commands';
import type { CorrectionChange } from '../domain/person.events';
import { personStreamId } from '../domain/person.events';
import {
  correctionLimits,
  creditEventId,
  creditPersonId,
  type CreditCommandResult,
  onCredit,
} from '../person-stream';
import type { EventMetadata } from '../../event-store/event-store.port';

/**
 * A revocation or adjustment by an admin, with a reason: at once when small and in an open year,
 * else held for a second admin (maker-checker). The correction's id is its first event's.
 */
export abstract class CorrectCreditHandler {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  protected async correct(command: {
    creditId: string;
    change: CorrectionChange;
    reason: string;
    actor: Actor;
    idempotencyKey: string | undefined;
    metadata: EventMetadata;
  }): Promise<CreditCommandResult> {
    const { creditId, actor } = command;
    const limits = await correctionLimits(
      this.store,
      this.config.correctionApprovalThreshold,
      creditId,
    );
    const personId = creditPersonId(creditId);
    const eventId = creditEventId(creditId, actor, command.idempotencyKey);
    return handle(
      this.store,
      personDecider,
      personStreamId(personId),
      {
        type: 'CorrectCredit',
        correctionId: eventId,
        creditId,
        change: command.change,
        reason: command.reason,
        requestedBy: actor.actorId,
        limits,
      },
      onCredit({ actor, creditId, eventId, metadata: command.metadata, now: new Date() }),
    );
  }
}
