import { Inject } from '@nestjs/common';
import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import {
  EVENT_STORE,
  type EventMetadata,
  type EventStore,
} from '../../event-store/event-store.port';
import { handle } from '../../shared/application/handle';
import type { Actor } from '../../shared/http/actor';
import { randomId } from '../../shared/ids';
import { personDecider } from '../domain/person.commands';
import { personStreamId } from '../domain/person.events';
import { onPerson } from '../person-stream';

export type PlanView = { personId: string; year: number; approved: boolean };

/** R11: verifiable self-study needs a plan the employer approved at the start of the year. */
export class ApproveSelfStudyPlan extends Command<PlanView> {
  constructor(
    readonly personId: string,
    readonly year: number,
    readonly plan: string,
    readonly actor: Actor,
    readonly metadata: EventMetadata,
    readonly approvedAt: Date = new Date(),
  ) {
    super();
  }
}

@CommandHandler(ApproveSelfStudyPlan)
export class ApproveSelfStudyPlanHandler implements ICommandHandler<ApproveSelfStudyPlan> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  execute(command: ApproveSelfStudyPlan): Promise<PlanView> {
    const { personId, year, actor, metadata } = command;
    const now = new Date();
    return handle(
      this.store,
      personDecider,
      personStreamId(personId),
      {
        type: 'ApproveSelfStudyPlan',
        creditYear: year,
        plan: command.plan,
        approvedAt: command.approvedAt,
      },
      onPerson({
        actor,
        factId: randomId(),
        metadata,
        now,
        view: (state) => ({ personId, year, approved: state.selfStudyPlans.has(year) }),
      }),
    );
  }
}
