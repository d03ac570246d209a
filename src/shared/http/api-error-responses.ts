import { applyDecorators } from '@nestjs/common';
import { ApiExtraModels, ApiProperty, ApiPropertyOptional, ApiResponse } from '@nestjs/swagger';

/**
 * OpenAPI shape of every error answer (see `ErrorBody` in request-body.ts and the exception
 * filters): the status, a stable kind, a message for people, the field it is about, and the rule.
 */
export class ErrorResponse {
  @ApiProperty({ example: 422, description: 'The HTTP status again' })
  statusCode!: number;

  @ApiPropertyOptional({
    example: 'rule',
    description:
      'A stable kind, for programs: invalid, rule, not-found, conflict, forbidden, too-large, unavailable (401/403 from the token check: Unauthorized, Forbidden)',
  })
  error?: string;

  @ApiProperty({ description: 'What is wrong, for people (text)' })
  message!: string;

  @ApiPropertyOptional({
    example: 'scannedAt',
    description: 'The request field at fault (a dotted path into the body), when one is',
  })
  field?: string;

  @ApiPropertyOptional({ example: 'R14', description: 'The ledger rule (R1…R17) refused, if any' })
  rule?: string;
}

/** The statuses an operation may declare with `ApiErrorResponses`. */
export type ErrorStatus = 400 | 401 | 403 | 404 | 409 | 413 | 422 | 429 | 503;

const described: Record<ErrorStatus, { description: string; example: ErrorResponse }> = {
  400: {
    description: 'The request is malformed: a parameter, query or body field fails validation',
    example: {
      statusCode: 400,
      error: 'invalid',
      message: 'scannedAt must be an ISO 8601 instant with an offset',
      field: 'scannedAt',
    },
  },
  401: {
    description: 'No bearer token, or one that is invalid or expired',
    example: {
      statusCode: 401,
      error: 'Unauthorized',
      message: 'an Authorization: Bearer token is required',
    },
  },
  403: {
    description: "The token's role or scope (jurisdiction, own staff, own activity) does not reach",
    example: {
      statusCode: 403,
      error: 'Forbidden',
      message: 'this record is in CN-CQ, outside your jurisdictions (CN-ZJ)',
    },
  },
  404: {
    description: 'The record named in the path does not exist (or did not at asOf)',
    example: { statusCode: 404, error: 'not-found', message: 'no such person', field: 'personId' },
  },
  409: {
    description: 'The record is not in a state that allows this (or a concurrent write won)',
    example: {
      statusCode: 409,
      error: 'conflict',
      message: 'a correction of this credit awaits approval; approve or reject it first',
    },
  },
  413: {
    description: 'The body is larger than BODY_LIMIT',
    example: {
      statusCode: 413,
      error: 'too-large',
      message: 'the request body is larger than BODY_LIMIT',
      field: 'body',
    },
  },
  422: {
    description: 'Well-formed, but a ledger rule refuses it; `rule` names the rule',
    example: {
      statusCode: 422,
      error: 'rule',
      message: 'a national project holds at most 6 sessions a year',
      field: 'startsAt',
      rule: 'R13',
    },
  },
  429: {
    description: 'Over the rate limit (RATE_LIMIT_PER_MINUTE; scans: SCAN_RATE_LIMIT_PER_MINUTE)',
    example: { statusCode: 429, message: 'ThrottlerException: Too Many Requests' },
  },
  503: {
    description:
      'The database is unreachable just now; retry after Retry-After seconds (a repeated command never records twice)',
    example: {
      statusCode: 503,
      error: 'unavailable',
      message: 'the ledger cannot reach its database just now; try again shortly',
    },
  },
};

/**
 * Declares the error answers an operation can give, each with the one error shape and an
 * example: `@ApiErrorResponses(400, 401, 403, 404, 429, 503)`. A route behind `@Access` can
 * always answer 401, 403, 429 and 503; add 400 when it takes parameters, a query or a body, 404
 * when it names a record, 409 and 422 when its command can refuse.
 */
export function ApiErrorResponses(...statuses: ErrorStatus[]): MethodDecorator & ClassDecorator {
  return applyDecorators(
    ApiExtraModels(ErrorResponse),
    ...statuses.map((status) =>
      ApiResponse({
        status,
        description: described[status].description,
        type: ErrorResponse,
        example: described[status].example,
      }),
    ),
  );
}

/** The usual errors of a route behind `@Access` that names a record and takes input. */
export const recordErrors: ErrorStatus[] = [400, 401, 403, 404, 429, 503];
/** The same for a command that may be refused by a rule or by the record's state. */
export const commandErrors: ErrorStatus[] = [400, 401, 403, 404, 409, 422, 429, 503];

/** A JSON object of any shape (an event's data or metadata): `@ApiProperty(anyObject)`. */
export const anyObject = { type: 'object', additionalProperties: true } as const;
