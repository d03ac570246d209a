import { msg } from '../../shared/domain/messages';
import { IsReason } from '../../shared/http/reason';
import { Body, Controller, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsInt, IsString, Max, Min } from 'class-validator';
import { actorMetadata } from '../../shared/http/command-metadata';
import { Actor, CurrentActor, Access } from '../../shared/http/actor';
import { invalid } from '../../shared/domain/domain-error';
import { IsInstant, IsOmittable } from '../../shared/http/validators';
import { PersonParams } from '../person.params';
import { ApproveSelfStudyPlan } from './self-study-plan.handler';
import { ApiErrorResponses, commandErrors } from '../../shared/http/api-error-responses';
import { SelfStudyPlanResponse } from './self-study-plan.response.dto';

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
  @IsReason(2000)
  plan!: string;

  @ApiProperty({
    required: false,
    example: '2026-01-10T09:00:00+08:00',
    description:
      'When the employer approved the plan, if earlier than now (R11: a self-study credit must be earned after its plan was approved)',
  })
  @IsOmittable()
  @IsInstant()
  approvedAt?: string;
}

@ApiTags('persons')
@Controller('persons/:personId/self-study-plans')
export class SelfStudyPlanController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @Access('self-study-plans.approve')
  @ApiOperation({ summary: "The employer approves a person's self-study plan for a year (R11)" })
  @ApiCreatedResponse({ type: SelfStudyPlanResponse })
  @ApiErrorResponses(...commandErrors)
  approve(
    @Param() params: PersonParams,
    @Body() body: ApproveSelfStudyPlanRequest,
    @CurrentActor() actor: Actor,
  ) {
    const now = new Date();
    const approvedAt = body.approvedAt ? new Date(body.approvedAt) : now;
    if (approvedAt.getTime() > now.getTime())
      throw invalid('approvedAt', msg('invalid.approved-future'));
    return this.commands.execute(
      new ApproveSelfStudyPlan(
        params.personId,
        body.year,
        body.plan,
        actor,
        actorMetadata(actor),
        approvedAt,
      ),
    );
  }
}
