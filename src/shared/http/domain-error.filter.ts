import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus } from '@nestjs/common';
import { BaseExceptionFilter } from '@nestjs/core';
import type { Request, Response } from 'express';
import { DomainError, DomainErrorKind } from '../domain/domain-error';
import { render } from '../domain/messages';
import { languageOf, messagesOf } from './language';

const statusOf: Record<DomainErrorKind, number> = {
  invalid: HttpStatus.UNPROCESSABLE_ENTITY,
  rule: HttpStatus.UNPROCESSABLE_ENTITY,
  'not-found': HttpStatus.NOT_FOUND,
  conflict: HttpStatus.CONFLICT,
  forbidden: HttpStatus.FORBIDDEN,
};

/**
 * Domain errors become HTTP here and only here; the body names the wrong field and the rule, and
 * the message is in the caller's language (Accept-Language; English without one).
 */
@Catch(DomainError)
export class DomainErrorFilter implements ExceptionFilter {
  catch(error: DomainError, host: ArgumentsHost): void {
    const status = statusOf[error.kind];
    const http = host.switchToHttp();
    http
      .getResponse<Response>()
      .status(status)
      .json({
        statusCode: status,
        error: error.kind,
        message: error.in(languageOf(http.getRequest<Request>())),
        field: error.field,
        rule: error.rule,
      });
  }
}

/**
 * HttpExceptions that carry catalogue messages (guards' 401/403, the validation pipe's 400) are
 * answered with their body and the message in the caller's language; any other goes to Nest's own
 * handling, unchanged.
 */
@Catch(HttpException)
export class LocalizedHttpFilter extends BaseExceptionFilter {
  override catch(exception: HttpException, host: ArgumentsHost): void {
    const messages = messagesOf(exception);
    if (!messages) return super.catch(exception, host);
    const http = host.switchToHttp();
    const language = languageOf(http.getRequest<Request>());
    const body = exception.getResponse();
    const status = exception.getStatus();
    http
      .getResponse<Response>()
      .status(status)
      .json({
        ...(typeof body === 'object' ? body : { statusCode: status }),
        message: messages.map((m) => render(m, language)).join('; '),
      });
  }
}
