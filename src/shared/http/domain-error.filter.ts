import { ArgumentsHost, Catch, ExceptionFilter, HttpStatus } from '@nestjs/common';
import type { Response } from 'express';
import { DomainError, DomainErrorKind } from '../domain/domain-error';

const statusOf: Record<DomainErrorKind, number> = {
  invalid: HttpStatus.UNPROCESSABLE_ENTITY,
  rule: HttpStatus.UNPROCESSABLE_ENTITY,
  'not-found': HttpStatus.NOT_FOUND,
  conflict: HttpStatus.CONFLICT,
  forbidden: HttpStatus.FORBIDDEN,
};

/** Domain errors become HTTP here and only here; the body names the wrong field and the rule. */
@Catch(DomainError)
export class DomainErrorFilter implements ExceptionFilter {
  catch(error: DomainError, host: ArgumentsHost): void {
    const status = statusOf[error.kind];
    host.switchToHttp().getResponse<Response>().status(status).json({
      statusCode: status,
      error: error.kind,
      message: error.message,
      field: error.field,
      rule: error.rule,
    });
  }
}
