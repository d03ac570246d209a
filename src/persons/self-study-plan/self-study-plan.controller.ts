import { Body, Controller, Param, Post } from '@nestjs/common';
import { CommandBus, CommandHandler } from '@nestjs/cqrs';
import { ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsInt, IsString, Length, Max, Min } from 'class-validator';
import type { EventMetadata } from '../../event-store/event-store.port';
import { actorMetadata } from '../../shared/http/command-metadata';
import { Actor, CurrentActor, Access } from '../../shared/http/actor';
import { decideSelfStudyPlan, PersonState } from '../domain/person.decider';
import { PersonCommand, PersonCommandHandler } from '../person-command';
import { PersonParams } from '../person.params';

export class ApproveSelfStudyPlanRequest {
  @ApiProperty({ example: 2026 })
  @IsInt()
  @Min(2000)
  @Max(2100)
  year!: number;

  @ApiProperty({
    example:
      'read the 2026 heart-failure guideline; monthly case review verified by the department head',
  })
  @IsString()
  @Length(8, 2000)
  plan!: string;
}

type PlanView = { personId: string; year: number; approved: boolean };

/** R11: verifiable self-study needs a plan the employer approved at the start of the year. */
export class ApproveSelfStudyPlan extends PersonCommand<PlanView> {
  constructor(
    personId: string,
    readonly year: number,
    readonly plan: string,
    actor: Actor,
    metadata: EventMetadata,
  ) {
    super(personId, actor, undefined, metadata);
  }
  decide(state: PersonState) {
    return decideSelfStudyPlan(state, { creditYear: this.year, plan: this.plan });
  }
  view = (state: PersonState): PlanView => ({
    personId: this.personId,
    year: this.year,
    approved: state.selfStudyPlans.has(this.year),
  });
}

@CommandHandler(ApproveSelfStudyPlan)
export class ApproveSelfStudyPlanHandler extends PersonCommandHandler<
  PlanView,
  ApproveSelfStudyPlan
> {}

@ApiTags('persons')
@Controller('persons/:personId/self-study-plans')
export class SelfStudyPlanController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @Access('self-study-plans.approve')
  @ApiOperation({ summary: "The employer approves a person's self-study plan for a year (R11)" })
  approve(
    @Param() params: PersonParams,
    @Body() body: ApproveSelfStudyPlanRequest,
    @CurrentActor() actor: Actor,
  ) {
    return this.commands.execute(
      new ApproveSelfStudyPlan(params.personId, body.year, body.plan, actor, actorMetadata(actor)),
    );
  }
}
