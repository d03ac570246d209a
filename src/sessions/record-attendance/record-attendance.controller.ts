import { Body, Controller, HttpStatus, Param, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { PersonDirectory } from '../../persons/person-directory';
import { actorMetadata } from '../../shared/http/command-metadata';
import { badRequest } from '../../shared/http/request-body';
import { Actor, CurrentActor, Access } from '../../shared/http/actor';
import { SessionParams } from '../session-contexts';
import { RecordAttendance } from './record-attendance.handler';
import { RecordAttendanceRequest } from './record-attendance.request.dto';
import { ApiErrorResponses, commandErrors } from '../../shared/http/api-error-responses';
import { AttendanceRecordedResponse } from './record-attendance.response.dto';
import { msg } from '../../shared/domain/messages';

@ApiTags('sessions')
@Controller('sessions/:sessionId/attendance')
export class RecordAttendanceController {
  constructor(
    private readonly commands: CommandBus,
    private readonly people: PersonDirectory,
  ) {}

  @Post()
  @Access('sessions.attendance')
  @ApiOperation({
    summary: 'Record one scan: 201 the first time, 200 with the same attendance id for a repeat',
  })
  @ApiCreatedResponse({ type: AttendanceRecordedResponse, description: 'The first scan: recorded' })
  @ApiOkResponse({
    type: AttendanceRecordedResponse,
    description: 'A repeat scan: nothing recorded, the same attendance id',
  })
  @ApiErrorResponses(...commandErrors)
  async record(
    @Param() params: SessionParams,
    @Body() body: RecordAttendanceRequest,
    @CurrentActor() actor: Actor,
    @Res({ passthrough: true }) response: Response,
  ) {
    if (body.idNumber !== undefined && body.personId !== undefined) {
      throw badRequest('personId', msg('invalid.id-or-person'));
    }
    const personId = await this.people.resolve(body);
    const result = await this.commands.execute(
      new RecordAttendance(
        params.sessionId,
        personId,
        body.method,
        new Date(body.scannedAt),
        body.deviceId,
        actor,
        actorMetadata(actor),
      ),
    );
    response.status(result.duplicate ? HttpStatus.OK : HttpStatus.CREATED);
    return { attendanceId: result.attendanceId, personId, duplicate: result.duplicate };
  }
}
