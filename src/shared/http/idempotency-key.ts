import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { badRequest } from './request-body';
import { msg } from '../domain/messages';

export const idempotencyKeyPattern = /^[A-Za-z0-9_.:-]{8,128}$/;

/** The optional `Idempotency-Key` header: a retried request with the same key records one fact. */
export const IdempotencyKey = createParamDecorator(
  (_: unknown, context: ExecutionContext): string | undefined => {
    const value = context
      .switchToHttp()
      .getRequest<{ headers: Record<string, string | undefined> }>().headers['idempotency-key'];
    if (value === undefined) return undefined;
    if (!idempotencyKeyPattern.test(value)) {
      throw badRequest('Idempotency-Key', msg('invalid.idempotency-key-format'));
    }
    return value;
  },
);
