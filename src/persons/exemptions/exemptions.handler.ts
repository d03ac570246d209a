import { CommandHandler } from '@nestjs/cqrs';
import type { EventMetadata } from '../../event-store/event-store.port';
import { ExemptionBasis, profileFor } from '../../rules/rule-profiles';
import type { Actor } from '../../shared/http/actor';
import { decideExemption, decideExemptionRevocation, PersonState } from '../domain/person.decider';
import { PersonCommand, PersonCommandHandler } from '../person-command';

const exemptionView = (state: PersonState, exemptionId: string) =>
  state.exemptions.get(exemptionId) ?? null;

/** R4: deemed qualified for a credit year, with its basis and evidence. */
export class GrantExemption extends PersonCommand<ReturnType<typeof exemptionView>> {
  constructor(
    personId: string,
    readonly creditYear: number,
    readonly basis: ExemptionBasis,
    readonly evidence: string,
    actor: Actor,
    idempotencyKey: string | undefined,
    metadata: EventMetadata,
  ) {
    super(personId, actor, idempotencyKey, metadata);
  }
  decide(state: PersonState, exemptionId: string) {
    const jurisdiction = state.registration?.jurisdiction ?? 'CN';
    return decideExemption(
      state,
      { creditYear: this.creditYear, profile: profileFor(jurisdiction, this.creditYear) },
      { exemptionId, basis: this.basis, evidence: this.evidence },
    );
  }
  view = exemptionView;
}

export class RevokeExemption extends PersonCommand<ReturnType<typeof exemptionView>> {
  constructor(
    personId: string,
    readonly exemptionId: string,
    readonly reason: string,
    actor: Actor,
    metadata: EventMetadata,
  ) {
    super(personId, actor, undefined, metadata);
  }
  decide(state: PersonState) {
    return decideExemptionRevocation(state, { exemptionId: this.exemptionId, reason: this.reason });
  }
  view = (state: PersonState) => exemptionView(state, this.exemptionId);
}

@CommandHandler(GrantExemption)
export class GrantExemptionHandler extends PersonCommandHandler<
  ReturnType<typeof exemptionView>,
  GrantExemption
> {}

@CommandHandler(RevokeExemption)
export class RevokeExemptionHandler extends PersonCommandHandler<
  ReturnType<typeof exemptionView>,
  RevokeExemption
> {}
