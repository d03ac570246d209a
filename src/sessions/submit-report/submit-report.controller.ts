import { Body, Controller, HttpStatus, Param, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import {
  ApiCreatedResponse,
  ApiHeader,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { Response } from 'express';
import { commandMetadata } from '../../shared/http/command-metadata';
import { Actor, CurrentActor, Access } from '../../shared/http/actor';
import { IdempotencyKey } from '../../shared/http/idempotency-key';
import { SessionParams } from '../session-contexts';
import { SubmitReport } from './submit-report.handler';
import { SubmitReportRequest } from './submit-report.request.dto';
import { ApiErrorResponses, commandErrors } from '../../shared/http/api-error-responses';
import { ExecutionReportResponse } from './submit-report.response.dto';

@ApiTags('sessions')
@Controller('sessions/:sessionId/report')
export class SubmitReportController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @Access('sessions.report')
  @ApiOperation({
    summary:
      "File the organizer's execution report (R14: late reports are kept and flagged; R12: teacher and content changes over 30 % or a lower-titled replacement are flagged; R17: a project's report needs evaluation levels 1–3)",
  })
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  @ApiCreatedResponse({ type: ExecutionReportResponse, description: 'Filed' })
  @ApiOkResponse({
    type: ExecutionReportResponse,
    description: 'The same Idempotency-Key again: the report filed then',
  })
  @ApiErrorResponses(...commandErrors)
  async submit(
    @Param() params: SessionParams,
    @Body() body: SubmitReportRequest,
    @CurrentActor() actor: Actor,
    @IdempotencyKey() key: string | undefined,
    @Res({ passthrough: true }) response: Response,
  ) {
    const { replayed, ...report } = await this.commands.execute(
      new SubmitReport(
        params.sessionId,
        body.hoursTaught,
        new Date(body.submittedAt),
        actor,
        key,
        new Date(),
        commandMetadata(actor, { idempotencyKey: key, body: { ...body, ...params } }),
        body.evaluationLevels,
        body.changes,
      ),
    );
    if (replayed) response.status(HttpStatus.OK);
    return report;
  }
}
