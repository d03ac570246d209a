import { BadRequestException, HttpStatus, type ValidationError } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { inEnglish, isMessage, type Message, msg, render } from '../domain/messages';
import { businessInstantProblem, businessYearsAheadMax } from '../domain/shanghai-time';
import { languageOf, withMessages } from './language';
import { reasonMessage } from './reason';

/**
 * What a request body may hold before anything reads it: nesting at most `jsonNestingDepthMax`
 * deep (checked on the raw text, before JSON.parse and the validators recurse through it), and
 * text without control characters (but tab, line feed, carriage return) or lone surrogates —
 * PostgreSQL's jsonb refuses `\u0000` and unpaired surrogates, and an append must never be where
 * bad text is found (it would be a 500, with the text in the database's log).
 */
export const jsonNestingDepthMax = 32;

/** The one shape of every 4xx: status, kind, message (text), the field, and the rule if any. */
export interface ErrorBody {
  statusCode: number;
  error: string;
  message: string;
  field: string;
  rule?: string;
}

/** A 400 naming the field, its message from the catalogue (answered in the caller's language). */
export function badRequest(field: string, message: Message): BadRequestException {
  const body: ErrorBody = {
    statusCode: HttpStatus.BAD_REQUEST,
    error: 'invalid',
    message: inEnglish(message),
    field,
  };
  return withMessages(new BadRequestException(body), [message]);
}

class BodyProblem extends Error {
  readonly status = HttpStatus.BAD_REQUEST;
  constructor(
    readonly field: string,
    readonly said: Message,
  ) {
    super(inEnglish(said));
  }
}

/** body-parser's `verify`: refuses JSON nested deeper than the limit without parsing it. */
export function checkJsonNesting(_request: unknown, _response: unknown, raw: Buffer): void {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < raw.length; i += 1) {
    const byte = raw[i];
    if (inString) {
      if (byte === 0x5c)
        i += 1; // backslash: skip the escaped character
      else if (byte === 0x22) inString = false;
    } else if (byte === 0x22) inString = true;
    else if (byte === 0x7b || byte === 0x5b) {
      depth += 1;
      if (depth > jsonNestingDepthMax)
        throw new BodyProblem('body', msg('body.too-deep', { max: jsonNestingDepthMax }));
    } else if (byte === 0x7d || byte === 0x5d) depth -= 1;
  }
}

// eslint-disable-next-line no-control-regex
const controlCharacter = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

const loneSurrogate = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

export type TextProblem = 'lone-surrogate' | 'control-character';

export function textProblem(text: string): TextProblem | null {
  if (loneSurrogate.test(text)) return 'lone-surrogate';
  if (controlCharacter.test(text)) return 'control-character';
  return null;
}

/** The first string (value or key) in a parsed body that is not clean text, with its path. */
export function findBadText(value: unknown, path = ''): Message | null {
  if (typeof value === 'string') {
    const problem = textProblem(value);
    return problem
      ? msg('text.not-clean', { field: path || 'body', problem, inName: false })
      : null;
  }
  if (value === null || typeof value !== 'object') return null;
  for (const [key, child] of Object.entries(value)) {
    const childPath = Array.isArray(value) ? `${path}[${key}]` : path ? `${path}.${key}` : key;
    const keyProblem = textProblem(key);
    if (keyProblem)
      return msg('text.not-clean', { field: childPath, problem: keyProblem, inName: true });
    const found = findBadText(child, childPath);
    if (found) return found;
  }
  return null;
}

/** Middleware after the JSON parser: refuses bodies and query strings carrying bad text. */
export function refuseBadText(request: Request, response: Response, next: NextFunction): void {
  const found = findBadText(request.body) ?? findBadText(request.query);
  if (!found) return next();
  const body: ErrorBody = {
    statusCode: HttpStatus.BAD_REQUEST,
    error: 'invalid',
    message: render(found, languageOf(request)),
    field: String(found.params?.field),
  };
  response.status(HttpStatus.BAD_REQUEST).json(body);
}

/**
 * Errors of the body parser in the common shape: a body over BODY_LIMIT is 413, malformed or
 * too deeply nested JSON 400, each naming `body`. These are the client's mistakes, answered before
 * the request logger sees the request: logged here, as warnings, never as errors.
 */
export function bodyErrors(logger: { warn(message: unknown, ...rest: unknown[]): void }) {
  return (
    error: { type?: string; status?: number; message?: string } & Error,
    request: Request,
    response: Response,
    next: NextFunction,
  ): void => {
    const answer = (body: ErrorBody) => {
      // Shaped like the request logger's lines (its serializers drop the query string).
      logger.warn({
        req: { method: request.method, url: request.url },
        res: { statusCode: body.statusCode },
        refused: body.message,
      });
      response.status(body.statusCode).json(body);
    };
    const problem =
      error instanceof BodyProblem
        ? error
        : (error as { cause?: unknown }).cause instanceof BodyProblem
          ? ((error as { cause?: unknown }).cause as BodyProblem)
          : null;
    if (problem) {
      answer({
        statusCode: HttpStatus.BAD_REQUEST,
        error: 'invalid',
        message: render(problem.said, languageOf(request)),
        field: problem.field,
      });
      return;
    }
    if (typeof error.status === 'number' && error.status >= 400 && error.status < 500) {
      const tooLarge = error.status === HttpStatus.PAYLOAD_TOO_LARGE;
      answer({
        statusCode: error.status,
        error: tooLarge ? 'too-large' : 'invalid',
        message: render(
          tooLarge
            ? msg('body.too-large')
            : error.type === 'entity.parse.failed'
              ? msg('body.not-json')
              : msg('body.unreadable'),
          languageOf(request),
        ),
        field: 'body',
      });
      return;
    }
    next(error);
  };
}

