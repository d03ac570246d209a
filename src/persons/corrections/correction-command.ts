import { Inject } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import {
  EVENT_STORE,
  type EventMetadata,
  type EventStore,
} from '../../event-store/event-store.port';
import { loadState } from '../../shared/application/state-cache';
import type { Actor } from '../../shared/http/actor';
import { splitCompositeId } from '../../shared/ids';
import { loadSeal } from '../../year-audits/year-seal.queries';
import { CreditCommand, runCreditCommand } from '../credit-command';
import { type CorrectionLimits, decideCorrection } from '../domain/corrections';
import { personEvolver, type PersonState } from '../domain/person.decider';
import { type CorrectionChange, personStreamId } from '../domain/person.events';

/** A revocation or adjustment by an admin, with a reason; big ones and sealed years wait (maker-checker). */
export abstract class CorrectionCommand extends CreditCommand {
  /** Set by the handler from the configuration and the year's seal before deciding. */
  limits: CorrectionLimits = { approvalAbove: '0', yearSealed: true };

  constructor(
    creditId: string,
    readonly change: CorrectionChange,
    readonly reason: string,
    actor: Actor,
    idempotencyKey: string | undefined,
    metadata: EventMetadata,
  ) {
    super(creditId, actor, idempotencyKey, metadata);
  }

  decide(state: PersonState, factId: string) {
    return decideCorrection(
      state,
      {
        correctionId: factId,
        creditId: this.creditId,
        change: this.change,
        reason: this.reason,
        requestedBy: this.actor.actorId,
      },
      this.limits,
    );
  }
}

export abstract class CorrectionCommandHandler<C extends CorrectionCommand> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async execute(command: C) {
    command.limits = await this.limits(command.creditId);
    return runCreditCommand(
      this.store,
      command.creditId,
      command.actor,
      command.idempotencyKey,
      command.metadata,
      (state, factId) => command.decide(state, factId),
    );
  }

  /** The size limit, and whether the credit's year is sealed in the person's jurisdiction. */
  private async limits(creditId: string): Promise<CorrectionLimits> {
    const approvalAbove = this.config.correctionApprovalThreshold;
    const personId = splitCompositeId(creditId)?.parent;
    if (!personId) return { approvalAbove, yearSealed: false };
    const { state } = await loadState(this.store, personStreamId(personId), personEvolver);
    const credit = state.credits.get(creditId);
    if (!credit || !state.registration) return { approvalAbove, yearSealed: false };
    const seal = await loadSeal(this.store, state.registration.jurisdiction, credit.creditYear);
    return { approvalAbove, yearSealed: seal !== null };
  }
}
