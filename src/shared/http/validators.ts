import { Transform, Type } from 'class-transformer';
import { IsInt, Max, Min, ValidateBy, ValidateIf, ValidationOptions } from 'class-validator';
import { parseAmount } from '../domain/credits';
import { idNumberProblem, normaliseIdNumber } from '../domain/id-number';
import { inEnglish, msg } from '../domain/messages';
import { businessInstantProblem, parseQueryInstant } from '../domain/shanghai-time';

/**
 * Optional in a JSON body: it may be left out, but `null` is not a value (class-validator's
 * IsOptional would let null through to the domain).
 */
export const IsOmittable = (options?: ValidationOptions): PropertyDecorator =>
  ValidateIf((_, value) => value !== undefined, options);

/** A credit or hour amount: a JSON number or string with at most two decimals, kept as a string. */
export function IsAmount(options?: ValidationOptions): PropertyDecorator {
  const transform = Transform(({ value }) => parseAmount(value) ?? value);
  const validate = ValidateBy(
    {
      name: 'isAmount',
      validator: {
        validate: (value: unknown) => typeof value === 'string' && parseAmount(value) === value,
        defaultMessage: (args) =>
          `${args?.property} must be a decimal amount such as 2 or 0.5 (at most two decimals)`,
      },
    },
    options,
  );
  return (target, key) => {
    transform(target, key);
    validate(target, key);
  };
}

/**
 * A business instant (earned, scanned, held, submitted): ISO 8601 with its offset, a date that
 * exists, from 1949-10-01 to one year ahead (src/shared/domain/shanghai-time.ts).
 */
export function IsInstant(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isInstant',
      validator: {
        validate: (value: unknown) => businessInstantProblem(value, new Date()) === null,
        defaultMessage: (args) =>
          `${args?.property} ${businessInstantProblem(args?.value, new Date()) ?? 'is not a valid instant'}`,
      },
    },
    options,
  );
}

/**
 * An instant a query asks about (asOf, recordedBefore): a date (`2026-06-30`, the end of that day
 * in Asia/Shanghai) or ISO 8601 with its offset, a real date; a `+` a query string turned into a
 * space is read as `+` (src/shared/domain/shanghai-time.ts, parseQueryInstant).
 */
export function IsQueryInstant(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isQueryInstant',
      validator: {
        validate: (value: unknown) => parseQueryInstant(value) !== null,
        defaultMessage: (args) =>
          inEnglish(msg('validation.query-instant', { field: args?.property ?? 'asOf' })),
      },
    },
    options,
  );
}

export function IsJurisdiction(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isJurisdiction',
      validator: {
        validate: (value: unknown) => typeof value === 'string' && /^CN(-[A-Z]{2})?$/.test(value),
        defaultMessage: (args) =>
          `${args?.property} must be CN or an ISO 3166-2 code such as CN-ZJ`,
      },
    },
    options,
  );
}

/** An organization (organizer, employer) id: opaque, never personal data. */
export const organizationIdPattern = /^[A-Za-z0-9][A-Za-z0-9_.:-]{0,99}$/;

export function IsOrganizationId(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isOrganizationId',
      validator: {
        validate: (value: unknown) =>
          typeof value === 'string' && organizationIdPattern.test(value),
        defaultMessage: (args) =>
          `${args?.property} must be an opaque organization id (letters, digits, _ . : -; at most 100)`,
      },
    },
    options,
  );
}

/** GB 11643 resident ID; the message never repeats the value. */
export function IsIdNumber(options?: ValidationOptions): PropertyDecorator {
  const transform = Transform(({ value }) =>
    typeof value === 'string' ? normaliseIdNumber(value) : value,
  );
  const validate = ValidateBy(
    {
      name: 'isIdNumber',
      validator: {
        validate: (value: unknown) => idNumberProblem(value) === null,
        defaultMessage: (args) => idNumberProblem(args?.value) ?? 'idNumber is invalid',
      },
    },
    options,
  );
  return (target, key) => {
    transform(target, key);
    validate(target, key);
  };
}

/** Opaque ids made by compositeId (sessions, credits). */
export const compositeIdPattern = /^[A-Za-z0-9_-]{43}$/;

/** Largest number either half of a log position may have (PostgreSQL's bigint). */
const logPositionPartMax = 2n ** 63n - 1n;

/** A log position "commit:prepare" from a previous page, each part within 0 … 2^63 − 1. */
export function IsLogPosition(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isLogPosition',
      validator: {
        validate: (value: unknown) => {
          const match = typeof value === 'string' ? /^(\d{1,20}):(\d{1,20})$/.exec(value) : null;
          return (
            match !== null &&
            BigInt(match[1]) <= logPositionPartMax &&
            BigInt(match[2]) <= logPositionPartMax
          );
        },
        defaultMessage: (args) =>
          `${args?.property} must be a log position "commit:prepare" from a previous page (each part at most ${logPositionPartMax})`,
      },
    },
    options,
  );
}

/** A credit year in a query or path (text turned into a number): a whole number, 2000–2100. */
export function IsCreditYear(): PropertyDecorator {
  return (target, key) => {
    Type(() => Number)(target, key);
    IsInt({ message: 'year must be a whole number' })(target, key);
    Min(2000)(target, key);
    Max(2100)(target, key);
  };
}