/** One refused field: its path, the English of class-validator and the catalogue message. */
export interface ValidationProblem {
  field: string;
  english: string;
  message: Message;
}

/** What each of class-validator's constraints says, as a catalogue message. */
function problemMessage(
  error: ValidationError,
  constraint: string,
  english: string,
  field: string,
): Message {
  const given = (error.contexts?.[constraint] as { message?: unknown } | undefined)?.message;
  if (isMessage(given)) return given;
  const tail = (pattern: RegExp) => pattern.exec(english)?.[1] ?? '';
  // A validator with wording of its own but no catalogue message (says(…)) keeps its words.
  const own = msg('validation.invalid', { field, en: english });
  switch (constraint) {
    case 'whitelistValidation':
      return msg('validation.not-allowed', { field });
    case 'isNotEmpty':
    case 'isDefined':
      return msg('validation.required', { field });
    case 'isInt':
      return msg('validation.integer', { field });
    case 'isString':
      return msg('validation.text', { field });
    case 'isBoolean':
      return msg('validation.boolean', { field });
    case 'isArray':
      return msg('validation.list', { field });
    case 'isUuid':
      return msg('validation.uuid', { field });
    case 'min':
      if (!tail(/less than (\S+)$/)) return own;
      return msg('validation.min', { field, limit: tail(/less than (\S+)$/) });
    case 'max':
      if (!tail(/greater than (\S+)$/)) return own;
      return msg('validation.max', { field, limit: tail(/greater than (\S+)$/) });
    case 'isIn':
    case 'isEnum':
      if (!tail(/values: (.*)$/)) return own;
      return msg('validation.one-of', { field, values: tail(/values: (.*)$/) });
    case 'arrayMaxSize':
      if (!tail(/more than (\d+) elements/)) return own;
      return msg('validation.list-max', { field, limit: tail(/more than (\d+) elements/) });
    case 'isLength':
      if (!tail(/equal to (\d+) char/)) return own;
      return /longer than/.test(english)
        ? msg('validation.length-min', { field, limit: tail(/equal to (\d+) char/) })
        : msg('validation.length-max', { field, limit: tail(/equal to (\d+) char/) });
    case 'isAmount':
      return msg('validation.amount', { field });
    case 'isJurisdiction':
      return msg('validation.jurisdiction', { field });
    case 'isOrganizationId':
      return msg('validation.organization-id', { field });
    case 'isQueryInstant':
      return msg('validation.query-instant', { field });
    case 'isReason':
      return reasonMessage(
        field,
        (error.contexts?.isReason as { lengthMax?: number } | undefined)?.lengthMax,
      );
    case 'isLogPosition':
      return msg('validation.log-position', { field, max: tail(/at most (\d+)\)$/) });
    case 'isIdNumber':
      return msg('validation.id-number', { field, why: english });
    case 'isInstant': {
      const problem = businessInstantProblem(error.value, new Date());
      if (problem === null || /^must be an ISO/.test(problem))
        return msg('validation.instant', { field });
      if (/before 1949/.test(problem)) return msg('validation.instant-too-early', { field });
      return msg('validation.instant-too-late', { field, years: businessYearsAheadMax });
    }
    default:
      return msg('validation.invalid', { field, en: english });
  }
}

/** ValidationPipe's errors, field by field, each with its catalogue message. */
export function validationProblems(errors: ValidationError[]): ValidationProblem[] {
  const problems: ValidationProblem[] = [];
  const walk = (list: ValidationError[], prefix: string) => {
    for (const e of list) {
      const field = prefix ? `${prefix}.${e.property}` : e.property;
      for (const [constraint, english] of Object.entries(e.constraints ?? {}))
        problems.push({ field, english, message: problemMessage(e, constraint, english, field) });
      if (e.children?.length) walk(e.children, field);
    }
  };
  walk(errors, '');
  return problems;
}

/** ValidationPipe's errors in the common shape: the first wrong field, every problem in text. */
export function validationErrorBody(errors: ValidationError[]): ErrorBody {
  const problems = validationProblems(errors);
  return {
    statusCode: HttpStatus.BAD_REQUEST,
    error: 'invalid',
    message: problems.map((p) => p.english).join('; ') || 'the request is not valid',
    field: problems[0]?.field ?? 'body',
  };
}

/**
 * The validation pipe's 400: the common shape, with each problem as a catalogue message so the
 * error filter answers in the caller's language.
 */
export function validationException(errors: ValidationError[]): BadRequestException {
  const problems = validationProblems(errors);
  const body: ErrorBody = {
    statusCode: HttpStatus.BAD_REQUEST,
    error: 'invalid',
    message: problems.map((p) => p.english).join('; ') || 'the request is not valid',
    field: problems[0]?.field ?? 'body',
  };
  return withMessages(
    new BadRequestException(body),
    problems.length > 0 ? problems.map((p) => p.message) : [msg('request.not-valid')],
  );
}

/** pino-http's level for a finished request: client mistakes (4xx) are warnings, 5xx errors. */
export function requestLogLevel(
  _request: unknown,
  response: { statusCode: number },
  error?: Error,
): 'info' | 'warn' | 'error' {
  if (response.statusCode >= 500) return 'error';
  if (response.statusCode >= 400) return 'warn';
  return error ? 'error' : 'info';
}
