import { Transform } from 'class-transformer';
import { ValidateBy, ValidateIf, ValidationOptions } from 'class-validator';
import { parseAmount } from '../domain/credits';
import { idNumberProblem, normaliseIdNumber } from '../domain/id-number';
import { isoInstantWithOffset } from '../domain/shanghai-time';

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

/** An ISO 8601 instant with its offset: 2026-05-01T09:00:00+08:00. */
export function IsInstant(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isInstant',
      validator: {
        validate: (value: unknown) =>
          typeof value === 'string' &&
          isoInstantWithOffset.test(value) &&
          !Number.isNaN(Date.parse(value)),
        defaultMessage: (args) =>
          `${args?.property} must be an ISO 8601 instant with its offset, e.g. 2026-05-01T09:00:00+08:00`,
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
