import { ArgumentsHost, Catch, ExceptionFilter, HttpStatus } from '@nestjs/common';
import type { Response } from 'express';
import {
  EventIdConflictError,
  InvalidAppendError,
  WrongExpectedVersionError,
} from '../event-store/event-store.errors';

/** Store errors that reach HTTP: a lost race or a reused event id is 409, a bad append 400. */
@Catch(WrongExpectedVersionError, EventIdConflictError, InvalidAppendError)
export class EventStoreErrorFilter implements ExceptionFilter {
  catch(error: Error, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    const status =
      error instanceof InvalidAppendError ? HttpStatus.BAD_REQUEST : HttpStatus.CONFLICT;
    response.status(status).json({ statusCode: status, error: error.name, message: error.message });
  }
}
