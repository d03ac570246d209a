import { Body, Controller, HttpCode, HttpStatus, Param, Post, Res } from '@nestjs/common';
import type { Response } from 'express';
import { CommandBus } from '@nestjs/cqrs';
import { ApiAcceptedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { actorMetadata } from '../../shared/http/command-metadata';
import { Actor, CurrentActor, Access } from '../../shared/http/actor';
import { SessionParams } from '../session-contexts';
import { DecideReport, type ReportDecisionResult } from './decide-report.handler';
import { DecideReportRequest } from './decide-report.request.dto';
import { ApiErrorResponses, commandErrors } from '../../shared/http/api-error-responses';
import { ReportDecisionResponse } from './decide-report.response.dto';

@ApiTags('sessions')
@Controller('sessions/:sessionId/report/decision')
export class DecideReportController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @HttpCode(HttpStatus.OK)
  @Access('sessions.decide-report')
  @ApiOperation({
    summary: 'Approve (granting credits to every attendee, R12) or reject an execution report',
    description:
      'The grants follow from the approval in the log. 200 once they are recorded; 202 with `grants: "pending"` when they take longer than REACTION_WAIT_MS (they complete by themselves).',
  })
  @ApiOkResponse({ type: ReportDecisionResponse, description: 'Decided; any grants are recorded' })
  @ApiAcceptedResponse({
    type: ReportDecisionResponse,
    description: 'Approved; the grants are still being recorded (grants: pending)',
  })
  @ApiErrorResponses(...commandErrors)
  async decide(
    @Param() params: SessionParams,
    @Body() body: DecideReportRequest,
    @CurrentActor() actor: Actor,
    @Res({ passthrough: true }) response: Response,
  ): Promise<ReportDecisionResult> {
    const result = await this.commands.execute(
      new DecideReport(
        params.sessionId,
        body.decision === 'approve',
        body.reason ?? null,
        actor,
        new Date(),
        actorMetadata(actor, body.reason ? { reason: body.reason } : {}),
      ),
    );
    if (result.grants === 'pending') response.status(HttpStatus.ACCEPTED);
    return result;
  }
}
