import { ArgumentsHost, Catch, ExceptionFilter, HttpStatus } from '@nestjs/common';
import type { Request, Response } from 'express';
import {
  EventIdConflictError,
  InvalidAppendError,
  WrongExpectedVersionError,
} from '../event-store/event-store.errors';
import { type Message, msg, render } from '../shared/domain/messages';
import { languageOf } from '../shared/http/language';

/** What the store's refusal says to a person, by its type (the store keeps English inside). */
export function storeRefusalMessage(error: Error): Message {
  if (error instanceof WrongExpectedVersionError)
    return msg('store.wrong-expected-version', {
      streamId: error.streamId,
      expected: error.expected,
      actual: error.actual,
    });
  if (error instanceof EventIdConflictError)
    return msg('store.event-id-conflict', { eventId: error.eventId, english: error.message });
  return msg('store.invalid-append', { english: error.message });
}

/**
 * Store errors that reach HTTP: a lost race or a reused event id is 409, a bad append 400; the
 * message in the caller's language, `error` the store's stable error name.
 */
@Catch(WrongExpectedVersionError, EventIdConflictError, InvalidAppendError)
export class EventStoreErrorFilter implements ExceptionFilter {
  catch(error: Error, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const response = http.getResponse<Response>();
    const status =
      error instanceof InvalidAppendError ? HttpStatus.BAD_REQUEST : HttpStatus.CONFLICT;
    response.status(status).json({
      statusCode: status,
      error: error.name,
      message: render(storeRefusalMessage(error), languageOf(http.getRequest<Request>())),
    });
  }
}
