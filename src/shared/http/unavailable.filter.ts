import { ArgumentsHost, Catch, HttpStatus } from '@nestjs/common';
import { BaseExceptionFilter } from '@nestjs/core';
import type { Request, Response } from 'express';
import { msg, render } from '../domain/messages';
import { languageOf } from './language';

/** What a client is told to wait before retrying while the database is away. */
export const retryAfterSecondsDuringOutage = 5;

/** Socket and client errors of a database that went away (postgres.js and Node). */
const connectionErrorCodes = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND', // the database's host name is gone (a restarted container or service)
  'EAI_AGAIN',
  'CONNECTION_CLOSED',
  'CONNECTION_ENDED',
  'CONNECTION_DESTROYED',
  'CONNECT_TIMEOUT',
  'EVENT_STORE_UNAVAILABLE', // EventStoreUnavailableError: the EventStoreDB/KurrentDB log is away
]);

/**
 * True for an error that says the database cannot be reached now (rather than that a request is
 * wrong): connection failures, PostgreSQL's connection-exception (08…) and shutdown (57P0…)
 * classes, and a server with no connection left (53300).
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== 'string') return false;
  return (
    connectionErrorCodes.has(code) ||
    code.startsWith('08') ||
    /^57P0[1-3]$/.test(code) ||
    code === '53300' // too many connections: the server is there but full
  );
}

/**
 * A request that fails because the database is away gets 503 with Retry-After, not a 500: the
 * client did nothing wrong and may try again. Everything else goes to Nest's own handling.
 */
@Catch()
export class UnavailableFilter extends BaseExceptionFilter {
  override catch(error: unknown, host: ArgumentsHost): void {
    if (!isDatabaseUnavailable(error)) return super.catch(error, host);
    const http = host.switchToHttp();
    const response = http.getResponse<Response>();
    response
      .status(HttpStatus.SERVICE_UNAVAILABLE)
      .setHeader('Retry-After', String(retryAfterSecondsDuringOutage))
      .json({
        statusCode: HttpStatus.SERVICE_UNAVAILABLE,
        error: 'unavailable',
        message: render(msg('unavailable.database'), languageOf(http.getRequest<Request>())),
      });
  }
}
