import { Body, Controller, HttpCode, HttpStatus, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { actorMetadata } from '../../shared/event-sourcing';
import { Actor, CurrentActor, Access } from '../../shared/http/actor';
import { SessionParams } from '../session-contexts';
import { DecideReport } from './decide-report.handler';
import { DecideReportRequest } from './decide-report.request.dto';

@ApiTags('sessions')
@Controller('sessions/:sessionId/report/decision')
export class DecideReportController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @HttpCode(HttpStatus.OK)
  @Access('sessions.decide-report')
  @ApiOperation({
    summary: 'Approve (granting credits to every attendee, R12) or reject an execution report',
  })
  decide(
    @Param() params: SessionParams,
    @Body() body: DecideReportRequest,
    @CurrentActor() actor: Actor,
  ) {
    return this.commands.execute(
      new DecideReport(
        params.sessionId,
        body.decision === 'approve',
        body.reason ?? null,
        actor,
        new Date(),
        actorMetadata(actor, body.reason ? { reason: body.reason } : {}),
      ),
    );
  }
}
