import { parseQueryInstant } from '../../shared/domain/shanghai-time';
import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Access } from '../../shared/http/actor';
import {
  decodeLogPosition,
  encodeLogPosition,
  EVENT_STORE,
  type EventStore,
} from '../../event-store/event-store.port';
import { recordedEventView } from '../../event-store/recorded-event.view';
import { ReadLogQuery } from './read-log.request.dto';
import { ApiErrorResponses } from '../../shared/http/api-error-responses';
import { LogPageResponse } from './read-log.response.dto';

@ApiTags('audit')
@Controller('events')
export class ReadLogController {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  @Get()
  @Access('events.read')
  @ApiOperation({
    summary: 'Page through the whole log in order',
    description: 'The log order never skips an event that commits late; follow `next` to read on.',
  })
  @ApiOkResponse({
    type: LogPageResponse,
    description: 'A page of events and the position to continue after.',
  })
  @ApiErrorResponses(400, 401, 403, 429, 503)
  async readLog(@Query() query: ReadLogQuery) {
    const events = await this.store.readAll({
      after: query.after ? decodeLogPosition(query.after) : undefined,
      limit: query.limit ?? 100,
      recordedBefore: query.recordedBefore
        ? (parseQueryInstant(query.recordedBefore) ?? undefined)
        : undefined,
    });
    const last = events[events.length - 1];
    return {
      events: events.map(recordedEventView),
      next: last ? encodeLogPosition(last.position) : (query.after ?? null),
    };
  }
}
